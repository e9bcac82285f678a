package credentials_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/nodes"
)

// oauthServer serves /token (answering with tokenReply) and /api (200 when
// the bearer token is valid, else expiredStatus).
type oauthServer struct {
	*recorder
	valid         atomic.Value // string: the access token /api accepts
	tokens        atomic.Int32
	tokenReply    func(n int32, form url.Values) (int, map[string]any)
	expiredStatus int
	rejectAll     atomic.Bool // /api accepts no token at all
}

func newOAuthServer(t *testing.T, reply func(n int32, form url.Values) (int, map[string]any)) *oauthServer {
	s := &oauthServer{tokenReply: reply, expiredStatus: 401}
	s.valid.Store("")
	s.recorder = newRecorder(t, func(w http.ResponseWriter, r *http.Request, body string) {
		switch r.URL.Path {
		case "/token":
			form, _ := url.ParseQuery(body)
			n := s.tokens.Add(1)
			status, js := s.tokenReply(n, form)
			if status == 200 {
				if at, ok := js["access_token"].(string); ok {
					s.valid.Store(at)
				}
			}
			writeJSON(w, status, js)
		default:
			auth := r.Header.Get("Authorization")
			tok := strings.TrimPrefix(auth, "Bearer ")
			if tok == "" {
				tok = r.URL.Query().Get("access_token")
			}
			if tok == "" || tok != s.valid.Load().(string) || s.rejectAll.Load() {
				writeJSON(w, s.expiredStatus, map[string]any{"message": "token expired"})
				return
			}
			writeJSON(w, 200, map[string]any{"hello": "world"})
		}
	})
	return s
}

func (s *oauthServer) tokenRequests() []recorded {
	var out []recorded
	for _, r := range s.requests() {
		if r.Path == "/token" {
			out = append(out, r)
		}
	}
	return out
}

func TestOAuth2ClientCredentials(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		data       credentials.Data
		wantForm   url.Values
		wantHeader string
	}{
		{
			name:     "header",
			data:     credentials.Data{"grantType": "clientCredentials", "clientId": "cid", "clientSecret": "s+c/r=t", "scope": "read write", "authentication": "header"},
			wantForm: url.Values{"grant_type": {"client_credentials"}, "scope": {"read write"}},
			// n8n does not URL-encode the client id and secret.
			wantHeader: "Basic " + base64.StdEncoding.EncodeToString([]byte("cid:s+c/r=t")),
		},
		{
			name: "body with additional properties",
			data: credentials.Data{"grantType": "clientCredentials", "clientId": "cid", "clientSecret": "sec", "authentication": "body",
				"sendAdditionalBodyProperties": true, "additionalBodyProperties": `{"audience":"https://api"}`},
			// An empty scope sends no scope field.
			wantForm: url.Values{"grant_type": {"client_credentials"}, "client_id": {"cid"}, "client_secret": {"sec"}, "audience": {"https://api"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newOAuthServer(t, func(n int32, _ url.Values) (int, map[string]any) {
				return 200, map[string]any{"access_token": "cc-" + string('0'+rune(n)), "token_type": "Bearer", "expires_in": 3600, "instance_url": "https://i"}
			})
			tt.data["accessTokenUrl"] = srv.URL + "/token"
			m, store := newManager(t, []*credentials.Credential{{ID: "o", Name: "cc", Type: "oAuth2Api", Data: tt.data}})
			cred := resolve(t, m, "o", "oAuth2Api")
			for range 2 {
				resp, err := m.Do(context.Background(), cred, &nodes.Request{URL: srv.URL + "/api"}, send)
				if err != nil {
					t.Fatal(err)
				}
				if resp.StatusCode != 200 {
					t.Fatalf("status %d", resp.StatusCode)
				}
			}
			toks := srv.tokenRequests()
			if len(toks) != 1 {
				t.Fatalf("%d token requests, want 1 (the token is reused)", len(toks))
			}
			form, _ := url.ParseQuery(toks[0].Body)
			if diff := cmp.Diff(tt.wantForm, form); diff != "" {
				t.Errorf("token form (-want +got):\n%s", diff)
			}
			if got := toks[0].Headers.Get("Authorization"); got != tt.wantHeader {
				t.Errorf("token Authorization = %q, want %q", got, tt.wantHeader)
			}
			stored, _ := store.Get(context.Background(), "o")
			want := map[string]any{"access_token": "cc-1", "token_type": "Bearer", "expires_in": 3600.0, "instance_url": "https://i"}
			if diff := cmp.Diff(want, stored.Data.Reveal()["oauthTokenData"]); diff != "" {
				t.Errorf("stored token (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOAuth2RefreshOnExpiredStatus(t *testing.T) {
	t.Parallel()
	for _, status := range []int{401, 403} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			srv := newOAuthServer(t, func(n int32, form url.Values) (int, map[string]any) {
				return 200, map[string]any{"access_token": "at-2", "token_type": "bearer", "expires_in": 60}
			})
			srv.expiredStatus = status
			srv.valid.Store("at-2")
			data := credentials.Data{
				"clientId": "cid", "clientSecret": "sec", "accessTokenUrl": srv.URL + "/token", "authUrl": srv.URL + "/auth",
				"oauthTokenData": map[string]any{"access_token": "at-1", "refresh_token": "rt-1", "token_type": "Bearer"},
			}
			if status != 401 {
				data["tokenExpiredStatusCode"] = float64(status)
			}
			m, store := newManager(t, []*credentials.Credential{{ID: "o", Name: "code", Type: "oAuth2Api", Data: data}})
			cred := resolve(t, m, "o", "oAuth2Api")
			resp, err := m.Do(context.Background(), cred, &nodes.Request{URL: srv.URL + "/api"}, send)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			var paths []string
			for _, r := range srv.requests() {
				paths = append(paths, r.Method+" "+r.Path+" "+r.Headers.Get("Authorization"))
			}
			basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("cid:sec"))
			want := []string{"GET /api Bearer at-1", "POST /token " + basic, "GET /api Bearer at-2"}
			if diff := cmp.Diff(want, paths); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			form, _ := url.ParseQuery(srv.tokenRequests()[0].Body)
			if diff := cmp.Diff(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"rt-1"}}, form); diff != "" {
				t.Errorf("refresh form (-want +got):\n%s", diff)
			}
			stored, _ := store.Get(context.Background(), "o")
			gotTok, _ := stored.Data.Reveal()["oauthTokenData"].(map[string]any)
			// n8n stamps the refresh time plus expires_in (ms, as text).
			exp, err := strconv.ParseInt(fmt.Sprint(gotTok["n8n_expires_at"]), 10, 64)
			if err != nil || exp < time.Now().Add(50*time.Second).UnixMilli() || exp > time.Now().Add(70*time.Second).UnixMilli() {
				t.Errorf("n8n_expires_at = %v, want about now+60s", gotTok["n8n_expires_at"])
			}
			delete(gotTok, "n8n_expires_at")
			wantTok := map[string]any{"access_token": "at-2", "refresh_token": "rt-1", "token_type": "bearer", "expires_in": 60.0}
			if diff := cmp.Diff(wantTok, gotTok); diff != "" {
				t.Errorf("stored token (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOAuth2Failures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		grant      string
		token      map[string]any
		reply      func(int32, url.Values) (int, map[string]any)
		wantErr    string
		wantAs     any
		wantTokens int32
	}{
		{name: "not connected", token: nil, wantErr: `credential "o" needs to be reconnected: OAuth credentials not connected`, wantAs: new(*credentials.ReconnectError)},
		{name: "invalid_grant", token: map[string]any{"access_token": "old", "refresh_token": "rt"},
			reply: func(int32, url.Values) (int, map[string]any) {
				return 400, map[string]any{"error": "invalid_grant", "error_description": "Token has been revoked"}
			},
			wantErr: `credential "o" needs to be reconnected: the token endpoint answered invalid_grant (Token has been revoked)`, wantAs: new(*credentials.ReconnectError), wantTokens: 1},
		{name: "no refresh token", token: map[string]any{"access_token": "old"},
			wantErr: "needs to be reconnected: OAuth access token expired and no refresh token is available", wantAs: new(*credentials.ReconnectError)},
		{name: "token endpoint fails", grant: "clientCredentials",
			reply:   func(int32, url.Values) (int, map[string]any) { return 500, map[string]any{"message": "down"} },
			wantErr: `credential "o": token request failed with status 500`, wantAs: new(*credentials.TokenError), wantTokens: 1},
		{name: "still expired after refresh", grant: "clientCredentials",
			reply: func(n int32, _ url.Values) (int, map[string]any) {
				return 200, map[string]any{"access_token": "never-valid-" + string('0'+rune(n))}
			},
			wantErr: "Request failed with status code 401", wantTokens: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			reply := tt.reply
			if reply == nil {
				reply = func(int32, url.Values) (int, map[string]any) { return 500, nil }
			}
			srv := newOAuthServer(t, reply)
			srv.valid.Store("-")
			srv.rejectAll.Store(tt.name == "still expired after refresh")
			data := credentials.Data{"clientId": "cid", "clientSecret": "sec", "accessTokenUrl": srv.URL + "/token", "authUrl": srv.URL + "/auth"}
			if tt.grant != "" {
				data["grantType"] = tt.grant
			}
			if tt.token != nil {
				data["oauthTokenData"] = tt.token
			}
			m, _ := newManager(t, []*credentials.Credential{{ID: "o", Name: "o", Type: "oAuth2Api", Data: data}})
			cred := resolve(t, m, "o", "oAuth2Api")
			_, err := m.Do(context.Background(), cred, &nodes.Request{URL: srv.URL + "/api"}, send)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if tt.wantAs != nil && !errors.As(err, tt.wantAs) {
				t.Errorf("err %T is not %T", err, tt.wantAs)
			}
			if got := srv.tokens.Load(); got != tt.wantTokens {
				t.Errorf("%d token requests, want %d", got, tt.wantTokens)
			}
		})
	}
}

func TestOAuth2NonBearerTokenGoesInQuery(t *testing.T) {
	t.Parallel()
	srv := newOAuthServer(t, nil)
	srv.valid.Store("mac-token")
	m, _ := newManager(t, []*credentials.Credential{{ID: "o", Name: "o", Type: "oAuth2Api", Data: credentials.Data{
		"clientId": "cid", "clientSecret": "sec", "accessTokenUrl": srv.URL + "/token", "authUrl": srv.URL + "/auth",
		"oauthTokenData": map[string]any{"access_token": "mac-token", "token_type": "MAC"},
	}}})
	cred := resolve(t, m, "o", "oAuth2Api")
	if _, err := m.Do(context.Background(), cred, &nodes.Request{URL: srv.URL + "/api", Query: map[string]any{"a": "1"}}, send); err != nil {
		t.Fatal(err)
	}
	got := srv.requests()[0]
	if diff := cmp.Diff(map[string]string{"a": "1", "access_token": "mac-token"}, got.Query); diff != "" {
		t.Errorf("query (-want +got):\n%s", diff)
	}
	if got.Headers.Get("Authorization") != "" || got.Headers.Get("Cache-Control") != "no-store" {
		t.Errorf("headers = %v", got.Headers)
	}

	// Node options: keepBearer false and an extra header.
	ctx := credentials.WithOAuth2Options(context.Background(), &credentials.OAuth2Options{TokenType: "Bearer", DropBearer: true, KeyToIncludeInAccessTokenHeader: "X-Token"})
	_, _ = m.Do(ctx, cred, &nodes.Request{URL: srv.URL + "/api2"}, send)
	got = srv.requests()[1]
	if got.Headers.Get("Authorization") != "mac-token" || got.Headers.Get("X-Token") != "mac-token" {
		t.Errorf("with options: headers = %v", got.Headers)
	}
}

// TestOAuth2ConcurrentRequestsFetchOneToken runs many requests at once on
// a client credentials credential without a token: one token request.
func TestOAuth2ConcurrentRequestsFetchOneToken(t *testing.T) {
	t.Parallel()
	srv := newOAuthServer(t, func(n int32, _ url.Values) (int, map[string]any) {
		return 200, map[string]any{"access_token": "shared-token"}
	})
	m, _ := newManager(t, []*credentials.Credential{{ID: "o", Name: "cc", Type: "oAuth2Api", Data: credentials.Data{
		"grantType": "clientCredentials", "clientId": "cid", "clientSecret": "sec", "accessTokenUrl": srv.URL + "/token"}}})
	cred := resolve(t, m, "o", "oAuth2Api")
	errs := make(chan error, 16)
	for range 16 {
		go func() {
			_, err := m.Do(context.Background(), cred, &nodes.Request{URL: srv.URL + "/api"}, send)
			errs <- err
		}()
	}
	for range 16 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if n := srv.tokens.Load(); n != 1 {
		t.Errorf("%d token requests, want 1", n)
	}
}

// TestOAuth2AdoptsTokenRefreshedElsewhere: when another process already
// refreshed the token in the store, a 401 adopts it without a refresh.
func TestOAuth2AdoptsTokenRefreshedElsewhere(t *testing.T) {
	t.Parallel()
	srv := newOAuthServer(t, nil)
	srv.valid.Store("at-2")
	m, store := newManager(t, []*credentials.Credential{{ID: "o", Name: "o", Type: "oAuth2Api", Data: credentials.Data{
		"clientId": "cid", "clientSecret": "sec", "accessTokenUrl": srv.URL + "/token", "authUrl": srv.URL + "/auth",
		"oauthTokenData": map[string]any{"access_token": "at-1", "refresh_token": "rt-1"}}}})
	cred := resolve(t, m, "o", "oAuth2Api")
	if err := store.UpdateData(context.Background(), "o", map[string]any{"oauthTokenData": map[string]any{"access_token": "at-2", "refresh_token": "rt-2"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Do(context.Background(), cred, &nodes.Request{URL: srv.URL + "/api"}, send); err != nil {
		t.Fatal(err)
	}
	if n := srv.tokens.Load(); n != 0 {
		t.Errorf("%d token requests, want 0", n)
	}
}

// TestOAuth2PropertyOption signs with a nested token (Slack's
// authed_user.access_token) when the node names it.
func TestOAuth2PropertyOption(t *testing.T) {
	t.Parallel()
	srv := newOAuthServer(t, nil)
	srv.valid.Store("user-token")
	m, _ := newManager(t, []*credentials.Credential{{ID: "o", Name: "o", Type: "oAuth2Api", Data: credentials.Data{
		"clientId": "cid", "clientSecret": "sec", "accessTokenUrl": srv.URL + "/token", "authUrl": srv.URL + "/auth",
		"oauthTokenData": map[string]any{"access_token": "bot-token", "authed_user": map[string]any{"access_token": "user-token"}}}}})
	cred := resolve(t, m, "o", "oAuth2Api")
	ctx := credentials.WithOAuth2Options(context.Background(), &credentials.OAuth2Options{Property: "authed_user.access_token"})
	resp, err := m.Do(ctx, cred, &nodes.Request{URL: srv.URL + "/api"}, send)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Errorf("status %d", resp.StatusCode)
	}
}
