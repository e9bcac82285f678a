package expr_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// item0 and item1 are the input of the test node; evaluations run at
// item index 1 unless a case says otherwise.
func testData() *expr.Data {
	in := []nodes.Item{
		{JSON: map[string]any{"name": "Ann", "qty": 2.0, "tags": []any{"x", "y"}, "meta": map[string]any{"sku": "A-1", "stock": 0.0}}, PairedItem: nodes.One(nodes.PairedItem{Item: 0})},
		{JSON: map[string]any{
			"name": "Ben", "qty": 3.0, "price": 1.5, "tags": []any{}, "flag": false, "nothing": nil,
			"nested": map[string]any{"list": []any{10.0, map[string]any{"deep": "yes"}}, "k y": "spaced"},
			"s":      " Hi ", "zero": 0.0, "obj": map[string]any{"b": 2.0, "a": 1.0},
		}, PairedItem: nodes.One(nodes.PairedItem{Item: 1})},
	}
	return &expr.Data{ItemIndex: 1, RunIndex: 0, Input: in}
}

type evalCase struct {
	name    string
	expr    string
	want    any
	wantErr string // substring of the ExpressionError / SyntaxError message
}

func runEvalCases(t *testing.T, e *expr.Evaluator, data func() *expr.Data, tests []evalCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := e.Evaluate(tt.expr, data())
			if tt.wantErr != "" {
				if err == nil || !contains(err.Error(), tt.wantErr) {
					t.Fatalf("Evaluate(%q) = %#v, %v; want error containing %q", tt.expr, got, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Evaluate(%q): %v", tt.expr, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Evaluate(%q) (-want +got):\n%s", tt.expr, diff)
			}
		})
	}
}

func contains(s, sub string) bool {
	return len(sub) == 0 || len(s) >= len(sub) && (s == sub || indexOf(s, sub) >= 0)
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestEvaluateModes(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	runEvalCases(t, e, testData, []evalCase{
		{"literal", "plain {{ $json.qty }} text", "plain {{ $json.qty }} text", ""},
		{"equals only text", "=plain", "plain", ""},
		{"empty", "=", "", ""},
		{"whole number", "={{ $json.qty }}", 3.0, ""},
		{"whole computed int", "={{ $json.qty * 2 }}", 6.0, ""},
		{"whole float", "={{ $json.qty * $json.price }}", 4.5, ""},
		{"whole bool", "={{ $json.qty > 2 }}", true, ""},
		{"whole object", "={{ $json.obj }}", map[string]any{"a": 1.0, "b": 2.0}, ""},
		{"whole array", "={{ $json.nested.list }}", []any{10.0, map[string]any{"deep": "yes"}}, ""},
		{"whole null", "={{ null }}", nil, ""},
		{"whole undefined", "={{ undefined }}", nil, ""},
		{"whole NaN", "={{ 0/0 }}", nil, ""},
		{"whole string", "={{ 'a' + 1 }}", "a1", ""},
		{"trailing space is template", "={{ 1+1 }} ", "2 ", ""},
		{"leading space is template", "= {{ 1+1 }}", " 2", ""},
		{"template join", "=Item: {{ $json.name }} x{{ $json.qty }}", "Item: Ben x3", ""},
		{"template null 0 false", "=v:{{ null }}|{{ 0 }}|{{ false }}", "v:|0|false", ""},
		{"template undefined NaN empty", "=[{{ undefined }}{{ 0/0 }}{{ '' }}]", "[]", ""},
		{"template object", "=Meta {{ $json.obj }}!", "Meta [object Object]!", ""},
		{"template empty array", "=Tags: {{ $json.tags }}", "Tags: ", ""},
		{"template array", "=Tags: {{ [1, [2, null], 'a', {}] }}", "Tags: 1,2,,a,[object Object]", ""},
		{"template numbers", "={{ 0.1 + 0.2 }}/{{ 1e21 }}/{{ 1e-7 }}/{{ 123456789012 }}", "0.30000000000000004/1e+21/1e-7/123456789012", ""},
		{"two chunks", "={{ $json.qty }}{{ $json.price }}", "31.5", ""},
		{"escaped braces", `=\{{ $json.qty }}`, `\{{ $json.qty }}`, ""},
		{"escaped close in code", `={{ "\}}" }}`, "}}", ""},
		{"empty chunk", "={{ }}", nil, "invalid syntax"},
		{"empty chunk template", "=a{{ }}b", nil, "invalid syntax"},
		{"object literal", "={{ { a: 1, b: [true] } }}", map[string]any{"a": 1.0, "b": []any{true}}, ""},
		{"spread", "={{ { ...$json.obj, c: 3 } }}", map[string]any{"a": 1.0, "b": 2.0, "c": 3.0}, ""},
		{"trailing semicolon", "={{ $json.qty; }}", 3.0, ""},
		{"comment", "={{ $json.qty // the quantity\n }}", 3.0, ""},
		{"iife", "={{ (() => { const x = 3; return x * 7 })() }}", 21.0, ""},
		{"template literal", "={{ `n=${$json.name}` }}", "n=Ben", ""},
		{"optional chaining", "={{ $json.missing?.deep ?? 'none' }}", "none", ""},
		{"date object", "={{ new Date(Date.UTC(2024, 2, 5, 10, 20, 30)) }}", "2024-03-05T10:20:30.000Z", ""},
		{"nested date", "={{ {d: new Date(0)} }}", map[string]any{"d": "1970-01-01T00:00:00.000Z"}, ""},
		{"function in object dropped", "={{ {f: () => 1, u: undefined, n: null} }}", map[string]any{"n": nil}, ""},
		{"array holes", "={{ [1, , undefined] }}", []any{1.0, nil, nil}, ""},
		{"bracket access with space key", `={{ $json.nested["k y"] }}`, "spaced", ""},
		{"statement is syntax error", "={{ let x = 1; x }}", nil, "invalid syntax"},
		{"later statements ignored", "={{ 1; 2 }}", 1.0, ""},
		{"statement after expression", "={{ $json.qty; let x = 1 }}", 3.0, ""},
		{"injection", "={{ 1); (2 }}", nil, "invalid syntax"},
		{"unclosed runs as code", "=a {{ $json.qty", "a 3", ""},
		{"unclosed whole value", "={{ $json.qty * 2", 6.0, ""},
		{"text after open at end", "=abc{{", "abc", ""},
		{"quoted close is not JS-aware", `={{ "}}" }}`, nil, "invalid syntax"},
		{"function result", "={{ $json.name.toUpperCase }}", nil, "this is a function, please add ()"},
		{"DateTime class", "={{ DateTime }}", nil, "this is a DateTime, please access its methods"},
		{"function in template", "=[{{ (() => 1) }}]", "[() => 1]", ""},
		{"this is sanitized", "={{ this.$json }}", nil, ""},
		{"this.process", "={{ JSON.stringify(this) }}", `{"process":{}}`, ""},
		{"bad token", "={{ $json. }}", nil, "invalid syntax"},
	})
}

func TestEvaluateErrorsSwallowed(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	runEvalCases(t, e, testData, []evalCase{
		{"property of undefined", "={{ $json.missing.deep }}", nil, ""},
		{"property of null", "={{ $json.nothing.deep }}", nil, ""},
		{"template property of undefined", "=City: {{ $json.missing.deep }}", "City: ", ""},
		{"bad json", `={{ JSON.parse("{bad") }}`, nil, ""},
		{"throw", "={{ (() => { throw new Error('x') })() }}", nil, ""},
		{"unknown identifier", "={{ foo }}", nil, ""},
		{"unknown identifier default", "={{ foo || 'x' }}", "x", ""},
		{"typeof unknown", "={{ typeof foo }}", "undefined", ""},
		{"out of range", "={{ [1, 2][5] }}", nil, ""},
		{"not a function", "={{ $json.name.nope() }}", nil, ""},
		{"one bad chunk in template", "=a{{ $json.x.y }}b{{ $json.qty }}", "ab3", ""},
		{"stack overflow", "={{ (function f(){ return f() })() }}", nil, ""},
	})
}

func TestEvaluateJSFeatures(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	runEvalCases(t, e, testData, []evalCase{
		{"string methods", "={{ $json.s.trim().toUpperCase() }}", "HI", ""},
		{"string length", "={{ $json.name.length }}", 3.0, ""},
		{"array length", "={{ $json.nested.list.length }}", 2.0, ""},
		{"map", "={{ $json.nested.list.map(x => typeof x) }}", []any{"number", "object"}, ""},
		{"reduce items", "={{ $input.all().reduce((s, i) => s + i.json.qty, 0) }}", 5.0, ""},
		{"object keys sorted", "={{ Object.keys($json.obj) }}", []any{"a", "b"}, ""},
		{"entries", "={{ Object.entries($json.obj) }}", []any{[]any{"a", 1.0}, []any{"b", 2.0}}, ""},
		{"json stringify", "={{ JSON.stringify($json.obj) }}", `{"a":1,"b":2}`, ""},
		{"in operator", "={{ 'a' in $json.obj }}", true, ""},
		{"hasOwnProperty", "={{ $json.obj.hasOwnProperty('b') }}", true, ""},
		{"Array.isArray", "={{ Array.isArray($json.tags) }}", true, ""},
		{"sort copy", "={{ $input.first().json.tags.reverse() }}", []any{"y", "x"}, ""},
		{"math", "={{ Math.round(2.675 * 100) / 100 }}", 2.68, ""},
		{"toFixed", "={{ (2.5).toFixed(2) }}", "2.50", ""},
		{"regexp", "={{ 'a-b-c'.replace(/-/g, '_') }}", "a_b_c", ""},
		{"Map and Set", "={{ new Set([1, 1, 2]).size + new Map([[1, 2]]).size }}", 3.0, ""},
		{"assign free identifier", "={{ (x = 5, x + 1) }}", 6.0, ""},
		{"mutation stays local", "={{ ($json.obj.a = 9, $json.obj.a) }}", 9.0, ""},
		{"delete stays local", "={{ (delete $json.obj.a, Object.keys($json.obj)) }}", []any{"b"}, ""},
		{"parseInt", "={{ parseInt('42px') }}", 42.0, ""},
		{"encodeURIComponent", "={{ encodeURIComponent('a b') }}", "a%20b", ""},
	})
}

func TestEvaluateDoesNotMutateInput(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	d := testData()
	before := d.Input[1].JSON.(map[string]any)["obj"].(map[string]any)["a"]
	for _, s := range []string{"={{ $json.obj.a = 5 }}", "={{ $json.tags.push(1) }}", "={{ delete $json.obj.b }}"} {
		if _, err := e.Evaluate(s, d); err != nil {
			t.Fatalf("Evaluate(%q): %v", s, err)
		}
	}
	got := d.Input[1].JSON.(map[string]any)
	if diff := cmp.Diff(map[string]any{"a": before, "b": 2.0}, got["obj"]); diff != "" {
		t.Errorf("input object changed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{}, got["tags"]); diff != "" {
		t.Errorf("input array changed (-want +got):\n%s", diff)
	}
	// Whole-value results never alias item data.
	v, err := e.Evaluate("={{ $json.obj }}", d)
	if err != nil {
		t.Fatal(err)
	}
	v.(map[string]any)["a"] = "changed"
	if got["obj"].(map[string]any)["a"] != before {
		t.Error("result aliases the input item")
	}
}

func TestEvaluateNotExpression(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	for _, s := range []string{"", "plain", "{{ 1 }}", " ={{ 1 }}"} {
		got, err := e.Evaluate(s, nil)
		if err != nil || got != s {
			t.Errorf("Evaluate(%q) = %#v, %v; want it unchanged", s, got, err)
		}
	}
}

func TestEvaluateWithoutInput(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	got, err := e.Evaluate("={{ $json.a }}/{{ 1 + 1 }}", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got != "/2" {
		t.Errorf("got %#v, want %q", got, "/2")
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	tests := []struct {
		expr string
		ok   bool
	}{
		{"={{ $json.a }}", true},
		{"not an expression {{", true},
		{"={{ $json.a.constructor }}", true}, // an ExpressionError at run time, not a syntax error
		{"=a {{ 1 +", false},
		{"={{ let a = 1 }}", false},
		{"={{ a }} and {{ b ) }}", false},
	}
	for _, tt := range tests {
		err := e.Check(tt.expr)
		var se *expr.SyntaxError
		if tt.ok != (err == nil) || (err != nil && !errors.As(err, &se)) {
			t.Errorf("Check(%q) = %v, want ok=%v", tt.expr, err, tt.ok)
		}
	}
	err := e.Check("=ab {{ 1 + }}")
	var se *expr.SyntaxError
	if !errors.As(err, &se) || se.Offset != 6 {
		t.Errorf("Check offset: %#v", err)
	}
}

func TestEvaluateString(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	tests := []struct {
		expr, want string
	}{
		{"={{ $json.obj }}", `[Object: {"a": 1, "b": 2}]`},
		{"={{ [1, 2] }}", `[Array: [1,2]]`},
		{`={{ [{"a": 1, "b": "x"}] }}`, `[Array: [{"a": 1, "b": "x"}]]`},
		{"={{ $json.name }}", "Ben"},
		{"={{ $json.qty }}", "3"},
		{"=x {{ $json.obj }}", "x [object Object]"},
		{"={{ null }}", ""},
		{"plain", "plain"},
		{"={{ new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) }}", "[Date: 2024-01-01T22:04:05.000-05:00]"},
	}
	for _, tt := range tests {
		got, err := e.EvaluateString(tt.expr, testData())
		if err != nil {
			t.Fatalf("EvaluateString(%q): %v", tt.expr, err)
		}
		if got != tt.want {
			t.Errorf("EvaluateString(%q) = %q, want %q", tt.expr, got, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	in := map[string]any{
		"a":    "={{ $json.qty + 1 }}",
		"b":    []any{"=x{{ $json.name }}", "plain", 5.0, map[string]any{"c": "={{ $json.tags }}"}},
		"keep": true,
	}
	got, err := e.Resolve(in, testData())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"a": 4.0, "b": []any{"xBen", "plain", 5.0, map[string]any{"c": []any{}}}, "keep": true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Resolve (-want +got):\n%s", diff)
	}
	if in["a"] != "={{ $json.qty + 1 }}" {
		t.Error("Resolve modified its input")
	}
	_, err = e.Resolve(map[string]any{"x": []any{"={{ $env.A }}"}}, testData())
	var ee *expr.ExpressionError
	if !errors.As(err, &ee) || !contains(err.Error(), `"x[0]"`) {
		t.Errorf("Resolve error = %v; want an ExpressionError naming x[0]", err)
	}
}

func TestNumbersAreFloat64(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	d := &expr.Data{Input: []nodes.Item{{JSON: map[string]any{"i": 7, "j": int64(8)}}}}
	for s, want := range map[string]any{"={{ $json.i }}": 7.0, "={{ $json.j + 1 }}": 9.0, "={{ [$json.i] }}": []any{7.0}, "={{ 2**53 }}": math.Pow(2, 53)} {
		got, err := e.Evaluate(s, d)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Evaluate(%q) (-want +got):\n%s", s, diff)
		}
	}
}
