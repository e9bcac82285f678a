package ext_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/noderun/noderun/internal/expr/ext"
)

var newYork = mustZone("America/New_York")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// newRuntime returns a runtime with the extensions installed.
func newRuntime(t testing.TB, tz *time.Location) *goja.Runtime {
	t.Helper()
	rt := goja.New()
	if err := ext.Install(rt, tz); err != nil {
		t.Fatalf("Install: %v", err)
	}
	return rt
}

// setJSON exposes v as $json, built by JSON.parse so it is plain JS data.
func setJSON(t testing.TB, rt *goja.Runtime, b json.RawMessage) {
	t.Helper()
	val, err := rt.RunString("JSON.parse(" + jsString(string(b)) + ")")
	if err != nil {
		t.Fatal(err)
	}
	if err := rt.Set("$json", val); err != nil {
		t.Fatal(err)
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// evalJSON runs code and returns its value as JSON data, DateTimes as
// their ISO string (what a Set node stores).
func evalJSON(t testing.TB, rt *goja.Runtime, code string) (any, error) {
	t.Helper()
	v, err := rt.RunString("(" + code + ")")
	if err != nil {
		return nil, err
	}
	return toJSON(t, rt, v), nil
}

func toJSON(t testing.TB, rt *goja.Runtime, v goja.Value) any {
	t.Helper()
	if tm, ok := ext.ExportDateTime(v); ok {
		return ext.DateTimeISO(tm)
	}
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	stringify, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("stringify"))
	s, err := stringify(goja.Undefined(), v)
	if err != nil {
		t.Fatalf("JSON.stringify: %v", err)
	}
	if goja.IsUndefined(s) {
		return nil
	}
	var out any
	if err := json.Unmarshal([]byte(s.String()), &out); err != nil {
		t.Fatalf("unmarshal %q: %v", s.String(), err)
	}
	return out
}
