package credentials_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/noderun/noderun/credentials"
)

const bodyRuleType = `{
  "name": "slackishApi",
  "properties": [{"name": "token", "type": "string", "typeOptions": {"password": true}, "default": ""}],
  "authenticate": {"type": "generic", "properties": {"headers": {"Authorization": "=Bearer {{$credentials.token}}"}}},
  "test": {
    "request": {"baseURL": "={{$credentials.base}}", "url": "/auth.test", "method": "POST"},
    "rules": [{"type": "responseSuccessBody", "properties": {"key": "error", "value": "invalid_auth", "message": "Invalid access token"}}]
  }
}`

func TestCredentialTest(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request, body string) {
		switch {
		case r.URL.Path == "/api/v1/profile" && r.Header.Get("Api-Access-Token") == "good":
			writeJSON(w, 200, map[string]any{"id": 1})
		case r.URL.Path == "/api/v1/profile" && r.Header.Get("Api-Access-Token") == "forbidden":
			writeJSON(w, 403, map[string]any{"error": "no"})
		case r.URL.Path == "/api/v1/profile":
			writeJSON(w, 401, map[string]any{"error": "bad token"})
		case r.URL.Path == "/auth.test" && r.Header.Get("Authorization") == "Bearer good":
			writeJSON(w, 200, map[string]any{"ok": true})
		default:
			writeJSON(w, 200, map[string]any{"ok": false, "error": "invalid_auth"})
		}
	})
	creds := []*credentials.Credential{
		{ID: "cw-good", Name: "cw good", Type: "chatwootApi", Data: credentials.Data{"url": srv.URL, "accessToken": "good"}},
		{ID: "cw-bad", Name: "cw bad", Type: "chatwootApi", Data: credentials.Data{"url": srv.URL, "accessToken": "bad"}},
		{ID: "cw-403", Name: "cw 403", Type: "chatwootApi", Data: credentials.Data{"url": srv.URL, "accessToken": "forbidden"}},
		{ID: "sl-good", Name: "sl good", Type: "slackishApi", Data: credentials.Data{"base": srv.URL, "token": "good"}},
		{ID: "sl-bad", Name: "sl bad", Type: "slackishApi", Data: credentials.Data{"base": srv.URL, "token": "bad"}},
		{ID: "hdr", Name: "hdr", Type: "httpHeaderAuth", Data: credentials.Data{"name": "a", "value": "b"}},
	}
	m, _ := newManager(t, creds, loadOne(t, chatwootType), loadOne(t, bodyRuleType))
	tests := []struct {
		id      string
		wantErr string
	}{
		{id: "cw-good"},
		{id: "cw-bad", wantErr: `credential "cw bad" test failed: Invalid access token`},
		{id: "cw-403", wantErr: `credential "cw 403" test failed: Forbidden`},
		{id: "sl-good"},
		{id: "sl-bad", wantErr: `credential "sl bad" test failed: Invalid access token`},
		{id: "hdr", wantErr: "type httpHeaderAuth has no test request"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			t.Parallel()
			err := m.Test(context.Background(), resolve(t, m, tt.id, ""), send)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("test failed: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			var te *credentials.TestError
			if strings.Contains(tt.wantErr, "test failed") && !errors.As(err, &te) {
				t.Errorf("err %T is not a *TestError", err)
			}
		})
	}
}

func TestCredentialTestOAuth2(t *testing.T) {
	t.Parallel()
	srv := newOAuthServer(t, func(_ int32, form url.Values) (int, map[string]any) {
		if form.Get("scope") == "bad" {
			return 400, map[string]any{"error": "invalid_scope"}
		}
		return 200, map[string]any{"access_token": "cc"}
	})
	cc := func(id, scope string) *credentials.Credential {
		return &credentials.Credential{ID: id, Name: id, Type: "oAuth2Api", Data: credentials.Data{
			"grantType": "clientCredentials", "clientId": "c", "clientSecret": "s", "accessTokenUrl": srv.URL + "/token", "scope": scope}}
	}
	code := func(id string, tok map[string]any) *credentials.Credential {
		d := credentials.Data{"clientId": "c", "clientSecret": "s", "accessTokenUrl": srv.URL + "/token", "authUrl": srv.URL + "/auth"}
		if tok != nil {
			d["oauthTokenData"] = tok
		}
		return &credentials.Credential{ID: id, Name: id, Type: "oAuth2Api", Data: d}
	}
	m, store := newManager(t, []*credentials.Credential{cc("cc-ok", "read"), cc("cc-bad", "bad"),
		code("code-ok", map[string]any{"access_token": "a"}), code("code-none", nil)})
	tests := []struct {
		id      string
		wantErr string
	}{
		{id: "cc-ok"},
		{id: "cc-bad", wantErr: `test failed: credential "cc-bad": token request failed with status 400: invalid_scope`},
		{id: "code-ok"},
		{id: "code-none", wantErr: `credential "code-none" test failed: OAuth credentials not connected`},
	}
	for _, tt := range tests {
		err := m.Test(context.Background(), resolve(t, m, tt.id, ""), send)
		if tt.wantErr == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.id, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: err = %v, want %q", tt.id, err, tt.wantErr)
		}
	}
	stored, _ := store.Get(context.Background(), "cc-ok")
	if stored.Data.Reveal()["oauthTokenData"] == nil {
		t.Error("the token fetched by the test was not saved")
	}
}
