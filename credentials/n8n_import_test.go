package credentials_test

import (
	"context"
	"encoding/base64"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/nodes"
)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type plainCred struct {
	ID, Name, Type string
	Data           map[string]any
}

func plain(cs []*credentials.Credential) []plainCred {
	out := make([]plainCred, len(cs))
	for i, c := range cs {
		out[i] = plainCred{c.ID, c.Name, c.Type, c.Data.Reveal()}
	}
	return out
}

func TestImportN8N(t *testing.T) {
	t.Parallel()
	key := strings.TrimSpace(string(readFixture(t, "n8n-export-encrypted.key")))
	want := []plainCred{
		{"aB3dE5fG7hJ9kL1m", "Shop API", "sendGridApi", map[string]any{"apiKey": "sk_live_import_marker_9f3"}},
		{"oA2uTh0000000001", "My OAuth", "oAuth2Api", map[string]any{
			"clientId": "cid", "clientSecret": "csecret-77", "grantType": "authorizationCode",
			"accessTokenUrl": "http://127.0.0.1:18080/token", "authUrl": "http://127.0.0.1:18080/auth",
			"oauthTokenData": map[string]any{"access_token": "at-imported-1", "refresh_token": "rt-imported-1", "token_type": "Bearer", "expires_in": 3600.0},
		}},
	}
	tests := []struct {
		name    string
		file    string
		key     string
		wantErr error
		errText string
	}{
		{name: "encrypted with key", file: "n8n-export-encrypted.json", key: key},
		{name: "decrypted", file: "n8n-export-decrypted.json"},
		{name: "decrypted ignores key", file: "n8n-export-decrypted.json", key: "whatever"},
		{name: "encrypted without key", file: "n8n-export-encrypted.json", wantErr: credentials.ErrN8NKeyNeeded},
		{name: "encrypted with wrong key", file: "n8n-export-encrypted.json", key: "not-the-key", wantErr: credentials.ErrWrongKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := credentials.ImportN8N(readFixture(t, tt.file), tt.key)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), `"Shop API"`) {
					t.Errorf("error should name the credential: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, plain(got)); diff != "" {
				t.Errorf("import (-want +got):\n%s", diff)
			}
		})
	}
}

func TestImportN8NBadInput(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"not json":          `nope`,
		"no type":           `[{"id":"1","name":"a","data":{}}]`,
		"no name":           `[{"id":"1","type":"x","data":{}}]`,
		"not salted":        `[{"id":"1","name":"a","type":"x","data":"aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ="}]`,
		"not base64":        `[{"id":"1","name":"a","type":"x","data":"%%%"}]`,
		"key rotation form": `[{"id":"1","name":"a","type":"x","data":"k1:U2FsdGVkX18="}]`,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := credentials.ImportN8N([]byte(in), "key"); err == nil {
				t.Error("want error")
			}
		})
	}
}

func TestDecryptN8NMatchesOpenSSL(t *testing.T) {
	t.Parallel()
	// Produced by: printf '%s' '{"apiKey":"sk_live_import_marker_9f3"}' |
	//   openssl enc -aes-256-cbc -md md5 -a -A -salt -pass pass:n8n-test-key-Zq7vX2
	const enc = "U2FsdGVkX1/kvkuDrn0w/FXtah3DCqThL0kiQERBxfLVLOTBuRhEDfRO4a6RXdO42KFv77lF7O4SFHD2PHkA6w=="
	got, err := credentials.DecryptN8N(enc, "n8n-test-key-Zq7vX2")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"apiKey":"sk_live_import_marker_9f3"}`, string(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestImportedOAuth2TokenIsUsedAndRefreshed imports n8n's authorization
// code credential with its oauthTokenData into a file store, uses the
// imported access token, refreshes it on a 401 and writes it back.
func TestImportedOAuth2TokenIsUsedAndRefreshed(t *testing.T) {
	t.Parallel()
	creds, err := credentials.ImportN8N(readFixture(t, "n8n-export-decrypted.json"), "")
	if err != nil {
		t.Fatal(err)
	}
	srv := newOAuthServer(t, func(int32, url.Values) (int, map[string]any) {
		return 200, map[string]any{"access_token": "at-refreshed", "token_type": "Bearer"}
	})
	srv.valid.Store("at-imported-1")
	path := filepath.Join(t.TempDir(), "creds.json")
	store, err := credentials.OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, c := range creds {
		if c.Type == "oAuth2Api" {
			c.Data["accessTokenUrl"] = srv.URL + "/token"
		}
		if err := store.Put(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	m := credentials.NewManager(credentials.BuiltinTypes(), store)
	cred, err := m.Resolve(ctx, nodes.CredentialRef{Name: "My OAuth"}, "oAuth2Api")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Do(ctx, cred, &nodes.Request{URL: srv.URL + "/api"}, send); err != nil {
		t.Fatal(err)
	}
	srv.valid.Store("at-refreshed") // the provider revokes the imported token
	if _, err := m.Do(ctx, cred, &nodes.Request{URL: srv.URL + "/api"}, send); err != nil {
		t.Fatal(err)
	}
	var auths []string
	for _, r := range srv.requests() {
		auths = append(auths, r.Path+" "+r.Headers.Get("Authorization"))
	}
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("cid:csecret-77"))
	want := []string{"/api Bearer at-imported-1", "/api Bearer at-imported-1", "/token " + basic, "/api Bearer at-refreshed"}
	if diff := cmp.Diff(want, auths); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	reloaded, err := credentials.OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := reloaded.Get(ctx, "oA2uTh0000000001")
	if err != nil {
		t.Fatal(err)
	}
	gotTok, _ := c.Data.Reveal()["oauthTokenData"].(map[string]any)
	if _, ok := gotTok["n8n_expires_at"].(string); !ok {
		t.Errorf("refreshed token has no n8n_expires_at: %v", gotTok["n8n_expires_at"])
	}
	delete(gotTok, "n8n_expires_at")
	wantTok := map[string]any{"access_token": "at-refreshed", "refresh_token": "rt-imported-1", "token_type": "Bearer", "expires_in": 3600.0}
	if diff := cmp.Diff(wantTok, gotTok); diff != "" {
		t.Errorf("token in the file (-want +got):\n%s", diff)
	}
}
