package expr_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

func codeInput() *expr.Data {
	return &expr.Data{Input: []nodes.Item{
		{JSON: map[string]any{"n": 1.0, "tags": []any{"a"}}},
		{JSON: map[string]any{"n": 2.0, "tags": []any{"b"}}},
	}}
}

func TestCodeRunnerResults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		code    string
		globals map[string]any
		want    any
		defined bool
	}{
		{"undefined", "const x = 1", nil, nil, false},
		{"null", "return null", nil, nil, true},
		{"number", "return 1 + 1", nil, 2.0, true},
		{"object keeps key order and drops undefined and functions", "return {b: 1, a: undefined, f() {}, c: [1, 'x', null, true]}", nil,
			map[string]any{"b": 1.0, "c": []any{1.0, "x", nil, true}}, true},
		{"dates", "return [new Date(Date.UTC(2024, 0, 2)), DateTime.fromISO('2024-01-02T00:00:00Z', {zone: 'utc'})]", nil,
			[]any{"2024-01-02T00:00:00.000Z", "2024-01-02T00:00:00.000Z"}, true},
		{"NaN and Infinity are null", "return [NaN, Infinity]", nil, []any{nil, nil}, true},
		{"items shared with $input", "items[0].json.x = 1; return $input.all()[0].json.x === 1 && $input.first() === items[0] && $json === items[0].json", map[string]any{"items": expr.InputItems}, true, true},
		{"mutations copy on write", "const j = $input.first().json; j.tags.push('z'); j.n = 5; return j", nil,
			map[string]any{"n": 5.0, "tags": []any{"a", "z"}}, true},
		{"item global", "return item.json.n", map[string]any{"item": expr.InputItem}, 1.0, true},
		{"item json global", "return item.n", map[string]any{"item": expr.InputItemJSON}, 1.0, true},
		{"Go value global", "return cfg.k", map[string]any{"cfg": map[string]any{"k": "v"}}, "v", true},
		{"await chain", "const a = await Promise.all([1, Promise.resolve(2)]); return a", nil, []any{1.0, 2.0}, true},
		{"async helpers", "async function f(x) { return x * 2 } return await f(21)", nil, 42.0, true},
		{"classes and closures", "class A { constructor(v) { this.v = v } get d() { return this.v * 2 } } return new A(2).d", nil, 4.0, true},
		{"capped methods work below their caps", "return ['abc'.split(''), [...'xy'], 'ab'.repeat(2), 'a'.padStart(3, '-'), [1, 2].join('+'), [1].concat([2], 3), Array.from({length: 2}, (_, i) => i), new Uint8Array([1, 2]).length, JSON.stringify({a: [1]}), 'a-b'.replace('-', '+'), 'x'.repeat(1000).replace(/x/g, 'yy').length, 'ab'.replaceAll('b', '$&$&')]", nil,
			[]any{[]any{"a", "b", "c"}, []any{"x", "y"}, "abab", "--a", "1+2", []any{1.0, 2.0, 3.0}, []any{0.0, 1.0}, 2.0, `{"a":[1]}`, "a+b", 2000.0, "abb"}, true},
		{"sloppy global assignment", "for (it of [1, 2]) {} return it", nil, 2.0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := expr.NewCodeRunner(expr.CodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got, defined, err := r.Run(context.Background(), tt.code, codeInput(), tt.globals)
			if err != nil {
				t.Fatal(err)
			}
			if defined != tt.defined {
				t.Errorf("defined = %v, want %v", defined, tt.defined)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if order, ok := nodes.KeyOrder(asMap(got)); ok && tt.name == "object keeps key order and drops undefined and functions" {
				if diff := cmp.Diff([]string{"b", "c"}, order); diff != "" {
					t.Errorf("key order (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func asMap(x any) map[string]any { m, _ := x.(map[string]any); return m }

func TestCodeRunnerErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		code string
		want expr.CodeError
	}{
		{"reference error", "\n  nope()", expr.CodeError{Type: "ReferenceError", Message: "nope is not defined", Line: 2}},
		{"error in nested function", "function f() {\n  throw new TypeError('t')\n}\nf()", expr.CodeError{Type: "TypeError", Message: "t", Line: 2}},
		{"rejected await", "await Promise.reject(new RangeError('r'))", expr.CodeError{Type: "RangeError", Message: "r", Line: 1}},
		{"thrown object", "throw {a: 1}", expr.CodeError{Message: `{"a":1}`, NotError: true}},
		{"syntax", "let = ;", expr.CodeError{Type: "SyntaxError", Message: "Unexpected token ;", Line: 1}},
		{"timeout", "for (;;) {}", expr.CodeError{Limit: "timeout", Message: "Task execution timed out after 100ms"}},
		{"memory", "const a = []; for (;;) a.push('x'.repeat(1000) + a.length)", expr.CodeError{Limit: "memory", Message: "Code used too much memory (more than 32 MiB)"}},
		{"huge typed array", "new Float64Array(1e12)", expr.CodeError{Type: "RangeError", Message: "Array buffer allocation failed", Line: 1}},
		{"huge result array", "const a = []; a.length = 1e8; return a", expr.CodeError{Type: "RangeError", Message: "Invalid array length"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := expr.NewCodeRunner(expr.CodeOptions{Timeout: 100 * time.Millisecond, MaxMemory: 32 << 20})
			if tt.name == "memory" {
				r, err = expr.NewCodeRunner(expr.CodeOptions{Timeout: 30 * time.Second, MaxMemory: 32 << 20})
			}
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = r.Run(context.Background(), tt.code, codeInput(), nil)
			var ce *expr.CodeError
			if !errors.As(err, &ce) {
				t.Fatalf("error %T %v, want *CodeError", err, err)
			}
			if diff := cmp.Diff(tt.want, *ce); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestCodeRunnerCancel(t *testing.T) {
	t.Parallel()
	r, err := expr.NewCodeRunner(expr.CodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, _, err = r.Run(ctx, "for (;;) {}", codeInput(), nil)
	var ce *expr.CodeError
	if !errors.As(err, &ce) || ce.Limit != "cancelled" {
		t.Fatalf("err = %v, want a cancelled CodeError", err)
	}
	// The runner works again after an interrupt.
	got, _, err := r.Run(context.Background(), "return 1", codeInput(), nil)
	if err != nil || got != 1.0 {
		t.Fatalf("after cancel: %v %v", got, err)
	}
}

func TestCodeRunnersShareNothing(t *testing.T) {
	t.Parallel()
	a, err := expr.NewCodeRunner(expr.CodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Run(context.Background(), "Object.prototype.evil = 1; globalThis.g = 2; Array.prototype.push = null", codeInput(), nil); err != nil {
		t.Fatal(err)
	}
	b, err := expr.NewCodeRunner(expr.CodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := b.Run(context.Background(), "const x = []; x.push(1); return [({}).evil, typeof g, x.length]", codeInput(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]any{nil, "undefined", 1.0}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestCodeRunnerConsoleAndStaticData(t *testing.T) {
	t.Parallel()
	var logged [][]string
	r, err := expr.NewCodeRunner(expr.CodeOptions{
		Console:    func(args []string) { logged = append(logged, args) },
		StaticData: map[string]map[string]any{"global": {"count": 1.0}},
	})
	if err != nil {
		t.Fatal(err)
	}
	code := "const c = {}; c.self = c; console.log('s', 1, {a: [1]}, undefined, null, c); const s = $getWorkflowStaticData('global'); s.count++; s.last = 'x'; return s.count"
	got, _, err := r.Run(context.Background(), code, codeInput(), nil)
	if err != nil || got != 2.0 {
		t.Fatalf("run: %v %v", got, err)
	}
	if diff := cmp.Diff([][]string{{"'s'", "1", `{"a":[1]}`, "undefined", "null", "[object Object]"}}, logged); diff != "" {
		t.Errorf("console (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]map[string]any{"global": {"count": 2.0, "last": "x"}}, r.StaticData()); diff != "" {
		t.Errorf("static data (-want +got):\n%s", diff)
	}
	if _, _, err := r.Run(context.Background(), "$getWorkflowStaticData('other')", codeInput(), nil); err == nil {
		t.Error("unknown static data type: no error")
	}
}
