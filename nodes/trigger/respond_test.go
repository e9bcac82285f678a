package trigger_test

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/nodetest"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/trigger"
)

// respondCtx is a test context for a Respond to Webhook node of version
// v, its parameters completed with defaults as the engine does.
func respondCtx(t *testing.T, v float64, params map[string]any, items []nodes.Item) *nodetest.Context {
	t.Helper()
	typ := lookup(t, trigger.RespondToWebhookType, v)
	node := &nodes.Node{Name: "Respond", Type: trigger.RespondToWebhookType, TypeVersion: v,
		Parameters: nodes.NodeParameters(typ.Description.Properties, params, v)}
	ctx := nodetest.New(node, items)
	ctx.NodeType = typ
	ctx.CanRespond = true
	return ctx
}

// testCtx names nodetest.Context so that embedding it does not hide its
// Context method.
type testCtx = nodetest.Context

// withParents adds n8n's getParentNodes to a test context.
type withParents struct {
	*testCtx
	parents []*nodes.Node
}

func (w withParents) ParentNodes() []*nodes.Node { return w.parents }

func TestRespondToWebhook(t *testing.T) {
	t.Parallel()
	items := []nodes.Item{{JSON: map[string]any{"a": 1.0, "b": "x"}}, {JSON: map[string]any{"a": 2.0}}}
	binItems := []nodes.Item{{JSON: map[string]any{}, Binary: map[string]*nodes.BinaryData{
		"file": {Data: base64.StdEncoding.EncodeToString([]byte("hello")), MimeType: "text/plain", FileName: "h.txt"},
	}}}
	jsonHdr := map[string]string{"content-type": jsonType}
	tests := []struct {
		name    string
		version float64
		params  map[string]any
		items   []nodes.Item
		want    *nodes.WebhookResponse
	}{
		{"first incoming item (default)", 1.1, nil, items, &nodes.WebhookResponse{StatusCode: 200, Headers: jsonHdr, Body: items[0].JSON}},
		{"first incoming item in a field", 1.5, map[string]any{"options": map[string]any{"responseKey": "data.item"}}, items,
			&nodes.WebhookResponse{StatusCode: 200, Headers: jsonHdr, Body: map[string]any{"data": map[string]any{"item": items[0].JSON}}}},
		{"all incoming items", 1.2, map[string]any{"respondWith": "allIncomingItems", "options": map[string]any{"responseCode": 201.0}}, items,
			&nodes.WebhookResponse{StatusCode: 201, Headers: jsonHdr, Body: []any{items[0].JSON, items[1].JSON}}},
		{"all incoming items in a field", 1, map[string]any{"respondWith": "allIncomingItems", "options": map[string]any{"responseKey": "rows"}}, items,
			&nodes.WebhookResponse{StatusCode: 200, Headers: jsonHdr, Body: map[string]any{"rows": []any{items[0].JSON, items[1].JSON}}}},
		{"json with expressions", 1.1, map[string]any{"respondWith": "json", "responseBody": `={"n": {{ $json.a + 1 }}, "s": "{{ $json.b }}"}`}, items,
			&nodes.WebhookResponse{StatusCode: 200, Headers: jsonHdr, Body: map[string]any{"n": 2.0, "s": "x"}}},
		{"json default body", 1.1, map[string]any{"respondWith": "json"}, items,
			&nodes.WebhookResponse{StatusCode: 200, Headers: jsonHdr, Body: map[string]any{"myField": "value"}}},
		{"json empty body", 1.1, map[string]any{"respondWith": "json", "responseBody": ""}, items,
			&nodes.WebhookResponse{StatusCode: 200, Headers: map[string]string{}}},
		{"text with headers", 1.1, map[string]any{"respondWith": "text", "responseBody": "=got {{ $json.a }}",
			"options": map[string]any{"responseHeaders": map[string]any{"entries": []any{map[string]any{"name": "X-Trace", "value": "t1"}}}}}, items,
			&nodes.WebhookResponse{StatusCode: 200, Headers: map[string]string{"x-trace": "t1", "content-type": "text/html; charset=utf-8"}, Body: "got 1"}},
		{"text with content type", 1.1, map[string]any{"respondWith": "text", "responseBody": "plain",
			"options": map[string]any{"responseHeaders": map[string]any{"entries": []any{map[string]any{"name": "Content-Type", "value": "text/plain"}}}}}, items,
			&nodes.WebhookResponse{StatusCode: 200, Headers: map[string]string{"content-type": "text/plain"}, Body: "plain"}},
		{"no data", 1.1, map[string]any{"respondWith": "noData", "options": map[string]any{"responseCode": 204.0}}, items,
			&nodes.WebhookResponse{StatusCode: 204, Headers: map[string]string{}}},
		{"redirect", 1.1, map[string]any{"respondWith": "redirect", "redirectURL": "https://example.com/next"}, items,
			&nodes.WebhookResponse{StatusCode: 307, Headers: map[string]string{"location": "https://example.com/next"}}},
		{"redirect with code", 1.1, map[string]any{"respondWith": "redirect", "redirectURL": "/x", "options": map[string]any{"responseCode": 301.0}}, items,
			&nodes.WebhookResponse{StatusCode: 301, Headers: map[string]string{"location": "/x"}}},
		{"binary automatically", 1.1, map[string]any{"respondWith": "binary"}, binItems,
			&nodes.WebhookResponse{StatusCode: 200, Headers: map[string]string{"content-length": "5", "content-type": "text/plain"}, Body: []byte("hello")}},
		{"binary named field, content type header wins", 1.1, map[string]any{"respondWith": "binary", "responseDataSource": "set", "inputFieldName": "file",
			"options": map[string]any{"responseHeaders": map[string]any{"entries": []any{map[string]any{"name": "content-type", "value": "application/x-custom"}}}}}, binItems,
			&nodes.WebhookResponse{StatusCode: 200, Headers: map[string]string{"content-length": "5", "content-type": "application/x-custom"}, Body: []byte("hello")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := respondCtx(t, tt.version, tt.params, tt.items)
			out, err := ctx.NodeType.Handler.Execute(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]*nodes.WebhookResponse{tt.want}, ctx.Responses); diff != "" {
				t.Errorf("response (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(nodes.Outputs{tt.items}, out); diff != "" {
				t.Errorf("outputs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRespondToWebhookErrors(t *testing.T) {
	t.Parallel()
	items := []nodes.Item{{JSON: map[string]any{"a": 1.0}}, {JSON: map[string]any{"a": 2.0}}}
	tests := []struct {
		name, description string
		params            map[string]any
		items             []nodes.Item
		message           string
	}{
		{"invalid json", "Check that the syntax of the JSON in the 'Response Body' parameter is valid",
			map[string]any{"respondWith": "json", "responseBody": "{nope"}, items, "Invalid JSON in 'Response Body' field"},
		{"no binary", "", map[string]any{"respondWith": "binary"}, items, "No binary data exists on the first item!"},
		{"missing binary field", "Check that the parameter where you specified the input binary field name is correct, and that it matches a field in the binary input",
			map[string]any{"respondWith": "binary", "responseDataSource": "set", "inputFieldName": "nope"},
			[]nodes.Item{{JSON: map[string]any{}, Binary: map[string]*nodes.BinaryData{"data": {Data: "aGk=", MimeType: "text/plain"}}}},
			"The item has no binary field 'nope' [item 0]"},
		{"unknown option", "", map[string]any{"respondWith": "carrierPigeon"}, items, `The Response Data option "carrierPigeon" is not supported!`},
		{"jwt without credential", `node has no "jwtAuth" credential`, map[string]any{"respondWith": "jwt"}, items, "Error signing JWT token"},
	}
	for _, tt := range tests {
		ctx := respondCtx(t, 1.1, tt.params, tt.items)
		_, err := ctx.NodeType.Handler.Execute(ctx)
		ne, ok := err.(*nodes.NodeError)
		if !ok {
			t.Errorf("%s: error %v, want a NodeError", tt.name, err)
			continue
		}
		if diff := cmp.Diff([]string{"Respond", tt.message, tt.description}, []string{ne.NodeName, ne.Message, ne.DescriptionText()}); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
		if len(ctx.Responses) != 0 {
			t.Errorf("%s: sent %v on error", tt.name, ctx.Responses)
		}

		ctx = respondCtx(t, 1.1, tt.params, tt.items)
		ctx.Continue = true
		out, err := ctx.NodeType.Handler.Execute(ctx)
		if err != nil {
			t.Fatalf("%s continueOnFail: %v", tt.name, err)
		}
		paired := nodes.PairedItems{List: true, Items: make([]nodes.PairedItem, len(tt.items))}
		for i := range tt.items {
			paired.Items[i] = nodes.PairedItem{Item: i}
		}
		want := nodes.Outputs{{{JSON: map[string]any{"error": tt.message}, PairedItem: paired}}}
		if diff := cmp.Diff(want, out); diff != "" {
			t.Errorf("%s continueOnFail (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestRespondToWebhookOutputsAndParents(t *testing.T) {
	t.Parallel()
	items := []nodes.Item{{JSON: map[string]any{"a": 1.0}}}
	response := []nodes.Item{{JSON: map[string]any{"response": map[string]any{
		"body": map[string]any{"a": 1.0}, "headers": map[string]any{"content-type": jsonType}, "statusCode": 200.0}}}}
	tests := []struct {
		name    string
		version float64
		params  map[string]any
		want    nodes.Outputs
		outputs int
	}{
		{"1.3 always has the response output", 1.3, nil, nodes.Outputs{items, response}, 2},
		{"1.4 with the response output", 1.4, map[string]any{"enableResponseOutput": true}, nodes.Outputs{items, response}, 2},
		{"1.5 without", 1.5, nil, nodes.Outputs{items}, 1},
		{"1.2", 1.2, map[string]any{"enableResponseOutput": true}, nodes.Outputs{items}, 1},
	}
	for _, tt := range tests {
		ctx := respondCtx(t, tt.version, tt.params, items)
		out, err := ctx.NodeType.Handler.Execute(ctx)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, out); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
		if n := ctx.NodeType.OutputCount(ctx.Def.Parameters); n != tt.outputs {
			t.Errorf("%s: OutputCount %d, want %d", tt.name, n, tt.outputs)
		}
	}

	// No request waiting: n8n's manual runs still succeed.
	ctx := respondCtx(t, 1.1, nil, items)
	ctx.CanRespond = false
	if out, err := ctx.NodeType.Handler.Execute(ctx); err != nil || !cmp.Equal(nodes.Outputs{items}, out) {
		t.Errorf("without a waiting request: %v, %v", out, err)
	}

	// Version 1.1+ needs a webhook node upstream when the engine says.
	for _, tc := range []struct {
		version float64
		parents []*nodes.Node
		err     string
	}{
		{1.1, []*nodes.Node{{Name: "Set", Type: "n8n-nodes-base.set"}}, `node "Respond": No Webhook node found in the workflow (Insert a Webhook node to your workflow and set the “Respond” parameter to “Using Respond to Webhook Node” )`},
		{1.1, []*nodes.Node{{Name: "Set", Type: "n8n-nodes-base.set"}, {Name: "W", Type: trigger.WebhookType}}, ""},
		{1.5, []*nodes.Node{{Name: "Wait", Type: trigger.WaitType}}, ""},
		{1, nil, ""},
	} {
		ctx := withParents{respondCtx(t, tc.version, nil, items), tc.parents}
		_, err := ctx.NodeType.Handler.Execute(ctx)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.err {
			t.Errorf("v%v parents %d: error %q, want %q", tc.version, len(tc.parents), got, tc.err)
		}
	}
}

func TestRespondToWebhookJWT(t *testing.T) {
	t.Parallel()
	ctx := respondCtx(t, 1.5, map[string]any{"respondWith": "jwt", "payload": `{"sub": "u1"}`}, []nodes.Item{{JSON: map[string]any{}}})
	ctx.Creds = map[string]map[string]any{"jwtAuth": {"keyType": "passphrase", "secret": "s3", "algorithm": "HS256"}}
	if _, err := ctx.NodeType.Handler.Execute(ctx); err != nil {
		t.Fatal(err)
	}
	if len(ctx.Responses) != 1 {
		t.Fatalf("responses %v", ctx.Responses)
	}
	token, _ := ctx.Responses[0].Body.(map[string]any)["token"].(string)
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q", token)
	}
	claimsJSON, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var claims map[string]any
	if err := json.Unmarshal(claimsJSON, &claims); err != nil {
		t.Fatal(err)
	}
	if want := hs256(t, "s3", string(claimsJSON)); want != token {
		t.Errorf("token %q, want %q (HS256 of the same claims)", token, want)
	}
	if claims["sub"] != "u1" || claims["iat"] == nil {
		t.Errorf("claims %v, want sub u1 and iat", claims)
	}
	// The webhook side verifies what the node signs.
	w := webhookOf(t, webhookNode(2, map[string]any{"path": "p", "authentication": "jwtAuth"}))
	r := newRequest(t, "GET", "/webhook/p", "", "")
	r.Header.Set("Authorization", "Bearer "+token)
	if err := w.Authenticate(r, func(string) (map[string]any, error) { return ctx.Creds["jwtAuth"], nil }); err != nil {
		t.Errorf("Authenticate the signed token: %v", err)
	}
}
