package server

import (
	"testing"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes/trigger"
)

func TestCheckResponseMode(t *testing.T) {
	t.Parallel()
	wf, err := engine.Parse([]byte(`{"name": "W", "nodes": [
	  {"name": "Hook", "type": "n8n-nodes-base.webhook", "typeVersion": 2, "parameters": {}},
	  {"name": "Respond", "type": "n8n-nodes-base.respondToWebhook", "parameters": {}},
	  {"name": "Other Hook", "type": "n8n-nodes-base.webhook", "typeVersion": 2, "parameters": {}},
	  {"name": "Wait", "type": "n8n-nodes-base.wait", "parameters": {"resume": "webhook", "responseMode": "responseNode"}},
	  {"name": "Wait Respond", "type": "n8n-nodes-base.respondToWebhook", "parameters": {}},
	  {"name": "Lone Hook", "type": "n8n-nodes-base.webhook", "typeVersion": 2, "parameters": {}},
	  {"name": "Old Hook", "type": "n8n-nodes-base.webhook", "typeVersion": 1.1, "parameters": {}},
	  {"name": "Old Respond", "type": "n8n-nodes-base.respondToWebhook", "parameters": {}}
	], "connections": {
	  "Hook": {"main": [[{"node": "Respond", "type": "main", "index": 0}]]},
	  "Other Hook": {"main": [[{"node": "Wait", "type": "main", "index": 0}]]},
	  "Wait": {"main": [[{"node": "Wait Respond", "type": "main", "index": 0}]]},
	  "Old Hook": {"main": [[{"node": "Old Respond", "type": "main", "index": 0}]]}
	}}`), "w.json", engine.Selector{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		node, mode, want string
	}{
		{"Hook", modeResponseNode, ""},
		{"Hook", "streaming", ""},
		{"Hook", modeLastNode, "Unused Respond to Webhook node found in the workflow"},
		{"Hook", modeOnReceived, "Unused Respond to Webhook node found in the workflow"},
		{"Other Hook", modeOnReceived, ""},
		{"Lone Hook", modeResponseNode, "No Respond to Webhook node found in the workflow"},
		{"Lone Hook", modeLastNode, ""},
		// n8n checks from Webhook version 2 on.
		{"Old Hook", modeLastNode, ""},
	}
	for _, tt := range tests {
		node := wf.Node(tt.node)
		node.Parameters = map[string]any{"responseMode": tt.mode}
		hook, ok, err := trigger.WebhookOf(node, nil)
		if err != nil || !ok {
			t.Fatalf("%s: not a webhook: %v", tt.node, err)
		}
		got := ""
		if err := checkResponseMode(wf, hook); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%s %s: %q, want %q", tt.node, tt.mode, got, tt.want)
		}
	}
}
