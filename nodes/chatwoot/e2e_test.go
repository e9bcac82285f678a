package chatwoot_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/internal/openapi/openapitest"
	"github.com/noderun/noderun/nodes/chatwoot"
)

const example = "../../workflows/chatwoot-update-user.json"

func runExample(t *testing.T, replies map[string][]openapitest.Reply) (*engine.Result, *openapitest.Server) {
	t.Helper()
	srv := openapitest.NewServer(t, replies)
	creds := []*credentials.Credential{{ID: "c1", Name: "Chatwoot", Type: "chatwootApi",
		Data: credentials.Data{"url": srv.URL, "accessToken": "cw-platform-token-xyz"}}}
	res := openapitest.RunExample(t, example, openapitest.Integration{
		Description: chatwoot.DescriptionJSON, CredentialTypes: chatwoot.CredentialTypes,
	}, creds, nil)
	return res, srv
}

// The request and output match conformance case cw-update-200 (recorded
// from n8n with the community node).
func TestExampleUpdateUser(t *testing.T) {
	t.Parallel()
	user := map[string]any{"id": 7.0, "name": "Ada", "email": "ada@example.com", "custom_attributes": map[string]any{"tier": "gold"}}
	res, srv := runExample(t, map[string][]openapitest.Reply{"PATCH /platform/api/v1/users/7": {{Status: 200, Body: user}}})
	if res.Status != "success" {
		t.Fatalf("status %s, error %v", res.Status, res.Error)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("got %d requests, want 1", len(reqs))
	}
	r := reqs[0]
	got := []any{r.Method, r.Path, r.Query, r.Header.Get("Api-Access-Token"), r.Header.Get("Content-Type"), openapitest.JSONBody(t, r.Body)}
	want := []any{"PATCH", "/platform/api/v1/users/7", "", "cw-platform-token-xyz", "application/json",
		map[string]any{"name": "Ada", "email": "ada@example.com", "password": "S3cret!pass", "custom_attributes": map[string]any{"tier": "gold"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("request (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{user}, openapitest.OutputJSON(t, res, "ChatWoot")); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

func TestExampleErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, code, message, description string
		replies                          map[string][]openapitest.Reply
	}{
		{"401", "401", "Authorization failed - please check your credentials", "Invalid access token",
			map[string][]openapitest.Reply{"PATCH /platform/api/v1/users/7": {{Status: 401, Body: map[string]any{"error": "Invalid access token"}}}}},
		{"404", "404", "The resource you are requesting could not be found", "not found",
			map[string][]openapitest.Reply{"PATCH /platform/api/v1/users/7": {{Status: 404, Body: map[string]any{"message": "not found"}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, _ := runExample(t, tt.replies)
			if res.Status != "error" || res.Error == nil {
				t.Fatalf("status %s; want error", res.Status)
			}
			desc := ""
			if res.Error.Description != nil {
				desc = *res.Error.Description
			}
			got := []string{res.Error.Name, res.Error.HTTPCode, res.Error.Message, desc}
			if diff := cmp.Diff([]string{"NodeApiError", tt.code, tt.message, tt.description}, got); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}
