package expr

import (
	"errors"
	"fmt"
	"runtime/metrics"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// codeMaxCallStack bounds recursion in code (V8 allows about ten thousand
// frames).
const codeMaxCallStack = 10000

// codeRemoved are globals code must not reach: code from strings.
var codeRemoved = []string{"eval", "Function"}

// codeSandboxJS removes the constructors reachable from function values
// (including async generators, which expressions cannot write) and sets
// up n8n's module/global shims.
const codeSandboxJS = `(function(g){
	var fns = ['(function*(){})', '(async function(){})', '(async function*(){})'];
	for (var i = 0; i < fns.length; i++) {
		try {
			var p = Object.getPrototypeOf(g.__codeEval(fns[i]));
			Object.defineProperty(p, 'constructor', {value: undefined, writable: false, configurable: false, enumerable: false});
		} catch (e) {}
	}
	Object.defineProperty(Object.getPrototypeOf(function(){}), 'constructor', {value: undefined, writable: false, configurable: false, enumerable: false});
	g.global = g;
	g.module = {exports: {}};
})(this)`

// newCodeVM builds the runtime of a CodeRunner: the expression
// extensions and helpers, no code-from-string, no host access, and caps on
// the native methods whose work goja cannot interrupt.
func newCodeVM(opts CodeOptions) (*vm, error) {
	rt := goja.New()
	rt.SetMaxCallStackSize(codeMaxCallStack)
	v := &vm{rt: rt, fns: make(map[*code]goja.Callable), zone: defaultZone, globals: map[string]bool{}}
	if err := installExt(rt, defaultZone); err != nil {
		return nil, fmt.Errorf("code: installing extensions: %w", err)
	}
	g := rt.GlobalObject()
	hidden := func(name string, fn any) error {
		return g.DefineDataProperty(name, rt.ToValue(fn), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	if err := hidden("__exprError", func(call goja.FunctionCall) goja.Value {
		return rt.NewGoError(&ExpressionError{Message: call.Argument(0).String()})
	}); err != nil {
		return nil, err
	}
	if err := hidden("__unsafe", func(call goja.FunctionCall) goja.Value {
		return rt.ToValue(unsafeProperties[call.Argument(0).String()])
	}); err != nil {
		return nil, err
	}
	if _, err := rt.RunProgram(helpersProg); err != nil {
		return nil, fmt.Errorf("code: installing helpers: %w", err)
	}
	// __codeEval exists only while the sandbox is set up.
	_ = g.Set("__codeEval", func(src string) goja.Value {
		val, err := rt.RunString(src)
		if err != nil {
			panic(rt.NewTypeError(err.Error()))
		}
		return val
	})
	if _, err := rt.RunString(codeSandboxJS); err != nil {
		return nil, fmt.Errorf("code: sandbox: %w", err)
	}
	_ = g.Delete("__codeEval")
	for _, name := range codeRemoved {
		_ = g.Delete(name)
	}
	errCtor, _ := rt.Get("Error").(*goja.Object)
	if err := hidden("require", func(call goja.FunctionCall) goja.Value {
		e, err := rt.New(errCtor, rt.ToValue(fmt.Sprintf("Module '%s' is disallowed", call.Argument(0).String())))
		if err != nil {
			panic(err)
		}
		panic(e)
	}); err != nil {
		return nil, err
	}
	if err := installHelpers(rt); err != nil {
		return nil, err
	}
	if err := installCaps(rt, opts.MaxStringLength, opts.MaxArrayLength); err != nil {
		return nil, err
	}
	if err := installConsole(rt, opts.Console); err != nil {
		return nil, err
	}
	return v, nil
}

// helperNames are the helpers n8n's task runner defines on the Code
// node's helpers object; noderun has no network or binary RPC behind
// them, so each throws n8n's UnsupportedFunctionError.
var helperNames = []string{"assertBinaryData", "getBinaryDataBuffer", "prepareBinaryData",
	"setBinaryDataBuffer", "binaryToString", "httpRequest", "request",
	"httpRequestWithAuthentication", "requestWithAuthenticationPaginated", "copyBinaryFile",
	"createReadStream", "getBinaryStream", "binaryToBuffer", "getBinaryMetadata", "getStoragePath",
	"getBinaryPath", "writeContentToFile", "copyInputItems", "returnJsonArray", "normalizeItems",
	"getSSHClient", "createDeferredPromise", "constructExecutionMetaData"}

// installHelpers defines helpers with every method unsupported.
func installHelpers(rt *goja.Runtime) error {
	h := rt.NewObject()
	for _, name := range helperNames {
		msg := `The function "helpers.` + name + `" is not supported in the Code Node`
		_ = h.Set(name, func(goja.FunctionCall) goja.Value {
			panic(rt.NewGoError(&ExpressionError{Message: msg}))
		})
	}
	return rt.GlobalObject().DefineDataProperty("helpers", h, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// consoleMethods are n8n's console methods; all but log do nothing.
var consoleMethods = []string{"warn", "error", "info", "debug", "trace", "dir", "time",
	"timeEnd", "timeLog", "assert", "clear", "count", "countReset", "group", "groupEnd",
	"groupCollapsed", "table", "dirxml", "profile", "profileEnd", "timeStamp"}

// installConsole defines console: log formats its arguments as n8n's
// task runner does and hands them to sink.
func installConsole(rt *goja.Runtime, sink func([]string)) error {
	c := rt.NewObject()
	noop := rt.ToValue(func(goja.FunctionCall) goja.Value { return goja.Undefined() })
	for _, m := range consoleMethods {
		_ = c.Set(m, noop)
	}
	stringify, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("stringify"))
	_ = c.Set("log", func(call goja.FunctionCall) goja.Value {
		if sink == nil {
			return goja.Undefined()
		}
		args := make([]string, len(call.Arguments))
		for i, a := range call.Arguments {
			if _, isObj := a.(*goja.Object); !isObj {
				if s, ok := a.Export().(string); ok {
					args[i] = "'" + s + "'"
					continue
				}
			}
			if goja.IsUndefined(a) {
				args[i] = "undefined"
				continue
			}
			out, err := stringify(goja.Undefined(), a)
			var ex *goja.Exception
			if errors.As(err, &ex) {
				if eo, ok := ex.Value().(*goja.Object); ok && eo.Get("name") != nil && eo.Get("name").String() == "RangeError" {
					panic(ex.Value()) // a sandbox cap, not a circular reference
				}
			}
			if err != nil || out == nil || goja.IsUndefined(out) {
				args[i] = a.String()
				continue
			}
			args[i] = out.String()
		}
		sink(args)
		return goja.Undefined()
	})
	return rt.GlobalObject().DefineDataProperty("console", c, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// installCaps replaces the native methods that build or walk strings and
// arrays of a size the code chooses with Go wrappers that check the size
// first and throw RangeError, since goja cannot interrupt native work. The
// originals stay reachable only from Go.
func installCaps(rt *goja.Runtime, maxStr, maxArr int) error {
	proto := func(ctor string) *goja.Object {
		return rt.Get(ctor).ToObject(rt).Get("prototype").ToObject(rt)
	}
	length := func(v goja.Value) int64 {
		if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
			return 0
		}
		o := v.ToObject(rt)
		l := o.Get("length")
		if l == nil {
			return 0
		}
		return l.ToInteger()
	}
	rangeCtor, _ := rt.Get("RangeError").(*goja.Object)
	rangeErr := func(msg string) {
		e, err := rt.New(rangeCtor, rt.ToValue(msg))
		if err != nil {
			panic(err)
		}
		panic(e)
	}
	wrap := func(obj *goja.Object, name string, check func(call goja.FunctionCall)) error {
		orig, ok := goja.AssertFunction(obj.Get(name))
		if !ok {
			return nil // not in this goja version
		}
		fn := rt.ToValue(func(call goja.FunctionCall) goja.Value {
			check(call)
			val, err := orig(call.This, call.Arguments...)
			if err != nil {
				if ex, ok := err.(*goja.Exception); ok {
					panic(ex.Value())
				}
				panic(err)
			}
			return val
		}).ToObject(rt)
		_ = fn.DefineDataProperty("name", rt.ToValue(name), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		return obj.DefineDataProperty(name, fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	str := proto("String")
	strLimit := func(call goja.FunctionCall, n int64) {
		if n > int64(maxStr) {
			rangeErr("Invalid string length")
		}
	}
	if err := wrap(str, "repeat", func(call goja.FunctionCall) {
		l := length(call.This.ToString())
		n := call.Argument(0).ToInteger()
		if l > 0 && n > 0 && (n > int64(maxStr) || l*n > int64(maxStr)) {
			rangeErr("Invalid string length")
		}
	}); err != nil {
		return err
	}
	for _, m := range []string{"padStart", "padEnd"} {
		if err := wrap(str, m, func(call goja.FunctionCall) { strLimit(call, call.Argument(0).ToInteger()) }); err != nil {
			return err
		}
	}
	// replace/replaceAll with a string replacement build their result
	// natively: when its worst case is over the cap, count the matches
	// first (with a Go replacer, which builds nothing) and check the real
	// size.
	for _, m := range []string{"replace", "replaceAll"} {
		orig, ok := goja.AssertFunction(str.Get(m))
		if !ok {
			continue
		}
		if err := wrap(str, m, func(call goja.FunctionCall) {
			repl := call.Argument(1)
			if o, isObj := repl.(*goja.Object); isObj {
				if _, isFunc := goja.AssertFunction(o); isFunc {
					return // the replacer's results are built in JavaScript
				}
			}
			rs := repl.String()
			n, rl := length(call.This.ToString()), int64(len(rs))
			expand := int64(1)
			if strings.Contains(rs, "$") {
				expand = n + 1 // "$&", "$`", "$'" insert up to the whole string
			}
			if n+(n+1)*rl*expand <= int64(maxStr) {
				return
			}
			var count, matched int64
			counter := rt.ToValue(func(c goja.FunctionCall) goja.Value {
				count++
				matched += length(c.Argument(0))
				return rt.ToValue("")
			})
			if _, err := orig(call.This, call.Argument(0), counter); err != nil {
				panic(err)
			}
			if n-matched+count*rl*expand > int64(maxStr) {
				rangeErr("Invalid string length")
			}
		}); err != nil {
			return err
		}
	}
	// Splitting into characters and iterating a string make one array
	// element per character.
	if err := wrap(str, "split", func(call goja.FunctionCall) {
		if sep := call.Argument(0); !goja.IsUndefined(sep) && sep.String() == "" && length(call.This.ToString()) > int64(maxArr) {
			rangeErr("Invalid array length")
		}
	}); err != nil {
		return err
	}
	if it, ok := goja.AssertFunction(str.GetSymbol(goja.SymIterator)); ok {
		fn := rt.ToValue(func(call goja.FunctionCall) goja.Value {
			if length(call.This.ToString()) > int64(maxArr) {
				rangeErr("Invalid array length")
			}
			val, err := it(call.This, call.Arguments...)
			if err != nil {
				panic(err)
			}
			return val
		})
		if err := str.DefineDataPropertySymbol(goja.SymIterator, fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	arrCheck := func(call goja.FunctionCall) {
		if length(call.This) > int64(maxArr) {
			rangeErr("Invalid array length")
		}
	}
	arr := proto("Array")
	for _, m := range []string{"join", "toString", "toLocaleString", "fill", "map", "filter", "forEach",
		"concat", "slice", "splice", "flat", "flatMap", "reverse", "sort", "copyWithin", "indexOf",
		"lastIndexOf", "includes", "reduce", "reduceRight", "every", "some", "find", "findIndex",
		"findLast", "findLastIndex", "toReversed", "toSorted", "toSpliced", "with", "push", "unshift",
		"shift", "pop", "keys", "values", "entries", "at"} {
		if err := wrap(arr, m, arrCheck); err != nil {
			return err
		}
	}
	if it, ok := goja.AssertFunction(arr.GetSymbol(goja.SymIterator)); ok {
		fn := rt.ToValue(func(call goja.FunctionCall) goja.Value {
			arrCheck(call)
			val, err := it(call.This, call.Arguments...)
			if err != nil {
				panic(err)
			}
			return val
		})
		if err := arr.DefineDataPropertySymbol(goja.SymIterator, fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	argCheck := func(i int) func(goja.FunctionCall) {
		return func(call goja.FunctionCall) {
			if length(call.Argument(i)) > int64(maxArr) {
				rangeErr("Invalid array length")
			}
		}
	}
	arrayCtor := rt.Get("Array").ToObject(rt)
	if err := wrap(arrayCtor, "from", argCheck(0)); err != nil {
		return err
	}
	if err := wrap(rt.Get("JSON").ToObject(rt), "stringify", func(call goja.FunctionCall) {
		if deepTooLong(call.Argument(0), int64(maxArr), 0, map[*goja.Object]bool{}) {
			rangeErr("Invalid array length")
		}
	}); err != nil {
		return err
	}
	fnProto := rt.Get("Object").ToObject(rt).Get("getPrototypeOf")
	getProto, _ := goja.AssertFunction(fnProto)
	fp, err := getProto(goja.Undefined(), arrayCtor)
	if err != nil {
		return err
	}
	if err := wrap(fp.ToObject(rt), "apply", argCheck(1)); err != nil {
		return err
	}
	refl := rt.Get("Reflect").ToObject(rt)
	if err := wrap(refl, "apply", argCheck(2)); err != nil {
		return err
	}
	if err := wrap(refl, "construct", argCheck(1)); err != nil {
		return err
	}
	joinCheck := func(call goja.FunctionCall) {
		arrCheck(call)
		o := call.This.ToObject(rt)
		n := length(o)
		sep := int64(1)
		if s := call.Argument(0); !goja.IsUndefined(s) {
			sep = length(s.ToString())
		}
		total := sep * n
		for i := int64(0); i < n && total <= int64(maxStr); i++ {
			e := o.Get(strconv.FormatInt(i, 10))
			if e == nil || goja.IsUndefined(e) || goja.IsNull(e) {
				continue
			}
			if _, isObj := e.(*goja.Object); isObj {
				continue // arrays are checked when their own join runs
			}
			total += length(e.ToString())
		}
		if total > int64(maxStr) {
			rangeErr("Invalid string length")
		}
	}
	if err := wrap(arr, "concat", func(call goja.FunctionCall) {
		arrCheck(call)
		total := length(call.This)
		for _, a := range call.Arguments {
			if o, ok := a.(*goja.Object); ok && o.ClassName() == "Array" {
				total += length(o)
			}
		}
		if total > int64(maxArr) {
			rangeErr("Invalid array length")
		}
	}); err != nil {
		return err
	}
	if err := wrap(arr, "join", joinCheck); err != nil {
		return err
	}
	for _, typed := range []string{"ArrayBuffer", "Uint8Array", "Int8Array", "Uint16Array", "Int16Array",
		"Uint32Array", "Int32Array", "Float32Array", "Float64Array", "Uint8ClampedArray"} {
		if err := capConstructor(rt, typed, int64(maxArr)*8, rangeErr); err != nil {
			return err
		}
	}
	return nil
}

// deepTooLong reports whether v holds, at any depth, an array longer than
// max (JSON.stringify walks a sparse array's whole length natively).
func deepTooLong(v goja.Value, max int64, depth int, seen map[*goja.Object]bool) bool {
	o, ok := v.(*goja.Object)
	if !ok || depth > maxExportDepth || seen[o] {
		return false
	}
	seen[o] = true
	switch o.ClassName() {
	case "Array":
		n := o.Get("length").ToInteger()
		if n > max {
			return true
		}
		if o.ExportType() != plainArrayType {
			return false // lazy arrays over Go data
		}
		for i := range n {
			if deepTooLong(o.Get(strconv.FormatInt(i, 10)), max, depth+1, seen) {
				return true
			}
		}
	case "Object":
		if o.ExportType() != plainObjectType {
			return false
		}
		for _, k := range o.Keys() {
			if deepTooLong(o.Get(k), max, depth+1, seen) {
				return true
			}
		}
	}
	return false
}

// heapMetric is the bytes of live and unswept heap objects.
const heapMetric = "/memory/classes/heap/objects:bytes"

// heapBytes returns the heap object bytes now (cheap, no stop-the-world).
// It measures the whole process, so a limit is a budget for the run's
// growth, shared with whatever else runs at the time.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// capConstructor replaces the global constructor name with a proxy
// that refuses a numeric length above max (typed arrays allocate their
// whole buffer at once).
func capConstructor(rt *goja.Runtime, name string, max int64, rangeErr func(string)) error {
	target, ok := rt.Get(name).(*goja.Object)
	if !ok {
		return nil
	}
	check := func(args []goja.Value) {
		if len(args) == 0 {
			return
		}
		o, isObj := args[0].(*goja.Object)
		if !isObj {
			if args[0].ToInteger() > max {
				rangeErr("Array buffer allocation failed")
			}
			return
		}
		if o.ClassName() == "ArrayBuffer" {
			return // already allocated
		}
		if l := o.Get("length"); l != nil && l.ToInteger() > max {
			rangeErr("Array buffer allocation failed")
		}
	}
	p := rt.NewProxy(target, &goja.ProxyTrapConfig{
		Construct: func(t *goja.Object, args []goja.Value, newTarget *goja.Object) *goja.Object {
			check(args)
			o, err := rt.New(t, args...)
			if err != nil {
				panic(err)
			}
			return o
		},
	})
	pv := rt.ToValue(p).ToObject(rt)
	if err := rt.GlobalObject().DefineDataProperty(name, pv, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	if proto, ok := target.Get("prototype").(*goja.Object); ok {
		return proto.DefineDataProperty("constructor", pv, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	return nil
}
