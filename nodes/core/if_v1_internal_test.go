package core

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestV1CompareGolden compares v1Compare with n8n's compareOperationFunctions
// (If v1, Filter v1, Switch v1–2) on every pair of sample values in
// testdata/golden/v1_compare.json.gz.
func TestV1CompareGolden(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/golden/v1_compare.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Op     string  `json:"op"`
		V1     any     `json:"v1"`
		V2     any     `json:"v2"`
		Result *bool   `json:"result"`
		Error  *string `json:"error"`
	}
	if err := json.NewDecoder(zr).Decode(&cases); err != nil {
		t.Fatal(err)
	}
	failures := 0
	for _, c := range cases {
		ok, err := v1Compare(c.Op, c.V1, c.V2)
		got, want := map[string]any{}, map[string]any{}
		if err != nil {
			// Go has one nil for JavaScript's null and undefined; the
			// handler reports undefined (a missing field), the golden file
			// can only hold null.
			got["error"] = strings.Replace(err.Error(), "of undefined", "of null", 1)
		} else {
			got["result"] = ok
		}
		if c.Error != nil {
			want["error"] = *c.Error
		} else {
			want["result"] = *c.Result
		}
		if diff := cmp.Diff(want, got); diff != "" {
			failures++
			if failures <= 20 {
				t.Errorf("%s(%#v, %#v) (-n8n +noderun):\n%s", c.Op, c.V1, c.V2, diff)
			}
		}
	}
	if failures > 0 {
		t.Errorf("%d of %d comparisons differ from n8n", failures, len(cases))
	}
}
