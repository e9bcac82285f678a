package expr_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/internal/expr"
)

func TestSandbox(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	ctorErr := "Expression contains invalid constructor function call"
	runEvalCases(t, e, testData, []evalCase{
		{"this.constructor", "={{ this.constructor }}", nil, ctorErr},
		{"constructor chain", `={{ [].constructor.constructor("return process")() }}`, nil, ctorErr},
		{"constructor with spaces", "={{ ''. constructor }}", nil, ctorErr},
		{"constructor in template", "=a {{ 1 }} {{ $json . constructor }}", nil, ctorErr},
		{"computed constructor", `={{ []["constr" + "uctor"]["constr" + "uctor"]("return 1")() }}`, nil, `Cannot access "constructor" due to security concerns`},
		{"computed constructor value", `={{ typeof (() => 1)["constr" + "uctor"] }}`, nil, `Cannot access "constructor" due to security concerns`},
		{"computed key from data", `={{ ({a: 1})[$json.name === 'Ben' ? '__proto__' : 'a'] }}`, nil, `Cannot access "__proto__" due to security concerns`},
		{"computed key allowed", `={{ $json.obj[['a', 'b'][1]] }}`, 2.0, ""},
		{"computed index", `={{ $json.nested.list[$itemIndex - 1] }}`, 10.0, ""},
		{"computed optional", `={{ $json.nope?.[$json.name] ?? 'none' }}`, "none", ""},
		{"computed assignment", `={{ ((o, k) => (o[k] = 5, o.x))({}, 'x') }}`, 5.0, ""},
		{"computed with unicode before", `={{ 'é' + $json.obj['a' + ''] }}`, "é1", ""},
		{"template literal key", "={{ $json.obj[`${'b'}`] }}", 2.0, ""},
		{"sanitize cannot be replaced", `={{ (__sanitize = (k) => k, ({})['__proto__' + '']) }}`, nil, `Cannot access "__proto__" due to security concerns`},
		{"getPrototypeOf", `={{ Object.getPrototypeOf(function(){}) }}`, nil, `Cannot access "getPrototypeOf" due to security concerns`},
		{"__proto__ literal key", `={{ ({})["__proto__"] }}`, nil, `Cannot access "__proto__" due to security concerns`},
		{"prototype", `={{ Array.prototype.slice.call([1]) }}`, nil, `Cannot access "prototype" due to security concerns`},
		{"defineProperty", `={{ Object.defineProperty({}, 'a', {value: 1}) }}`, nil, `Cannot access "defineProperty" due to security concerns`},
		{"caller", `={{ (function f(){ return f.caller })() }}`, nil, `Cannot access "caller" due to security concerns`},
		{"bare dollar", `={{ $ }}`, nil, `Cannot access "$" without calling it as a function`},
		{"dollar member", `={{ $.x }}`, nil, `Cannot access "$" without calling it as a function`},
		{"dollar call allowed", `={{ typeof $('Nope') }}`, nil, "Referenced node doesn't exist"},
		{"dollar property allowed", `={{ ({$: 1}).$ }}`, 1.0, ""},
		{"async function constructor", `={{ typeof (async () => 1)[["constr", "uctor"].join('')] }}`, nil, `Cannot access "constructor" due to security concerns`},
		{"eval", `={{ eval("1 + 1") }}`, nil, ""},
		{"eval blanked", "={{ eval }}", map[string]any{}, ""},
		{"Function blanked", "={{ Function }}", map[string]any{}, ""},
		{"new Function", `={{ new Function("return 1")() }}`, nil, ""},
		{"require", `={{ require("fs") }}`, nil, ""},
		{"process", "={{ process.env }}", nil, ""},
		{"globalThis", "={{ globalThis }}", map[string]any{}, ""},
		{"Reflect", "={{ typeof Reflect.get }}", "undefined", ""},
		{"Proxy", "={{ new Proxy({}, {}) }}", nil, ""},
		{"Promise", "={{ typeof Promise.resolve }}", "undefined", ""},
		{"setTimeout", "={{ setTimeout(() => 1, 0) }}", nil, ""},
		{"fetch", "={{ fetch('http://example.com') }}", nil, ""},
		{"Buffer", "={{ Buffer.from('x') }}", nil, ""},
	})
}

func TestInternalsReadOnly(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	for _, s := range []string{
		"={{ (__unsafe = () => false, __sanitize = (k) => k, __exprError = null, $ifEmpty = null, 1) }}",
		"={{ (delete __unsafe, delete __sanitize, 1) }}",
	} {
		if _, err := e.Evaluate(s, testData()); err != nil {
			t.Fatalf("Evaluate(%q): %v", s, err)
		}
		for _, check := range []string{`={{ ({})["__pro" + "to__"] }}`, "={{ $ifEmpty(1) }}"} {
			_, err := e.Evaluate(check, testData())
			var ee *expr.ExpressionError
			if !errors.As(err, &ee) {
				t.Errorf("after %q: Evaluate(%q) error = %v; want an ExpressionError", s, check, err)
			}
		}
	}
}

func TestAddedGlobalsDoNotLeak(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	if _, err := e.Evaluate("={{ (function(){ this.leak = 'x' })() }}", testData()); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		got, err := e.Evaluate("={{ typeof leak }}", testData())
		if err != nil || got != "undefined" {
			t.Fatalf("typeof leak = %#v, %v; want undefined", got, err)
		}
	}
}

func TestBuiltinsCannotBeReplaced(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	for _, s := range []string{
		"={{ (Math.max = () => -1, JSON.parse = null, parseInt = null, DateTime = null, String.fromCharCode = null, 1) }}",
		"={{ (delete Math.max, delete JSON.stringify, 1) }}",
	} {
		if _, err := e.Evaluate(s, testData()); err != nil {
			t.Fatal(err)
		}
	}
	got, err := e.Evaluate("={{ [Math.max(1, 2), JSON.parse('3'), parseInt('4'), typeof DateTime.fromISO, String.fromCharCode(65), JSON.stringify(5)] }}", testData())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]any{2.0, 3.0, 4.0, "function", "A", "5"}, got); diff != "" {
		t.Errorf("builtins changed (-want +got):\n%s", diff)
	}
}

func TestTimeout(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{Timeout: 50 * time.Millisecond})
	for _, s := range []string{
		"={{ (() => { while (true) {} })() }}",
		"=a {{ (() => { for (;;) {} })() }} b",
	} {
		_, err := e.Evaluate(s, testData())
		var ee *expr.ExpressionError
		if !errors.As(err, &ee) || ee.Message != "Expression timed out" {
			t.Errorf("Evaluate(%q) error = %v; want Expression timed out", s, err)
		}
	}
	// The pooled runtime is usable afterwards and not left interrupted.
	for range 5 {
		got, err := e.Evaluate("={{ [1, 2, 3].map(x => x * 2).length }}", testData())
		if err != nil || got != 3.0 {
			t.Fatalf("after timeout: %#v, %v", got, err)
		}
	}
}

func TestConcurrentEvaluate(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	done := make(chan error, 8)
	for g := range 8 {
		go func() {
			for i := range 200 {
				d := testData()
				got, err := e.Evaluate("={{ $json.name + $itemIndex + '-' + ("+itoa(g)+") }}", d)
				if err != nil {
					done <- err
					return
				}
				if want := "Ben1-" + itoa(g); got != want {
					done <- errors.New("got " + got.(string) + " want " + want + " at " + itoa(i))
					return
				}
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	s := ""
	for i > 0 {
		s = string(rune('0'+i%10)) + s
		i /= 10
	}
	return s
}
