package server

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/trigger"
)

func testEndpoint(wf, node, webhookID, path string, methods ...string) *endpoint {
	w := &workflow{ID: wf, WF: &engine.Workflow{}}
	return newEndpoint(w, &nodes.Node{Name: node}, &trigger.Webhook{Node: node, Methods: methods, Path: path, WebhookID: webhookID})
}

func TestRouterMatch(t *testing.T) {
	t.Parallel()
	rt := newRouter()
	for _, ep := range []*endpoint{
		testEndpoint("a", "Static", "id-1", "orders", "POST", "GET"),
		testEndpoint("a", "Nested", "id-2", "/orders/new/", "POST"),
		testEndpoint("b", "User", "id-3", "users/:id", "GET"),
		testEndpoint("b", "User Order", "id-4", "users/:id/orders/:order", "GET"),
		testEndpoint("b", "Me", "id-5", "users/:id/me", "GET"),
	} {
		if err := rt.add(ep); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		method, path string
		node         string
		params       map[string]string
	}{
		{"POST", "orders", "Static", map[string]string{}},
		{"GET", "/orders/", "Static", map[string]string{}},
		{"POST", "orders/new", "Nested", map[string]string{}},
		{"GET", "users/7", "User", map[string]string{"id": "7"}},
		{"GET", "id-3/users/7", "User", map[string]string{"id": "7"}},
		{"GET", "id-4/users/7/orders/9", "User Order", map[string]string{"id": "7", "order": "9"}},
		{"GET", "users/7/me", "Me", map[string]string{"id": "7"}},
		{"DELETE", "orders", "", nil},
		{"GET", "users", "", nil},
		{"GET", "id-3/users/7/extra", "", nil},
	}
	for _, tt := range tests {
		ep, params := rt.match(tt.method, tt.path)
		got := ""
		if ep != nil {
			got = ep.node.Name
		}
		if got != tt.node {
			t.Errorf("%s %s: node %q, want %q", tt.method, tt.path, got, tt.node)
			continue
		}
		if diff := cmp.Diff(tt.params, params); diff != "" {
			t.Errorf("%s %s: params (-want +got):\n%s", tt.method, tt.path, diff)
		}
	}
	if diff := cmp.Diff([]string{"GET", "POST"}, rt.methods("/orders")); diff != "" {
		t.Errorf("methods (-want +got):\n%s", diff)
	}
}

func TestRouterConflicts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b *endpoint
		want string
	}{
		{"same static path", testEndpoint("one", "Hook A", "x", "orders", "POST"), testEndpoint("two", "Hook B", "y", "/orders", "POST"),
			`webhook POST /webhook/orders is registered twice: workflow "one" node "Hook A" and workflow "two" node "Hook B"`},
		{"same dynamic path and webhookId", testEndpoint("one", "Hook A", "x", "u/:id", "GET"), testEndpoint("two", "Hook B", "x", "u/:id", "GET"),
			`webhook GET /webhook/x/u/:id is registered twice: workflow "one" node "Hook A" and workflow "two" node "Hook B"`},
		{"other method", testEndpoint("one", "Hook A", "x", "orders", "POST"), testEndpoint("two", "Hook B", "y", "orders", "GET"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := newRouter()
			if err := rt.add(tt.a); err != nil {
				t.Fatal(err)
			}
			err := rt.add(tt.b)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("error %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNotRegisteredMessage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		method, path string
		methods      []string
		want         string
	}{
		{"GET", "x", nil, `The requested webhook "GET x" is not registered.`},
		{"GET", "x", []string{"POST"}, "This webhook is not registered for GET requests. Did you mean to make a POST request?"},
		{"GET", "x", []string{"DELETE", "POST", "PUT"}, "This webhook is not registered for GET requests. Did you mean to make a DELETE, POST or PUT request?"},
	}
	for _, tt := range tests {
		if got := notRegisteredMessage(tt.method, tt.path, tt.methods); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.methods, got, tt.want)
		}
	}
}

func TestRedactJSON(t *testing.T) {
	t.Parallel()
	secrets := []string{"s3cr\"et-long", "hunter22", "nabc"}
	tests := []struct{ in, want string }{
		{`{"a":"hunter22"}`, `{"a":"***"}`},
		{`{"hunter22":1,"b":["x hunter22 y"]}`, `{"***":1,"b":["x *** y"]}`},
		{`{"q":"s3cr\"et-long"}`, `{"q":"***"}`},
		{`{"esc":"\nabc"}`, `{"esc":"\nabc"}`},
		{`{"u":"\u0068unter22"}`, `{"u":"***"}`},
		{`{"n":12345,"t":true}`, `{"n":12345,"t":true}`},
	}
	for _, tt := range tests {
		if got := string(redactJSON([]byte(tt.in), secrets)); got != tt.want {
			t.Errorf("redactJSON(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
	if got := redactText("failed: token hunter22 refused", secrets); got != "failed: token *** refused" {
		t.Errorf("redactText: %q", got)
	}
}

func TestCollectSecrets(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	collectStrings(map[string]any{"user": "bob", "password": "pw-1234", "nested": map[string]any{"list": []any{"token-xyz", 42.0, true}}}, seen)
	var got []string
	for s := range seen {
		got = append(got, s)
	}
	want := []string{"pw-1234", "token-xyz"}
	if diff := cmp.Diff(want, got, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("secrets (-want +got):\n%s", diff)
	}
}
