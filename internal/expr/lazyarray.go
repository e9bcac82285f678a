package expr

import (
	"github.com/dop251/goja"
	"github.com/noderun/noderun/nodes"
)

// lazyArray is a JavaScript array over Go data whose elements are
// converted on first read, so `$input.all().length` or `$json.big[3]` cost
// nothing per untouched element. Writes (push, sort, assignments) go to
// the array's own slots and never reach the Go data.
type lazyArray struct {
	// elem converts element i of the Go data.
	elem func(i int) goja.Value
	// n is how many leading slots still come from the Go data.
	n int
	// length is the array's length.
	length int
	// vals holds converted and written elements.
	vals map[int]goja.Value
	// src is the JSON array behind the elements, when there is one.
	src []any
}

// newLazyArray returns a JS array of n elements converted by elem.
func (v *vm) newLazyArray(n int, elem func(int) goja.Value) *goja.Object {
	return v.rt.NewDynamicArray(&lazyArray{elem: elem, n: n, length: n})
}

// Len implements goja.DynamicArray.
func (a *lazyArray) Len() int { return a.length }

// Get implements goja.DynamicArray.
func (a *lazyArray) Get(i int) goja.Value {
	if i < 0 || i >= a.length {
		return nil
	}
	if v, ok := a.vals[i]; ok {
		return v
	}
	if i >= a.n {
		return goja.Undefined()
	}
	v := a.elem(i)
	a.put(i, v)
	return v
}

func (a *lazyArray) put(i int, v goja.Value) {
	if a.vals == nil {
		a.vals = make(map[int]goja.Value)
	}
	a.vals[i] = v
}

// Set implements goja.DynamicArray.
func (a *lazyArray) Set(i int, val goja.Value) bool {
	if i < 0 {
		return false
	}
	if i >= a.length {
		a.SetLen(i + 1)
	}
	if val == nil {
		val = goja.Undefined()
	}
	a.put(i, val)
	return true
}

// SetLen implements goja.DynamicArray.
func (a *lazyArray) SetLen(n int) bool {
	if n < 0 {
		return false
	}
	if n < a.length {
		for k := range a.vals {
			if k >= n {
				delete(a.vals, k)
			}
		}
	}
	a.n = min(a.n, n)
	a.length = n
	return true
}

// wrapSlice is the lazy JS array over a JSON array.
func (v *vm) wrapSlice(s []any) *goja.Object {
	return v.rt.NewDynamicArray(&lazyArray{
		elem: func(i int) goja.Value { return v.wrap(s[i]) },
		n:    len(s), length: len(s), src: s,
	})
}

// itemsArray is a lazy JS array of item objects.
func (v *vm) itemsArray(items []nodes.Item) *goja.Object {
	return v.newLazyArray(len(items), func(i int) goja.Value { return v.itemObject(items[i], true) })
}
