package ext_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// conformanceRow is one Set assignment of a recorded n8n case.
type conformanceRow struct {
	Case string `json:"case"`
	Name string `json:"name"`
	Type string `json:"type"`
	Expr string `json:"expr"`
	Want any    `json:"want"`
}

type conformanceFile struct {
	Inputs map[string]json.RawMessage `json:"inputs"`
	Rows   []conformanceRow           `json:"rows"`
}

// TestConformance evaluates every expression of the recorded cases
// expr-string-extensions, expr-array-extensions,
// expr-number-object-extensions, expr-luxon-fixed-dates and expr-jmespath
// against the pinned input item and compares with n8n's output.
func TestConformance(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/conformance.json")
	if err != nil {
		t.Fatal(err)
	}
	var f conformanceFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Rows) < 80 {
		t.Fatalf("only %d rows in testdata/conformance.json", len(f.Rows))
	}
	for _, row := range f.Rows {
		t.Run(row.Case+"/"+row.Name, func(t *testing.T) {
			t.Parallel()
			rt := newRuntime(t, newYork)
			setJSON(t, rt, f.Inputs[row.Case])
			got, err := evalJSON(t, rt, row.Expr)
			if err != nil {
				t.Fatalf("%s: %v", row.Expr, err)
			}
			if diff := cmp.Diff(row.Want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", row.Expr, diff)
			}
		})
	}
}
