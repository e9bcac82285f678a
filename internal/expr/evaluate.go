package expr

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"
	"github.com/noderun/noderun/nodes"
)

// evaluator implements Evaluator: its options and a cache of compiled
// expressions (the runtimes are pooled process-wide, see runtime.go).
type evaluator struct {
	opts  Options
	cache sync.Map // expression string -> *compiled
}

// The property names every object inherits, read once from a runtime.
var (
	protoOnce  sync.Once
	protoNames map[string]bool
)

func newEvaluator(opts Options) *evaluator {
	if opts.Timeout <= 0 {
		opts.Timeout = defaultTimeout
	}
	return &evaluator{opts: opts}
}

// protoHas reports whether every object inherits a property called name
// (Object.prototype members, extension methods): a fast-path read of a
// missing key with that name needs JavaScript.
func (e *evaluator) protoHas(name string) bool { return inheritedName(name) }

// inheritedName is protoHas as a plain function: the fast paths pass it
// without allocating a method value per evaluation.
func inheritedName(name string) bool {
	protoOnce.Do(func() {
		names := map[string]bool{"__proto__": true}
		v, err := getVM(nil)
		if err != nil {
			return // protoNames stays nil: every miss falls back to goja
		}
		defer putVM(v)
		proto := v.rt.Get("Object").ToObject(v.rt).Get("prototype").ToObject(v.rt)
		for _, k := range proto.GetOwnPropertyNames() {
			names[k] = true
		}
		protoNames = names
	})
	return protoNames == nil || protoNames[name]
}

func (e *evaluator) check(s string) error {
	if !IsExpression(s) {
		return nil
	}
	var se *SyntaxError
	if err := e.compile(s).err; errors.As(err, &se) {
		return se
	}
	return nil
}

func (e *evaluator) evaluate(s string, d *Data) (any, error) {
	if !IsExpression(s) {
		return s, nil
	}
	if d == nil {
		d = &Data{}
	}
	c := e.compile(s)
	if c.err != nil {
		return nil, c.err
	}
	if val, ok := e.fast(c, d); ok {
		return val, nil
	}
	var out any
	err := e.withVM(d, func(v *vm, sc *scope) error {
		var err error
		out, err = v.evalCompiled(c, sc, false)
		return err
	})
	return out, err
}

func (e *evaluator) evaluateString(s string, d *Data) (string, error) {
	if !IsExpression(s) {
		return s, nil
	}
	if d == nil {
		d = &Data{}
	}
	c := e.compile(s)
	if c.err != nil {
		return "", c.err
	}
	if !c.whole {
		if val, ok := e.fast(c, d); ok {
			return val.(string), nil
		}
	}
	var out any
	err := e.withVM(d, func(v *vm, sc *scope) error {
		var err error
		out, err = v.evalCompiled(c, sc, true)
		return err
	})
	if err != nil {
		return "", err
	}
	return out.(string), nil
}

func (e *evaluator) resolve(value any, d *Data) (any, error) {
	if d == nil {
		d = &Data{}
	}
	// One runtime serves every expression of the value: taking it once
	// instead of per string saves the pool and scope set-up, which costs
	// about as much as a short evaluation.
	var sess vmSession
	defer sess.release()
	return resolveWalk(value, "", func(s string) (any, error) {
		if !IsExpression(s) {
			return s, nil
		}
		c := e.compile(s)
		if c.err != nil {
			return nil, c.err
		}
		if val, ok := e.fast(c, d); ok {
			return val, nil
		}
		return sess.eval(e, d, c)
	})
}

// vmSession holds one pooled runtime across several evaluations with the
// same data; the zero value takes a runtime on first use.
type vmSession struct {
	v      *vm
	sc     *scope
	broken bool
}

// eval evaluates c on the session's runtime, bounded by Options.Timeout.
func (s *vmSession) eval(e *evaluator, d *Data, c *compiled) (out any, err error) {
	if s.broken {
		s.v = nil
	}
	if s.v == nil {
		v, err := getVM(d.Timezone)
		if err != nil {
			return nil, err
		}
		s.v, s.sc, s.broken = v, v.rootScope(e, d), false
	}
	s.v.arm(e.opts.Timeout)
	defer func() {
		s.v.disarm()
		if r := recover(); r != nil {
			err = recovered(r)
			if err == nil {
				err = fmt.Errorf("expressions: internal error: %v", r)
			}
			s.broken = true // a runtime that panicked is not reused
		}
	}()
	return s.v.evalCompiled(c, s.sc, false)
}

// release returns the runtime to the pool.
func (s *vmSession) release() {
	if s.v == nil || s.broken {
		return
	}
	s.sc.reset(nil)
	putVM(s.v)
	s.v = nil
}

// resolveWalk returns value with every expression string replaced by what
// eval returns. Maps and slices are copied only where something inside
// them changed (copy on write), so literal parameters cost nothing.
// Errors name the parameter path, built only when one happens.
func resolveWalk(value any, path string, eval func(string) (any, error)) (any, error) {
	out, _, err := walkResolve(value, eval)
	if err != nil {
		var pe *paramPathError
		if errors.As(err, &pe) {
			full := joinPath(path, pe.path)
			if full == "" {
				return nil, pe.err
			}
			return nil, fmt.Errorf("parameter %q: %w", full, pe.err)
		}
		if path != "" {
			return nil, fmt.Errorf("parameter %q: %w", path, err)
		}
		return nil, err
	}
	return out, nil
}

// paramPathError carries the path (relative to the walk's root) of the
// value whose expression failed.
type paramPathError struct {
	path string
	err  error
}

func (e *paramPathError) Error() string { return e.path + ": " + e.err.Error() }
func (e *paramPathError) Unwrap() error { return e.err }

// under prefixes err's path with a map key or slice index.
func under(seg string, index bool, err error) error {
	var pe *paramPathError
	if !errors.As(err, &pe) {
		pe = &paramPathError{err: err}
	}
	switch {
	case index:
		pe.path = "[" + seg + "]" + dotIfKey(pe.path)
	case pe.path == "":
		pe.path = seg
	case pe.path[0] == '[':
		pe.path = seg + pe.path
	default:
		pe.path = seg + "." + pe.path
	}
	return pe
}

func dotIfKey(p string) string {
	if p == "" || p[0] == '[' {
		return p
	}
	return "." + p
}

// walkResolve is resolveWalk's recursion; changed reports whether the
// result differs from value (and so is a fresh copy).
func walkResolve(value any, eval func(string) (any, error)) (any, bool, error) {
	switch t := value.(type) {
	case string:
		if !IsExpression(t) {
			return value, false, nil // value, not t: no new interface box
		}
		v, err := eval(t)
		return v, true, err
	case map[string]any:
		var out map[string]any
		for k, x := range t {
			r, changed, err := walkResolve(x, eval)
			if err != nil {
				return nil, false, under(k, false, err)
			}
			if changed && out == nil {
				out = make(map[string]any, len(t))
				for k2, x2 := range t {
					out[k2] = x2
				}
				if order, ok := nodes.KeyOrder(t); ok {
					nodes.SetKeyOrder(out, order)
				}
			}
			if out != nil {
				out[k] = r
			}
		}
		if out == nil {
			return value, false, nil
		}
		return out, true, nil
	case []any:
		var out []any
		for i, x := range t {
			r, changed, err := walkResolve(x, eval)
			if err != nil {
				return nil, false, under(strconv.Itoa(i), true, err)
			}
			if changed && out == nil {
				out = make([]any, len(t))
				copy(out, t)
			}
			if out != nil {
				out[i] = r
			}
		}
		if out == nil {
			return value, false, nil
		}
		return out, true, nil
	}
	return value, false, nil
}

func joinPath(path, key string) string {
	switch {
	case path == "":
		return key
	case key == "":
		return path
	case key[0] == '[':
		return path + key
	}
	return path + "." + key
}

// fast evaluates c without JavaScript when every chunk is a pure $json
// path whose value Go can produce exactly; ok is false otherwise.
func (e *evaluator) fast(c *compiled, d *Data) (any, bool) {
	if d.ItemIndex < 0 || d.ItemIndex >= len(d.Input) {
		return nil, false
	}
	root := d.Input[d.ItemIndex].JSON
	if c.whole {
		p := c.pieces[0].code.path
		if p == nil {
			if bo := c.pieces[0].code.binop; bo != nil {
				return bo.eval(root, inheritedName)
			}
			if fx := c.pieces[0].code.fx; fx != nil {
				val, res := fx.eval(d, root, inheritedName)
				return val, res != fastFallback
			}
			return nil, false
		}
		val, res := p.read(root, inheritedName)
		switch res {
		case fastValue:
			return copyJSON(val), true
		case fastUndefined:
			return nil, true
		}
		return nil, false
	}
	var b strings.Builder
	for _, pc := range c.pieces {
		if pc.code == nil {
			b.WriteString(pc.text)
			continue
		}
		if pc.code.prog == nil {
			continue // empty chunk
		}
		if pc.code.path == nil {
			if fx := pc.code.fx; fx != nil {
				val, res := fx.eval(d, root, inheritedName)
				if res == fastFallback {
					return nil, false
				}
				b.WriteString(goTemplateString(val))
				continue
			}
			if pc.code.binop == nil {
				return nil, false
			}
			val, ok := pc.code.binop.eval(root, inheritedName)
			if !ok {
				return nil, false
			}
			b.WriteString(goTemplateString(val))
			continue
		}
		val, res := pc.code.path.read(root, inheritedName)
		switch res {
		case fastFallback:
			return nil, false
		case fastValue:
			b.WriteString(goTemplateString(val))
		}
	}
	return b.String(), true
}

// withVM runs f on a pooled runtime with its root scope set to d, bounded
// by Options.Timeout.
func (e *evaluator) withVM(d *Data, f func(*vm, *scope) error) (err error) {
	v, err := getVM(d.Timezone)
	if err != nil {
		return err
	}
	sc := v.rootScope(e, d)
	v.arm(e.opts.Timeout)
	defer func() {
		v.disarm()
		sc.reset(nil)
		if r := recover(); r != nil {
			err = recovered(r)
			if err == nil {
				err = fmt.Errorf("expressions: internal error: %v", r)
			}
			return // a runtime that panicked is not reused
		}
		putVM(v)
	}()
	return f(v, sc)
}

// evalCompiled evaluates a compiled expression in scope sc. asString
// selects returnObjectAsString rendering for whole-value objects.
func (v *vm) evalCompiled(c *compiled, sc *scope, asString bool) (any, error) {
	if c.err != nil {
		return nil, c.err
	}
	if c.whole {
		val, err := v.run(c.pieces[0].code, sc)
		if err != nil {
			return nil, err
		}
		if err := v.functionResult(val); err != nil {
			return nil, err
		}
		if asString {
			return v.objectAsString(val)
		}
		return v.export(val, 0), nil
	}
	var b strings.Builder
	for _, pc := range c.pieces {
		if pc.code == nil {
			b.WriteString(pc.text)
			continue
		}
		val, err := v.run(pc.code, sc)
		if err != nil {
			return nil, err
		}
		s, err := v.templateString(val)
		if err != nil {
			return nil, err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// functionResult is n8n's error for a whole-value expression that yields
// a function (a method named without calling it).
func (v *vm) functionResult(val goja.Value) error {
	obj, ok := val.(*goja.Object)
	if !ok {
		return nil
	}
	if dt := v.rt.Get("DateTime"); dt != nil && obj.SameAs(dt) {
		return &ExpressionError{Message: "this is a DateTime, please access its methods"}
	}
	if _, isFunc := goja.AssertFunction(obj); !isFunc {
		return nil
	}
	if name := obj.Get("name"); name != nil && name.String() == "DateTime" {
		return &ExpressionError{Message: "this is a DateTime, please access its methods"}
	}
	return &ExpressionError{Message: "this is a function, please add ()"}
}

// templateString renders a chunk value in template mode: undefined, null
// and NaN are empty, everything else is JavaScript's String(value).
func (v *vm) templateString(val goja.Value) (s string, err error) {
	if val == nil || goja.IsUndefined(val) || goja.IsNull(val) || goja.IsNaN(val) {
		return "", nil
	}
	defer func() {
		if r := recover(); r != nil {
			s, err = "", recovered(r)
		}
	}()
	return val.String(), nil
}

// objectAsString is n8n's convertObjectValueToString for whole-value
// results of returnObjectAsString callers.
func (v *vm) objectAsString(val goja.Value) (string, error) {
	obj, ok := val.(*goja.Object)
	if !ok {
		return v.templateString(val)
	}
	if obj.ClassName() != "Array" {
		if t, ok := exportDateTime(obj); ok {
			return "[DateTime: " + dateTimeISO(t) + "]", nil
		}
	}
	x := v.export(val, 0)
	typeName := "Object"
	switch {
	case obj.ClassName() == "Date":
		typeName = "Date"
	case obj.ClassName() == "Array":
		typeName = "Array"
	}
	if typeName == "Date" {
		if t, ok := obj.Export().(time.Time); ok && x != nil {
			return "[Date: " + dateTimeISO(t.In(v.zone)) + "]", nil
		}
		return "[Date: null]", nil
	}
	var b strings.Builder
	jsJSON(&b, x)
	s := strings.ReplaceAll(b.String(), `,"`, `, "`)
	s = strings.ReplaceAll(s, `":`, `": `)
	return "[" + typeName + ": " + s + "]", nil
}

// paramObject is $parameter: the node's parameters, each resolved on first
// read within the current evaluation.
type paramObject struct {
	s      *scope
	params map[string]any
	vals   map[string]goja.Value
}

// Get implements goja.DynamicObject.
func (p *paramObject) Get(key string) goja.Value {
	if val, ok := p.vals[key]; ok {
		return val
	}
	raw, ok := p.params[key]
	if !ok {
		return nil
	}
	s := p.s
	if s.resolving[key] {
		s.vm.throwExpr("Circular reference in $parameter", fmt.Sprintf("The parameter %q references itself", key))
	}
	if s.resolving == nil {
		s.resolving = make(map[string]bool)
	}
	s.resolving[key] = true
	defer delete(s.resolving, key)
	out, err := resolveWalk(raw, key, func(str string) (any, error) {
		return s.vm.evalCompiled(s.ev.compile(str), s, false)
	})
	if err != nil {
		var ee *ExpressionError
		if errors.As(err, &ee) {
			s.vm.throw(ee)
		}
		s.vm.throw(err)
	}
	val := s.vm.wrap(out)
	if p.vals == nil {
		p.vals = make(map[string]goja.Value)
	}
	p.vals[key] = val
	return val
}

// Set implements goja.DynamicObject (read-only).
func (p *paramObject) Set(string, goja.Value) bool { return false }

// Has implements goja.DynamicObject.
func (p *paramObject) Has(key string) bool { _, ok := p.params[key]; return ok }

// Delete implements goja.DynamicObject.
func (p *paramObject) Delete(string) bool { return false }

// Keys implements goja.DynamicObject.
func (p *paramObject) Keys() []string {
	keys := make([]string, 0, len(p.params))
	for k := range p.params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	sortKeys(keys)
	return keys
}
