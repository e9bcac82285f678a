package transform

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/nodetest"
	"github.com/noderun/noderun/nodes"
)

// src is a recorded input source.
func src(node string, output, run int) *nodetest.Source {
	return &nodetest.Source{PreviousNode: node, PreviousNodeOutput: output, PreviousNodeRun: run}
}

// so is a pairedItem view with a sourceOverwrite.
func so(item int, node string, output, run int) obj {
	return obj{"item": float64(item), "sourceOverwrite": obj{
		"previousNode": node, "previousNodeOutput": float64(output), "previousNodeRun": float64(run)}}
}

// TestSplitInBatchesSourceOverwrite drives every version run by run with
// the input sources the engine gives and checks n8n's lineage stamps:
// items of later runs carry the first run's source, items that came back
// through the loop carry the source of the run they came back in.
func TestSplitInBatchesSourceOverwrite(t *testing.T) {
	t.Parallel()
	type run struct {
		in      []nodes.Item
		source  *nodetest.Source
		want    []any
		srcData any
	}
	first := obj{"previousNode": "Prepare", "previousNodeOutput": 0, "previousNodeRun": 0}
	cases := []struct {
		name    string
		version float64
		exec    func(nodes.ExecuteContext) (nodes.Outputs, error)
		params  obj
		runs    []run
	}{
		{
			name: "v3 batches then done", version: 3, exec: executeSplitInBatches, params: obj{"batchSize": 2.0},
			runs: []run{
				{in: nums(1, 2, 3), source: src("Prepare", 0, 0), srcData: first,
					want: []any{[]any{}, []any{it(obj{"n": 1.0}, p(0)), it(obj{"n": 2.0}, p(1))}}},
				{in: nums(10, 20), source: src("Body", 0, 0), srcData: first,
					want: []any{[]any{}, []any{it(obj{"n": 3.0}, so(2, "Prepare", 0, 0))}}},
				{in: nums(30), source: src("Body", 0, 1), srcData: first,
					want: []any{[]any{
						it(obj{"n": 10.0}, so(0, "Body", 0, 0)),
						it(obj{"n": 20.0}, so(1, "Body", 0, 0)),
						it(obj{"n": 30.0}, so(0, "Body", 0, 1)),
					}, []any{}}},
			},
		},
		{
			name: "v2 loop then done", version: 2, exec: executeSplitInBatchesV2, params: obj{"batchSize": 1.0},
			runs: []run{
				{in: nums(1, 2), source: src("Prepare", 0, 0), srcData: first,
					want: []any{[]any{it(obj{"n": 1.0}, p(0))}, []any{}}},
				{in: nums(5), source: src("Body", 0, 0), srcData: first,
					want: []any{[]any{it(obj{"n": 2.0}, so(1, "Prepare", 0, 0))}, []any{}}},
				{in: nums(6), source: src("Body", 0, 1), srcData: first,
					want: []any{[]any{}, []any{it(obj{"n": 5.0}, so(0, "Body", 0, 0)), it(obj{"n": 6.0}, so(0, "Body", 0, 1))}}},
			},
		},
		{
			name: "v1 later batches point at the first run's source", version: 1, exec: executeSplitInBatchesV1, params: obj{"batchSize": 2.0},
			runs: []run{
				{in: nums(1, 2, 3, 4, 5), source: src("Batches 2", 1, 3),
					srcData: obj{"previousNode": "Batches 2", "previousNodeOutput": 1, "previousNodeRun": 3},
					want:    []any{[]any{it(obj{"n": 1.0}, p(0)), it(obj{"n": 2.0}, p(1))}}},
				{in: nums(9), source: src("IF", 1, 0),
					srcData: obj{"previousNode": "Batches 2", "previousNodeOutput": 1, "previousNodeRun": 3},
					want:    []any{[]any{it(obj{"n": 3.0}, so(2, "Batches 2", 1, 3)), it(obj{"n": 4.0}, so(3, "Batches 2", 1, 3))}}},
			},
		},
		{
			name: "reset takes the source of the run that resets", version: 3, exec: executeSplitInBatches,
			params: obj{"batchSize": 1.0, "options": obj{"reset": "={{ $runIndex === 1 }}"}},
			runs: []run{
				{in: nums(1, 2), source: src("Prepare", 0, 0), srcData: first,
					want: []any{[]any{}, []any{it(obj{"n": 1.0}, p(0))}}},
				{in: nums(7, 8), source: src("Other", 0, 4),
					srcData: obj{"previousNode": "Other", "previousNodeOutput": 0, "previousNodeRun": 4},
					want:    []any{[]any{}, []any{it(obj{"n": 7.0}, p(0))}}},
				{in: nums(70), source: src("Body", 0, 1),
					srcData: obj{"previousNode": "Other", "previousNodeOutput": 0, "previousNodeRun": 4},
					want:    []any{[]any{}, []any{it(obj{"n": 8.0}, so(1, "Other", 0, 4))}}},
			},
		},
		{
			name: "no source: no sourceOverwrite and no sourceData", version: 3, exec: executeSplitInBatches, params: obj{"batchSize": 1.0},
			runs: []run{
				{in: nums(1, 2), want: []any{[]any{}, []any{it(obj{"n": 1.0}, p(0))}}},
				{in: nums(5), want: []any{[]any{}, []any{it(obj{"n": 2.0}, p(1))}}},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFake("splitInBatches", tc.version, tc.params)
			for i, r := range tc.runs {
				f.Runs = i
				f.Inputs = [][]nodes.Item{r.in}
				var sources []*nodetest.Source
				if r.source != nil {
					sources = []*nodetest.Source{r.source}
				}
				out, err := tc.exec(sourcedCtx{fakeCtx: f, Sources: sources})
				if err != nil {
					t.Fatalf("run %d: %v", i, err)
				}
				if diff := cmp.Diff(r.want, view(t, out)); diff != "" {
					t.Errorf("run %d outputs (-want +got):\n%s", i, diff)
				}
				if diff := cmp.Diff(r.srcData, sourceDataView(f.Data[sibSourceData])); diff != "" {
					t.Errorf("run %d sourceData (-want +got):\n%s", i, diff)
				}
			}
		})
	}
}

// sourceDataView is the stored sourceData with its numbers as ints (nil
// when there is none).
func sourceDataView(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	return obj{"previousNode": m["previousNode"], "previousNodeOutput": m["previousNodeOutput"], "previousNodeRun": m["previousNodeRun"]}
}

// TestSplitInBatchesSourceDataFromCheckpoint resumes a loop whose node
// context came back from a stored checkpoint (numbers as float64): later
// batches still get the first run's source.
func TestSplitInBatchesSourceDataFromCheckpoint(t *testing.T) {
	t.Parallel()
	f := newFake("splitInBatches", 3, obj{"batchSize": 1.0})
	f.Data[sibItems] = nums(2)
	f.Data[sibProcessedItems] = []nodes.Item{}
	f.Data[sibCurrentRun] = 0
	f.Data[sibSourceData] = map[string]any{"previousNode": "Prepare", "previousNodeOutput": 0.0, "previousNodeRun": 2.0}
	f.Runs = 1
	f.Inputs = [][]nodes.Item{nums(5)}
	out, err := executeSplitInBatches(sourcedCtx{fakeCtx: f, Sources: []*nodetest.Source{src("Body", 0, 0)}})
	if err != nil {
		t.Fatal(err)
	}
	want := []any{[]any{}, []any{it(obj{"n": 2.0}, so(0, "Prepare", 0, 2))}}
	if diff := cmp.Diff(want, view(t, out)); diff != "" {
		t.Errorf("outputs (-want +got):\n%s", diff)
	}
}

// TestOverwriteSource covers n8n's getPairedItemInformation on every
// pairedItem shape, and that the result shares nothing with its input.
func TestOverwriteSource(t *testing.T) {
	t.Parallel()
	one := 1
	s := &nodes.PairedSource{PreviousNode: "Prepare", PreviousNodeOutput: 0, PreviousNodeRun: 2}
	cases := []struct {
		name string
		in   nodes.PairedItems
		src  *nodes.PairedSource
		want nodes.PairedItems
	}{
		{"missing is item 0", nodes.PairedItems{}, s,
			nodes.One(nodes.PairedItem{Item: 0, SourceOverwrite: s})},
		{"object keeps item and input", nodes.One(nodes.PairedItem{Item: 3, Input: &one}), s,
			nodes.One(nodes.PairedItem{Item: 3, Input: &one, SourceOverwrite: s})},
		{"array stays an array", nodes.PairedItems{Items: []nodes.PairedItem{{Item: 0}, {Item: 2}}, List: true}, s,
			nodes.PairedItems{Items: []nodes.PairedItem{{Item: 0, SourceOverwrite: s}, {Item: 2, SourceOverwrite: s}}, List: true}},
		{"empty array stays empty", nodes.PairedItems{Items: []nodes.PairedItem{}, List: true}, s,
			nodes.PairedItems{Items: []nodes.PairedItem{}, List: true}},
		{"no source leaves none", nodes.One(nodes.PairedItem{Item: 4}), nil,
			nodes.One(nodes.PairedItem{Item: 4})},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			before := cloneLineage(tc.in)
			got := overwriteSource(tc.in, tc.src)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, tc.in); diff != "" {
				t.Errorf("input changed (-before +after):\n%s", diff)
			}
			if len(got.Items) > 0 && got.Items[0].SourceOverwrite != nil && got.Items[0].SourceOverwrite == tc.src {
				t.Error("sourceOverwrite shares the node context's source")
			}
		})
	}
}

// cloneLineage deep-copies p.
func cloneLineage(p nodes.PairedItems) nodes.PairedItems {
	out := nodes.PairedItems{List: p.List}
	if p.Items != nil {
		out.Items = make([]nodes.PairedItem, len(p.Items))
		copy(out.Items, p.Items)
	}
	return out
}
