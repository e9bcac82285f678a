package expr

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/nodes"
)

// TestBinaryOpFastPathMatchesJavaScript checks every fast binary operation
// against goja's own answer for the same expression.
func TestBinaryOpFastPathMatchesJavaScript(t *testing.T) {
	t.Parallel()
	item := map[string]any{"age": 17.0, "neg": -7.5, "zero": 0.0, "s": "12", "n": nil, "a": map[string]any{"b": []any{4.0}}}
	exprs := []string{
		"={{ $json.age + 1 }}", "={{ $json.age - 1.5 }}", "={{ $json.age * 3 }}", "={{ $json.age / 4 }}",
		"={{ $json.neg % 2 }}", "={{ $json.age >= 18 }}", "={{ $json.age > 17 }}", "={{ $json.age < 17.5 }}",
		"={{ $json.age <= 17 }}", "={{ $json.age === 17 }}", "={{ $json.age !== 17 }}", "={{ $json.age == 17 }}",
		"={{ $json.age != 3 }}", "={{ $json.a.b[0] * 2 }}", "={{ $json.zero / 0 }}", "={{ $json.s + 1 }}",
		"={{ $json.n + 1 }}", "={{ $json.missing + 1 }}", "=n={{ $json.age + 1 }}!", "={{ $json['age'] - .5 }}",
	}
	e := newEvaluator(Options{})
	d := &Data{Input: []nodes.Item{{JSON: item}}}
	for _, s := range exprs {
		c := e.compile(s)
		if c.err != nil {
			t.Fatalf("%s: %v", s, c.err)
		}
		var want any
		err := e.withVM(d, func(v *vm, sc *scope) error {
			var err error
			want, err = v.evalCompiled(c, sc, false)
			return err
		})
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		got, ok := e.fast(c, d)
		if !ok {
			continue // JavaScript needed: fine, as long as fast never disagrees
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: fast path differs from goja (-goja +fast):\n%s", s, diff)
		}
	}
	for _, s := range []string{"={{ $json.age + 1 }}", "={{ $json.age >= 18 }}"} {
		if _, ok := e.fast(e.compile(s), d); !ok {
			t.Errorf("%s: not on the fast path", s)
		}
	}
}
