package nodes

import (
	"github.com/noderun/noderun/internal/fieldpath"
)

// Displayed reports whether property p is shown (n8n's displayParameter):
// every show key must match one of its values, no hide key may match; a
// show key whose value is an expression ("=...") shows the property.
// Values match by strict equality, {"_cnd": {op: operand}} conditions by
// holding for every value. values holds the property's sibling
// parameters, root the node's top-level parameters (nil: same as values),
// version the node's typeVersion. NodeParameters uses the same rules.
func Displayed(p *Property, values, root map[string]any, version float64) bool {
	if p == nil || p.DisplayOptions == nil {
		return true
	}
	if root == nil {
		root = values
	}
	d := p.DisplayOptions
	pc := paramsCall{version: version}
	return pc.displayed(values, &displayRules{show: sortedRules(d.Show), hide: sortedRules(d.Hide)}, root)
}

// GetPath reads a dot path ("a.b.c", "a[0].b") from nested maps and slices
// like lodash get (see internal/fieldpath).
func GetPath(m map[string]any, path string) (any, bool) { return fieldpath.Get(m, path) }
