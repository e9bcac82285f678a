package transform

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/nodes"
)

// TestSplitInBatchesLoop drives the node the way the engine does: run 0
// gets the original items, later runs get what the loop body returned.
func TestSplitInBatchesLoop(t *testing.T) {
	t.Parallel()
	f := newFake("splitInBatches", 3, obj{"batchSize": 2.0},
		stamp(0, items(obj{"n": 1.0}, obj{"n": 2.0}, obj{"n": 3.0})))
	var loops [][]any
	var done []any
	for run := 0; run < 5; run++ {
		f.Runs = run
		out, err := executeSplitInBatches(f)
		if err != nil {
			t.Fatal(err)
		}
		v := view(t, out)
		if len(out[0]) > 0 {
			done = v[0].([]any)
			break
		}
		loops = append(loops, v[1].([]any))
		// the loop body doubles n and feeds the batch back
		var back []nodes.Item
		for _, it := range out[1] {
			back = append(back, nodes.Item{JSON: obj{"n": it.Object()["n"].(float64) * 2}})
		}
		f.Inputs = [][]nodes.Item{stamp(0, back)}
	}
	wantLoops := [][]any{
		{it(obj{"n": 1.0}, p(0)), it(obj{"n": 2.0}, p(1))},
		{it(obj{"n": 3.0}, p(2))},
	}
	if diff := cmp.Diff(wantLoops, loops); diff != "" {
		t.Errorf("loop batches (-want +got):\n%s", diff)
	}
	wantDone := []any{it(obj{"n": 2.0}, p(0)), it(obj{"n": 4.0}, p(1)), it(obj{"n": 6.0}, p(0))}
	if diff := cmp.Diff(wantDone, done); diff != "" {
		t.Errorf("done (-want +got):\n%s", diff)
	}
	if f.Data[sibDone] != true {
		t.Errorf("state done = %v", f.Data[sibDone])
	}
}

func TestSplitInBatchesReset(t *testing.T) {
	t.Parallel()
	f := newFake("splitInBatches", 3, obj{"options": obj{"reset": true}}, stamp(0, items(obj{"a": 1.0}, obj{"a": 2.0})))
	for range 2 {
		out, err := executeSplitInBatches(f)
		if err != nil {
			t.Fatal(err)
		}
		want := []any{[]any{}, []any{it(obj{"a": 1.0}, p(0))}}
		if diff := cmp.Diff(want, view(t, out)); diff != "" {
			t.Errorf("reset run (-want +got):\n%s", diff)
		}
	}
}

func TestWait(t *testing.T) {
	t.Parallel()
	in := items(obj{"a": 1.0})
	cases := []nodeCase{
		{name: "zero seconds passes through", params: obj{"amount": 0.0}, inputs: [][]nodes.Item{in}, want: []any{[]any{it(obj{"a": 1.0}, p(0))}}},
		{name: "negative amount", params: obj{"amount": -1.0}, inputs: [][]nodes.Item{in}, wantErr: "Invalid wait amount. Please enter a number that is 0 or greater."},
		{name: "date in the past", params: obj{"resume": "specificTime", "dateTime": "2001-01-01T00:00:00"}, inputs: [][]nodes.Item{in}, want: []any{[]any{it(obj{"a": 1.0}, p(0))}}},
		{name: "bad date", params: obj{"resume": "specificTime", "dateTime": "soon"}, inputs: [][]nodes.Item{in}, wantErr: "Cannot put execution to wait because `dateTime` parameter is not a valid date. Please pick a specific date and time to wait until."},
		{name: "bad unit", params: obj{"unit": "weeks"}, inputs: [][]nodes.Item{in}, wantErr: "Invalid wait unit. Valid units are 'seconds', 'minutes', 'hours', or 'days'."},
		{name: "webhook refused without a server", params: obj{"resume": "webhook"}, inputs: [][]nodes.Item{in}, wantErr: "Resuming on a webhook call needs noderun serve"},
		{name: "form refused", params: obj{"resume": "form"}, inputs: [][]nodes.Item{in}, wantErr: `Resuming on "form" is not supported by noderun: n8n forms are not served`},
	}
	runCases(t, "wait", 1.1, executeWait, cases)
}

func TestWaitSleepsAndCancels(t *testing.T) {
	t.Parallel()
	f := newFake("wait", 1.1, obj{"amount": 0.05}, items(obj{}))
	start := time.Now()
	if _, err := executeWait(f); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) < 50*time.Millisecond {
		t.Error("wait returned before its amount")
	}
	ctx, cancel := context.WithCancel(context.Background())
	g := newFake("wait", 1.1, obj{"amount": 2.0, "unit": "hours"}, items(obj{}))
	g.Ctx = ctx
	errc := make(chan error, 1)
	go func() { _, err := executeWait(g); errc <- err }()
	cancel()
	select {
	case err := <-errc:
		if err == nil {
			t.Fatal("cancelled wait returned no error")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("wait ignored cancellation")
	}
}
