package mindz_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/internal/openapi/openapitest"
	"github.com/noderun/noderun/nodes/mindz"
)

const (
	example  = "../../workflows/mindz-change-password.json"
	tokenURL = "POST /o/token/"
	change   = "POST /api/v2/users/1001/change-password/"
)

func token(tok string) openapitest.Reply {
	return openapitest.Reply{Status: 200, Body: map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": 3600}}
}

func runExample(t *testing.T, replies map[string][]openapitest.Reply) (*engine.Result, *openapitest.Server) {
	t.Helper()
	srv := openapitest.NewServer(t, replies)
	creds := []*credentials.Credential{{ID: "c1", Name: "Mindz", Type: "mindzOAuth2Api", Data: credentials.Data{
		"baseUrl": srv.URL + "/api/v2", "grantType": "clientCredentials", "accessTokenUrl": srv.URL + "/o/token/",
		"clientId": "app", "clientSecret": "shh",
	}}}
	res := openapitest.RunExample(t, example, openapitest.Integration{
		Description: mindz.DescriptionJSON, CredentialTypes: mindz.CredentialTypes,
	}, creds, nil)
	return res, srv
}

func TestExampleChangePassword(t *testing.T) {
	t.Parallel()
	res, srv := runExample(t, map[string][]openapitest.Reply{
		tokenURL: {token("at-1")},
		change:   {{Status: 200, Body: map[string]any{"success": true}}},
	})
	if res.Status != "success" {
		t.Fatalf("status %s, error %v", res.Status, res.Error)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("got %d requests, want token + change password", len(reqs))
	}
	if reqs[0].Path != "/o/token/" || reqs[0].Method != "POST" {
		t.Errorf("first request %s %s; want the client-credentials token request", reqs[0].Method, reqs[0].Path)
	}
	r := reqs[1]
	got := []any{r.Method, r.Path, r.Query, r.Header.Get("Authorization"), openapitest.JSONBody(t, r.Body)}
	want := []any{"POST", "/api/v2/users/1001/change-password/", "", "Bearer at-1", map[string]any{"password": "N3w-passw0rd!"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("request (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{map[string]any{"success": true}}, openapitest.OutputJSON(t, res, "Mindz")); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

func TestExampleErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, code, message string
		replies             map[string][]openapitest.Reply
		requests            int
	}{
		{"401 after token refresh", "401", "Authorization failed - please check your credentials", map[string][]openapitest.Reply{
			tokenURL: {token("at-1"), token("at-2")},
			change:   {{Status: 401, Body: map[string]any{"detail": "Invalid token."}}},
		}, 4},
		{"404", "404", "The resource you are requesting could not be found", map[string][]openapitest.Reply{
			tokenURL: {token("at-1")},
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, srv := runExample(t, tt.replies)
			if res.Status != "error" || res.Error == nil {
				t.Fatalf("status %s; want error", res.Status)
			}
			if diff := cmp.Diff([]string{tt.code, tt.message}, []string{res.Error.HTTPCode, res.Error.Message}); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if n := len(srv.Requests()); n != tt.requests {
				t.Errorf("got %d requests, want %d", n, tt.requests)
			}
		})
	}
}
