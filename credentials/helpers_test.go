package credentials_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/nodes"
)

// recorded is one request seen by a test server.
type recorded struct {
	Method, Path string
	Query        map[string]string
	Headers      http.Header
	Body         string
}

// recorder is an httptest server answering with handler and recording
// every request.
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []recorded
}

func newRecorder(t *testing.T, handler func(w http.ResponseWriter, r *http.Request, body string)) *recorder {
	t.Helper()
	rec := &recorder{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		q := map[string]string{}
		for k, v := range r.URL.Query() {
			q[k] = v[0]
		}
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, recorded{Method: r.Method, Path: r.URL.Path, Query: q, Headers: r.Header.Clone(), Body: string(raw)})
		rec.mu.Unlock()
		handler(w, r, string(raw))
	}))
	t.Cleanup(rec.Close)
	return rec
}

func (r *recorder) requests() []recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recorded(nil), r.reqs...)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// newManager returns a manager over the builtin types plus extra and a
// memory store holding creds.
func newManager(t *testing.T, creds []*credentials.Credential, extra ...*credentials.Type) (*credentials.Manager, *credentials.MemoryStore) {
	t.Helper()
	types := credentials.BuiltinTypes()
	for _, x := range extra {
		if err := types.Register(x); err != nil {
			t.Fatal(err)
		}
	}
	store := credentials.NewMemoryStore(creds...)
	return credentials.NewManager(types, store), store
}

var send = (&httpx.Client{}).Do

func resolve(t *testing.T, m *credentials.Manager, idOrName, typ string) *credentials.Credential {
	t.Helper()
	c, err := m.Resolve(context.Background(), nodes.CredentialRef{ID: idOrName, Name: idOrName}, typ)
	if err != nil {
		t.Fatalf("resolve %s: %v", idOrName, err)
	}
	return c
}

// chatwootType is the Chatwoot credential type as the integration ships it.
const chatwootType = `{
  "name": "chatwootApi",
  "displayName": "Chatwoot API",
  "properties": [
    {"displayName": "Chatwoot URL", "name": "url", "type": "string", "default": "", "required": true},
    {"displayName": "Access Token", "name": "accessToken", "type": "string", "typeOptions": {"password": true}, "default": "", "required": true}
  ],
  "authenticate": {"type": "generic", "properties": {"headers": {"Api-Access-Token": "={{$credentials.accessToken}}"}}},
  "test": {
    "request": {"baseURL": "={{$credentials.url}}", "url": "/api/v1/profile"},
    "rules": [{"type": "responseCode", "properties": {"value": 401, "message": "Invalid access token"}}]
  }
}`

func loadOne(t *testing.T, js string) *credentials.Type {
	t.Helper()
	types, err := credentials.LoadTypes([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return types[0]
}
