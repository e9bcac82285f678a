package trigger_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/trigger"
)

func TestCheckResponseMode(t *testing.T) {
	t.Parallel()
	respond := &nodes.Node{Name: "Respond", Type: trigger.RespondToWebhookType}
	set := &nodes.Node{Name: "Set", Type: "n8n-nodes-base.set"}
	wait := &nodes.Node{Name: "Wait", Type: trigger.WaitType, Parameters: map[string]any{"resume": "webhook", "responseMode": "responseNode"}}
	parents := func(string) []*nodes.Node { return []*nodes.Node{wait, set} }
	noResponder := &trigger.HTTPError{Code: 500, Message: "No Respond to Webhook node found in the workflow",
		Hint: "Insert a Respond to Webhook node to your workflow to respond to the webhook or choose another option for the “Respond” parameter"}
	unused := &trigger.HTTPError{Code: 500, Message: "Unused Respond to Webhook node found in the workflow",
		Hint: "Set the “Respond” parameter to “Using Respond to Webhook Node” or remove the Respond to Webhook node"}
	tests := []struct {
		name        string
		version     float64
		mode        string
		descendants []*nodes.Node
		parents     func(string) []*nodes.Node
		want        error
	}{
		{"responseNode with a responder", 2, "responseNode", []*nodes.Node{set, respond}, nil, nil},
		{"responseNode without", 2, "responseNode", []*nodes.Node{set}, nil, noResponder},
		{"onReceived with a responder", 2.1, "onReceived", []*nodes.Node{respond}, nil, unused},
		{"lastNode with a responder of a downstream wait", 2, "lastNode", []*nodes.Node{set, wait, respond}, parents, nil},
		{"version 1 is not checked", 1.1, "responseNode", nil, nil, nil},
		{"onReceived without responders", 2, "onReceived", []*nodes.Node{set}, nil, nil},
	}
	for _, tt := range tests {
		w := webhookOf(t, webhookNode(tt.version, map[string]any{"path": "p", "responseMode": tt.mode}))
		err := w.CheckResponseMode(tt.descendants, tt.parents)
		if diff := cmp.Diff(tt.want, err); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}
