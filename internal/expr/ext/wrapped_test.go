package ext_test

import (
	"sort"
	"testing"

	"github.com/dop251/goja"
	"github.com/google/go-cmp/cmp"
)

// mapObject is a minimal goja.DynamicObject over a Go map, the way an
// evaluator exposes item JSON lazily.
type mapObject struct {
	rt *goja.Runtime
	m  map[string]any
}

func (o *mapObject) Get(k string) goja.Value {
	if v, ok := o.m[k]; ok {
		return o.rt.ToValue(v)
	}
	return nil
}
func (o *mapObject) Set(k string, v goja.Value) bool { o.m[k] = v.Export(); return true }
func (o *mapObject) Has(k string) bool               { _, ok := o.m[k]; return ok }
func (o *mapObject) Delete(k string) bool            { delete(o.m, k); return true }
func (o *mapObject) Keys() []string {
	keys := make([]string, 0, len(o.m))
	for k := range o.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestWrappedGoValues checks the extensions on Go-backed values: dynamic
// objects and Go slices.
func TestWrappedGoValues(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		expr string
		want any
	}{
		{"dyn.keys()", []any{"a", "b", "c"}},
		{"dyn.compact()", map[string]any{"a": 1.0, "c": "x"}},
		{"dyn.hasField('a')", true},
		{"dyn.isNotEmpty()", true},
		{"dyn.toJsonString()", `{"a":1,"b":null,"c":"x"}`},
		{"slice.sum()", 6.0},
		{"slice.first()", 1.0},
		{"$jmespath(dyn, 'c')", "x"},
	} {
		rt := newRuntime(t, newYork)
		if err := rt.Set("dyn", rt.NewDynamicObject(&mapObject{rt: rt, m: map[string]any{"a": 1, "b": nil, "c": "x"}})); err != nil {
			t.Fatal(err)
		}
		if err := rt.Set("slice", []any{1, 2, 3}); err != nil {
			t.Fatal(err)
		}
		got, err := evalJSON(t, rt, tc.expr)
		if err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.expr, diff)
		}
	}
}
