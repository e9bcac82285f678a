package expr

import (
	"fmt"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// defaultTimeout bounds one evaluation when Options.Timeout is 0.
const defaultTimeout = 5 * time.Second

// maxIdleVMs bounds the idle runtimes an Evaluator keeps.
const maxIdleVMs = 64

// maxCallStack bounds JavaScript recursion in an expression.
const maxCallStack = 1024

// defaultZone is n8n's default workflow timezone.
var defaultZone = mustZone("America/New_York")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// blanked are the globals n8n replaces with {} in expressions.
var blanked = []string{
	"eval", "Function", "require", "process", "Buffer", "fetch", "setTimeout",
	"setInterval", "setImmediate", "clearTimeout", "clearInterval", "clearImmediate",
	"Promise", "Reflect", "Proxy", "globalThis", "WebAssembly", "SharedArrayBuffer",
	"Atomics", "module", "exports", "global", "queueMicrotask",
}

// sandboxJS removes the constructors reachable from function values (the
// classic escape to a code-from-string Function) and installs n8n's
// helper functions.
const sandboxJS = `(function(){
	var protos = [
		Object.getPrototypeOf(function(){}),
		Object.getPrototypeOf(function*(){}),
		Object.getPrototypeOf(async function(){})
	];
	for (var i = 0; i < protos.length; i++) {
		Object.defineProperty(protos[i], 'constructor', {value: undefined, writable: false, configurable: false, enumerable: false});
	}
})()`

// freezeJS makes every global binding read-only and freezes the built-in
// namespaces and constructors, so an expression cannot change what later
// evaluations on the same pooled runtime see (prototypes stay reachable
// only through names the sanitizer refuses).
const freezeJS = `(function(g){
	var names = Object.getOwnPropertyNames(g);
	for (var i = 0; i < names.length; i++) {
		var d = Object.getOwnPropertyDescriptor(g, names[i]);
		if (d.configurable || d.writable) {
			Object.defineProperty(g, names[i], {writable: false, configurable: false});
		}
		var v = g[names[i]];
		if ((typeof v === 'function' || (typeof v === 'object' && v !== null)) && v !== g) Object.freeze(v);
	}
})(this)`

// helpersJS defines n8n's extended functions ($ifEmpty, $min ...).
const helpersJS = `(function(g){
	function ifEmpty(value, defaultValue) {
		if (arguments.length !== 2) throw __exprError('expected two arguments (value, defaultValue) for this function');
		if (value === undefined || value === null || value === '') return defaultValue;
		if (typeof value === 'object') {
			if (Array.isArray(value) && !value.length) return defaultValue;
			if (!Object.keys(value).length) return defaultValue;
		}
		return value;
	}
	function iff(condition, valueIfTrue, valueIfFalse) {
		if (arguments.length < 2) throw __exprError('$if requires at least 2 parameters: test, value_if_true[, and value_if_false]');
		return condition ? valueIfTrue : (arguments.length > 2 ? valueIfFalse : false);
	}
	function average() {
		if (arguments.length === 0) return 0;
		var s = 0;
		for (var i = 0; i < arguments.length; i++) s += arguments[i];
		return s / arguments.length;
	}
	function not(value) { return !value; }
	function sanitize(value) {
		var key = String(value);
		if (__unsafe(key)) throw __exprError('Cannot access "' + key + '" due to security concerns');
		return key;
	}
	function def(name, fn) { Object.defineProperty(g, name, {value: fn, writable: false, configurable: false, enumerable: false}); }
	def('$ifEmpty', ifEmpty);
	def('$if', iff);
	def('$min', Math.min);
	def('$max', Math.max);
	def('$average', average);
	def('$not', not);
	def('__sanitize', sanitize);
})(this)`

var (
	sandboxProg = goja.MustCompile("sandbox", sandboxJS, false)
	helpersProg = goja.MustCompile("helpers", helpersJS, false)
	freezeProg  = goja.MustCompile("freeze", freezeJS, false)
)

// vm is one pooled goja runtime with its per-runtime caches. Runtimes
// are shared by every Evaluator of the process: building one (extensions,
// sandbox) costs far more than an evaluation.
type vm struct {
	rt *goja.Runtime
	// fns caches each chunk's function in this runtime.
	fns map[*code]goja.Callable
	// globals are the global object's own property names (identifiers
	// that must not resolve on the data scope).
	globals map[string]bool
	// zone is the timezone ext was last set to.
	zone *time.Location
	// safeThis is `this` in expressions: a frozen {process: {}} as n8n's
	// ThisSanitizer substitutes.
	safeThis goja.Value
	// root is the reusable scope of top-level evaluations.
	root *scope

	// The timeout watchdog: timer fires interrupt, which interrupts the
	// runtime only while an evaluation is active and past its deadline.
	mu       sync.Mutex
	timer    *time.Timer
	active   bool
	deadline time.Time
}

// rootScope returns the runtime's top-level scope set to d.
func (v *vm) rootScope(e *evaluator, d *Data) *scope {
	if v.root == nil {
		v.root = v.newScope(e, d)
		return v.root
	}
	v.root.ev = e
	v.root.reset(d)
	return v.root
}

// arm starts the timeout for one top-level evaluation.
func (v *vm) arm(timeout time.Duration) {
	v.mu.Lock()
	v.active = true
	v.deadline = time.Now().Add(timeout)
	v.mu.Unlock()
	if v.timer == nil {
		v.timer = time.AfterFunc(timeout, v.interrupt)
	} else {
		v.timer.Reset(timeout)
	}
}

// interrupt is the timer callback; stale firings are ignored.
func (v *vm) interrupt() {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.active && !time.Now().Before(v.deadline) {
		v.rt.Interrupt(errTimeout)
	}
}

// disarm ends the evaluation's timeout and clears a delivered interrupt.
func (v *vm) disarm() {
	v.timer.Stop()
	v.mu.Lock()
	v.active = false
	v.mu.Unlock()
	v.rt.ClearInterrupt()
}

// pool holds idle runtimes. A channel rather than a sync.Pool, which
// drops its contents on every GC.
var pool = make(chan *vm, maxIdleVMs)

// maxFns bounds a runtime's cache of chunk functions; it is dropped when
// full (chunks of Evaluators no longer in use are never looked up again).
const maxFns = 10000

// newVM builds a sandboxed runtime with the extensions installed.
func newVM() (*vm, error) {
	rt := goja.New()
	rt.SetMaxCallStackSize(maxCallStack)
	v := &vm{rt: rt, fns: make(map[*code]goja.Callable), zone: defaultZone}
	if err := installExt(rt, defaultZone); err != nil {
		return nil, fmt.Errorf("expressions: installing extensions: %w", err)
	}
	// Internal helpers are read-only so expressions cannot disable them in
	// a pooled runtime.
	g := rt.GlobalObject()
	if err := g.DefineDataProperty("__exprError", rt.ToValue(func(call goja.FunctionCall) goja.Value {
		return rt.NewGoError(&ExpressionError{Message: call.Argument(0).String()})
	}), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
		return nil, err
	}
	if err := g.DefineDataProperty("__unsafe", rt.ToValue(func(call goja.FunctionCall) goja.Value {
		return rt.ToValue(unsafeProperties[call.Argument(0).String()])
	}), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
		return nil, err
	}
	if _, err := rt.RunProgram(helpersProg); err != nil {
		return nil, fmt.Errorf("expressions: installing helpers: %w", err)
	}
	if _, err := rt.RunProgram(sandboxProg); err != nil {
		return nil, fmt.Errorf("expressions: sandbox: %w", err)
	}
	for _, name := range blanked {
		if err := rt.Set(name, rt.NewObject()); err != nil {
			return nil, err
		}
	}
	safeThis, err := rt.RunString("Object.freeze({process: Object.freeze({})})")
	if err != nil {
		return nil, fmt.Errorf("expressions: sandbox: %w", err)
	}
	v.safeThis = safeThis
	if _, err := rt.RunProgram(freezeProg); err != nil {
		return nil, fmt.Errorf("expressions: sandbox: %w", err)
	}
	v.globals = make(map[string]bool)
	for _, k := range rt.GlobalObject().GetOwnPropertyNames() {
		v.globals[k] = true
	}
	return v, nil
}

// getVM takes a runtime from the pool (or builds one) set to tz.
func getVM(tz *time.Location) (*vm, error) {
	var v *vm
	select {
	case v = <-pool:
	default:
		var err error
		if v, err = newVM(); err != nil {
			return nil, err
		}
	}
	if tz == nil {
		tz = defaultZone
	}
	if v.zone != tz {
		setZone(v.rt, tz)
		v.zone = tz
	}
	return v, nil
}

// putVM returns a runtime to the pool.
func putVM(v *vm) {
	select {
	case pool <- v:
	default: // enough idle runtimes
	}
}

// fn returns the chunk's function in this runtime, creating it once.
func (v *vm) fn(c *code) (goja.Callable, error) {
	if f, ok := v.fns[c]; ok {
		return f, nil
	}
	val, err := v.rt.RunProgram(c.prog)
	if err != nil {
		return nil, err
	}
	f, ok := goja.AssertFunction(val)
	if !ok {
		return nil, fmt.Errorf("expressions: chunk did not compile to a function")
	}
	if len(v.fns) >= maxFns {
		clear(v.fns)
	}
	v.fns[c] = f
	return f, nil
}

// run evaluates one chunk in scope s. It returns undefined for every
// JavaScript error but an ExpressionError (or a timeout), as n8n does.
func (v *vm) run(c *code, s *scope) (val goja.Value, err error) {
	if c.prog == nil {
		return goja.Undefined(), nil
	}
	f, err := v.fn(c)
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			val, err = goja.Undefined(), recovered(r)
		}
	}()
	val, err = f(v.safeThis, s.obj)
	if err != nil {
		if ee := fatal(err); ee != nil {
			return nil, ee
		}
		return goja.Undefined(), nil
	}
	return val, nil
}
