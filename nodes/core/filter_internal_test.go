package core

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestFilterConditionGolden compares every condition of
// testdata/golden/filter_conditions.json.gz (values × operators × strict or
// loose × filter version × case sensitivity) with n8n-workflow's
// executeFilterCondition: the result, or the error's message and
// description.
func TestFilterConditionGolden(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/golden/filter_conditions.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Condition   map[string]any `json:"condition"`
		Options     map[string]any `json:"options"`
		Result      *bool          `json:"result"`
		Error       *string        `json:"error"`
		Description *string        `json:"description"`
	}
	if err := json.NewDecoder(zr).Decode(&cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 1000 {
		t.Fatalf("only %d cases", len(cases))
	}
	failures := 0
	for _, c := range cases {
		fv, err := parseFilterValue(map[string]any{"conditions": []any{c.Condition}, "options": c.Options, "combinator": "and"})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]any{}
		ok, err := fv.Conditions[0].execute(fv.Options, 0, 0, time.UTC)
		if err != nil {
			fe, isFilter := err.(*filterError)
			if !isFilter {
				t.Fatalf("%v: non-filter error %v", c.Condition, err)
			}
			got["error"] = fe.Message
			if fe.Description != "" {
				got["description"] = fe.Description
			}
		} else {
			got["result"] = ok
		}
		want := map[string]any{}
		if c.Error != nil {
			want["error"] = *c.Error
			if c.Description != nil {
				want["description"] = *c.Description
			}
		} else {
			want["result"] = *c.Result
		}
		if diff := cmp.Diff(want, got); diff != "" {
			failures++
			if failures <= 20 {
				t.Errorf("condition %v options %v (-n8n +noderun):\n%s", c.Condition, c.Options, diff)
			}
		}
	}
	if failures > 0 {
		t.Errorf("%d of %d conditions differ from n8n", failures, len(cases))
	}
}
