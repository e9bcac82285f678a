package expr

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// Code defaults.
const (
	// DefaultCodeTimeout is the CPU deadline of one Run (n8n's task
	// runner's default task timeout).
	DefaultCodeTimeout = 60 * time.Second
	// DefaultCodeMaxMemory is how much the Go heap may grow during one Run.
	DefaultCodeMaxMemory = 512 << 20
	// DefaultCodeMaxStringLength caps strings built by native methods
	// (repeat, padStart, padEnd, join).
	DefaultCodeMaxStringLength = 1 << 26
	// DefaultCodeMaxArrayLength caps the arrays native methods walk.
	DefaultCodeMaxArrayLength = 1 << 25
)

// CodeOptions configure a CodeRunner.
type CodeOptions struct {
	// Timeout bounds one Run (CPU deadline); 0 means DefaultCodeTimeout.
	Timeout time.Duration
	// MaxMemory bounds the heap growth of one Run in bytes; 0 means
	// DefaultCodeMaxMemory.
	MaxMemory uint64
	// MaxStringLength caps the result of repeat/padStart/padEnd/join; 0
	// means DefaultCodeMaxStringLength.
	MaxStringLength int
	// MaxArrayLength caps the length of arrays that native methods walk or
	// build (Array.from, join, fill, map ...); 0 means
	// DefaultCodeMaxArrayLength.
	MaxArrayLength int
	// Env answers $env; nil denies it as in expressions.
	Env func(name string) (string, bool)
	// Console receives each console.log call, its arguments formatted as
	// n8n's task runner does (strings quoted, the rest as JSON).
	Console func(args []string)
	// StaticData seeds $getWorkflowStaticData("global"|"node").
	StaticData map[string]map[string]any
}

// CodeGlobal is a placeholder value in Run's globals that stands for part
// of the input data, shared (same JavaScript object) with $input and $json.
type CodeGlobal int

// Placeholders for Run's globals.
const (
	// InputItems is the array of input items ($input.all()).
	InputItems CodeGlobal = iota + 1
	// InputItem is the current input item ($input.item).
	InputItem
	// InputItemJSON is the current input item's json ($json).
	InputItemJSON
	// StaticDataFunc is $getWorkflowStaticData (the legacy Function nodes
	// call it getWorkflowStaticData).
	StaticDataFunc
)

// CodeError is a failure of user code: a thrown value, a syntax error, a
// timeout or a resource limit.
type CodeError struct {
	// Message is the error's message (for thrown values not an Error, their
	// JSON).
	Message string
	// Type is the error's constructor name ("TypeError"), "" when unknown.
	Type string
	// Line is the 1-based line of the code where it was thrown; 0 unknown.
	Line int
	// Limit is set when a sandbox limit stopped the code: "timeout",
	// "memory" or "cancelled".
	Limit string
	// NotError is true when the code threw a value that is not an Error
	// (Message is then its JSON).
	NotError bool
	// Expression is set when the error came from the data proxy (an
	// ExpressionError such as an unknown node or denied $env); n8n reports
	// those with their own message and description, without a line.
	Expression *ExpressionError
}

// Error implements error: "[Type: ]message[ [line N]]".
func (e *CodeError) Error() string {
	s := e.Message
	if e.Type != "" && e.Type != "Error" {
		s = e.Type + ": " + s
	}
	if e.Line > 0 {
		s += " [line " + strconv.Itoa(e.Line) + "]"
	}
	return s
}

// CodeRunner runs user JavaScript (a Code node's body) in one fresh,
// sandboxed goja runtime with the expression globals ($input, $json,
// $('Node'), $now, Luxon, the extension methods ...). A runner serves one
// node run: state the code leaves in the runtime (globals, prototype
// changes) dies with it. It is not safe for concurrent use.
type CodeRunner struct {
	ev    *evaluator
	vm    *vm
	opts  CodeOptions
	progs map[string]goja.Callable

	// cur are the globals of the current Run, read by the global accessors.
	cur map[string]goja.Value
	// pending are the Run's extra globals, converted on first read.
	pending map[string]any
	// isVar marks the data-proxy globals.
	isVar map[string]bool
	// defined are the accessor globals installed so far.
	defined map[string]bool
	sc      *scope
	data    *Data
	// items are the input items as JavaScript objects, built once.
	items     []*goja.Object
	itemsSrc  *Data
	static    map[string]*goja.Object
	staticSrc map[string]map[string]any
	// errProto is Error.prototype as built (user code cannot swap it).
	errProto *goja.Object
}

// NewCodeRunner returns a runner with a fresh runtime.
func NewCodeRunner(opts CodeOptions) (*CodeRunner, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultCodeTimeout
	}
	if opts.MaxMemory == 0 {
		opts.MaxMemory = DefaultCodeMaxMemory
	}
	if opts.MaxStringLength <= 0 {
		opts.MaxStringLength = DefaultCodeMaxStringLength
	}
	if opts.MaxArrayLength <= 0 {
		opts.MaxArrayLength = DefaultCodeMaxArrayLength
	}
	v, err := newCodeVM(opts)
	if err != nil {
		return nil, err
	}
	c := &CodeRunner{
		ev: newEvaluator(Options{Timeout: opts.Timeout, Env: opts.Env}), vm: v, opts: opts,
		progs: map[string]goja.Callable{}, defined: map[string]bool{},
		static: map[string]*goja.Object{}, staticSrc: opts.StaticData,
	}
	if ctor, ok := v.rt.Get("Error").(*goja.Object); ok {
		c.errProto, _ = ctor.Get("prototype").(*goja.Object)
	}
	if err := c.installStatic(); err != nil {
		return nil, err
	}
	return c, nil
}

// codeVars are the data-proxy variables exposed as globals to code.
var codeVars = []string{
	"$json", "$data", "$binary", "$input", "$itemIndex", "$runIndex", "$position",
	"$thisItem", "$thisItemIndex", "$thisRunIndex", "$parameter", "$rawParameter",
	"$nodeVersion", "$nodeId", "$webhookId", "$prevNode", "$node", "$", "$items",
	"$item", "$env", "$now", "$today", "$workflow", "$execution", "$vars", "$mode",
}

// Run runs code as the body of an async function against data, with the
// extra globals (CodeGlobal placeholders or Go values). It returns the
// function's result converted to Go (JSON-like values, as n8n's task
// runner serializes them); defined is false when the code returned
// undefined. Errors from the code are *CodeError.
func (c *CodeRunner) Run(ctx context.Context, code string, data *Data, globals map[string]any) (result any, defined bool, err error) {
	if data == nil {
		data = &Data{}
	}
	fn, err := c.compile(code)
	if err != nil {
		return nil, false, err
	}
	tz := data.Timezone
	if tz == nil {
		tz = defaultZone
	}
	if c.vm.zone != tz {
		setZone(c.vm.rt, tz)
		c.vm.zone = tz
	}
	c.data = data
	if c.sc == nil {
		c.sc = c.vm.newScope(c.ev, data)
	} else {
		c.sc.reset(data)
	}
	c.cur = map[string]goja.Value{}
	if c.isVar == nil {
		c.isVar = make(map[string]bool, len(codeVars))
		for _, k := range codeVars {
			c.isVar[k] = true
		}
	}
	for _, k := range codeVars {
		c.define(k)
	}
	c.pending = globals
	for k := range globals {
		c.define(k)
	}

	stop := c.watch(ctx)
	defer func() {
		stop()
		c.vm.rt.ClearInterrupt()
		if r := recover(); r != nil {
			result, defined, err = nil, false, c.codeError(r)
		}
	}()
	val, callErr := fn(c.vm.rt.GlobalObject())
	if callErr != nil {
		return nil, false, c.codeError(callErr)
	}
	if p, ok := val.Export().(*goja.Promise); ok {
		switch p.State() {
		case goja.PromiseStateRejected:
			return nil, false, c.thrown(p.Result())
		case goja.PromiseStatePending:
			return nil, false, &CodeError{Message: "The code's promise never settled (timers and network are not available in noderun's Code node)"}
		}
		val = p.Result()
	}
	if val == nil || goja.IsUndefined(val) {
		return nil, false, nil
	}
	out, err := c.exportCode(val, 0)
	if err != nil {
		return nil, false, err
	}
	return out, true, nil
}

// StaticData returns $getWorkflowStaticData's objects as Go values, with
// what the code wrote to them.
func (c *CodeRunner) StaticData() map[string]map[string]any {
	out := map[string]map[string]any{}
	for k, o := range c.static {
		if m, ok := c.vm.export(o, 0).(map[string]any); ok {
			out[k] = m
		}
	}
	return out
}

// compile returns the function for code, compiled once per runner.
func (c *CodeRunner) compile(code string) (goja.Callable, error) {
	if f, ok := c.progs[code]; ok {
		return f, nil
	}
	src := "(async function VmCodeWrapper() {" + code + "\n})"
	prog, err := goja.Compile(codeFile, src, false)
	if err != nil {
		return nil, compileError(err)
	}
	val, err := c.vm.rt.RunProgram(prog)
	if err != nil {
		return nil, c.codeError(err)
	}
	f, ok := goja.AssertFunction(val)
	if !ok {
		return nil, errors.New("code: wrapper did not compile to a function")
	}
	c.progs[code] = f
	return f, nil
}

// codeFile names compiled code in stack traces.
const codeFile = "Code"

var (
	syntaxLineRe = regexp.MustCompile(`Line (\d+):\d+ (.*)`)
	stackLineRe  = regexp.MustCompile(codeFile + `:(\d+):\d+`)
	moreErrorsRe = regexp.MustCompile(`\s*\(and \d+ more errors?\)`)
)

// compileError turns a goja compile error into a SyntaxError CodeError.
func compileError(err error) error {
	msg := err.Error()
	ce := &CodeError{Type: "SyntaxError", Message: msg}
	if m := syntaxLineRe.FindStringSubmatch(msg); m != nil {
		ce.Line, _ = strconv.Atoi(m[1])
		ce.Message = strings.TrimSpace(moreErrorsRe.ReplaceAllString(m[2], ""))
	}
	return ce
}

// define installs an accessor global reading c.cur[name] (or the scope).
func (c *CodeRunner) define(name string) {
	if c.defined[name] {
		return
	}
	c.defined[name] = true
	rt := c.vm.rt
	get := rt.ToValue(func(goja.FunctionCall) goja.Value {
		if v, ok := c.cur[name]; ok {
			return v
		}
		var v goja.Value
		if g, ok := c.pending[name]; ok {
			v = c.value(g)
		} else if c.isVar[name] {
			v = c.variable(name)
		} else {
			panic(c.vm.rt.NewTypeError("%s is not defined", name))
		}
		c.cur[name] = v
		return v
	})
	set := rt.ToValue(func(call goja.FunctionCall) goja.Value {
		c.cur[name] = call.Argument(0)
		return goja.Undefined()
	})
	_ = rt.GlobalObject().DefineAccessorProperty(name, get, set, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// variable builds a data-proxy global, sharing the input item objects.
func (c *CodeRunner) variable(name string) goja.Value {
	switch name {
	case "$json", "$data":
		if o := c.item(c.data.ItemIndex); o != nil {
			return o.Get("json")
		}
		return goja.Undefined()
	case "$input":
		return c.input()
	}
	return c.sc.Get(name)
}

// value converts a Run global.
func (c *CodeRunner) value(g any) goja.Value {
	switch g {
	case InputItems:
		return c.itemsArray()
	case InputItem:
		if o := c.item(c.data.ItemIndex); o != nil {
			return o
		}
		return goja.Undefined()
	case InputItemJSON:
		if o := c.item(c.data.ItemIndex); o != nil {
			return o.Get("json")
		}
		return goja.Undefined()
	case StaticDataFunc:
		return c.vm.rt.GlobalObject().Get("$getWorkflowStaticData")
	}
	return c.vm.wrap(g)
}

// item returns input item i as a shared JavaScript object.
func (c *CodeRunner) item(i int) *goja.Object {
	if c.itemsSrc == nil || len(c.itemsSrc.Input) != len(c.data.Input) {
		c.items = make([]*goja.Object, len(c.data.Input))
		c.itemsSrc = c.data
	}
	if i < 0 || i >= len(c.items) {
		return nil
	}
	if c.items[i] == nil {
		c.items[i] = c.vm.itemObject(c.data.Input[i], true)
	}
	return c.items[i]
}

// itemsArray is a new array of the shared input item objects.
func (c *CodeRunner) itemsArray() *goja.Object {
	vals := make([]any, len(c.data.Input))
	for i := range vals {
		vals[i] = c.item(i)
	}
	return c.vm.rt.NewArray(vals...)
}

// input builds $input over the shared item objects.
func (c *CodeRunner) input() goja.Value {
	rt := c.vm.rt
	o := rt.NewObject()
	_ = o.Set("all", func(goja.FunctionCall) goja.Value { return c.itemsArray() })
	_ = o.Set("first", func(goja.FunctionCall) goja.Value {
		if o := c.item(0); o != nil {
			return o
		}
		return goja.Undefined()
	})
	_ = o.Set("last", func(goja.FunctionCall) goja.Value {
		if o := c.item(len(c.data.Input) - 1); o != nil {
			return o
		}
		return goja.Undefined()
	})
	_ = o.DefineAccessorProperty("item", rt.ToValue(func(goja.FunctionCall) goja.Value {
		if o := c.item(c.data.ItemIndex); o != nil {
			return o
		}
		return goja.Undefined()
	}), nil, goja.FLAG_FALSE, goja.FLAG_TRUE)
	orig := c.sc.Get("$input")
	if oi, ok := orig.(*goja.Object); ok {
		_ = o.Set("params", oi.Get("params"))
		_ = o.Set("context", oi.Get("context"))
	}
	return o
}

// installStatic defines $getWorkflowStaticData.
func (c *CodeRunner) installStatic() error {
	rt := c.vm.rt
	return rt.GlobalObject().DefineDataProperty("$getWorkflowStaticData", rt.ToValue(func(call goja.FunctionCall) goja.Value {
		kind := call.Argument(0).String()
		if kind != "global" && kind != "node" {
			panic(rt.NewTypeError(`The static data type %q is not known. Only "global" and "node" can be used.`, kind))
		}
		if o, ok := c.static[kind]; ok {
			return o
		}
		b, _ := json.Marshal(anyMap(c.staticSrc[kind]))
		var o *goja.Object
		if v, err := rt.RunString("(" + string(b) + ")"); err == nil {
			o, _ = v.(*goja.Object)
		}
		if o == nil {
			o = rt.NewObject()
		}
		c.static[kind] = o
		return o
	}), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_FALSE)
}

// Errors the watchdog interrupts a run with.
var (
	errCodeMemory    = errors.New("memory")
	errCodeTimeout   = errors.New("timeout")
	errCodeCancelled = errors.New("cancelled")
)

// watch starts the CPU deadline, the context watcher and the heap
// watchdog for one Run. stop ends them and returns only once the watcher
// can no longer interrupt the runtime, so a late interrupt never reaches
// the next Run.
func (c *CodeRunner) watch(ctx context.Context) (stop func()) {
	rt := c.vm.rt
	done := make(chan struct{})
	exited := make(chan struct{})
	base := heapBytes()
	go func() {
		defer close(exited)
		deadline := time.NewTimer(c.opts.Timeout)
		defer deadline.Stop()
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				rt.Interrupt(errCodeCancelled)
				return
			case <-deadline.C:
				rt.Interrupt(errCodeTimeout)
				return
			case <-tick.C:
				if h := heapBytes(); h > base && h-base > c.opts.MaxMemory {
					rt.Interrupt(errCodeMemory)
					return
				}
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			<-exited
		})
	}
}

// codeError converts an error or panic from running code.
func (c *CodeRunner) codeError(r any) error {
	var ie *goja.InterruptedError
	switch t := r.(type) {
	case *goja.InterruptedError:
		ie = t
	case *goja.Exception:
		return c.thrown(t.Value())
	case goja.Value:
		return c.thrown(t)
	case error:
		if errors.As(t, &ie) {
			break
		}
		var ex *goja.Exception
		if errors.As(t, &ex) {
			return c.thrown(ex.Value())
		}
		var se *goja.StackOverflowError
		if errors.As(t, &se) {
			return &CodeError{Type: "RangeError", Message: "Maximum call stack size exceeded"}
		}
		return t
	default:
		return fmt.Errorf("code: internal error: %v", r)
	}
	switch ie.Value() {
	case errCodeTimeout:
		secs := int(c.opts.Timeout / time.Second)
		unit := "seconds"
		if secs == 1 {
			unit = "second"
		}
		if c.opts.Timeout < time.Second {
			return &CodeError{Limit: "timeout", Message: fmt.Sprintf("Task execution timed out after %s", c.opts.Timeout)}
		}
		return &CodeError{Limit: "timeout", Message: fmt.Sprintf("Task execution timed out after %d %s", secs, unit)}
	case errCodeMemory:
		return &CodeError{Limit: "memory", Message: fmt.Sprintf("Code used too much memory (more than %d MiB)", c.opts.MaxMemory>>20)}
	case errCodeCancelled:
		return &CodeError{Limit: "cancelled", Message: "Code execution was cancelled"}
	}
	if e, ok := ie.Value().(error); ok {
		return e
	}
	return &CodeError{Message: fmt.Sprint(ie.Value())}
}

// thrown converts a thrown JavaScript value as n8n's task runner does: an
// Error gives its name and message and the line it was thrown at; any
// other value its JSON.
func (c *CodeRunner) thrown(v goja.Value) error {
	if v == nil {
		return &CodeError{Message: "Unknown error"}
	}
	ge, isGo := goError(v)
	if o, ok := v.(*goja.Object); ok && !isGo {
		ge, isGo = goError(o.Get("value"))
	}
	if isGo {
		var ce *CodeError
		if errors.As(ge, &ce) {
			return ce
		}
		var ee *ExpressionError
		if errors.As(ge, &ee) {
			return &CodeError{Message: ee.Message, Type: "ExpressionError", Expression: ee}
		}
	}
	o, ok := v.(*goja.Object)
	if !ok || !c.isErrorObject(o) {
		x, xerr := c.exportCode(v, 0)
		b, err := json.Marshal(x)
		msg := string(b)
		if xerr != nil || err != nil || goja.IsUndefined(v) {
			msg = "Unknown error"
		}
		return &CodeError{Message: msg, NotError: true}
	}
	ce := &CodeError{Message: o.Get("message").String(), Type: o.Get("name").String()}
	if ge, ok := goError(o); ok && ce.Message == "" {
		ce.Message = ge.Error()
	}
	if st := o.Get("stack"); st != nil && !goja.IsUndefined(st) {
		if m := stackLineRe.FindStringSubmatch(st.String()); m != nil {
			ce.Line, _ = strconv.Atoi(m[1])
		}
	}
	return ce
}

// errorType is the error interface.
var errorType = reflect.TypeOf((*error)(nil)).Elem()

// goError returns the Go error v wraps, without exporting (converting) a
// value that is not one.
func goError(v goja.Value) (error, bool) {
	if v == nil {
		return nil, false
	}
	if _, isObj := v.(*goja.Object); !isObj {
		return nil, false
	}
	t := v.ExportType()
	if t == nil || !t.Implements(errorType) {
		return nil, false
	}
	e, ok := v.Export().(error)
	return e, ok
}

// isErrorObject reports whether o is an Error (or a Go error value).
func (c *CodeRunner) isErrorObject(o *goja.Object) bool {
	if _, ok := goError(o); ok {
		return true
	}
	for p, n := o.Prototype(), 0; p != nil && n < 100; p, n = p.Prototype(), n+1 {
		if c.errProto != nil && p.SameAs(c.errProto) {
			return true
		}
	}
	return false
}
