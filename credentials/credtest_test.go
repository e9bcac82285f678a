package credentials_test

import (
	"context"
	"errors"
	"net/http"
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
