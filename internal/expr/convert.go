package expr

import (
	"encoding/json"
	"math"
	"math/big"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// wrap exposes a Go value (item JSON, parameters, vars) to JavaScript
// without converting it eagerly: objects become lazy copy-on-write views,
// arrays JS arrays of lazily wrapped elements. Writes never reach the Go
// value.
func (v *vm) wrap(x any) goja.Value {
	rt := v.rt
	switch t := x.(type) {
	case nil:
		return goja.Null()
	case goja.Value:
		return t
	case string, bool, float64, float32, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return rt.ToValue(t)
	case json.Number:
		f, err := t.Float64()
		if err != nil {
			return rt.ToValue(t.String())
		}
		return rt.ToValue(f)
	case map[string]any:
		return rt.NewDynamicObject(&jsonObject{vm: v, m: t})
	case []any:
		return v.wrapSlice(t)
	case []map[string]any:
		vals := make([]any, len(t))
		for i, e := range t {
			vals[i] = v.wrap(e)
		}
		return rt.NewArray(vals...)
	case []string:
		vals := make([]any, len(t))
		for i, e := range t {
			vals[i] = e
		}
		return rt.NewArray(vals...)
	case map[string]string:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[k] = e
		}
		return rt.NewDynamicObject(&jsonObject{vm: v, m: m})
	case time.Time:
		return newDateTime(rt, t)
	case nodes.Item:
		return v.itemObject(t, true)
	case *nodes.Item:
		if t == nil {
			return goja.Null()
		}
		return v.itemObject(*t, true)
	case []nodes.Item:
		return v.itemsArray(t)
	case map[string]*nodes.BinaryData:
		return v.wrap(binaryMap(t, true))
	}
	return rt.ToValue(x)
}

// itemObject is an item as n8n's expressions see it: {json, binary,
// pairedItem}.
func (v *vm) itemObject(it nodes.Item, withData bool) *goja.Object {
	o := v.rt.NewObject()
	_ = o.Set("json", v.wrap(it.JSON))
	if len(it.Binary) > 0 {
		_ = o.Set("binary", v.wrap(binaryMap(it.Binary, withData)))
	}
	if !it.PairedItem.IsZero() {
		_ = o.Set("pairedItem", v.wrap(pairedValue(it.PairedItem)))
	}
	return o
}

// pairedValue is the JSON form of a pairedItem field.
func pairedValue(p nodes.PairedItems) any {
	one := func(pi nodes.PairedItem) map[string]any {
		m := map[string]any{"item": float64(pi.Item)}
		if pi.Input != nil {
			m["input"] = float64(*pi.Input)
		}
		return m
	}
	if !p.List && len(p.Items) == 1 {
		return one(p.Items[0])
	}
	out := make([]any, len(p.Items))
	for i, pi := range p.Items {
		out[i] = one(pi)
	}
	return out
}

// binaryMap is the JSON form of an item's binary map; withData false drops
// the base64 payload as $binary does.
func binaryMap(b map[string]*nodes.BinaryData, withData bool) map[string]any {
	out := make(map[string]any, len(b))
	for k, d := range b {
		if d == nil {
			continue
		}
		m := map[string]any{"mimeType": d.MimeType}
		if withData {
			m["data"] = d.Data
		}
		for name, val := range map[string]string{
			"fileName": d.FileName, "fileExtension": d.FileExtension, "fileSize": d.FileSize,
			"fileType": d.FileType, "directory": d.Directory, "id": d.ID,
		} {
			if val != "" {
				m[name] = val
			}
		}
		out[k] = m
	}
	return out
}

// jsonObject is a lazy, copy-on-write JavaScript view of a Go object.
// Values are wrapped on first read and cached so identity and nested
// writes hold within one evaluation.
type jsonObject struct {
	vm   *vm
	m    map[string]any
	vals valCache
	del  map[string]bool
}

// Get implements goja.DynamicObject.
func (o *jsonObject) Get(key string) goja.Value {
	if v, ok := o.vals.get(key); ok {
		return v
	}
	if o.del[key] {
		return nil
	}
	x, ok := o.m[key]
	if !ok {
		return nil
	}
	w := o.vm.wrap(x)
	o.vals.set(key, w)
	return w
}

// Set implements goja.DynamicObject; the Go map is never written.
func (o *jsonObject) Set(key string, val goja.Value) bool {
	o.vals.set(key, val)
	delete(o.del, key)
	return true
}

// Has implements goja.DynamicObject.
func (o *jsonObject) Has(key string) bool {
	if _, ok := o.vals.get(key); ok {
		return true
	}
	_, ok := o.m[key]
	return ok && !o.del[key]
}

// Delete implements goja.DynamicObject.
func (o *jsonObject) Delete(key string) bool {
	if o.del == nil {
		o.del = make(map[string]bool)
	}
	o.del[key] = true
	o.vals.del(key)
	return true
}

// Keys implements goja.DynamicObject: the map's keys in their recorded
// order (nodes.Keys), then keys the expression added, ordered as
// JavaScript orders own keys (array indexes first).
func (o *jsonObject) Keys() []string {
	keys := make([]string, 0, len(o.m))
	for _, k := range nodes.Keys(o.m) {
		if !o.del[k] {
			keys = append(keys, k)
		}
	}
	o.vals.each(func(k string, _ goja.Value) {
		if _, inM := o.m[k]; !inM {
			keys = append(keys, k)
		}
	})
	sortKeys(keys)
	return keys
}

// orderedKeys returns the keys of a Go object in JavaScript's own-key
// order: array-index keys ascending, then the others in insertion order.
func orderedKeys(m map[string]any) []string {
	keys := nodes.Keys(m)
	sortKeys(keys)
	return keys
}

// sortKeys orders keys as JavaScript orders own keys: array-index keys
// ascending first, then the rest keeping their relative order.
func sortKeys(keys []string) {
	sort.SliceStable(keys, func(i, j int) bool {
		ni, ei := arrayIndex(keys[i])
		nj, ej := arrayIndex(keys[j])
		switch {
		case ei && ej:
			return ni < nj
		case ei != ej:
			return ei
		}
		return false
	})
}

// arrayIndex reports whether k is a canonical array index.
func arrayIndex(k string) (uint64, bool) {
	n, err := strconv.ParseUint(k, 10, 32)
	return n, err == nil && strconv.FormatUint(n, 10) == k
}

// jsonObjectType is the export type of lazy JSON objects.
var jsonObjectType = reflect.TypeOf((*jsonObject)(nil))

// maxExportDepth bounds export recursion (cyclic JS objects).
const maxExportDepth = 100

// export converts a JavaScript value to the Go form items use: objects
// map[string]any, arrays []any, numbers float64, undefined/null nil,
// Date and DateTime their ISO string.
func (v *vm) export(val goja.Value, depth int) any {
	if val == nil || goja.IsUndefined(val) || goja.IsNull(val) || depth > maxExportDepth {
		return nil
	}
	obj, isObj := val.(*goja.Object)
	if !isObj {
		switch x := val.Export().(type) {
		case int64:
			return float64(x)
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil
			}
			return x
		case string, bool:
			return x
		case *big.Int:
			f, _ := new(big.Float).SetInt(x).Float64()
			return f
		}
		return nil // symbols
	}
	switch obj.ClassName() {
	case "Array":
		if la, ok := obj.Export().(*lazyArray); ok && la.src != nil && len(la.vals) == 0 && la.n == len(la.src) && la.length == la.n {
			return copyJSON(la.src) // untouched JSON array
		}
		n := int(obj.Get("length").ToInteger())
		out := make([]any, n)
		for i := range n {
			out[i] = v.export(obj.Get(strconv.Itoa(i)), depth+1)
		}
		return out
	case "Date":
		if t, ok := obj.Export().(time.Time); ok && !t.IsZero() {
			return t.UTC().Format("2006-01-02T15:04:05.000Z")
		}
		return nil // invalid date
	case "Function":
		return nil
	}
	if obj.ExportType() == jsonObjectType {
		return v.exportJSONObject(obj.Export().(*jsonObject), depth)
	}
	if t, ok := exportDateTime(obj); ok {
		return dateTimeISO(t)
	}
	if _, isFunc := goja.AssertFunction(obj); isFunc {
		return nil
	}
	keys := obj.Keys()
	out := make(map[string]any, len(keys))
	order := make([]string, 0, len(keys))
	for _, k := range keys {
		e := obj.Get(k)
		if e == nil || goja.IsUndefined(e) {
			continue // JSON drops undefined members
		}
		if eo, ok := e.(*goja.Object); ok {
			if _, isFunc := goja.AssertFunction(eo); isFunc {
				continue
			}
		}
		out[k] = v.export(e, depth+1)
		order = append(order, k)
	}
	nodes.SetKeyOrder(out, order)
	return out
}

// exportJSONObject copies a lazy object back to Go: its untouched members
// are deep-copied from the Go map, written ones exported.
func (v *vm) exportJSONObject(o *jsonObject, depth int) map[string]any {
	out := make(map[string]any, len(o.m))
	for k, x := range o.m {
		if o.del[k] {
			continue
		}
		if _, cached := o.vals.get(k); cached {
			continue
		}
		out[k] = copyJSON(x)
	}
	o.vals.each(func(k string, val goja.Value) {
		if !goja.IsUndefined(val) {
			out[k] = v.export(val, depth+1)
		} else {
			delete(out, k)
		}
	})
	nodes.SetKeyOrder(out, o.Keys())
	return out
}

// copyJSON deep-copies a Go JSON value so results never alias item data;
// integer numbers become float64.
func copyJSON(x any) any {
	switch t := x.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = copyJSON(e)
		}
		if order, ok := nodes.KeyOrder(t); ok {
			nodes.SetKeyOrder(out, order)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = copyJSON(e)
		}
		return out
	case int:
		return float64(t)
	case int64:
		return float64(t)
	case int32:
		return float64(t)
	case float32:
		return float64(t)
	case json.Number:
		if f, err := t.Float64(); err == nil {
			return f
		}
		return t.String()
	}
	return x
}

// goTemplateString renders a Go JSON value as a template chunk: nil and
// NaN empty, objects "[object Object]", arrays as Array.prototype.toString.
func goTemplateString(x any) string {
	switch t := x.(type) {
	case nil:
		return ""
	case float64:
		if math.IsNaN(t) {
			return ""
		}
		return jsvalue.FormatNumber(t)
	}
	return goJSString(x)
}

// goJSString is JavaScript's String(x) for a Go JSON value; values of
// other types render as "".
func goJSString(x any) string {
	return jsvalue.StringWith(x, func(any) string { return "" })
}

// jsJSON writes x as JavaScript's JSON.stringify does (compact, no HTML
// escaping, JS number format; Go maps sorted).
func jsJSON(b *strings.Builder, x any) {
	switch t := x.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(t))
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			b.WriteString("null")
			return
		}
		b.WriteString(jsvalue.FormatNumber(t))
	case string:
		enc, _ := json.Marshal(t)
		s := string(enc)
		s = strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&", `\u2028`, "\u2028", `\u2029`, "\u2029").Replace(s)
		b.WriteString(s)
	case []any:
		b.WriteByte('[')
		for i, e := range t {
			if i > 0 {
				b.WriteByte(',')
			}
			jsJSON(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		keys := orderedKeys(t)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			jsJSON(b, k)
			b.WriteByte(':')
			jsJSON(b, t[k])
		}
		b.WriteByte('}')
	default:
		enc, err := json.Marshal(t)
		if err != nil {
			b.WriteString("null")
			return
		}
		b.Write(enc)
	}
}
