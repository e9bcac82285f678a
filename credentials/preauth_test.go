package credentials_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/nodes"
)

// lookerType logs in with client id and secret and sends the session token
// as "Authorization: token <t>", like n8n's Looker credential.
const lookerType = `{
  "name": "lookerApi",
  "displayName": "Looker API",
  "properties": [
    {"name": "url", "type": "string", "default": "", "required": true},
    {"name": "clientId", "type": "string", "default": "", "required": true},
    {"name": "clientSecret", "type": "string", "typeOptions": {"password": true}, "default": "", "required": true},
    {"name": "accessToken", "type": "hidden", "typeOptions": {"expirable": true, "password": true}, "default": ""}
  ],
  "preAuthentication": {
    "request": {
      "method": "POST",
      "baseURL": "={{$credentials.url}}",
      "url": "/api/4.0/login",
      "headers": {"Content-Type": "application/x-www-form-urlencoded"},
      "body": {"client_id": "={{$credentials.clientId}}", "client_secret": "={{$credentials.clientSecret}}"}
    },
    "properties": {"accessToken": "access_token"},
    "expiresIn": "expires_in"
  },
  "authenticate": {"type": "generic", "properties": {"headers": {"Authorization": "=token {{$credentials.accessToken}}"}}}
}`

func TestPreAuthentication(t *testing.T) {
	t.Parallel()
	var logins atomic.Int32
	var valid atomic.Value
	valid.Store("")
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request, body string) {
		if r.URL.Path == "/api/4.0/login" {
			if !strings.Contains(body, "client_secret=looker-secret") {
				writeJSON(w, 403, map[string]any{"message": "bad client"})
				return
			}
			tok := "session-" + string('0'+rune(logins.Add(1)))
			valid.Store(tok)
			writeJSON(w, 200, map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": 3600})
			return
		}
		if r.Header.Get("Authorization") != "token "+valid.Load().(string) {
			writeJSON(w, 401, map[string]any{"message": "Requires authentication"})
			return
		}
		writeJSON(w, 200, map[string]any{"ok": true})
	})
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	var clock atomic.Int64
	clock.Store(now.UnixMilli())
	types := credentials.BuiltinTypes()
	types.MustRegister(loadOne(t, lookerType))
	store := credentials.NewMemoryStore(&credentials.Credential{ID: "lk", Name: "Looker", Type: "lookerApi",
		Data: credentials.Data{"url": srv.URL, "clientId": "cid", "clientSecret": "looker-secret"}})
	m := credentials.NewManager(types, store, credentials.WithClock(func() time.Time { return time.UnixMilli(clock.Load()) }))
	cred := resolve(t, m, "lk", "lookerApi")
	ctx := context.Background()
	do := func() {
		t.Helper()
		resp, err := m.Do(ctx, cred, &nodes.Request{URL: srv.URL + "/api/4.0/user"}, send)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 200 {
			t.Fatalf("status %d", resp.StatusCode)
		}
	}
	do()
	do()
	if got := logins.Load(); got != 1 {
		t.Fatalf("%d logins after two requests, want 1 (session cached)", got)
	}
	stored, _ := store.Get(ctx, "lk")
	if stored.Data.Reveal()["accessToken"] != "session-1" {
		t.Errorf("session not saved to the store: %v", stored.Data.Keys())
	}
	if got, want := stored.Data.Reveal()[credentials.PreAuthExpiresAtKey], float64(now.Add(time.Hour).UnixMilli()); got != want {
		t.Errorf("expiry = %v, want %v", got, want)
	}

	// The server forgets the session: one 401, one new login, one retry.
	valid.Store("revoked")
	do()
	if got := logins.Load(); got != 2 {
		t.Fatalf("%d logins after a 401, want 2", got)
	}

	// The session expires by the clock: a new login before the request.
	clock.Store(now.Add(2 * time.Hour).UnixMilli())
	before := len(srv.requests())
	do()
	var paths []string
	for _, r := range srv.requests()[before:] {
		paths = append(paths, r.Path)
	}
	if diff := cmp.Diff([]string{"/api/4.0/login", "/api/4.0/user"}, paths); diff != "" {
		t.Errorf("after expiry (-want +got):\n%s", diff)
	}
	login := srv.requests()[0]
	if login.Method != "POST" || login.Body != "client_id=cid&client_secret=looker-secret" {
		t.Errorf("login request = %s %s", login.Method, login.Body)
	}
}

func TestPreAuthenticationLoginFails(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request, body string) {
		writeJSON(w, 403, map[string]any{"message": "bad client"})
	})
	m, _ := newManager(t, []*credentials.Credential{{ID: "lk", Name: "Looker", Type: "lookerApi",
		Data: credentials.Data{"url": srv.URL, "clientId": "cid", "clientSecret": "wrong-secret"}}}, loadOne(t, lookerType))
	cred := resolve(t, m, "lk", "lookerApi")
	_, err := m.Do(context.Background(), cred, &nodes.Request{URL: srv.URL + "/api/4.0/user"}, send)
	if err == nil || !strings.Contains(err.Error(), `credential "Looker": token request failed with status 403`) {
		t.Fatalf("err = %v", err)
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests, want only the login", n)
	}
}
