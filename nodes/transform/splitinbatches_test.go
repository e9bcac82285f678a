package transform

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
)

// sibRun is one run of a Split in Batches node: its input, the outputs
// it must return (nil: n8n's null) and the node context it must leave.
type sibRun struct {
	in    []nodes.Item
	want  []any
	state map[string]any
}

// nums builds items {n: 1}, {n: 2}... for the given numbers.
func nums(ns ...float64) []nodes.Item {
	out := make([]nodes.Item, len(ns))
	for i, n := range ns {
		out[i] = nodes.Item{JSON: obj{"n": n}}
	}
	return out
}

// TestSplitInBatchesVersions drives Split in Batches 1 and 2 run by run
// as the engine does and checks outputs, pairedItem and the node context
// that $node["Split In Batches"].context exposes.
func TestSplitInBatchesVersions(t *testing.T) {
	t.Parallel()
	v1 := executeSplitInBatchesV1
	v2 := executeSplitInBatchesV2
	cases := []struct {
		name    string
		version float64
		exec    func(nodes.ExecuteContext) (nodes.Outputs, error)
		params  map[string]any
		runs    []sibRun
	}{
		{
			name: "v1 batches then null", version: 1, exec: v1, params: obj{"batchSize": 2.0},
			runs: []sibRun{
				{in: nums(1, 2, 3), want: []any{[]any{it(obj{"n": 1.0}, p(0)), it(obj{"n": 2.0}, p(1))}},
					state: obj{sibCurrentRun: 0, sibMaxRun: 2, sibNoItemsLeft: false, sibItems: 1}},
				{in: nums(10, 20), want: []any{[]any{it(obj{"n": 3.0}, p(2))}},
					state: obj{sibCurrentRun: 1, sibMaxRun: 2, sibNoItemsLeft: true, sibItems: 0}},
				{in: nums(30), want: nil,
					state: obj{sibCurrentRun: 2, sibMaxRun: 2, sibNoItemsLeft: true, sibItems: 0}},
			},
		},
		{
			name: "v1 batch larger than the input", version: 1, exec: v1, params: obj{"batchSize": 5.0},
			runs: []sibRun{
				{in: nums(1, 2, 3), want: []any{[]any{it(obj{"n": 1.0}, p(0)), it(obj{"n": 2.0}, p(1)), it(obj{"n": 3.0}, p(2))}},
					state: obj{sibCurrentRun: 0, sibMaxRun: 1, sibNoItemsLeft: true, sibItems: 0}},
				{in: nums(1, 2, 3), want: nil,
					state: obj{sibCurrentRun: 1, sibMaxRun: 1, sibNoItemsLeft: true, sibItems: 0}},
			},
		},
		{
			name: "v1 default batch size is 10", version: 1, exec: v1, params: obj{},
			runs: []sibRun{
				{in: nums(1, 2), want: []any{[]any{it(obj{"n": 1.0}, p(0)), it(obj{"n": 2.0}, p(1))}},
					state: obj{sibCurrentRun: 0, sibMaxRun: 1, sibNoItemsLeft: true, sibItems: 0}},
			},
		},
		{
			name: "v1 fractional batch size splices its integer part", version: 1, exec: v1, params: obj{"batchSize": 1.5},
			runs: []sibRun{
				{in: nums(1, 2), want: []any{[]any{it(obj{"n": 1.0}, p(0))}},
					state: obj{sibCurrentRun: 0, sibMaxRun: 2, sibNoItemsLeft: false, sibItems: 1}},
				{in: nums(1), want: []any{[]any{it(obj{"n": 2.0}, p(1))}},
					state: obj{sibCurrentRun: 1, sibMaxRun: 2, sibNoItemsLeft: true, sibItems: 0}},
			},
		},
		{
			name: "v1 batch size 0 returns nothing", version: 1, exec: v1, params: obj{"batchSize": 0.0},
			runs: []sibRun{
				{in: nums(1), want: nil, state: obj{sibCurrentRun: 0, sibMaxRun: 0, sibNoItemsLeft: false, sibItems: 1}},
			},
		},
		{
			name: "v1 reset starts over with the new input", version: 1, exec: v1, params: obj{"batchSize": 1.0, "options": obj{"reset": true}},
			runs: []sibRun{
				{in: nums(1, 2), want: []any{[]any{it(obj{"n": 1.0}, p(0))}},
					state: obj{sibCurrentRun: 0, sibMaxRun: 2, sibNoItemsLeft: false, sibItems: 1}},
				{in: nums(7, 8, 9), want: []any{[]any{it(obj{"n": 7.0}, p(0))}},
					state: obj{sibCurrentRun: 0, sibMaxRun: 3, sibNoItemsLeft: false, sibItems: 2}},
			},
		},
		{
			name: "v2 loop then done with everything that came back", version: 2, exec: v2, params: obj{"batchSize": 2.0},
			runs: []sibRun{
				{in: nums(1, 2, 3), want: []any{[]any{it(obj{"n": 1.0}, p(0)), it(obj{"n": 2.0}, p(1))}, []any{}},
					state: obj{sibCurrentRun: 0, sibMaxRun: 2, sibNoItemsLeft: false, sibItems: 1, sibProcessedItems: 0, sibDone: false}},
				{in: nums(10, 20), want: []any{[]any{it(obj{"n": 3.0}, p(2))}, []any{}},
					state: obj{sibCurrentRun: 1, sibMaxRun: 2, sibNoItemsLeft: true, sibItems: 0, sibProcessedItems: 2, sibDone: false}},
				{in: nums(30), want: []any{[]any{}, []any{it(obj{"n": 10.0}, p(0)), it(obj{"n": 20.0}, p(1)), it(obj{"n": 30.0}, p(0))}},
					state: obj{sibCurrentRun: 2, sibMaxRun: 2, sibNoItemsLeft: true, sibItems: 0, sibProcessedItems: 3, sibDone: true}},
			},
		},
		{
			name: "v2 reset clears the processed items", version: 2, exec: v2, params: obj{"batchSize": 2.0, "options": obj{"reset": "={{ $runIndex === 2 }}"}},
			runs: []sibRun{
				{in: nums(1, 2), want: []any{[]any{it(obj{"n": 1.0}, p(0)), it(obj{"n": 2.0}, p(1))}, []any{}},
					state: obj{sibCurrentRun: 0, sibMaxRun: 1, sibNoItemsLeft: true, sibItems: 0, sibProcessedItems: 0, sibDone: false}},
				{in: nums(10, 20), want: []any{[]any{}, []any{it(obj{"n": 10.0}, p(0)), it(obj{"n": 20.0}, p(1))}},
					state: obj{sibCurrentRun: 1, sibMaxRun: 1, sibNoItemsLeft: true, sibItems: 0, sibProcessedItems: 2, sibDone: true}},
				{in: nums(10, 20, 30), want: []any{[]any{it(obj{"n": 10.0}, p(0)), it(obj{"n": 20.0}, p(1))}, []any{}},
					state: obj{sibCurrentRun: 0, sibMaxRun: 2, sibNoItemsLeft: false, sibItems: 1, sibProcessedItems: 0, sibDone: false}},
			},
		},
		{
			name: "v2 reset must be boolean true", version: 2, exec: v2, params: obj{"batchSize": 1.0, "options": obj{"reset": "true"}},
			runs: []sibRun{
				{in: nums(1, 2), want: []any{[]any{it(obj{"n": 1.0}, p(0))}, []any{}},
					state: obj{sibCurrentRun: 0, sibMaxRun: 2, sibNoItemsLeft: false, sibItems: 1, sibProcessedItems: 0, sibDone: false}},
				{in: nums(5), want: []any{[]any{it(obj{"n": 2.0}, p(1))}, []any{}},
					state: obj{sibCurrentRun: 1, sibMaxRun: 2, sibNoItemsLeft: true, sibItems: 0, sibProcessedItems: 1, sibDone: false}},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFake("splitInBatches", tc.version, tc.params)
			for run, r := range tc.runs {
				f.Runs = run
				f.Inputs = [][]nodes.Item{r.in}
				out, err := tc.exec(f)
				if err != nil {
					t.Fatalf("run %d: %v", run, err)
				}
				var got []any
				if out != nil {
					got = view(t, out)
				}
				if diff := cmp.Diff(r.want, got); diff != "" {
					t.Errorf("run %d outputs (-want +got):\n%s", run, diff)
				}
				if diff := cmp.Diff(r.state, sibStateView(f.Data)); diff != "" {
					t.Errorf("run %d state (-want +got):\n%s", run, diff)
				}
			}
		})
	}
}

// sibStateView is the node context with item lists reduced to their
// lengths.
func sibStateView(state map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range state {
		if items, ok := v.([]nodes.Item); ok {
			out[k] = len(items)
			continue
		}
		out[k] = v
	}
	return out
}

// TestSplitInBatchesDescriptions checks what differs between the
// versions: names, outputs and the batch size default.
func TestSplitInBatchesDescriptions(t *testing.T) {
	t.Parallel()
	type view struct {
		Display     string
		Default     string
		Outputs     any
		OutputNames []string
		BatchSize   any
	}
	var got []view
	for _, typ := range splitInBatchesTypes() {
		d := typ.Description
		var size any
		for _, p := range d.Properties {
			if p.Name == "batchSize" {
				size = p.Default
			}
		}
		got = append(got, view{d.DisplayName, d.Defaults["name"].(string), d.Outputs, d.OutputNames, size})
	}
	want := []view{
		{"Split In Batches", "Split In Batches", []any{"main"}, nil, 10},
		{"Split In Batches", "Split In Batches", []any{"main", "main"}, []string{"loop", "done"}, 10},
		{"Loop Over Items (Split in Batches)", "Loop Over Items", []any{"main", "main"}, []string{"done", "loop"}, 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("descriptions (-want +got):\n%s", diff)
	}
	reg := nodes.NewRegistry()
	if err := Register(reg); err != nil {
		t.Fatal(err)
	}
	for _, v := range []float64{1, 2, 3} {
		if _, err := reg.Lookup("n8n-nodes-base.splitInBatches", v); err != nil {
			t.Errorf("version %v not registered: %v", v, err)
		}
	}
}
