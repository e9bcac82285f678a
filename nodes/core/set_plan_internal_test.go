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

// TestAssignmentPlanMatchesGenericResolution runs setAssignments with and
// without the per-run plan on the same parameters and items: fields,
// binaries and errors must be identical, and the plan must be used (or
// refused) as expected.
func TestAssignmentPlanMatchesGenericResolution(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		params   string
		wantPlan bool
	}{
		{"expressions in values", `{"assignments":{"assignments":[
			{"id":"a1","name":"up","type":"string","value":"={{ $json.name.toUpperCase() }}"},
			{"id":"a2","name":"greeting","type":"string","value":"=Hello {{ $json.name }}!"},
			{"id":"a3","name":"next","type":"number","value":"={{ $json.age + 1 }}"},
			{"id":"a4","name":"adult","type":"boolean","value":"={{ $json.age >= 18 }}"},
			{"id":"a5","name":"meta.source","type":"string","value":"peer"},
			{"id":"a6","name":"tags","type":"array","value":"={{ [$json.name.length, $itemIndex] }}"},
			{"id":"a7","name":"js","type":"object","value":"={{ {a: $json.name.split('')} }}"}]}}`, true},
		{"expression names and types", `{"assignments":{"assignments":[
			{"id":"a1","name":"={{ 'n_' + $json.name }}","type":"={{ $json.age > 20 ? 'number' : 'string' }}","value":"={{ $json.age }}"},
			"junk", null,
			{"id":"a2","name":"same","value":"={{ $json.name }}"},
			{"id":"a3","name":"same","type":"string","value":"x"}]}}`, true},
		{"conversion error", `{"assignments":{"assignments":[
			{"id":"a1","name":"n","type":"number","value":"={{ $json.name }}"}]}}`, true},
		{"expression error in a value", `{"assignments":{"assignments":[
			{"id":"a1","name":"ok","type":"string","value":"={{ $json.name }}"},
			{"id":"a2","name":"bad","type":"string","value":"={{ $json.name.constructor }}"}]}}`, true},
		{"syntax error in an id", `{"assignments":{"assignments":[
			{"id":"={{ ) }}","name":"ok","type":"string","value":"={{ $json.name }}"}]}}`, true},
		{"no expressions", `{"assignments":{"assignments":[{"id":"a1","name":"k","type":"number","value":"12"}]}}`, true},
		{"whole list expression", `{"assignments":{"assignments":"={{ [{name: 'k', type: 'string', value: $json.name}] }}"}}`, false},
		{"nested expression", `{"assignments":{"assignments":[{"name":"k","type":"object","value":{"x":"={{ $json.name }}"}}]}}`, false},
		{"syntax error beside the list", `{"assignments":{"other":"={{ ) }}","assignments":[{"name":"k","value":"v"}]}}`, false},
		{"absent", `{}`, false},
	}
	items := []nodes.Item{
		{JSON: map[string]any{"name": "ada", "age": 17.0}},
		{JSON: map[string]any{"name": "bob", "age": 31.0}},
		{JSON: map[string]any{"age": 5.0}},
	}
	type result struct {
		Fields   string
		Binaries int
		Err      string
	}
	run := func(ctx nodes.ExecuteContext, i int, plan *assignmentPlan) result {
		fields, bins, err := setAssignments(ctx, items[i], i, 3.4, setOptions{}, plan)
		r := result{Binaries: len(bins)}
		if err != nil {
			r.Err = fmt.Sprintf("%T %v", err, err)
		}
		b, _ := json.Marshal(fieldsJSON(fields))
		r.Fields = string(b)
		return r
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var params map[string]any
			if err := json.Unmarshal([]byte(tt.params), &params); err != nil {
				t.Fatal(err)
			}
			ctx := nodetest.New(&nodes.Node{Name: "Set", Type: "n8n-nodes-base.set", TypeVersion: 3.4, Parameters: params}, items)
			plan := newAssignmentPlan(ctx)
			if got := plan != nil; got != tt.wantPlan {
				t.Fatalf("plan used = %v, want %v", got, tt.wantPlan)
			}
			failed := false
			for i := range items {
				want := run(ctx, i, nil)
				failed = failed || want.Err != ""
				got := run(ctx, i, plan)
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

// fieldsJSON lists fields as name/value pairs for comparison.
func fieldsJSON(fields []setField) [][2]any {
	out := make([][2]any, len(fields))
	for i, f := range fields {
		out[i] = [2]any{f.name, f.value}
	}
	return out
}
