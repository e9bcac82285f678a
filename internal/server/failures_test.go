package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine/executions"
)

// countExecutions is how many executions of workflow wf are stored.
func (e *env) countExecutions(wf string) int {
	e.t.Helper()
	list, err := e.store.List(context.Background(), executions.Filter{WorkflowID: wf, Limit: executions.MaxLimit})
	if err != nil {
		e.t.Fatal(err)
	}
	return len(list)
}

// TestWebhookNodeFailureIsAnExecution: a Webhook node that fails on a
// call (its response mode check) answers as n8n and leaves an error
// execution naming it; a refusal before the node runs (a body that does
// not parse) starts nothing.
func TestWebhookNodeFailureIsAnExecution(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"misconfigured.json"}, options{memory: true})
	tests := []struct {
		name, path, node, message string
	}{
		{"unused Respond to Webhook", "/webhook/unused", "Unused Hook", "Unused Respond to Webhook node found in the workflow"},
		{"no Respond to Webhook", "/webhook/missing", "Missing Hook", "No Respond to Webhook node found in the workflow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := e.do("POST", tt.path, `{"a":1}`, nil)
			if got.Code != http.StatusInternalServerError {
				t.Fatalf("status %d: %s", got.Code, got.Body)
			}
			if diff := cmp.Diff(map[string]any{"code": 0.0, "message": tt.message}, decode(t, got.Body)); diff != "" {
				t.Errorf("reply (-want +got):\n%s", diff)
			}
		})
	}
	list, err := e.store.List(context.Background(), executions.Filter{WorkflowID: "misconfigured"})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(tests) {
		t.Fatalf("%d executions stored, want %d", len(list), len(tests))
	}
	for i, tt := range tests {
		x, err := e.store.Get(context.Background(), list[len(list)-1-i].ID)
		if err != nil {
			t.Fatal(err)
		}
		var res struct {
			LastNodeExecuted string `json:"lastNodeExecuted"`
			Error            struct {
				Message  string `json:"message"`
				NodeName string `json:"nodeName"`
			} `json:"error"`
			RunData map[string]any `json:"runData"`
		}
		if err := json.Unmarshal(x.Result, &res); err != nil {
			t.Fatal(err)
		}
		if x.Status != executions.StatusError || x.Mode != "webhook" || x.StartNode != tt.node || x.StoppedAt.IsZero() {
			t.Errorf("%s: execution %s mode %s start %q stopped %v", tt.name, x.Status, x.Mode, x.StartNode, x.StoppedAt)
		}
		if res.LastNodeExecuted != tt.node || res.Error.Message != tt.message || len(res.RunData) != 0 {
			t.Errorf("%s: result %s", tt.name, x.Result)
		}
	}

	// Webhook 1.x does not check (n8n checks from version 2 on).
	if got := e.do("POST", "/webhook/old", `{"a":1}`, nil); got.Code != http.StatusOK {
		t.Errorf("old webhook: %d %s", got.Code, got.Body)
	}
	// A body that does not parse is refused before the node runs.
	before := e.countExecutions("misconfigured")
	got := e.do("POST", "/webhook/old", `{"a":`, nil)
	if got.Code != http.StatusUnprocessableEntity || decode(t, got.Body)["message"] != "Failed to parse request body" {
		t.Errorf("bad body: %d %s", got.Code, got.Body)
	}
	if n := e.countExecutions("misconfigured"); n != before {
		t.Errorf("a refused body stored an execution: %d, want %d", n, before)
	}
}

// TestWebhookAuthRefusalIsNoExecution: a refused authentication answers
// and stores nothing.
func TestWebhookAuthRefusalIsNoExecution(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"auth.json"}, options{credentials: authCredentials, memory: true})
	for _, path := range []string{"/webhook/basic", "/webhook/header"} {
		if got := e.do("POST", path, `{}`, nil); got.Code != http.StatusUnauthorized && got.Code != http.StatusForbidden {
			t.Errorf("%s: %d %s", path, got.Code, got.Body)
		}
	}
	if n := e.countExecutions("auth"); n != 0 {
		t.Errorf("%d executions stored for refused calls", n)
	}
}

// TestWebhookLastNodeReplies: n8n's lastNode replies per responseData,
// with options.responseCode and responseHeaders.
func TestWebhookLastNodeReplies(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"responses.json"}, options{})
	tests := []struct {
		name        string
		path, body  string
		header      map[string]string
		code        int
		contentType string
		wantBody    string
		wantHeader  map[string]string
	}{
		{"allEntries with a response code and header", "/webhook/all", `{"tag":"x"}`, nil, 201, "application/json; charset=utf-8", `[{"tag":"x"}]`, map[string]string{"X-Reply": "all", "Content-Security-Policy": "sandbox allow-downloads allow-forms allow-modals allow-orientation-lock allow-pointer-lock allow-popups allow-popups-to-escape-sandbox allow-presentation allow-scripts allow-top-navigation-by-user-activation allow-top-navigation-to-custom-protocols"}},
		{"noData with a custom code", "/webhook/empty", `{}`, nil, 202, "application/json", ``, nil},
		{"firstEntryBinary", "/webhook/raw", `raw bytes`, map[string]string{"Content-Type": "text/plain"}, 200, "text/plain", `raw bytes`, nil},
		{"workflow error keeps the response headers", "/webhook/boom", `{}`, nil, 500, "application/json; charset=utf-8", `{"message":"Error in workflow"}`, map[string]string{"X-Reply": "boom"}},
		{"firstEntryBinary without binary", "/webhook/nobinary", `{}`, nil, 500, "application/json; charset=utf-8", `{"code":0,"message":"No binary data was found to return"}`, nil},
		{"Only Run If false: the node's code and headers", "/webhook/gate", `{"open":false}`, nil, 202, "application/json; charset=utf-8", `{"message":"Webhook call received"}`, map[string]string{"X-Gate": "closed"}},
		{"Only Run If true", "/webhook/gate", `{"open":true}`, nil, 202, "application/json; charset=utf-8", `{"message":"Workflow was started"}`, map[string]string{"X-Gate": "closed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := e.do("POST", tt.path, tt.body, tt.header)
			if got.Code != tt.code || got.Body != tt.wantBody {
				t.Errorf("reply %d %q, want %d %q", got.Code, got.Body, tt.code, tt.wantBody)
			}
			if ct := got.Header.Get("Content-Type"); ct != tt.contentType {
				t.Errorf("Content-Type %q, want %q", ct, tt.contentType)
			}
			for k, v := range tt.wantHeader {
				if got.Header.Get(k) != v {
					t.Errorf("%s = %q, want %q", k, got.Header.Get(k), v)
				}
			}
		})
	}
}

// TestWebhookMethodsAndCORS: OPTIONS preflights and Origin headers as
// n8n's WebhookRequestHandler, HEAD webhooks, unsupported methods and
// the test URL.
func TestWebhookMethodsAndCORS(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"responses.json"}, options{memory: true})
	tests := []struct {
		name       string
		method     string
		path       string
		header     map[string]string
		code       int
		wantHeader map[string]string
		message    string
	}{
		{"preflight from an allowed origin", "OPTIONS", "/webhook/cors", map[string]string{"Origin": "https://b.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}, 204,
			map[string]string{"Access-Control-Allow-Origin": "https://b.example", "Access-Control-Allow-Methods": "OPTIONS, GET, POST", "Access-Control-Max-Age": "300", "Access-Control-Allow-Headers": "content-type"}, ""},
		{"preflight from another origin gets the first allowed", "OPTIONS", "/webhook/cors", map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}, 204,
			map[string]string{"Access-Control-Allow-Origin": "https://a.example"}, ""},
		{"preflight without an origin", "OPTIONS", "/webhook/nowhere", nil, 204, nil, ""},
		{"preflight for a method not registered", "OPTIONS", "/webhook/cors", map[string]string{"Origin": "https://a.example", "Access-Control-Request-Method": "DELETE"}, 404,
			nil, "This webhook is not registered for DELETE requests. Did you mean to make a GET or POST request?"},
		{"call with an origin, every origin allowed", "HEAD", "/webhook/ping", map[string]string{"Origin": "https://c.example"}, 200,
			map[string]string{"Access-Control-Allow-Origin": "https://c.example", "Access-Control-Allow-Methods": "OPTIONS, HEAD"}, ""},
		{"HEAD on a GET webhook", "HEAD", "/webhook/all", nil, 404, nil, ""},
		{"unsupported method", "TRACE", "/webhook/all", nil, 500, nil, "The method TRACE is not supported."},
		{"test URL", "POST", "/webhook-test/all", nil, 404, nil, `The requested webhook "POST all" is not registered.`},
		{"waiting webhook preflight", "OPTIONS", "/webhook-waiting/x1", nil, 204, nil, ""},
		{"waiting webhook, unsupported method", "PROPFIND", "/webhook-waiting/x1", nil, 500, nil, "The method PROPFIND is not supported."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := e.do(tt.method, tt.path, "", tt.header)
			if got.Code != tt.code {
				t.Fatalf("status %d, want %d: %s", got.Code, tt.code, got.Body)
			}
			for k, v := range tt.wantHeader {
				if got.Header.Get(k) != v {
					t.Errorf("%s = %q, want %q", k, got.Header.Get(k), v)
				}
			}
			if tt.message != "" {
				if msg := decode(t, got.Body)["message"]; msg != tt.message {
					t.Errorf("message %q, want %q", msg, tt.message)
				}
			}
			if tt.code == 204 && got.Body != "" {
				t.Errorf("preflight body %q", got.Body)
			}
		})
	}
	got := e.do("POST", "/webhook-test/all", "", nil)
	if hint, _ := decode(t, got.Body)["hint"].(string); !strings.Contains(hint, e.url+"/webhook/all") {
		t.Errorf("test URL hint %q does not name the production URL", hint)
	}
	// HEAD replies carry no body; the call started an execution.
	if n := e.countExecutions("responses"); n != 1 {
		t.Errorf("%d executions, want 1 (the HEAD call)", n)
	}
}

// TestUnqueuedExecutionFails: a call whose job cannot be published (the
// broker is gone) is answered 500 and its execution fails, as n8n's
// WorkflowRunner marks an execution it could not enqueue.
func TestUnqueuedExecutionFails(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"received.json"}, options{memory: true})
	e.q.Close()
	got := e.do("POST", "/webhook/received", `{"name":"Ada"}`, nil)
	if got.Code != http.StatusInternalServerError {
		t.Fatalf("status %d: %s", got.Code, got.Body)
	}
	if diff := cmp.Diff(map[string]any{"code": 0.0, "message": "There was a problem executing the workflow"}, decode(t, got.Body)); diff != "" {
		t.Errorf("reply (-want +got):\n%s", diff)
	}
	x := e.waitStatus(e.onlyExecution("received"), executions.StatusError)
	if !strings.Contains(x.Error, "could not be queued") {
		t.Errorf("error %q", x.Error)
	}
}
