package trigger_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/transform"
	"github.com/noderun/noderun/nodes/trigger"
)

// webhookNode is a Webhook node of version v with params.
func webhookNode(v float64, params map[string]any) *nodes.Node {
	return &nodes.Node{ID: "n1", Name: "Webhook", Type: trigger.WebhookType, TypeVersion: v, WebhookID: "wid", Parameters: params}
}

// webhookOf reads node's endpoint with its registered type, failing the
// test when it is not one.
func webhookOf(t *testing.T, node *nodes.Node) *trigger.Webhook {
	t.Helper()
	var typ *nodes.Type
	if node.Type == trigger.WebhookType {
		typ = lookup(t, node.Type, node.TypeVersion)
	}
	w, ok, err := trigger.WebhookOf(node, typ)
	if err != nil || !ok {
		t.Fatalf("WebhookOf(%s): ok %v, err %v", node.Name, ok, err)
	}
	return w
}

func TestWebhookOf(t *testing.T) {
	t.Parallel()
	wait := func(params map[string]any) *nodes.Node {
		return &nodes.Node{Name: "Wait", Type: trigger.WaitType, TypeVersion: 1.1, WebhookID: "wait-id", Parameters: params}
	}
	tests := []struct {
		name string
		node *nodes.Node
		want *trigger.Webhook
	}{
		{"defaults", webhookNode(2, map[string]any{"path": "hook"}),
			&trigger.Webhook{Node: "Webhook", Methods: []string{"GET"}, Path: "hook", WebhookID: "wid", Authentication: "none", ResponseMode: "onReceived"}},
		{"v1 leading slash, lastNode, basic auth", webhookNode(1, map[string]any{"path": "/a/b", "httpMethod": "POST", "responseMode": "lastNode", "authentication": "basicAuth"}),
			&trigger.Webhook{Node: "Webhook", Methods: []string{"POST"}, Path: "a/b", WebhookID: "wid", Authentication: "basicAuth", ResponseMode: "lastNode"}},
		{"multiple methods default", webhookNode(2, map[string]any{"path": "m", "multipleMethods": true}),
			&trigger.Webhook{Node: "Webhook", Methods: []string{"GET", "POST"}, Path: "m", WebhookID: "wid", Authentication: "none", ResponseMode: "onReceived"}},
		{"multiple methods", webhookNode(2.1, map[string]any{"path": "m", "multipleMethods": true, "httpMethod": []any{"put", "DELETE"}, "responseMode": "responseNode"}),
			&trigger.Webhook{Node: "Webhook", Methods: []string{"PUT", "DELETE"}, Path: "m", WebhookID: "wid", Authentication: "none", ResponseMode: "responseNode"}},
		{"wait on webhook", wait(map[string]any{"resume": "webhook", "httpMethod": "POST", "incomingAuthentication": "headerAuth", "responseMode": "lastNode", "options": map[string]any{"webhookSuffix": "/approve/"}}),
			&trigger.Webhook{Node: "Wait", Methods: []string{"POST"}, WebhookID: "wait-id", Authentication: "headerAuth", ResponseMode: "lastNode", Suffix: "approve"}},
		{"wait defaults", wait(map[string]any{"resume": "webhook"}),
			&trigger.Webhook{Node: "Wait", Methods: []string{"GET"}, WebhookID: "wait-id", Authentication: "none", ResponseMode: "onReceived"}},
	}
	for _, tt := range tests {
		got := webhookOf(t, tt.node)
		if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreUnexported(trigger.Webhook{})); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	// With the registered Wait type (whatever of n8n's webhook parameters
	// its description has), stored values and n8n's defaults still apply.
	reg := nodes.NewRegistry()
	if err := transform.Register(reg); err != nil {
		t.Fatal(err)
	}
	waitType, err := reg.Lookup(trigger.WaitType, 1.1)
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := trigger.WebhookOf(wait(map[string]any{"resume": "webhook", "httpMethod": "POST", "options": map[string]any{"webhookSuffix": "s"}}), waitType)
	want := &trigger.Webhook{Node: "Wait", Methods: []string{"POST"}, WebhookID: "wait-id", Authentication: "none", ResponseMode: "onReceived", Suffix: "s"}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(trigger.Webhook{})); diff != "" || !ok || err != nil {
		t.Errorf("Wait with its type: ok %v, err %v (-want +got):\n%s", ok, err, diff)
	}
}

func TestWebhookOfNotWebhooks(t *testing.T) {
	t.Parallel()
	for _, node := range []*nodes.Node{
		{Name: "Wait", Type: trigger.WaitType, TypeVersion: 1.1, Parameters: map[string]any{"resume": "timeInterval"}},
		{Name: "Wait form", Type: trigger.WaitType, TypeVersion: 1.1, Parameters: map[string]any{"resume": "form"}},
		{Name: "Set", Type: "n8n-nodes-base.set", TypeVersion: 3.4},
		{Name: "Off", Type: trigger.WebhookType, TypeVersion: 2, Disabled: true, Parameters: map[string]any{"path": "x"}},
	} {
		w, ok, err := trigger.WebhookOf(node, nil)
		if w != nil || ok || err != nil {
			t.Errorf("%s: WebhookOf = %v, %v, %v; want nil, false, nil", node.Name, w, ok, err)
		}
	}
	_, _, err := trigger.WebhookOf(webhookNode(2, map[string]any{"path": "={{ $json.p }}"}), nil)
	if err == nil || err.Error() != `node "Webhook": parameter "path" is an expression; webhook endpoints need a fixed value` {
		t.Errorf("expression path: error %v", err)
	}
}

func TestWebhookRoutes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path, route, request string
		params               map[string]string
		ok                   bool
	}{
		{"hook", "hook", "hook", map[string]string{}, true},
		{"hook", "hook", "/hook/", map[string]string{}, true},
		{"hook", "hook", "other", nil, false},
		{"users/:id", "wid/users/:id", "wid/users/42", map[string]string{"id": "42"}, true},
		{":a/x/:b", "wid/:a/x/:b", "wid/1/x/2", map[string]string{"a": "1", "b": "2"}, true},
		{"users/:id", "wid/users/:id", "users/42", nil, false},
		{"", "wid", "wid", map[string]string{}, true},
	}
	for _, tt := range tests {
		w := webhookOf(t, webhookNode(2, map[string]any{"path": tt.path}))
		params, ok := w.Match(tt.request)
		got := []any{w.RoutePath(), params, ok}
		if diff := cmp.Diff([]any{tt.route, tt.params, tt.ok}, got); diff != "" {
			t.Errorf("path %q request %q (-want +got):\n%s", tt.path, tt.request, diff)
		}
	}
	w := webhookOf(t, webhookNode(2, map[string]any{"path": "m", "multipleMethods": true}))
	if !w.AcceptsMethod("post") || w.AcceptsMethod("DELETE") {
		t.Errorf("AcceptsMethod: want POST yes, DELETE no for %v", w.Methods)
	}
}

// authCase is one Authenticate call and the refusal expected (code 0:
// accepted).
type authCase struct {
	name    string
	params  map[string]any
	creds   map[string]map[string]any
	prepare func(r *http.Request)
	code    int
	message string
	basic   bool
}

func TestWebhookAuthenticate(t *testing.T) {
	t.Parallel()
	basicCreds := map[string]map[string]any{"httpBasicAuth": {"user": "ann", "password": "s3cret"}}
	headerCreds := map[string]map[string]any{"httpHeaderAuth": {"name": "X-Api-Key", "value": "k1"}}
	jwtCreds := map[string]map[string]any{"jwtAuth": {"keyType": "passphrase", "secret": "shh", "algorithm": "HS256"}}
	basic := map[string]any{"path": "p", "authentication": "basicAuth"}
	header := map[string]any{"path": "p", "authentication": "headerAuth"}
	jwt := map[string]any{"path": "p", "authentication": "jwtAuth"}
	setHeader := func(k, v string) func(*http.Request) { return func(r *http.Request) { r.Header.Set(k, v) } }
	tests := []authCase{
		{name: "none", params: map[string]any{"path": "p"}},
		{name: "basic without credential", params: basic, code: 500, message: "No authentication data defined on node!", basic: true},
		{name: "basic missing", params: basic, creds: basicCreds, code: 401, message: "Authorization is required!", basic: true},
		{name: "basic wrong", params: basic, creds: basicCreds, prepare: func(r *http.Request) { r.SetBasicAuth("ann", "nope") }, code: 401, message: "Authentication data is wrong!", basic: true},
		{name: "basic right", params: basic, creds: basicCreds, prepare: func(r *http.Request) { r.SetBasicAuth("ann", "s3cret") }},
		{name: "basic x-auth-token", params: basic, creds: basicCreds,
			// HMAC-SHA256("ann:s3cret", "n1-wid"), as n8n's generateBasicAuthToken.
			prepare: setHeader("X-Auth-Token", "c2d4c407e7faa461a6520eb3c357a14e727d5ec1689fad44ecf079aeffaa1e10")},
		{name: "basic bad x-auth-token", params: basic, creds: basicCreds, prepare: setHeader("X-Auth-Token", "abc"), code: 403, message: "Authorization data is wrong!", basic: true},
		{name: "header right", params: header, creds: headerCreds, prepare: setHeader("x-api-key", "k1")},
		{name: "header wrong", params: header, creds: headerCreds, prepare: setHeader("X-Api-Key", "k2"), code: 403, message: "Authorization data is wrong!", basic: true},
		{name: "header missing", params: header, creds: headerCreds, code: 403, message: "Authorization data is wrong!", basic: true},
		{name: "header without credential", params: header, code: 500, message: "No authentication data defined on node!", basic: true},
		{name: "jwt right", params: jwt, creds: jwtCreds, prepare: setHeader("Authorization", "Bearer "+hs256(t, "shh", `{"sub":"42"}`))},
		{name: "jwt missing", params: jwt, creds: jwtCreds, code: 401, message: "No token provided", basic: true},
		{name: "jwt bad signature", params: jwt, creds: jwtCreds, prepare: setHeader("Authorization", "Bearer "+hs256(t, "other", `{"sub":"42"}`)), code: 403, message: "invalid signature", basic: true},
		{name: "jwt expired", params: jwt, creds: jwtCreds, prepare: setHeader("Authorization", "Bearer "+hs256(t, "shh", `{"exp":1000}`)), code: 403, message: "jwt expired", basic: true},
		{name: "jwt malformed", params: jwt, creds: jwtCreds, prepare: setHeader("Authorization", "Bearer abc"), code: 403, message: "jwt malformed", basic: true},
		{name: "n8n user auth is not supported", params: map[string]any{"path": "p", "authentication": "n8nOAuth2"}, code: 500,
			message: `The authentication "n8nOAuth2" is not supported by noderun`, basic: true},
		{name: "ip allowed", params: map[string]any{"path": "p", "options": map[string]any{"ipWhitelist": "192.0.2.0/24"}}},
		{name: "ip refused", params: map[string]any{"path": "p", "options": map[string]any{"ipWhitelist": "10.0.0.1, 10.1.0.0/16"}}, code: 403, message: "IP is not allowed to access the webhook!"},
		{name: "ip via proxy", params: map[string]any{"path": "p", "options": map[string]any{"ipWhitelist": "10.1.0.0/16"}}, prepare: setHeader("X-Forwarded-For", "10.1.2.3")},
		{name: "bot ignored", params: map[string]any{"path": "p", "options": map[string]any{"ignoreBots": true}}, prepare: setHeader("User-Agent", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"), code: 403, message: "Authorization data is wrong!", basic: true},
		{name: "browser not a bot", params: map[string]any{"path": "p", "options": map[string]any{"ignoreBots": true}}, prepare: setHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36")},
	}
	for _, tt := range tests {
		w := webhookOf(t, webhookNode(2, tt.params))
		r := newRequest(t, "POST", "/webhook/p", "", "")
		if tt.prepare != nil {
			tt.prepare(r)
		}
		creds := func(name string) (map[string]any, error) {
			if c, ok := tt.creds[name]; ok {
				return c, nil
			}
			return nil, errors.New("no credential")
		}
		err := w.Authenticate(r, creds)
		if tt.code == 0 {
			if err != nil {
				t.Errorf("%s: %v, want accepted", tt.name, err)
			}
			continue
		}
		var he *trigger.HTTPError
		if !errors.As(err, &he) {
			t.Errorf("%s: error %v, want an HTTPError", tt.name, err)
			continue
		}
		wantHeader := http.Header(nil)
		if tt.basic {
			wantHeader = http.Header{"Www-Authenticate": {`Basic realm="Webhook"`}}
		}
		if diff := cmp.Diff(&trigger.HTTPError{Code: tt.code, Message: tt.message, Header: wantHeader}, he); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}
