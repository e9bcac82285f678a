package nodes

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/noderun/noderun/internal/jsvalue"
)

// Item JSON objects are plain map[string]any values, which keeps node code
// simple, but Go maps forget the order of their keys while JavaScript
// objects (and so n8n's Object.keys, JSON.stringify and output files) keep
// insertion order. The key order registry remembers the order of objects
// decoded from JSON or exported from expressions, weakly: an entry goes
// away with its map. Keys returns that order, followed by keys added later
// in sorted order; maps never registered iterate sorted, so output is always
// deterministic.

// keyOrders maps a map's address to its recorded key order.
var keyOrders sync.Map // uintptr -> *keyOrder

// keyOrder is one recorded order. Each SetKeyOrder stores a new one and
// its cleanup deletes only that one: a map allocated where a dead map was
// must not lose its order to the dead map's late cleanup.
type keyOrder struct{ keys []string }

// SetKeyOrder records the key order of m. Keys not in m are ignored when
// the order is read; keys of m missing from keys come after, sorted.
func SetKeyOrder(m map[string]any, keys []string) {
	if m == nil || len(keys) < 2 {
		return
	}
	p := reflect.ValueOf(m).UnsafePointer()
	addr := uintptr(p)
	e := &keyOrder{keys}
	keyOrders.Store(addr, e)
	runtime.AddCleanup((*byte)(p), func(e *keyOrder) { keyOrders.CompareAndDelete(addr, e) }, e)
}

// KeyOrder returns the key order recorded for m, if any (it may name keys
// m no longer has, and miss keys added since).
func KeyOrder(m map[string]any) ([]string, bool) { return recordedOrder(m) }

// recordedOrder returns the key order recorded for m, if any.
func recordedOrder(m map[string]any) ([]string, bool) {
	if len(m) < 2 {
		return nil, false
	}
	v, ok := keyOrders.Load(uintptr(reflect.ValueOf(m).UnsafePointer()))
	if !ok {
		return nil, false
	}
	return v.(*keyOrder).keys, true
}

// Keys returns the keys of m in their recorded order (see SetKeyOrder),
// then any others sorted.
func Keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	if len(m) == 0 {
		return out
	}
	if v, ok := keyOrders.Load(uintptr(reflect.ValueOf(m).UnsafePointer())); ok {
		for _, k := range v.(*keyOrder).keys {
			if _, in := m[k]; in && !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
		if len(out) == len(m) {
			return out
		}
	}
	rest := make([]string, 0, len(m)-len(out))
	for k := range m {
		if !slices.Contains(out, k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// CopyObject returns a shallow copy of m that keeps its key order.
func CopyObject(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	SetKeyOrder(out, Keys(m))
	return out
}

// DecodeJSON decodes one JSON value: objects become map[string]any with
// their key order recorded, arrays []any, numbers float64.
func DecodeJSON(data []byte) (any, error) {
	d := decoder{data: data}
	v, err := d.value(0)
	if err != nil {
		return nil, err
	}
	d.skipSpace()
	if d.pos != len(d.data) {
		return nil, d.errorf("data after the value")
	}
	return v, nil
}

// MarshalJSON encodes v like encoding/json, but writes object keys in
// their recorded order (see Keys) and does not escape HTML characters,
// as JavaScript's JSON.stringify does.
func MarshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := writeJSON(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeJSON(buf *bytes.Buffer, v any) error {
	switch t := v.(type) {
	case nil:
		buf.WriteString("null")
	case map[string]any:
		buf.WriteByte('{')
		for i, k := range Keys(t) {
			if i > 0 {
				buf.WriteByte(',')
			}
			writeString(buf, k)
			buf.WriteByte(':')
			if err := writeJSON(buf, t[k]); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
	case []any:
		buf.WriteByte('[')
		for i, e := range t {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := writeJSON(buf, e); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
	case string:
		writeString(buf, t)
	case float64:
		buf.WriteString(formatNumber(t))
	case bool:
		buf.WriteString(strconv.FormatBool(t))
	default:
		var inner bytes.Buffer
		enc := json.NewEncoder(&inner)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(t); err != nil {
			return err
		}
		buf.Write(bytes.TrimRight(inner.Bytes(), "\n"))
	}
	return nil
}

func writeString(buf *bytes.Buffer, s string) {
	var inner bytes.Buffer
	enc := json.NewEncoder(&inner)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	buf.Write(bytes.TrimRight(inner.Bytes(), "\n"))
}

// formatNumber writes a float64 as JavaScript does (integers without a
// fraction, no exponent from 1e-6 up to below 1e21). NaN and ±Infinity,
// which JSON cannot hold, write nothing.
func formatNumber(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	return jsvalue.FormatNumber(f)
}
