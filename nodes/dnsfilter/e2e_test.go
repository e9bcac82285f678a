package dnsfilter_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/internal/openapi/openapitest"
	"github.com/noderun/noderun/nodes/dnsfilter"
)

const example = "../../workflows/dnsfilter-reset-password-url.json"

func runExample(t *testing.T, replies map[string][]openapitest.Reply, mutate func(*engine.Workflow)) (*engine.Result, *openapitest.Server) {
	t.Helper()
	srv := openapitest.NewServer(t, replies)
	creds := []*credentials.Credential{{ID: "c1", Name: "DNSFilter", Type: "dnsFilterApi", Data: credentials.Data{"apiKey": "key-abc.123"}}}
	res := openapitest.RunExample(t, example, openapitest.Integration{
		Description: dnsfilter.DescriptionJSON, CredentialTypes: dnsfilter.CredentialTypes, BaseURL: srv.URL,
	}, creds, mutate)
	return res, srv
}

func TestExampleResetPasswordURL(t *testing.T) {
	t.Parallel()
	reply := map[string]any{"data": map[string]any{"reset_password_url": "https://app.dnsfilter.com/reset/abc"}}
	res, srv := runExample(t, map[string][]openapitest.Reply{
		"POST /v1/distributors/users/12345/reset_password_url": {{Status: 200, Body: reply}},
	}, nil)
	if res.Status != "success" {
		t.Fatalf("status %s, error %v", res.Status, res.Error)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("got %d requests, want 1", len(reqs))
	}
	r := reqs[0]
	got := []string{r.Method, r.Path, r.Query, r.Header.Get("Authorization"), r.Header.Get("Accept"), r.Body}
	want := []string{"POST", "/v1/distributors/users/12345/reset_password_url", "", "key-abc.123", "application/json", ""}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("request (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{reply}, openapitest.OutputJSON(t, res, "DNSFilter")); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

func TestExampleErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, id      string
		replies       map[string][]openapitest.Reply
		code, message string
	}{
		{"401", "12345", map[string][]openapitest.Reply{
			"POST /v1/distributors/users/12345/reset_password_url": {{Status: 401, Body: map[string]any{"error": "Invalid token"}}},
		}, "401", "Authorization failed - please check your credentials"},
		{"404 unknown user", "999", nil, "404", "The resource you are requesting could not be found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, srv := runExample(t, tt.replies, func(wf *engine.Workflow) {
				for _, n := range wf.Nodes {
					if n.Name == "DNSFilter" {
						n.Parameters["id"] = tt.id
					}
				}
			})
			if res.Status != "error" || res.Error == nil {
				t.Fatalf("status %s; want error", res.Status)
			}
			got := []string{res.LastNodeExecuted, res.Error.HTTPCode, res.Error.Message}
			if diff := cmp.Diff([]string{"DNSFilter", tt.code, tt.message}, got); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			// n8n's httpRequestWithAuthentication sends a request once more
			// after a 401 (verified with the n8n peer); other errors are final.
			want := 1
			if tt.code == "401" {
				want = 2
			}
			if n := len(srv.Requests()); n != want {
				t.Errorf("got %d requests, want %d", n, want)
			}
		})
	}
}
