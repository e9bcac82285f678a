package engine_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes"
)

// TestSendResponseReachesOnResponse checks the Respond to Webhook hook: a
// node's SendResponse goes to RunOptions.OnResponse, and fails clearly
// when no request waits for a reply.
func TestSendResponseReachesOnResponse(t *testing.T) {
	t.Parallel()
	reg := waitRegistry(t)
	respond := &nodes.Type{
		Description: &nodes.Description{Name: "test.respond", DisplayName: "Respond", Version: nodes.Versions{1}, Properties: []*nodes.Property{}},
		Handler: nodes.HandlerFunc(func(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
			in := ctx.InputData(0)
			if err := ctx.SendResponse(&nodes.WebhookResponse{StatusCode: 201, Headers: map[string]string{"x-a": "b"}, Body: in[0].JSON}); err != nil {
				return nil, err
			}
			return nodes.Outputs{in}, nil
		}),
	}
	if err := reg.Register(respond); err != nil {
		t.Fatal(err)
	}
	node := obj{"name": "Respond", "type": "test.respond", "typeVersion": 1, "position": []float64{200, 0}, "parameters": obj{}}
	wf := buildWorkflow(t, []obj{manual(), setNode("Set", 100, 0, "a", "1"), node}, []edge{{from: "Manual", to: "Set"}, {from: "Set", to: "Respond"}})
	eng := engine.New(reg)

	var got []*nodes.WebhookResponse
	res, err := eng.Run(context.Background(), wf, engine.RunOptions{OnResponse: func(r *nodes.WebhookResponse) { got = append(got, r) }})
	if err != nil || res.Status != engine.StatusSuccess {
		t.Fatalf("status %q, err %v", res.Status, err)
	}
	want := []*nodes.WebhookResponse{{StatusCode: 201, Headers: map[string]string{"x-a": "b"}, Body: map[string]any{"a": "1"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("responses (-want +got):\n%s", diff)
	}

	res, err = eng.Run(context.Background(), wf, engine.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != engine.StatusError || res.Error == nil || res.Error.NodeName != "Respond" {
		t.Errorf("without a waiting request: status %q, error %+v; want the node to fail", res.Status, res.Error)
	}
}
