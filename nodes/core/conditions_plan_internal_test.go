package core

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/nodetest"
	"github.com/noderun/noderun/nodes"
)

// TestConditionsPlanMatchesGenericResolution evaluates filter parameters
// with and without the per-run plan: results and errors must be
// identical, and the plan must be used (or refused) as expected.
func TestConditionsPlanMatchesGenericResolution(t *testing.T) {
	t.Parallel()
	opts := `"options":{"caseSensitive":true,"leftValue":"","typeValidation":"strict","version":2}`
	cond := func(left, right, typ, op string) string {
		return `{"id":"c","leftValue":` + left + `,"rightValue":` + right + `,"operator":{"type":"` + typ + `","operation":"` + op + `"}}`
	}
	tests := []struct {
		name     string
		params   string
		wantPlan bool
	}{
		{"number gt", `{"conditions":{` + opts + `,"combinator":"and","conditions":[` + cond(`"={{ $json.age }}"`, `18`, "number", "gt") + `]}}`, true},
		{"both sides and or", `{"conditions":{` + opts + `,"combinator":"or","conditions":[` +
			cond(`"={{ $json.name }}"`, `"={{ $json.other }}"`, "string", "equals") + `,` +
			cond(`"={{ $json.age * 2 }}"`, `40`, "number", "lt") + `]}}`, true},
		{"strict type error", `{"conditions":{` + opts + `,"combinator":"and","conditions":[` + cond(`"={{ $json.name }}"`, `18`, "number", "gt") + `]}}`, true},
		{"expression error", `{"conditions":{` + opts + `,"combinator":"and","conditions":[` + cond(`"={{ $json.name.constructor }}"`, `18`, "number", "gt") + `]}}`, true},
		{"literal values", `{"conditions":{` + opts + `,"combinator":"and","conditions":[` + cond(`"a"`, `"A"`, "string", "equals") + `]}}`, true},
		{"expression option", `{"conditions":{"options":{"caseSensitive":"={{ false }}"},"combinator":"and","conditions":[` + cond(`"={{ $json.name }}"`, `"ADA"`, "string", "equals") + `]}}`, false},
		{"expression in operator", `{"conditions":{` + opts + `,"combinator":"and","conditions":[` + cond(`"={{ $json.age }}"`, `18`, "number", "={{ 'gt' }}") + `]}}`, false},
		{"non-object condition error", `{"conditions":{` + opts + `,"conditions":["x"]}}`, false},
		{"absent", `{}`, false},
	}
	items := []nodes.Item{
		{JSON: map[string]any{"name": "ada", "age": 17.0, "other": "ada"}},
		{JSON: map[string]any{"name": "bob", "age": 31.0, "other": "BOB"}},
		{JSON: map[string]any{"age": 5.0}},
	}
	type result struct {
		Pass bool
		Err  string
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var params map[string]any
			if err := json.Unmarshal([]byte(tt.params), &params); err != nil {
				t.Fatal(err)
			}
			ctx := nodetest.New(&nodes.Node{Name: "If", Type: "n8n-nodes-base.if", TypeVersion: 2.2, Parameters: params}, items)
			plan := newConditionsPlan(ctx, "conditions")
			if got := plan != nil; got != tt.wantPlan {
				t.Fatalf("plan used = %v, want %v", got, tt.wantPlan)
			}
			failed := false
			for i := range items {
				var want, got result
				pass, err := evalConditions(ctx, "conditions", i, 2.1, map[string]any{})
				want.Pass = pass
				if err != nil {
					want.Err = fmt.Sprintf("%T %v", err, err)
					failed = true
				}
				pass, err = evalConditionsPlan(ctx, plan, "conditions", i, 2.1, map[string]any{})
				got.Pass = pass
				if err != nil {
					got.Err = fmt.Sprintf("%T %v", err, err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("item %d: plan differs from generic resolution (-generic +plan):\n%s", i, diff)
				}
			}
			if wantErr := strings.Contains(tt.name, "error"); failed != wantErr {
				t.Errorf("some item failed = %v, want %v", failed, wantErr)
			}
		})
	}
}
