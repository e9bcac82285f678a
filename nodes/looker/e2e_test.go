package looker_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/internal/openapi/openapitest"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/looker"
)

const (
	example = "../../workflows/looker-send-password-reset-token.json"
	login   = "POST /api/4.0/login"
	reset   = "POST /api/4.0/users/42/credentials_email/send_password_reset"
)

func token(tok string) openapitest.Reply {
	return openapitest.Reply{Status: 200, Body: map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": 3600}}
}

func runExample(t *testing.T, replies map[string][]openapitest.Reply, mutate func(*engine.Workflow)) (*engine.Result, *openapitest.Server) {
	t.Helper()
	srv := openapitest.NewServer(t, replies)
	creds := []*credentials.Credential{{ID: "c1", Name: "Looker", Type: "lookerApi",
		Data: credentials.Data{"baseUrl": srv.URL + "/api/4.0", "clientId": "cid", "clientSecret": "csecret"}}}
	res := openapitest.RunExample(t, example, openapitest.Integration{
		Description: looker.DescriptionJSON, CredentialTypes: looker.CredentialTypes,
	}, creds, mutate)
	return res, srv
}

type wire struct{ Method, Path, Query, Auth, Body string }

func wireOf(reqs []openapitest.Recorded) []wire {
	out := make([]wire, len(reqs))
	for i, r := range reqs {
		out[i] = wire{r.Method, r.Path, r.Query, r.Header.Get("Authorization"), r.Body}
	}
	return out
}

func TestExampleSendPasswordResetToken(t *testing.T) {
	t.Parallel()
	cred := map[string]any{"email": "ada@example.com", "password_reset_url": "https://looker.example/reset/x"}
	res, srv := runExample(t, map[string][]openapitest.Reply{
		login: {token("tok-1")},
		reset: {{Status: 200, Body: cred}},
	}, func(wf *engine.Workflow) {
		for _, n := range wf.Nodes {
			if n.Name == "Looker" {
				n.Parameters["additionalFields"] = map[string]any{"fields": "email,password_reset_url"}
			}
		}
	})
	if res.Status != "success" {
		t.Fatalf("status %s, error %v", res.Status, res.Error)
	}
	want := []wire{
		{"POST", "/api/4.0/login", "", "", "client_id=cid&client_secret=csecret"},
		{"POST", "/api/4.0/users/42/credentials_email/send_password_reset", "fields=email%2Cpassword_reset_url", "token tok-1", ""},
	}
	if diff := cmp.Diff(want, wireOf(srv.Requests())); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{cred}, openapitest.OutputJSON(t, res, "Looker")); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

// A 401 renews the session once and retries; an unset optional query
// field is not sent.
func TestExampleRenewsTokenOn401(t *testing.T) {
	t.Parallel()
	res, srv := runExample(t, map[string][]openapitest.Reply{
		login: {token("tok-1"), token("tok-2")},
		reset: {{Status: 401, Body: map[string]any{"message": "Requires authentication."}}, {Status: 200, Body: map[string]any{"ok": true}}},
	}, nil)
	if res.Status != "success" {
		t.Fatalf("status %s, error %v", res.Status, res.Error)
	}
	var got []string
	for _, w := range wireOf(srv.Requests()) {
		got = append(got, w.Path+" "+w.Query+" "+w.Auth)
	}
	want := []string{
		"/api/4.0/login  ",
		"/api/4.0/users/42/credentials_email/send_password_reset  token tok-1",
		"/api/4.0/login  ",
		"/api/4.0/users/42/credentials_email/send_password_reset  token tok-2",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func TestExampleErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, code, message string
		replies             map[string][]openapitest.Reply
	}{
		{"401 after renewal", "401", "Authorization failed - please check your credentials", map[string][]openapitest.Reply{
			login: {token("tok-1"), token("tok-2")},
			reset: {{Status: 401, Body: map[string]any{"message": "Requires authentication."}}},
		}},
		{"404", "404", "The resource you are requesting could not be found", map[string][]openapitest.Reply{
			login: {token("tok-1")},
			reset: {{Status: 404, Body: map[string]any{"message": "Not found"}}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, _ := runExample(t, tt.replies, nil)
			if res.Status != "error" || res.Error == nil {
				t.Fatalf("status %s; want error", res.Status)
			}
			if diff := cmp.Diff([]string{tt.code, tt.message}, []string{res.Error.HTTPCode, res.Error.Message}); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

// The session token is cached: three items, one login. Items of one batch
// are sent concurrently (as n8n does), so the items go in batches of one,
// 200 ms apart.
func TestExampleCachesToken(t *testing.T) {
	t.Parallel()
	srv := openapitest.NewServer(t, map[string][]openapitest.Reply{
		login: {token("tok-1"), token("tok-2")},
		reset: {{Status: 200, Body: map[string]any{"ok": true}}},
	})
	creds := []*credentials.Credential{{ID: "c1", Name: "Looker", Type: "lookerApi",
		Data: credentials.Data{"baseUrl": srv.URL + "/api/4.0", "clientId": "cid", "clientSecret": "csecret"}}}
	items := []nodes.Item{{JSON: map[string]any{"n": 1}}, {JSON: map[string]any{"n": 2}}, {JSON: map[string]any{"n": 3}}}
	res := openapitest.RunExample(t, example, openapitest.Integration{
		Description: looker.DescriptionJSON, CredentialTypes: looker.CredentialTypes,
	}, creds, func(wf *engine.Workflow) {
		for _, n := range wf.Nodes {
			if n.Name == "Looker" {
				n.Parameters["requestOptions"] = map[string]any{"batching": map[string]any{"batch": map[string]any{"batchSize": 1, "batchInterval": 200}}}
			}
		}
	}, engine.RunOptions{Input: items})
	if res.Status != "success" {
		t.Fatalf("status %s, error %v", res.Status, res.Error)
	}
	var logins, resets int
	for _, r := range srv.Requests() {
		switch r.Path {
		case "/api/4.0/login":
			logins++
		case "/api/4.0/users/42/credentials_email/send_password_reset":
			resets++
			if r.Header.Get("Authorization") != "token tok-1" {
				t.Errorf("reset request with %q; want the cached token", r.Header.Get("Authorization"))
			}
		}
	}
	if logins != 1 || resets != 3 {
		t.Errorf("got %d logins and %d resets; want 1 and 3", logins, resets)
	}
	if n := len(openapitest.OutputJSON(t, res, "Looker")); n != 3 {
		t.Errorf("got %d output items, want 3", n)
	}
}
