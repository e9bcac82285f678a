package credentials_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/nodes"
)

// BenchmarkResolveAndDo is the per-item credential cost of a declarative
// node: resolve the reference and authenticate one request (the send is a
// no-op, so only credential work is measured).
func BenchmarkResolveAndDo(b *testing.B) {
	store := credentials.NewMemoryStore(&credentials.Credential{ID: "cw", Name: "Chatwoot", Type: "httpHeaderAuth",
		Data: credentials.Data{"name": "Api-Access-Token", "value": "cw-platform-token-xyz"}})
	m := credentials.NewManager(credentials.BuiltinTypes(), store)
	ctx := context.Background()
	ref := nodes.CredentialRef{ID: "cw"}
	noop := func(context.Context, *nodes.Request) (*nodes.Response, error) {
		return &nodes.Response{StatusCode: 200}, nil
	}
	req := &nodes.Request{Method: "PATCH", URL: "http://127.0.0.1/platform/api/v1/users/7", Body: map[string]any{"name": "Ada"}}
	b.ReportAllocs()
	for b.Loop() {
		cred, err := m.Resolve(ctx, ref, "httpHeaderAuth")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := m.Do(ctx, cred, req, noop); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSQLiteGet is the cost of reading and decrypting one credential
// from the encrypted store.
func BenchmarkSQLiteGet(b *testing.B) {
	s, err := credentials.OpenSQLiteStore(filepath.Join(b.TempDir(), "c.db"), credentials.DeriveKey("bench"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.Put(ctx, &credentials.Credential{ID: "cw", Name: "Chatwoot", Type: "chatwootApi",
		Data: credentials.Data{"url": "https://app.chatwoot.com", "accessToken": "cw-platform-token-xyz"}}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Get(ctx, "cw"); err != nil {
			b.Fatal(err)
		}
	}
}
