package engine_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/core"
	"github.com/noderun/noderun/nodes/flow"
	"github.com/noderun/noderun/nodes/transform"
)

// waitRegistry has the real Manual Trigger, Set, Merge, Loop Over Items,
// Wait, Execute Workflow and Error Trigger nodes.
func waitRegistry(t testing.TB) *nodes.Registry {
	t.Helper()
	reg := nodes.NewRegistry()
	for _, register := range []func(*nodes.Registry) error{core.Register, transform.Register, flow.Register} {
		if err := register(reg); err != nil {
			t.Fatal(err)
		}
	}
	return reg
}

type obj = map[string]any

// wn is a workflow node.
func wn(name, typ string, version, x, y float64, params obj) obj {
	return obj{"name": name, "type": "n8n-nodes-base." + typ, "typeVersion": version, "position": []float64{x, y}, "parameters": params}
}

func manual() obj { return wn("Manual", "manualTrigger", 1, 0, 0, obj{}) }

// setNode is a Set v3.4 node assigning string fields (name, value pairs).
func setNode(name string, x, y float64, pairs ...string) obj {
	var as []any
	for i := 0; i+1 < len(pairs); i += 2 {
		as = append(as, obj{"id": fmt.Sprint(i), "name": pairs[i], "value": pairs[i+1], "type": "string"})
	}
	return wn(name, "set", 3.4, x, y, obj{"mode": "manual", "assignments": obj{"assignments": as}, "options": obj{}})
}

func webhookWait(name string, x, y float64) obj {
	return wn(name, "wait", 1.1, x, y, obj{"resume": "webhook", "httpMethod": "POST", "options": obj{}})
}

func zeroWait(name string, x, y float64) obj {
	return wn(name, "wait", 1.1, x, y, obj{"amount": 0})
}

// edge is a connection from output out of from to input in of to.
type edge struct {
	from    string
	out     int
	to      string
	in      int
	skipped bool
}

func buildWorkflow(t testing.TB, ns []obj, edges []edge) *engine.Workflow {
	t.Helper()
	conns := obj{}
	for _, e := range edges {
		c, _ := conns[e.from].(obj)
		if c == nil {
			c = obj{"main": []any{}}
			conns[e.from] = c
		}
		main := c["main"].([]any)
		for len(main) <= e.out {
			main = append(main, []any{})
		}
		main[e.out] = append(main[e.out].([]any), obj{"node": e.to, "type": "main", "index": e.in})
		c["main"] = main
	}
	raw, err := json.Marshal(obj{"name": "wait test", "nodes": ns, "connections": conns, "settings": obj{"executionOrder": "v1"}})
	if err != nil {
		t.Fatal(err)
	}
	wf, err := engine.Parse(raw, "wait.json", engine.Selector{})
	if err != nil {
		t.Fatal(err)
	}
	return wf
}

// runView is one node run as the tests compare it.
type runView struct {
	Status string
	Index  int
	Source []string
	Main   any
	Error  string
}

// shape renders a result's run data without timings: per node, per run,
// status, executionIndex, sources, output items (json and pairedItem) and
// error message.
func shape(t *testing.T, res *engine.Result) map[string][]runView {
	t.Helper()
	out := map[string][]runView{}
	for name, runs := range res.RunData {
		views := []runView{}
		for _, r := range runs {
			v := runView{Status: r.ExecutionStatus, Index: r.ExecutionIndex, Source: []string{}}
			for _, s := range r.Source {
				if s != nil {
					v.Source = append(v.Source, fmt.Sprintf("%s:%d:%d", s.PreviousNode, s.PreviousNodeOutput, s.PreviousNodeRun))
				}
			}
			if r.Data != nil {
				v.Main = plain(t, r.Data.Main)
			}
			if r.Error != nil {
				v.Error = r.Error.Message
			}
			views = append(views, v)
		}
		out[name] = views
	}
	return out
}

// plain round-trips v through JSON into generic values.
func plain(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// viaJSON stores and reloads a result, as the execution store and a
// worker on another machine do.
func viaJSON(t *testing.T, res *engine.Result) *engine.Result {
	t.Helper()
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatalf("marshal result: %v", err)
	}
	var back engine.Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("unmarshal result: %v", err)
	}
	return &back
}

// item is an output item view.
func item(json obj, paired ...int) obj {
	m := obj{"json": json}
	if len(paired) > 0 {
		m["pairedItem"] = obj{"item": float64(paired[0])}
	}
	return m
}

func main1(items ...obj) any {
	list := []any{}
	for _, it := range items {
		list = append(list, any(it))
	}
	return []any{list}
}

func src(s ...string) []string { return append([]string{}, s...) }

func TestWaitWebhookResume(t *testing.T) {
	t.Parallel()
	wf := buildWorkflow(t, []obj{
		manual(),
		setNode("Set", 200, 0, "name", "a", "url", "={{ $execution.resumeUrl }}"),
		webhookWait("Wait", 400, 0),
		setNode("Set2", 600, 0, "got", "={{ $json.body.x }}", "from", "={{ $('Set').item.json.name }}"),
	}, []edge{{from: "Manual", to: "Set"}, {from: "Set", to: "Wait"}, {from: "Wait", to: "Set2"}})
	eng := engine.New(waitRegistry(t))
	const resumeURL = "http://localhost:5678/webhook-waiting/42"
	opts := engine.RunOptions{Mode: "webhook", ExecutionID: "42", AllowWaiting: true, ResumeURL: resumeURL}
	res, err := eng.Run(context.Background(), wf, opts)
	if err != nil {
		t.Fatal(err)
	}
	setOut := item(obj{"name": "a", "url": resumeURL}, 0)
	waiting := map[string][]runView{
		"Manual": {{Status: "success", Index: 0, Source: src(), Main: main1(item(obj{}, 0))}},
		"Set":    {{Status: "success", Index: 1, Source: src("Manual:0:0"), Main: main1(setOut)}},
		"Wait":   {{Status: "waiting", Index: 2, Source: src("Set:0:0"), Main: main1(setOut)}},
	}
	if diff := cmp.Diff(waiting, shape(t, res)); diff != "" {
		t.Errorf("waiting run data (-want +got):\n%s", diff)
	}
	gotHead := []any{res.Status, res.Finished, res.LastNodeExecuted, res.Error == nil, res.ErrorExecution == nil}
	if diff := cmp.Diff([]any{"waiting", false, "Wait", true, true}, gotHead); diff != "" {
		t.Errorf("status, finished, lastNodeExecuted, no error (-want +got):\n%s", diff)
	}
	if res.WaitTill == nil || !res.WaitTill.Equal(nodes.WaitIndefinitely) {
		t.Errorf("WaitTill = %v, want %v", res.WaitTill, nodes.WaitIndefinitely)
	}
	if res.Checkpoint == nil || res.Checkpoint.WaitingNode != "Wait" || len(res.Checkpoint.NodeExecutionStack) != 1 ||
		res.Checkpoint.NodeExecutionStack[0].Node != "Wait" {
		t.Fatalf("checkpoint = %+v, want the Wait node alone on the stack", res.Checkpoint)
	}

	stored := viaJSON(t, res)
	if diff := cmp.Diff(shape(t, res), shape(t, stored)); diff != "" {
		t.Errorf("run data changed in a JSON round trip (-before +after):\n%s", diff)
	}
	webhookItem := nodes.Item{JSON: obj{"headers": obj{}, "params": obj{}, "query": obj{}, "body": obj{"x": "yes"}}}
	done, err := eng.Resume(context.Background(), wf, stored, []nodes.Item{webhookItem}, opts)
	if err != nil {
		t.Fatal(err)
	}
	hookOut := item(obj{"headers": obj{}, "params": obj{}, "query": obj{}, "body": obj{"x": "yes"}}, 0)
	want := map[string][]runView{
		"Manual": waiting["Manual"],
		"Set":    waiting["Set"],
		"Wait":   {{Status: "success", Index: 2, Source: src("Set:0:0"), Main: main1(hookOut)}},
		"Set2":   {{Status: "success", Index: 3, Source: src("Wait:0:0"), Main: main1(item(obj{"got": "yes", "from": "a"}, 0))}},
	}
	if diff := cmp.Diff(want, shape(t, done)); diff != "" {
		t.Errorf("resumed run data (-want +got):\n%s", diff)
	}
	gotHead = []any{done.Status, done.Finished, done.LastNodeExecuted, done.WaitTill == nil, done.Checkpoint == nil, done.StartedAt.Equal(res.StartedAt)}
	if diff := cmp.Diff([]any{"success", true, "Set2", true, true, true}, gotHead); diff != "" {
		t.Errorf("status, finished, lastNodeExecuted, no waitTill, no checkpoint, same start (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Manual", "Set", "Wait", "Set2"}, done.Order); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	// The stored result is untouched by the resume.
	if got := stored.RunData["Wait"][0].ExecutionStatus; got != "waiting" {
		t.Errorf("stored Wait run status = %q, want waiting", got)
	}
}

func TestWaitResumeWithoutInputPassesThrough(t *testing.T) {
	t.Parallel()
	wf := buildWorkflow(t, []obj{
		manual(),
		setNode("Set", 200, 0, "name", "a"),
		webhookWait("Wait", 400, 0),
		setNode("Set2", 600, 0, "got", "={{ $json.name }}", "from", "={{ $('Set').item.json.name }}"),
	}, []edge{{from: "Manual", to: "Set"}, {from: "Set", to: "Wait"}, {from: "Wait", to: "Set2"}})
	eng := engine.New(waitRegistry(t))
	opts := engine.RunOptions{AllowWaiting: true}
	res, err := eng.Run(context.Background(), wf, opts)
	if err != nil || res.Status != engine.StatusWaiting {
		t.Fatalf("run: status %q, err %v", res.Status, err)
	}
	done, err := eng.Resume(context.Background(), wf, viaJSON(t, res), nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []runView{{Status: "success", Index: 3, Source: src("Wait:0:0"), Main: main1(item(obj{"got": "a", "from": "a"}, 0))}}
	if diff := cmp.Diff(want, shape(t, done)["Set2"]); diff != "" {
		t.Errorf("Set2 (-want +got):\n%s", diff)
	}
	wantWait := []runView{{Status: "success", Index: 2, Source: src("Set:0:0"), Main: main1(item(obj{"name": "a"}, 0))}}
	if diff := cmp.Diff(wantWait, shape(t, done)["Wait"]); diff != "" {
		t.Errorf("Wait (-want +got):\n%s", diff)
	}
}

func TestWaitTimeIntervalPutsToWait(t *testing.T) {
	t.Parallel()
	wf := buildWorkflow(t, []obj{
		manual(),
		wn("Wait", "wait", 1.1, 200, 0, obj{"amount": 2, "unit": "hours"}),
		setNode("Set2", 400, 0, "done", "yes"),
	}, []edge{{from: "Manual", to: "Wait"}, {from: "Wait", to: "Set2"}})
	eng := engine.New(waitRegistry(t))
	opts := engine.RunOptions{AllowWaiting: true}
	before := time.Now()
	res, err := eng.Run(context.Background(), wf, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != engine.StatusWaiting || res.WaitTill == nil {
		t.Fatalf("status %q, waitTill %v; want waiting with a waitTill", res.Status, res.WaitTill)
	}
	if lo, hi := before.Add(2*time.Hour), time.Now().Add(2*time.Hour); res.WaitTill.Before(lo.Add(-time.Second)) || res.WaitTill.After(hi.Add(time.Second)) {
		t.Errorf("WaitTill = %v, want between %v and %v", res.WaitTill, lo, hi)
	}
	done, err := eng.Resume(context.Background(), wf, viaJSON(t, res), nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	if done.Status != engine.StatusSuccess || done.LastNodeExecuted != "Set2" {
		t.Errorf("resumed: status %q, last node %q; want success at Set2", done.Status, done.LastNodeExecuted)
	}
}

func TestWaitWithoutAllowWaiting(t *testing.T) {
	t.Parallel()
	eng := engine.New(waitRegistry(t))

	hook := buildWorkflow(t, []obj{manual(), webhookWait("Wait", 200, 0)}, []edge{{from: "Manual", to: "Wait"}})
	res, err := eng.Run(context.Background(), hook, engine.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != engine.StatusError || res.Error == nil || res.Error.Message != "Resuming on a webhook call needs noderun serve" {
		t.Errorf("webhook wait without a server: status %q, error %+v", res.Status, res.Error)
	}
	if res.Checkpoint != nil || res.WaitTill != nil {
		t.Errorf("a failed run has a checkpoint %+v or waitTill %v", res.Checkpoint, res.WaitTill)
	}

	// A long time wait that cannot pause sleeps in-process instead.
	long := buildWorkflow(t, []obj{manual(), wn("Wait", "wait", 1.1, 200, 0, obj{"amount": 2, "unit": "hours"})}, []edge{{from: "Manual", to: "Wait"}})
	res, err = eng.Run(context.Background(), long, engine.RunOptions{Timeout: 50 * time.Millisecond})
	if err == nil || res.Status != engine.StatusCanceled {
		t.Errorf("2 h wait without AllowWaiting: status %q, err %v; want it sleeping until the timeout", res.Status, err)
	}
}

// runToEnd resumes a waiting run, through JSON each time, until it ends;
// it returns the final result and how many times it waited.
func runToEnd(t *testing.T, eng *engine.Engine, wf *engine.Workflow, opts engine.RunOptions, inputs func(n int) []nodes.Item) (*engine.Result, int) {
	res, waits, _ := runToEndCheckpoints(t, eng, wf, opts, inputs)
	return res, waits
}

// runToEndCheckpoints is runToEnd that also summarizes each checkpoint:
// "stack=A,B waiting=M".
func runToEndCheckpoints(t *testing.T, eng *engine.Engine, wf *engine.Workflow, opts engine.RunOptions, inputs func(n int) []nodes.Item) (*engine.Result, int, []string) {
	t.Helper()
	res, err := eng.Run(context.Background(), wf, opts)
	if err != nil {
		t.Fatal(err)
	}
	waits := 0
	var cps []string
	for res.Status == engine.StatusWaiting {
		var stack, waiting []string
		for _, e := range res.Checkpoint.NodeExecutionStack {
			stack = append(stack, e.Node)
		}
		for _, w := range res.Checkpoint.WaitingExecution {
			waiting = append(waiting, w.Node)
		}
		cps = append(cps, fmt.Sprintf("stack=%s waiting=%s", strings.Join(stack, ","), strings.Join(waiting, ",")))
		waits++
		if waits > 20 {
			t.Fatal("still waiting after 20 resumes")
		}
		var in []nodes.Item
		if inputs != nil {
			in = inputs(waits)
		}
		res, err = eng.Resume(context.Background(), wf, viaJSON(t, res), in, opts)
		if err != nil {
			t.Fatal(err)
		}
	}
	return res, waits, cps
}

// TestWaitMatchesUninterruptedRun checks that a run paused at its Wait
// nodes and resumed without input ends exactly like the same workflow
// whose Wait nodes do not pause: multi-input nodes with data waiting on
// one input, other branches still on the stack, loops keeping node state.
func TestWaitMatchesUninterruptedRun(t *testing.T) {
	t.Parallel()
	merge := func(waitY, otherY float64) func(wait func(string, float64, float64) obj) ([]obj, []edge) {
		return func(wait func(string, float64, float64) obj) ([]obj, []edge) {
			return []obj{
					manual(),
					setNode("A", 200, waitY, "from", "a"),
					wait("Wait", 400, waitY),
					setNode("B", 200, otherY, "from", "b"),
					wn("Merge", "merge", 3.2, 600, 0, obj{}),
					setNode("After", 800, 0, "seen", "={{ $json.from }}"),
				}, []edge{{from: "Manual", to: "A"}, {from: "A", to: "Wait"}, {from: "Wait", to: "Merge"},
					{from: "Manual", to: "B"}, {from: "B", to: "Merge", in: 1}, {from: "Merge", to: "After"}}
		}
	}
	cases := []struct {
		name      string
		build     func(wait func(string, float64, float64) obj) ([]obj, []edge)
		input     []nodes.Item
		wantWaits int
		wantCPs   []string
	}{
		{name: "merge, other branch first (waiting input)", build: merge(100, -100), wantWaits: 1,
			wantCPs: []string{"stack=Wait waiting=Merge"}},
		{name: "merge, wait branch first (other branch on the stack)", build: merge(-100, 100), wantWaits: 1,
			wantCPs: []string{"stack=Wait,B waiting="}},
		{name: "two waits in a row", wantWaits: 2, wantCPs: []string{"stack=W1 waiting=", "stack=W2 waiting="}, build: func(wait func(string, float64, float64) obj) ([]obj, []edge) {
			return []obj{manual(), wait("W1", 200, 0), setNode("S", 400, 0, "n", "1"), wait("W2", 600, 0),
					setNode("S2", 800, 0, "n", "={{ $('S').item.json.n }}2")},
				[]edge{{from: "Manual", to: "W1"}, {from: "W1", to: "S"}, {from: "S", to: "W2"}, {from: "W2", to: "S2"}}
		}},
		{name: "loop over items with a wait per batch", wantWaits: 3,
			wantCPs: []string{"stack=Wait waiting=", "stack=Wait waiting=", "stack=Wait waiting="},
			input:   []nodes.Item{{JSON: obj{"n": 1.0}}, {JSON: obj{"n": 2.0}}, {JSON: obj{"n": 3.0}}},
			build: func(wait func(string, float64, float64) obj) ([]obj, []edge) {
				return []obj{manual(), wn("Loop", "splitInBatches", 3, 200, 0, obj{"batchSize": 1, "options": obj{}}),
						wait("Wait", 400, 100), wn("Done", "noOp", 1, 400, -100, obj{})},
					[]edge{{from: "Manual", to: "Loop"}, {from: "Loop", out: 1, to: "Wait"}, {from: "Wait", to: "Loop"}, {from: "Loop", to: "Done"}}
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			eng := engine.New(waitRegistry(t))
			ns, es := tc.build(zeroWait)
			ref, err := eng.Run(context.Background(), buildWorkflow(t, ns, es), engine.RunOptions{Input: tc.input})
			if err != nil || ref.Status != engine.StatusSuccess {
				t.Fatalf("reference run: status %q, err %v", ref.Status, err)
			}
			ns, es = tc.build(webhookWait)
			got, waits, cps := runToEndCheckpoints(t, eng, buildWorkflow(t, ns, es), engine.RunOptions{Input: tc.input, AllowWaiting: true}, nil)
			if waits != tc.wantWaits {
				t.Errorf("waited %d times, want %d", waits, tc.wantWaits)
			}
			if diff := cmp.Diff(tc.wantCPs, cps); diff != "" {
				t.Errorf("checkpoints (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(shape(t, ref), shape(t, got)); diff != "" {
				t.Errorf("resumed run differs from the uninterrupted one (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(ref.Order, got.Order); diff != "" {
				t.Errorf("order (-want +got):\n%s", diff)
			}
			if got.Status != ref.Status || got.LastNodeExecuted != ref.LastNodeExecuted {
				t.Errorf("status %q last %q, want %q %q", got.Status, got.LastNodeExecuted, ref.Status, ref.LastNodeExecuted)
			}
		})
	}
}

func TestWaitTwiceWithWebhookItems(t *testing.T) {
	t.Parallel()
	wf := buildWorkflow(t, []obj{
		manual(), webhookWait("W1", 200, 0), setNode("S", 400, 0, "first", "={{ $json.body.v }}"), webhookWait("W2", 600, 0),
		setNode("S2", 800, 0, "first", "={{ $('S').item.json.first }}", "second", "={{ $json.body.v }}", "hook1", "={{ $('W1').item.json.body.v }}"),
	}, []edge{{from: "Manual", to: "W1"}, {from: "W1", to: "S"}, {from: "S", to: "W2"}, {from: "W2", to: "S2"}})
	eng := engine.New(waitRegistry(t))
	var lastNodes []string
	res, waits := runToEnd(t, eng, wf, engine.RunOptions{AllowWaiting: true, Observer: func(node string, task *engine.TaskData) {
		if task.ExecutionStatus == engine.StatusWaiting {
			lastNodes = append(lastNodes, node)
		}
	}}, func(n int) []nodes.Item {
		return []nodes.Item{{JSON: obj{"body": obj{"v": fmt.Sprint("hook", n)}}}}
	})
	if waits != 2 {
		t.Errorf("waited %d times, want 2", waits)
	}
	if diff := cmp.Diff([]string{"W1", "W2"}, lastNodes); diff != "" {
		t.Errorf("waiting nodes (-want +got):\n%s", diff)
	}
	want := []runView{{Status: "success", Index: 4, Source: src("W2:0:0"), Main: main1(item(obj{"first": "hook1", "second": "hook2", "hook1": "hook1"}, 0))}}
	if diff := cmp.Diff(want, shape(t, res)["S2"]); diff != "" {
		t.Errorf("S2 (-want +got):\n%s", diff)
	}
	if res.Status != engine.StatusSuccess {
		t.Errorf("status %q, want success", res.Status)
	}
}

func TestWaitingIsNotAnError(t *testing.T) {
	t.Parallel()
	wf := buildWorkflow(t, []obj{
		manual(), webhookWait("Wait", 200, 0), wn("On Error", "errorTrigger", 1, 0, 300, obj{}),
	}, []edge{{from: "Manual", to: "Wait"}})
	res, err := engine.New(waitRegistry(t)).Run(context.Background(), wf, engine.RunOptions{AllowWaiting: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != engine.StatusWaiting || res.ErrorExecution != nil {
		t.Errorf("status %q, error execution %+v; want waiting without an error workflow run", res.Status, res.ErrorExecution)
	}
}

func TestSubWorkflowCannotWait(t *testing.T) {
	t.Parallel()
	sub, err := json.Marshal(obj{"name": "sub", "nodes": []obj{
		wn("Start", "executeWorkflowTrigger", 1, 0, 0, obj{}), webhookWait("Wait", 200, 0),
	}, "connections": obj{"Start": obj{"main": []any{[]any{obj{"node": "Wait", "type": "main", "index": 0}}}}}})
	if err != nil {
		t.Fatal(err)
	}
	wf := buildWorkflow(t, []obj{
		manual(), wn("Call", "executeWorkflow", 1, 200, 0, obj{"source": "parameter", "workflowJson": string(sub)}),
	}, []edge{{from: "Manual", to: "Call"}})
	res, err := engine.New(waitRegistry(t)).Run(context.Background(), wf, engine.RunOptions{AllowWaiting: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != engine.StatusError || res.Error == nil || !strings.Contains(res.Error.Message, "needs noderun serve") {
		t.Errorf("status %q, error %+v; want the sub-workflow's Wait to fail", res.Status, res.Error)
	}
}

func TestResumeRefusesARunThatIsNotWaiting(t *testing.T) {
	t.Parallel()
	wf := buildWorkflow(t, []obj{manual()}, nil)
	eng := engine.New(waitRegistry(t))
	res, err := eng.Run(context.Background(), wf, engine.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eng.Resume(context.Background(), wf, res, nil, engine.RunOptions{}); err == nil || !strings.Contains(err.Error(), "not waiting") {
		t.Errorf("resume of a finished run: err %v, want a not-waiting error", err)
	}
}

func TestResumeURLInExpressions(t *testing.T) {
	t.Parallel()
	wf := buildWorkflow(t, []obj{manual(), setNode("Set", 200, 0, "url", "={{ $execution.resumeUrl }}", "form", "={{ $execution.resumeFormUrl }}")},
		[]edge{{from: "Manual", to: "Set"}})
	res, err := engine.New(waitRegistry(t)).Run(context.Background(), wf, engine.RunOptions{ResumeURL: "http://h/webhook-waiting/7"})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := res.Output("Set", 0, -1)
	if diff := cmp.Diff(obj{"url": "http://h/webhook-waiting/7", "form": "http://h/form-waiting/7"}, got[0].JSON); diff != "" {
		t.Errorf("$execution URLs (-want +got):\n%s", diff)
	}
}

// TestWaitRoundTripKeepsOrderBinaryAndErrors stores the waiting result as
// JSON and resumes from the copy: key order of the checkpoint's items and
// of the run data, binary data and recorded node errors survive.
func TestWaitRoundTripKeepsOrderBinaryAndErrors(t *testing.T) {
	t.Parallel()
	fail := wn("Fail", "stopAndError", 1, 100, 0, obj{"errorMessage": "bad"})
	fail["onError"] = "continueRegularOutput"
	wf := buildWorkflow(t, []obj{
		manual(), fail,
		setNode("Set", 200, 0, "z", "1", "a", "2"),
		webhookWait("Wait", 400, 0),
		setNode("Set2", 600, 0, "keys", "={{ Object.keys($json).join(',') }}", "setKeys", "={{ Object.keys($('Set').item.json).join(',') }}",
			"file", "={{ $binary.data ? $binary.data.mimeType : 'none' }}"),
	}, []edge{{from: "Manual", to: "Fail"}, {from: "Fail", to: "Set"}, {from: "Set", to: "Wait"}, {from: "Wait", to: "Set2"}})
	eng := engine.New(waitRegistry(t))
	opts := engine.RunOptions{AllowWaiting: true}
	res, err := eng.Run(context.Background(), wf, opts)
	if err != nil || res.Status != engine.StatusWaiting {
		t.Fatalf("run: status %q, err %v", res.Status, err)
	}
	stored := viaJSON(t, res)
	if diff := cmp.Diff(shape(t, res), shape(t, stored)); diff != "" {
		t.Errorf("run data changed in a JSON round trip (-before +after):\n%s", diff)
	}
	if e := stored.RunData["Fail"][0].Error; e == nil || e.Message != "bad" {
		t.Errorf("stored Fail error = %+v, want the node error kept", e)
	}

	ordered, err := nodes.DecodeJSON([]byte(`{"query": {}, "body": {"ok": true}}`))
	if err != nil {
		t.Fatal(err)
	}
	hook := nodes.Item{JSON: ordered, Binary: map[string]*nodes.BinaryData{"data": {Data: "aGk=", MimeType: "text/plain", FileName: "a.txt"}}}
	cases := []struct {
		name  string
		input []nodes.Item
		want  obj
	}{
		{name: "pass through", want: obj{"keys": "z,a", "setKeys": "z,a", "file": "none"}},
		{name: "webhook item", input: []nodes.Item{hook}, want: obj{"keys": "query,body", "setKeys": "z,a", "file": "text/plain"}},
	}
	for _, tc := range cases {
		done, err := eng.Resume(context.Background(), wf, viaJSON(t, stored), tc.input, opts)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := done.Output("Set2", 0, -1)
		if len(got) != 1 {
			t.Fatalf("%s: Set2 output %v", tc.name, got)
		}
		if diff := cmp.Diff(tc.want, got[0].JSON); diff != "" {
			t.Errorf("%s: Set2 (-want +got):\n%s", tc.name, diff)
		}
		final := viaJSON(t, done)
		if diff := cmp.Diff(shape(t, done), shape(t, final)); diff != "" {
			t.Errorf("%s: final run data changed in a JSON round trip (-before +after):\n%s", tc.name, diff)
		}
		if tc.input != nil {
			waitOut, _ := final.Output("Wait", 0, -1)
			if diff := cmp.Diff(hook.Binary, waitOut[0].Binary); diff != "" {
				t.Errorf("%s: Wait binary (-want +got):\n%s", tc.name, diff)
			}
		}
	}
}
