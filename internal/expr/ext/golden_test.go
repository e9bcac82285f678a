package ext_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/dop251/goja"
	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/expr/ext"
)

type goldenRow struct {
	Kind string `json:"kind"`
	Expr string `json:"expr"`
	Want string `json:"want"`
}

type goldenFile struct {
	JSON json.RawMessage `json:"json"`
	Rows []goldenRow     `json:"rows"`
}

// render mirrors how testdata/n8n_golden.json was recorded: the value as
// JSON, DateTimes as toISO(), Dates as "DATE "+toISOString(), undefined as
// "__undefined", a thrown error as "ERR "+message.
func render(rt *goja.Runtime, code string) string {
	errString := func(err error) string {
		if ex, ok := err.(*goja.Exception); ok {
			if o, ok := ex.Value().(*goja.Object); ok {
				return "ERR " + o.Get("message").String()
			}
		}
		return "ERR " + err.Error()
	}
	v, err := rt.RunString("(" + code + ")")
	if err != nil {
		return errString(err)
	}
	if goja.IsUndefined(v) {
		return `"__undefined"`
	}
	if o, ok := v.(*goja.Object); ok && o.ClassName() == "Date" {
		iso, err := rt.RunString("(" + code + ").toISOString()")
		if err != nil {
			return "ERR Invalid time value"
		}
		return `"DATE ` + iso.String() + `"`
	}
	if _, ok := ext.ExportDateTime(v); ok || isDateTimeObject(rt, v) {
		if v, err = rt.RunString("(" + code + ").toISO()"); err != nil {
			return errString(err)
		}
	}
	stringify, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("stringify"))
	s, err := stringify(goja.Undefined(), v)
	if err != nil {
		return errString(err)
	}
	return s.String()
}

func isDateTimeObject(rt *goja.Runtime, v goja.Value) bool {
	o, ok := v.(*goja.Object)
	return ok && o.Get("isLuxonDateTime") != nil && o.Get("isLuxonDateTime").ToBoolean()
}

// normalize re-encodes JSON so key order and number spelling compare
// equal; other strings are kept.
func normalize(s string) any {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return s
	}
	return v
}

// TestGolden compares Luxon and extension results with what the real
// luxon 3.7.2 and n8n-workflow 2.41.0 produced for the same code.
func TestGolden(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/n8n_golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var g goldenFile
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Rows) < 300 {
		t.Fatalf("only %d golden rows", len(g.Rows))
	}
	rt := newRuntime(t, newYork)
	setJSON(t, rt, g.JSON)
	for _, row := range g.Rows {
		got := render(rt, row.Expr)
		if diff := cmp.Diff(normalize(row.Want), normalize(got)); diff != "" {
			t.Errorf("%s: %s (-n8n +got):\n%s", row.Kind, row.Expr, diff)
		}
	}
}
