package credentials_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/nodes"
)

// TestMarkerSecretStaysSecret sends requests through Manager.Do with a
// credential holding a marker secret: the marker must reach the server and
// appear nowhere else — errors, String, JSON, logs, or the SQLite file
// outside its encrypted blob.
func TestMarkerSecretStaysSecret(t *testing.T) {
	t.Parallel()
	const secret = "MRK-9d7f1c-leak-check-value"
	var seen []string
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request, body string) {
		seen = append(seen, r.Header.Get("X-Api-Key")+"|"+r.URL.Query().Get("key"))
		if r.URL.Path == "/fail" {
			// A hostile server echoing the secret back in its error.
			writeJSON(w, 500, map[string]any{"message": "bad key " + secret})
			return
		}
		writeJSON(w, 200, map[string]any{"ok": true})
	})
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "credentials.db")
	store, err := credentials.OpenSQLiteStore(dbPath, storeKey)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	for _, c := range []*credentials.Credential{
		{ID: "h", Name: "Header", Type: "httpHeaderAuth", Data: credentials.Data{"name": "X-Api-Key", "value": secret}},
		{ID: "q", Name: "Query", Type: "httpQueryAuth", Data: credentials.Data{"name": "key", "value": secret}},
	} {
		if err := store.Put(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	m := credentials.NewManager(credentials.BuiltinTypes(), store)

	var texts []string
	for _, id := range []string{"h", "q"} {
		cred, err := m.Resolve(ctx, nodes.CredentialRef{ID: id}, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Do(ctx, cred, &nodes.Request{URL: srv.URL + "/ok"}, send); err != nil {
			t.Fatal(err)
		}
		_, err = m.Do(ctx, cred, &nodes.Request{URL: srv.URL + "/fail"}, send)
		if err == nil {
			t.Fatal("want an error from /fail")
		}
		ne := nodes.AsNodeError("HTTP", err)
		// What the engine builds from a status error: NodeApiError with the body.
		var se *httpx.StatusError
		if !errors.As(err, &se) {
			t.Fatalf("err %T does not carry the status error", err)
		}
		api, _ := json.Marshal(nodes.NewAPIError("HTTP", se.Response.StatusCode, se.Response.Body))
		texts = append(texts, string(api), string(se.Response.Raw))
		js, _ := json.Marshal(cred)
		nejs, _ := json.Marshal(ne)
		logger.Error("request failed", "credential", cred, "data", cred.Data, "err", err)
		texts = append(texts, err.Error(), fmt.Sprint(cred), fmt.Sprintf("%+v", *cred), cred.Data.String(), string(js), string(nejs), ne.Error())
		// Unreachable address: the transport error names the URL.
		_, err = m.Do(ctx, cred, &nodes.Request{URL: "http://127.0.0.1:1/x"}, send)
		if err == nil {
			t.Fatal("want a connection error")
		}
		texts = append(texts, err.Error())
	}
	texts = append(texts, logs.String())
	for i, s := range texts {
		if strings.Contains(s, secret) {
			t.Errorf("output %d leaks the secret: %s", i, s)
		}
	}
	want := []string{secret + "|", secret + "|", "|" + secret, "|" + secret}
	if fmt.Sprint(seen) != fmt.Sprint(want) {
		t.Errorf("the server saw %v, want %v", seen, want)
	}
	store.Close()
	raw, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(secret)) {
		t.Error("the SQLite file holds the secret outside the encrypted blob")
	}
}

// TestErrorScrubbingKeepsSettings: secrets vanish from error text, names
// and settings stay readable.
func TestErrorScrubbingKeepsSettings(t *testing.T) {
	t.Parallel()
	m, _ := newManager(t, []*credentials.Credential{{ID: "h", Name: "h", Type: "httpHeaderAuth", Data: credentials.Data{"name": "X-Api-Key", "value": "shop-key-123"}}})
	cred := resolve(t, m, "h", "httpHeaderAuth")
	failing := func(_ context.Context, r *nodes.Request) (*nodes.Response, error) {
		return nil, fmt.Errorf("invalid header X-Api-Key value %s", r.Headers["X-Api-Key"])
	}
	_, err := m.Do(context.Background(), cred, &nodes.Request{URL: "http://x"}, failing)
	if err == nil || err.Error() != "invalid header X-Api-Key value ***" {
		t.Errorf("err = %v", err)
	}
}
