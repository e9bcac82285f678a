package server_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine/executions"
)

// authCredentials are the credentials of testdata/auth.json.
var authCredentials = map[string]any{
	"basic1":  map[string]any{"name": "Basic", "type": "httpBasicAuth", "data": map[string]any{"user": "alice", "password": "open-sesame-42"}},
	"header1": map[string]any{"name": "Header", "type": "httpHeaderAuth", "data": map[string]any{"name": "X-Api-Key", "value": "k3y-super-secret"}},
}

func TestWebhookOnReceived(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"received.json"}, options{memory: true})
	got := e.do("POST", "/webhook/received", `{"name":"Ada"}`, nil)
	if got.Code != http.StatusOK {
		t.Fatalf("status %d: %s", got.Code, got.Body)
	}
	if diff := cmp.Diff(map[string]any{"message": "Workflow was started"}, decode(t, got.Body)); diff != "" {
		t.Errorf("reply (-want +got):\n%s", diff)
	}
	x := e.waitStatus(e.onlyExecution("received"), executions.StatusSuccess)
	if diff := cmp.Diff([]any{map[string]any{"name": "Ada"}}, lastOutput(t, x, "Name")); diff != "" {
		t.Errorf("Name output (-want +got):\n%s", diff)
	}
	if x.Mode != "webhook" || x.WorkflowName != "Webhook received" || x.StartNode != "Webhook" {
		t.Errorf("execution mode %q name %q start %q, want webhook, Webhook received, Webhook", x.Mode, x.WorkflowName, x.StartNode)
	}
}

func TestWebhookLastNode(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"lastnode.json"}, options{})
	tests := []struct {
		name   string
		method string
		path   string
		body   string
		code   int
		want   map[string]any
	}{
		{"first entry json", "POST", "/webhook/sum", `{"a":2,"b":3}`, 200, map[string]any{"sum": 5.0}},
		{"trailing slash", "POST", "/webhook/sum/", `{"a":1,"b":1}`, 200, map[string]any{"sum": 2.0}},
		{"path parameter, n8n's dynamic form", "GET", "/webhook/users-hook/users/42", "", 200, map[string]any{"user": "42"}},
		{"path parameter", "GET", "/webhook/users/7", "", 200, map[string]any{"user": "7"}},
		{"workflow error", "POST", "/webhook/fail", `{}`, 500, map[string]any{"message": "Error in workflow"}},
		{"unknown path", "POST", "/webhook/nope", `{}`, 404, map[string]any{
			"code": 404.0, "message": `The requested webhook "POST nope" is not registered.`,
			"hint": "The workflow must be active for a production URL to run successfully. You can activate the workflow using the toggle in the top-right of the editor. Note that unlike test URL calls, production URL calls aren't shown on the canvas (only in the executions list)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := e.do(tt.method, tt.path, tt.body, nil)
			if got.Code != tt.code {
				t.Fatalf("status %d, want %d: %s", got.Code, tt.code, got.Body)
			}
			if diff := cmp.Diff(tt.want, decode(t, got.Body)); diff != "" {
				t.Errorf("reply (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("wrong method", func(t *testing.T) {
		got := e.do("GET", "/webhook/sum", "", nil)
		if got.Code != 404 {
			t.Fatalf("status %d: %s", got.Code, got.Body)
		}
		if msg := decode(t, got.Body)["message"]; msg != "This webhook is not registered for GET requests. Did you mean to make a POST request?" {
			t.Errorf("message %q", msg)
		}
	})
}

func TestWebhookRespondToWebhook(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"respond.json"}, options{memory: true})
	got := e.do("POST", "/webhook/echo", `{"name":"Grace"}`, nil)
	if got.Code != http.StatusCreated {
		t.Fatalf("status %d: %s", got.Code, got.Body)
	}
	if diff := cmp.Diff(map[string]any{"greeting": "Hello, Grace!"}, decode(t, got.Body)); diff != "" {
		t.Errorf("reply (-want +got):\n%s", diff)
	}
	if h := got.Header.Get("X-Noderun-Test"); h != "respond" {
		t.Errorf("X-Noderun-Test = %q, want respond", h)
	}
	// The execution goes on after the reply.
	x := e.waitStatus(e.onlyExecution("respond"), executions.StatusSuccess)
	if diff := cmp.Diff([]any{map[string]any{"after": true}}, lastOutput(t, x, "After")); diff != "" {
		t.Errorf("After output (-want +got):\n%s", diff)
	}
}

func TestWebhookAuthentication(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"auth.json"}, options{credentials: authCredentials})
	basic := func(user, pass string) map[string]string {
		return map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))}
	}
	// n8n 2.41 (Webhook/utils.js): every refusal carries WWW-Authenticate
	// and its message as text.
	realm := `Basic realm="Webhook"`
	tests := []struct {
		name   string
		path   string
		header map[string]string
		code   int
		body   string
	}{
		{"basic: no credentials", "/webhook/basic", nil, 401, "Authorization is required!"},
		{"basic: wrong password", "/webhook/basic", basic("alice", "nope"), 401, "Authentication data is wrong!"},
		{"basic: right", "/webhook/basic", basic("alice", "open-sesame-42"), 200, ""},
		{"header: missing", "/webhook/header", nil, 403, "Authorization data is wrong!"},
		{"header: wrong", "/webhook/header", map[string]string{"X-Api-Key": "guess"}, 403, "Authorization data is wrong!"},
		{"header: right", "/webhook/header", map[string]string{"X-Api-Key": "k3y-super-secret"}, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := e.do("POST", tt.path, `{"x":1}`, tt.header)
			if got.Code != tt.code {
				t.Fatalf("status %d, want %d: %s", got.Code, tt.code, got.Body)
			}
			if tt.code == 200 {
				if b := decode(t, got.Body)["body"]; !cmp.Equal(b, map[string]any{"x": 1.0}) {
					t.Errorf("reply body %v, want the request body", b)
				}
				return
			}
			if h := got.Header.Get("WWW-Authenticate"); h != realm {
				t.Errorf("WWW-Authenticate %q, want %q", h, realm)
			}
			if got.Body != tt.body {
				t.Errorf("refusal %q, want %q", got.Body, tt.body)
			}
		})
	}
}

func TestSecretsRedacted(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"auth.json"}, options{credentials: authCredentials})
	got := e.do("POST", "/webhook/header", `{"note":"k3y-super-secret in the body too"}`, map[string]string{"X-Api-Key": "k3y-super-secret"})
	if got.Code != 200 {
		t.Fatalf("status %d: %s", got.Code, got.Body)
	}
	x := e.waitStatus(e.onlyExecution("auth"), executions.StatusSuccess)
	if strings.Contains(string(x.Result), "k3y-super-secret") {
		t.Errorf("stored result holds the secret: %s", x.Result)
	}
	items := lastOutput(t, x, "Header Hook")
	if len(items) != 1 {
		t.Fatalf("items %v", items)
	}
	item := items[0].(map[string]any)
	if diff := cmp.Diff("***", item["headers"].(map[string]any)["x-api-key"]); diff != "" {
		t.Errorf("stored header (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"note": "*** in the body too"}, item["body"]); diff != "" {
		t.Errorf("stored body (-want +got):\n%s", diff)
	}
}

// TestWebhookResponseNodeFallbacks: n8n's replies when Respond to Webhook
// does not answer.
func TestWebhookResponseNodeFallbacks(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"unanswered.json"}, options{})
	tests := []struct {
		name, path, body string
		code             int
		reply            string
	}{
		{"answered", "/webhook/maybe", `{"answer":"yes"}`, 200, `{"body":{"answer":"yes"}}`},
		{"ends without answering: empty reply", "/webhook/maybe", `{"answer":"no"}`, 200, ``},
		{"no Respond to Webhook after the webhook", "/webhook/misconfigured", `{}`, 500, `{"code":0,"message":"No Respond to Webhook node found in the workflow"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := e.do("POST", tt.path, tt.body, nil)
			if got.Code != tt.code {
				t.Fatalf("status %d, want %d: %s", got.Code, tt.code, got.Body)
			}
			if tt.name == "answered" {
				if b := decode(t, got.Body)["body"]; !cmp.Equal(b, map[string]any{"answer": "yes"}) {
					t.Errorf("reply body %v", b)
				}
				return
			}
			if got.Body != tt.reply {
				t.Errorf("reply %q, want %q", got.Body, tt.reply)
			}
			// n8n's res.json: JSON even when empty.
			if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q, want application/json", ct)
			}
		})
	}
}

// TestWebhookMultipleMethods: a Webhook node accepting several methods
// emits each call on its method's output.
func TestWebhookMultipleMethods(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"methods.json"}, options{memory: true})
	tests := []struct {
		method, body string
		want         map[string]any
	}{
		{"GET", "", map[string]any{"branch": "read"}},
		{"POST", `{"name":"Ada"}`, map[string]any{"branch": "write Ada"}},
	}
	for _, tt := range tests {
		got := e.do(tt.method, "/webhook/item", tt.body, nil)
		if got.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", tt.method, got.Code, got.Body)
		}
		if diff := cmp.Diff(tt.want, decode(t, got.Body)); diff != "" {
			t.Errorf("%s reply (-want +got):\n%s", tt.method, diff)
		}
	}
}
