package expr

import (
	"testing"

	"github.com/noderun/noderun/nodes"
)

// TestFastExprMatchesJavaScript checks every fast chunk shape of
// fastexpr.go (and path .length) against goja's own answer.
func TestFastExprMatchesJavaScript(t *testing.T) {
	t.Parallel()
	item := map[string]any{
		"name": "carol", "up": "MiXeD Case", "pad": " \t x y \n\v\f\r", "uni": "héllo", "astral": "a😀b",
		"empty": "", "n": nil, "num": 12.0, "arr": []any{1.0, "b", nil}, "obj": map[string]any{"k": "v", "l": []any{2.0}},
		"length": 3.0, "toUpperCase": "shadow",
	}
	exprs := []string{
		"={{ $json.name.toUpperCase() }}", "={{ $json.up.toLowerCase() }}", "={{ $json.up.toUpperCase() }}",
		"={{ $json.pad.trim() }}", "={{ $json.uni.toUpperCase() }}", "={{ $json.missing.toUpperCase() }}",
		"={{ $json.n.toLowerCase() }}", "={{ $json.num.toUpperCase() }}", "={{ $json.obj.toUpperCase() }}",
		"={{ $json.empty.trim() }}", "={{ $json.name.length }}", "={{ $json.uni.length }}", "={{ $json.astral.length }}",
		"={{ $json.arr.length }}", "={{ $json.obj.l.length }}", "={{ $json.obj.length }}", "={{ $json.length }}",
		"={{ $json.name['length'] }}", "={{ $json.num.length }}", "={{ $json.n.length }}", "={{ $json.missing.length }}",
		"={{ $itemIndex }}", "={{ $runIndex }}", "={{ $position }}", "={{ $thisItemIndex }}", "={{ $thisRunIndex }}",
		"={{ [$json.name.length, $itemIndex] }}", "={{ [] }}", "={{ [$json.obj, $json.arr, $json.missing] }}",
		"={{ [$json.num + 1, $json.num >= 18, $json.name.toUpperCase(), [$runIndex]] }}", "={{ [$json.name.foo()] }}",
		"={{ [$json.uni.toUpperCase()] }}", "={{ [1, 2] }}", "={{ [$json.name,] }}",
		"=i={{ $itemIndex }} r={{ $runIndex }}", "=a={{ [$json.name.length, $itemIndex, $json.missing] }}",
		"=u={{ $json.name.toUpperCase() }}/{{ $json.missing.trim() }}/{{ $json.name.length }}",
		"={{ $json.name.toUpperCase(1) }}", "={{ $json.name.toUpperCase().length }}",
	}
	items := []nodes.Item{{JSON: map[string]any{}}, {JSON: map[string]any{}}, {JSON: map[string]any{}}, {JSON: item}}
	d := &Data{Input: items, ItemIndex: 3, RunIndex: 2}
	checkFastMatchesGoja(t, d, exprs, []string{
		"={{ $json.name.toUpperCase() }}", "={{ $json.pad.trim() }}", "={{ $json.name.length }}", "={{ $json.astral.length }}",
		"={{ $itemIndex }}", "={{ [$json.name.length, $itemIndex] }}", "=a={{ [$json.name.length, $itemIndex] }}",
		"={{ $json.missing.toUpperCase() }}", "={{ $json.arr.length }}",
	})
}
