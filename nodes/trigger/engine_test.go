package trigger_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/core"
	"github.com/noderun/noderun/nodes/trigger"
)

// TestRespondToWebhookInEngine runs Respond to Webhook inside the engine:
// with a Webhook node upstream it sends its reply through OnResponse;
// without one it fails as n8n does (getParentNodes check, v1.1+).
func TestRespondToWebhookInEngine(t *testing.T) {
	t.Parallel()
	reg := nodes.NewRegistry()
	for _, register := range []func(*nodes.Registry) error{core.Register, trigger.Register} {
		if err := register(reg); err != nil {
			t.Fatal(err)
		}
	}
	eng := engine.New(reg)
	const tmpl = `{"nodes":[
	  {"name":"Start","type":"n8n-nodes-base.%s","typeVersion":%s,"position":[0,0],"parameters":{%s}},
	  {"name":"Respond","type":"n8n-nodes-base.respondToWebhook","typeVersion":1.1,"position":[200,0],
	   "parameters":{"respondWith":"text","responseBody":"={{ 'hi ' + $json.body.name }}"}}],
	 "connections":{"Start":{"main":[[{"node":"Respond","type":"main","index":0}]]}}}`
	tests := []struct {
		name, startType, version, params string
		wantErr                          string
		wantBody                         any
	}{
		{name: "webhook upstream", startType: "webhook", version: "2", params: `"path":"x","responseMode":"responseNode"`, wantBody: "hi ada"},
		{name: "no webhook upstream", startType: "manualTrigger", version: "1", wantErr: "No Webhook node found in the workflow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := fmt.Sprintf(tmpl, tt.startType, tt.version, tt.params)
			wf, err := engine.Parse([]byte(src), "respond.json", engine.Selector{})
			if err != nil {
				t.Fatal(err)
			}
			var got []*nodes.WebhookResponse
			res, err := eng.Run(context.Background(), wf, engine.RunOptions{
				Input:      []nodes.Item{{JSON: map[string]any{"body": map[string]any{"name": "ada"}}}},
				OnResponse: func(r *nodes.WebhookResponse) { got = append(got, r) },
			})
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantErr != "" {
				if res.Error == nil || !strings.Contains(res.Error.Message, tt.wantErr) {
					t.Fatalf("error = %v, want %q", res.Error, tt.wantErr)
				}
				return
			}
			if res.Status != engine.StatusSuccess || len(got) != 1 {
				t.Fatalf("status %s, %d responses, error %v", res.Status, len(got), res.Error)
			}
			body := got[0].Body
			if b, ok := body.([]byte); ok {
				body = string(b)
			}
			if diff := cmp.Diff(tt.wantBody, body); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
		})
	}
}
