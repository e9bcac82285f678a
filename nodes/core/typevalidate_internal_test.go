package core

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestValidateFieldTypeGolden compares validateFieldType with n8n's on
// every type × strict × parseStrings × value combination recorded in
// testdata/golden/validate_field_type.json (made by the .gen.js next to
// it, against n8n-workflow 2.41).
func TestValidateFieldTypeGolden(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/golden/validate_field_type.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Type         string `json:"type"`
		Strict       bool   `json:"strict"`
		ParseStrings bool   `json:"parseStrings"`
		Value        any    `json:"value"`
		Valid        bool   `json:"valid"`
		NewValue     any    `json:"newValue"`
		Message      string `json:"message"`
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		r := validateFieldType("f", c.Value, c.Type, validateOptions{Strict: c.Strict, ParseStrings: c.ParseStrings})
		got := map[string]any{"valid": r.Valid, "newValue": jsonValue(t, r.NewValue), "message": r.Message}
		want := map[string]any{"valid": c.Valid, "newValue": c.NewValue, "message": c.Message}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("validateFieldType(%#v, %s, strict=%v, parseStrings=%v) (-n8n +noderun):\n%s", c.Value, c.Type, c.Strict, c.ParseStrings, diff)
		}
	}
}

// jsonValue is v after JSON.stringify/parse (non-finite numbers → null).
func jsonValue(t *testing.T, v any) any {
	t.Helper()
	if f, ok := v.(float64); ok && (math.IsInf(f, 0) || math.IsNaN(f)) {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %#v: %v", v, err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
