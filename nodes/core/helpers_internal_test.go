package core

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestJSString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   any
		want string
	}{
		{nil, "null"}, {"s", "s"}, {true, "true"}, {float64(3), "3"}, {2.5, "2.5"}, {1e21, "1e+21"},
		{1e-7, "1e-7"}, {123456789012.0, "123456789012"}, {math.Inf(-1), "-Infinity"},
		{[]any{float64(1), "a", nil, []any{"b", "c"}}, "1,a,,b,c"}, {map[string]any{"a": 1}, "[object Object]"},
	}
	for _, tt := range tests {
		if got := jsString(tt.in); got != tt.want {
			t.Errorf("jsString(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJSNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   any
		want float64
		ok   bool
	}{
		{"12", 12, true}, {" 7\n", 7, true}, {"", 0, true}, {"0x1F", 31, true}, {"1e3", 1000, true},
		{".5", 0.5, true}, {"abc", 0, false}, {"1,5", 0, false}, {true, 1, true}, {nil, 0, true},
		{[]any{}, 0, true}, {[]any{"4"}, 4, true}, {[]any{1.0, 2.0}, 0, false}, {map[string]any{}, 0, false},
		{"Infinity", math.Inf(1), true}, {"infinity", 0, false},
	}
	for _, tt := range tests {
		got, ok := jsNumber(tt.in)
		if !tt.ok {
			got = 0
		}
		if diff := cmp.Diff([]any{tt.want, tt.ok}, []any{got, ok}); diff != "" {
			t.Errorf("jsNumber(%#v) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestFieldHelper(t *testing.T) {
	t.Parallel()
	base := func() map[string]any {
		return map[string]any{"a": map[string]any{"b": 1.0}, "s": "text", "x.y": 2.0, "list": []any{1.0}}
	}
	tests := []struct {
		name string
		dot  bool
		op   func(h fieldHelper, m map[string]any)
		want map[string]any
	}{
		{"set nested", true, func(h fieldHelper, m map[string]any) { h.set(m, "a.c", 3.0) },
			map[string]any{"a": map[string]any{"b": 1.0, "c": 3.0}, "s": "text", "x.y": 2.0, "list": []any{1.0}}},
		{"set replaces non-object", true, func(h fieldHelper, m map[string]any) { h.set(m, "s.t", 1.0) },
			map[string]any{"a": map[string]any{"b": 1.0}, "s": map[string]any{"t": 1.0}, "x.y": 2.0, "list": []any{1.0}}},
		{"set creates array", true, func(h fieldHelper, m map[string]any) { h.set(m, "n[1].k", "v") },
			map[string]any{"a": map[string]any{"b": 1.0}, "s": "text", "x.y": 2.0, "list": []any{1.0}, "n": []any{nil, map[string]any{"k": "v"}}}},
		{"set existing dotted key", true, func(h fieldHelper, m map[string]any) { h.set(m, "x.y", 5.0) },
			map[string]any{"a": map[string]any{"b": 1.0}, "s": "text", "x.y": 5.0, "list": []any{1.0}}},
		{"set flat", false, func(h fieldHelper, m map[string]any) { h.set(m, "a.c", 3.0) },
			map[string]any{"a": map[string]any{"b": 1.0}, "a.c": 3.0, "s": "text", "x.y": 2.0, "list": []any{1.0}}},
		{"set flat bracket key", false, func(h fieldHelper, m map[string]any) { h.set(m, "['s']", "new") },
			map[string]any{"a": map[string]any{"b": 1.0}, "s": "new", "x.y": 2.0, "list": []any{1.0}}},
		{"unset nested", true, func(h fieldHelper, m map[string]any) { h.unset(m, "a.b") },
			map[string]any{"a": map[string]any{}, "s": "text", "x.y": 2.0, "list": []any{1.0}}},
		{"unset flat", false, func(h fieldHelper, m map[string]any) { h.unset(m, "x.y") },
			map[string]any{"a": map[string]any{"b": 1.0}, "s": "text", "list": []any{1.0}}},
	}
	for _, tt := range tests {
		m := base()
		tt.op(fieldHelper{dotNotation: tt.dot}, m)
		if diff := cmp.Diff(tt.want, m); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestRepairJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want any
		ok   bool
	}{
		{`{a: 1, 'b': "x", c: [1, 2,],}`, map[string]any{"a": 1.0, "b": "x", "c": []any{1.0, 2.0}}, true},
		{`{ "a": hello world }`, map[string]any{"a": "hello world"}, true},
		{"{\"a\": 1 // note\n}", map[string]any{"a": 1.0}, true},
		{`{"a": undefined}`, map[string]any{"a": nil}, true},
		{`{"a": 1`, nil, false},
	}
	for _, tt := range tests {
		got, ok := repairJSON(tt.in)
		if diff := cmp.Diff([]any{tt.want, tt.ok}, []any{got, ok}); diff != "" {
			t.Errorf("repairJSON(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestRegexTest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"^h.*o$", "hello", true}, {"/WORLD/i", "hello world", true}, {"/WORLD/", "hello world", false},
		{"/a/b/i", "xA/Bx", true}, {"/", "/", true}, {`\d{3}`, "ab123", true}, {"/^$/m", "a\n\nb", true},
	}
	for _, tt := range tests {
		got, err := regexTest(tt.pattern, tt.s)
		if err != nil || got != tt.want {
			t.Errorf("regexTest(%q, %q) = %v, %v; want %v", tt.pattern, tt.s, got, err, tt.want)
		}
	}
	if _, err := regexTest("(", "x"); err == nil {
		t.Error("invalid pattern: want error")
	}
}
