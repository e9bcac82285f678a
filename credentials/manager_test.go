package credentials_test

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/nodes"
)

func TestResolve(t *testing.T) {
	t.Parallel()
	creds := []*credentials.Credential{
		{ID: "cred-hdr-a", Name: "Shop API key", Type: "httpHeaderAuth", Data: credentials.Data{"name": "X-Api-Key", "value": "shop-key-123"}},
		{ID: "cw1", Name: "Chatwoot prod", Type: "chatwootApi", Data: credentials.Data{"url": "https://app.chatwoot.example"}},
		{ID: "o1", Name: "OAuth cc", Type: "oAuth2Api", Data: credentials.Data{"grantType": "clientCredentials", "accessTokenUrl": "http://x/token", "clientId": "id", "clientSecret": "s"}},
		{ID: "o2", Name: "OAuth code", Type: "oAuth2Api", Data: credentials.Data{"accessTokenUrl": "http://x/token", "clientId": "id", "clientSecret": "s"}},
		{ID: "e1", Name: "Expr", Type: "httpBearerAuth", Data: credentials.Data{"token": "={{ 'tok-' + (40 + 2) }}"}},
	}
	m, _ := newManager(t, creds, loadOne(t, chatwootType))
	tests := []struct {
		name     string
		ref      nodes.CredentialRef
		typ      string
		wantData map[string]any
		wantErr  string
		errAs    any
	}{
		{name: "by id", ref: nodes.CredentialRef{ID: "cred-hdr-a", Name: "renamed since"}, typ: "httpHeaderAuth",
			wantData: map[string]any{"name": "X-Api-Key", "value": "shop-key-123"}},
		{name: "by name when the id is unknown", ref: nodes.CredentialRef{ID: "gone", Name: "Shop API key"}, typ: "httpHeaderAuth",
			wantData: map[string]any{"name": "X-Api-Key", "value": "shop-key-123"}},
		{name: "absent", ref: nodes.CredentialRef{ID: "gone", Name: "Nope"}, typ: "httpHeaderAuth",
			wantErr: `credential "Nope (id gone)" (type httpHeaderAuth) not found`, errAs: new(*credentials.NotFoundError)},
		{name: "wrong type", ref: nodes.CredentialRef{Name: "Shop API key"}, typ: "chatwootApi",
			wantErr: `credential "Shop API key" has type httpHeaderAuth, but chatwootApi is needed`, errAs: new(*credentials.WrongTypeError)},
		{name: "missing required", ref: nodes.CredentialRef{ID: "cw1"}, typ: "chatwootApi",
			wantErr: `credential "Chatwoot prod" (type chatwootApi) is missing required properties: accessToken`, errAs: new(*credentials.MissingPropertyError)},
		{name: "defaults and hidden required", ref: nodes.CredentialRef{ID: "o1"}, typ: "oAuth2Api",
			wantData: map[string]any{
				"grantType": "clientCredentials", "accessTokenUrl": "http://x/token", "clientId": "id", "clientSecret": "s",
				"useDynamicClientRegistration": false, "authUrl": "", "scope": "", "authQueryParameters": "", "authentication": "header",
				"sendAdditionalBodyProperties": false, "additionalBodyProperties": "", "ignoreSSLIssues": false, "tokenExpiredStatusCode": 401.0,
			}},
		{name: "authUrl required for the code grant", ref: nodes.CredentialRef{ID: "o2"}, typ: "oAuth2Api",
			wantErr: "missing required properties: authUrl"},
		{name: "stored expression", ref: nodes.CredentialRef{ID: "e1"}, typ: "httpBearerAuth",
			wantData: map[string]any{"token": "tok-42"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := m.Data(context.Background(), tt.ref, tt.typ)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if tt.errAs != nil && !errors.As(err, tt.errAs) {
					t.Errorf("err %T is not %T", err, tt.errAs)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantData, got); diff != "" {
				t.Errorf("data (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDoGenericAuthenticate(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request, body string) {
		writeJSON(w, 200, map[string]any{"ok": true})
	})
	creds := []*credentials.Credential{
		{ID: "hdr", Name: "hdr", Type: "httpHeaderAuth", Data: credentials.Data{"name": "X-Api-Key", "value": "shop-key-123"}},
		{ID: "qry", Name: "qry", Type: "httpQueryAuth", Data: credentials.Data{"name": "key", "value": "q-secret"}},
		{ID: "basic", Name: "basic", Type: "httpBasicAuth", Data: credentials.Data{"user": "ada", "password": "pw:1"}},
		{ID: "bearer", Name: "bearer", Type: "httpBearerAuth", Data: credentials.Data{"token": "tkn"}},
		{ID: "custom", Name: "custom", Type: "httpCustomAuth", Data: credentials.Data{"json": `{"headers":{"X-A":"1"},"qs":{"b":"2"},"body":{"c":"3"}}`}},
		{ID: "cw", Name: "cw", Type: "chatwootApi", Data: credentials.Data{"url": srv.URL, "accessToken": "cw-platform-token-xyz"}},
	}
	m, _ := newManager(t, creds, loadOne(t, chatwootType))
	tests := []struct {
		id        string
		wantQuery map[string]string
		wantHdr   map[string]string
		wantBody  string
	}{
		{id: "hdr", wantQuery: map[string]string{"q": "lamp"}, wantHdr: map[string]string{"X-Api-Key": "shop-key-123", "X-Client": "noderun"}},
		{id: "qry", wantQuery: map[string]string{"q": "lamp", "key": "q-secret"}},
		{id: "basic", wantQuery: map[string]string{"q": "lamp"}, wantHdr: map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte("ada:pw:1"))}},
		{id: "bearer", wantQuery: map[string]string{"q": "lamp"}, wantHdr: map[string]string{"Authorization": "Bearer tkn"}},
		{id: "custom", wantQuery: map[string]string{"q": "lamp", "b": "2"}, wantHdr: map[string]string{"X-A": "1"}, wantBody: `{"c":"3","name":"Ada"}`},
		{id: "cw", wantQuery: map[string]string{"q": "lamp"}, wantHdr: map[string]string{"Api-Access-Token": "cw-platform-token-xyz"}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			cred := resolve(t, m, tt.id, "")
			req := &nodes.Request{Method: "POST", BaseURL: srv.URL, URL: "/api/" + tt.id, Query: map[string]any{"q": "lamp"},
				Headers: map[string]any{"X-Client": "noderun"}, Body: map[string]any{"name": "Ada"}}
			before := *req
			resp, err := m.Do(context.Background(), cred, req, send)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != 200 {
				t.Errorf("status %d", resp.StatusCode)
			}
			if !cmp.Equal(before.Query, req.Query) || !cmp.Equal(before.Headers, req.Headers) {
				t.Error("Do modified the caller's request")
			}
			var got recorded
			for _, r := range srv.requests() {
				if r.Path == "/api/"+tt.id {
					got = r
				}
			}
			if diff := cmp.Diff(tt.wantQuery, got.Query); diff != "" {
				t.Errorf("query (-want +got):\n%s", diff)
			}
			for k, v := range tt.wantHdr {
				if got.Headers.Get(k) != v {
					t.Errorf("header %s = %q, want %q", k, got.Headers.Get(k), v)
				}
			}
			want := tt.wantBody
			if want == "" {
				want = `{"name":"Ada"}`
			}
			if got.Body != want {
				t.Errorf("body = %s, want %s", got.Body, want)
			}
		})
	}
}

// TestConformanceHeaderAuth replays the credential half of the
// core-http-get-query-auth case: the header auth puts X-Api-Key next to
// the request's own header.
func TestConformanceHeaderAuth(t *testing.T) {
	t.Parallel()
	store, err := credentials.OpenFileStore("../../shared/conformance/core-http-get-query-auth/credentials.json")
	if err != nil {
		t.Skipf("conformance cases not available: %v", err)
	}
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request, body string) { writeJSON(w, 200, []any{}) })
	m := credentials.NewManager(credentials.BuiltinTypes(), store)
	cred, err := m.Resolve(context.Background(), nodes.CredentialRef{ID: "cred-hdr-a", Name: "Shop API key"}, "httpHeaderAuth")
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Do(context.Background(), cred, &nodes.Request{Method: "GET", URL: srv.URL + "/api/shops/1/products",
		Query: map[string]any{"q": "lamp", "limit": 2.0}, Headers: map[string]any{"x-client": "noderun-conformance"}}, send)
	if err != nil {
		t.Fatal(err)
	}
	got := srv.requests()[0]
	if got.Headers.Get("X-Api-Key") != "shop-key-123" || got.Headers.Get("x-client") != "noderun-conformance" {
		t.Errorf("headers = %v", got.Headers)
	}
	if diff := cmp.Diff(map[string]string{"q": "lamp", "limit": "2"}, got.Query); diff != "" {
		t.Errorf("query (-want +got):\n%s", diff)
	}
}

// TestDoResendsOnceAfter401 matches httpRequestWithAuthentication: a 401
// is sent once more, and only once; WithoutUnauthorizedRetry sends once.
func TestDoResendsOnceAfter401(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request, body string) {
		writeJSON(w, 401, map[string]any{"message": "no"})
	})
	m, _ := newManager(t, []*credentials.Credential{{ID: "h", Name: "h", Type: "httpHeaderAuth", Data: credentials.Data{"name": "X-Key", "value": "k"}}})
	cred := resolve(t, m, "h", "httpHeaderAuth")
	tests := []struct {
		name string
		ctx  context.Context
		want int
	}{
		{name: "default", ctx: context.Background(), want: 2},
		{name: "without retry", ctx: credentials.WithoutUnauthorizedRetry(context.Background()), want: 1},
	}
	for _, tt := range tests {
		before := len(srv.requests())
		_, err := m.Do(tt.ctx, cred, &nodes.Request{URL: srv.URL + "/x"}, send)
		if err == nil || !strings.Contains(err.Error(), "401") {
			t.Errorf("%s: err = %v", tt.name, err)
		}
		if got := len(srv.requests()) - before; got != tt.want {
			t.Errorf("%s: %d requests, want %d", tt.name, got, tt.want)
		}
	}
}

func TestAuthenticateHeaderReplacesAnyCase(t *testing.T) {
	t.Parallel()
	m, _ := newManager(t, []*credentials.Credential{{ID: "h", Name: "h", Type: "httpHeaderAuth", Data: credentials.Data{"name": "X-Api-Key", "value": "from-credential"}}})
	cred := resolve(t, m, "h", "httpHeaderAuth")
	got, err := m.Authenticate(cred, &nodes.Request{Headers: map[string]any{"x-api-key": "from-node", "Accept": "application/json"}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"X-Api-Key": "from-credential", "Accept": "application/json"}
	if diff := cmp.Diff(want, got.Headers); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
}
