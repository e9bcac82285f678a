package expr

import (
	"testing"

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
	d := &Data{Input: []nodes.Item{{JSON: item}}}
	checkFastMatchesGoja(t, d, exprs, []string{"={{ $json.age + 1 }}", "={{ $json.age >= 18 }}"})
}
