package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes"
)

// testRegistry has minimal node types that exercise the engine without the
// core nodes: a trigger, a pass-through, a splitter and a two-input joiner.
func testRegistry(t testing.TB) *nodes.Registry {
	t.Helper()
	r := nodes.NewRegistry()
	pass := nodes.HandlerFunc(func(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
		in := ctx.InputData(0)
		out := make([]nodes.Item, len(in))
		for i, it := range in {
			out[i] = nodes.Item{JSON: it.JSON, PairedItem: nodes.One(nodes.Paired(i, 0))}
		}
		return nodes.Outputs{out}, nil
	})
	types := []*nodes.Type{
		{Description: &nodes.Description{Name: "test.trigger", DisplayName: "Trigger", Version: nodes.Versions{1}, Group: []string{"trigger"}, Properties: []*nodes.Property{}},
			Handler: nodes.HandlerFunc(func(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
				return nodes.Outputs{ctx.InputData(0)}, nil
			})},
		{Description: &nodes.Description{Name: "test.pass", DisplayName: "Pass", Version: nodes.Versions{1}, Properties: []*nodes.Property{}}, Handler: pass},
		{Description: &nodes.Description{Name: "test.split", DisplayName: "Split", Version: nodes.Versions{1}, Outputs: []any{"main", "main"}, Properties: []*nodes.Property{}},
			Handler: nodes.HandlerFunc(func(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
				var yes, no []nodes.Item
				for i, it := range ctx.InputData(0) {
					it.PairedItem = nodes.One(nodes.Paired(i, 0))
					if it.Object()["ok"] == true {
						yes = append(yes, it)
					} else {
						no = append(no, it)
					}
				}
				return nodes.Outputs{yes, no}, nil
			})},
		{Description: &nodes.Description{Name: "test.join", DisplayName: "Join", Version: nodes.Versions{1}, Inputs: []any{"main", "main"}, Properties: []*nodes.Property{}},
			Handler: nodes.HandlerFunc(func(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
				var out []nodes.Item
				for in := 0; in < 2; in++ {
					for i, it := range ctx.InputData(in) {
						it.PairedItem = nodes.One(nodes.Paired(i, in))
						out = append(out, it)
					}
				}
				return nodes.Outputs{out}, nil
			})},
		{Description: &nodes.Description{Name: "test.fail", DisplayName: "Fail", Version: nodes.Versions{1}, Properties: []*nodes.Property{}},
			Handler: nodes.HandlerFunc(func(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
				return nil, nodes.NewOperationError(ctx.Node().Name, "boom").WithItem(0)
			})},
	}
	for _, typ := range types {
		if err := r.Register(typ); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

type node struct {
	name, typ string
	x, y      float64
}

func workflow(t testing.TB, order string, ns []node, edges [][3]any, pin map[string][]map[string]any) *engine.Workflow {
	t.Helper()
	var list []map[string]any
	for _, n := range ns {
		list = append(list, map[string]any{"name": n.name, "type": n.typ, "typeVersion": 1, "position": []float64{n.x, n.y}, "parameters": map[string]any{}})
	}
	conns := map[string]map[string][][]map[string]any{}
	for _, e := range edges {
		from, out, to := e[0].(string), e[1].(int), e[2].(string)
		input := 0
		if i := strings.Index(to, "#"); i >= 0 {
			input = int(to[i+1] - '0')
			to = to[:i]
		}
		if conns[from] == nil {
			conns[from] = map[string][][]map[string]any{"main": nil}
		}
		main := conns[from]["main"]
		for len(main) <= out {
			main = append(main, []map[string]any{})
		}
		main[out] = append(main[out], map[string]any{"node": to, "type": "main", "index": input})
		conns[from]["main"] = main
	}
	pinData := map[string]any{}
	for k, items := range pin {
		var l []map[string]any
		for _, j := range items {
			l = append(l, map[string]any{"json": j})
		}
		pinData[k] = l
	}
	raw, _ := json.Marshal(map[string]any{"name": "t", "nodes": list, "connections": conns, "pinData": pinData,
		"settings": map[string]any{"executionOrder": order}})
	wf, err := engine.Parse(raw, "test.json", engine.Selector{})
	if err != nil {
		t.Fatal(err)
	}
	return wf
}

func TestExecutionOrder(t *testing.T) {
	t.Parallel()
	branches := []node{{"Start", "test.trigger", 0, 0}, {"B", "test.pass", 200, -300}, {"C", "test.pass", 200, 0},
		{"A", "test.pass", 200, 300}, {"A2", "test.pass", 400, 300}, {"B2", "test.pass", 400, -300}}
	branchEdges := [][3]any{{"Start", 0, "A"}, {"Start", 0, "B"}, {"Start", 0, "C"}, {"A", 0, "A2"}, {"B", 0, "B2"}}
	ifMerge := []node{{"Emit", "test.trigger", 0, 0}, {"If", "test.split", 200, 0}, {"T1", "test.pass", 400, -100},
		{"T2", "test.pass", 600, -100}, {"F1", "test.pass", 400, 100}, {"Merge", "test.join", 800, 0}}
	ifEdges := [][3]any{{"Emit", 0, "If"}, {"If", 0, "T1"}, {"T1", 0, "T2"}, {"T2", 0, "Merge#0"}, {"If", 1, "F1"}, {"F1", 0, "Merge#1"}}
	pin := map[string][]map[string]any{"Emit": {{"ok": true}, {"ok": false}}}
	tests := []struct {
		name  string
		order string
		nodes []node
		edges [][3]any
		want  []string
	}{
		{"v1 depth first by position", "v1", branches, branchEdges, []string{"Start", "B", "B2", "C", "A", "A2"}},
		{"v0 breadth first", "v0", branches, branchEdges, []string{"Start", "A", "B", "C", "A2", "B2"}},
		{"v1 if merge", "v1", ifMerge, ifEdges, []string{"Emit", "If", "T1", "T2", "F1", "Merge"}},
		{"v0 if merge", "", ifMerge, ifEdges, []string{"Emit", "If", "T1", "F1", "T2", "Merge"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wf := workflow(t, tt.order, tt.nodes, tt.edges, pin)
			res, err := engine.New(testRegistry(t)).Run(context.Background(), wf, engine.RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, res.Order); diff != "" {
				t.Errorf("order (-want +got):\n%s", diff)
			}
			if res.Status != engine.StatusSuccess {
				t.Errorf("status %q", res.Status)
			}
		})
	}
}

func TestPullInMissingBranchV0(t *testing.T) {
	t.Parallel()
	// The If sends everything to true; v0 still runs F1 with one empty item.
	ns := []node{{"Emit", "test.trigger", 0, 0}, {"If", "test.split", 200, 0}, {"T1", "test.pass", 400, -100},
		{"F1", "test.pass", 400, 100}, {"Merge", "test.join", 800, 0}}
	edges := [][3]any{{"Emit", 0, "If"}, {"If", 0, "T1"}, {"T1", 0, "Merge#0"}, {"If", 1, "F1"}, {"F1", 0, "Merge#1"}}
	wf := workflow(t, "v0", ns, edges, map[string][]map[string]any{"Emit": {{"ok": true, "n": 5.0}}})
	res, err := engine.New(testRegistry(t)).Run(context.Background(), wf, engine.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := res.Output("Merge", 0, 0)
	var jsons []any
	for _, it := range got {
		jsons = append(jsons, it.JSON)
	}
	want := []any{map[string]any{"ok": true, "n": 5.0}, map[string]any{}}
	if diff := cmp.Diff(want, jsons); diff != "" {
		t.Errorf("merge output (-want +got):\n%s", diff)
	}
}

func TestStopOnErrorAndContinue(t *testing.T) {
	t.Parallel()
	ns := []node{{"Start", "test.trigger", 0, 0}, {"Bad", "test.fail", 200, 0}, {"After", "test.pass", 400, 0}}
	edges := [][3]any{{"Start", 0, "Bad"}, {"Bad", 0, "After"}}
	wf := workflow(t, "v1", ns, edges, nil)
	res, err := engine.New(testRegistry(t)).Run(context.Background(), wf, engine.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != engine.StatusError || res.LastNodeExecuted != "Bad" || res.Error == nil || res.Error.Message != "boom" {
		t.Fatalf("got status %q last %q error %v", res.Status, res.LastNodeExecuted, res.Error)
	}
	if _, ran := res.RunData["After"]; ran {
		t.Error("node after the failure ran")
	}
	var ne *nodes.NodeError
	if !errors.As(error(res.Error), &ne) || ne.Context["itemIndex"] != 0 {
		t.Errorf("error context %v", res.Error.Context)
	}

	wf.Node("Bad").OnError = nodes.OnErrorContinueRegular
	res, err = engine.New(testRegistry(t)).Run(context.Background(), wf, engine.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != engine.StatusSuccess || len(res.RunData["After"]) != 1 || res.RunData["Bad"][0].ExecutionStatus != "error" {
		t.Fatalf("continue: status %q runs %v", res.Status, res.Order)
	}
}

func TestRetryOnFail(t *testing.T) {
	t.Parallel()
	ns := []node{{"Start", "test.trigger", 0, 0}, {"Bad", "test.fail", 200, 0}}
	wf := workflow(t, "v1", ns, [][3]any{{"Start", 0, "Bad"}}, nil)
	bad := wf.Node("Bad")
	bad.RetryOnFail = true
	two, zero := 2.0, 1.0
	bad.MaxTries, bad.WaitBetweenTries = &two, &zero
	calls := 0
	r := testRegistry(t)
	counting := nodes.NewRegistry()
	for _, typ := range r.Types() {
		typ := *typ
		if typ.Name() == "test.fail" {
			inner := typ.Handler
			typ.Handler = nodes.HandlerFunc(func(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
				calls++
				return inner.Execute(ctx)
			})
		}
		if err := counting.Register(&typ); err != nil {
			t.Fatal(err)
		}
	}
	res, err := engine.New(counting).Run(context.Background(), wf, engine.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 2 || len(res.RunData["Bad"]) != 1 || res.Status != engine.StatusError {
		t.Errorf("calls %d, runs %d, status %s", calls, len(res.RunData["Bad"]), res.Status)
	}
}

func TestCancelledContext(t *testing.T) {
	t.Parallel()
	wf := workflow(t, "v1", []node{{"Start", "test.trigger", 0, 0}}, nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := engine.New(testRegistry(t)).Run(ctx, wf, engine.RunOptions{})
	if err == nil || res.Status != engine.StatusCanceled {
		t.Fatalf("want a cancelled run, got %v %+v", err, res)
	}
}
