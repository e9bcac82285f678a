package credentials_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
)

var storeKey = credentials.DeriveKey("test key material")

// stores returns one fresh store of each kind.
func stores(t *testing.T) map[string]credentials.Store {
	t.Helper()
	dir := t.TempDir()
	fs, err := credentials.OpenFileStore(filepath.Join(dir, "creds.json"))
	if err != nil {
		t.Fatal(err)
	}
	sq, err := credentials.OpenSQLiteStore(filepath.Join(dir, "creds.db"), storeKey)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sq.Close() })
	return map[string]credentials.Store{"memory": credentials.NewMemoryStore(), "file": fs, "sqlite": sq}
}

func TestStores(t *testing.T) {
	t.Parallel()
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			a := &credentials.Credential{ID: "id-a", Name: "Alpha", Type: "httpHeaderAuth", Data: credentials.Data{"name": "X-Key", "value": "v1"}}
			b := &credentials.Credential{Name: "Beta", Type: "httpBearerAuth", Data: credentials.Data{"token": "t1"}}
			for _, c := range []*credentials.Credential{a, b} {
				if err := s.Put(ctx, c); err != nil {
					t.Fatal(err)
				}
			}
			if b.ID == "" {
				t.Fatal("Put did not assign an id")
			}
			got, err := s.Get(ctx, "id-a")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(a.Data.Reveal(), got.Data.Reveal()); diff != "" {
				t.Errorf("get by id (-want +got):\n%s", diff)
			}
			got, err = s.Get(ctx, "Beta")
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != b.ID || got.Type != "httpBearerAuth" {
				t.Errorf("get by name = %v", got)
			}
			if _, err := s.Get(ctx, "Gamma"); !errors.Is(err, credentials.ErrNotFound) {
				t.Errorf("missing: err = %v, want ErrNotFound", err)
			}
			if err := s.UpdateData(ctx, "id-a", map[string]any{"value": "v2", "extra": map[string]any{"k": 1.0}}); err != nil {
				t.Fatal(err)
			}
			got, _ = s.Get(ctx, "Alpha")
			want := map[string]any{"name": "X-Key", "value": "v2", "extra": map[string]any{"k": 1.0}}
			if diff := cmp.Diff(want, got.Data.Reveal()); diff != "" {
				t.Errorf("after UpdateData (-want +got):\n%s", diff)
			}
			if err := s.UpdateData(ctx, "nope", map[string]any{"x": 1}); !errors.Is(err, credentials.ErrNotFound) {
				t.Errorf("UpdateData missing: %v", err)
			}
			dup := &credentials.Credential{ID: "id-dup", Name: "Alpha", Type: "httpHeaderAuth"}
			if err := s.Put(ctx, dup); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Get(ctx, "Alpha"); err == nil || !strings.Contains(err.Error(), "ambiguous") {
				t.Errorf("ambiguous name: err = %v", err)
			}
			if err := s.Delete(ctx, "id-dup"); err != nil {
				t.Fatal(err)
			}
			list, err := s.List(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, c := range list {
				names = append(names, c.Name+"/"+c.Type)
			}
			if diff := cmp.Diff([]string{"Alpha/httpHeaderAuth", "Beta/httpBearerAuth"}, names); diff != "" {
				t.Errorf("list (-want +got):\n%s", diff)
			}
			if err := s.Delete(ctx, "Beta"); err != nil {
				t.Fatal(err)
			}
			if err := s.Delete(ctx, "Beta"); !errors.Is(err, credentials.ErrNotFound) {
				t.Errorf("second delete: %v", err)
			}
			if err := s.Put(ctx, &credentials.Credential{Name: "x"}); err == nil {
				t.Error("put without type: want error")
			}
		})
	}
}

func TestFileStoreReadsConformanceFormatAndWritesBack(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../shared/conformance/cw-update-200/credentials.json")
	if err != nil {
		raw = []byte(`{"cred-hdr":{"name":"Mock header auth","type":"httpHeaderAuth","data":{"name":"X-Api-Key","value":"hdr-secret-123"}},
			"cred-cw":{"name":"Chatwoot mock","type":"chatwootApi","data":{"url":"http://127.0.0.1:18080","accessToken":"cw-platform-token-xyz"}}}`)
	}
	path := filepath.Join(t.TempDir(), "credentials.json")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := credentials.OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c, err := s.Get(ctx, "Chatwoot mock")
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != "cred-cw" || c.Type != "chatwootApi" || c.Data.Reveal()["accessToken"] != "cw-platform-token-xyz" {
		t.Fatalf("got %v %v", c, c.Data.Reveal())
	}
	if err := s.UpdateData(ctx, "cred-cw", map[string]any{"accessToken": "rotated"}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode = %v, want 0600", fi.Mode().Perm())
	}
	again, err := credentials.OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err = again.Get(ctx, "cred-cw")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"url": "http://127.0.0.1:18080", "accessToken": "rotated"}
	if diff := cmp.Diff(want, c.Data.Reveal()); diff != "" {
		t.Errorf("reloaded (-want +got):\n%s", diff)
	}
	if _, err := again.Get(ctx, "cred-hdr"); err != nil {
		t.Errorf("other credential lost: %v", err)
	}
}

func TestFileStoreBadFile(t *testing.T) {
	t.Parallel()
	for name, content := range map[string]string{
		"array":   `[{"name":"x"}]`,
		"no type": `{"a":{"name":"x","data":{}}}`,
	} {
		path := filepath.Join(t.TempDir(), "c.json")
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := credentials.OpenFileStore(path); err == nil {
			t.Errorf("%s: want error", name)
		}
	}
}

func TestSQLiteStoreKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "credentials.db")
	s, err := credentials.OpenSQLiteStore(path, storeKey)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, &credentials.Credential{ID: "c1", Name: "One", Type: "httpBearerAuth", Data: credentials.Data{"token": marker}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("db mode = %v, want 0600", fi.Mode().Perm())
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), marker) || !strings.Contains(string(raw), "One") {
		t.Errorf("the database file should hold the name in the clear and the secret only encrypted")
	}

	_, err = credentials.OpenSQLiteStore(path, credentials.DeriveKey("another key"))
	if !errors.Is(err, credentials.ErrWrongKey) || !strings.Contains(err.Error(), credentials.EnvEncryptionKey) {
		t.Errorf("wrong key: err = %v", err)
	}

	s, err = credentials.OpenSQLiteStore(path, storeKey)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Get(ctx, "One")
	if err != nil {
		t.Fatal(err)
	}
	if c.Data.Reveal()["token"] != marker {
		t.Errorf("reopened data = %v", c.Data.Reveal())
	}
	if _, err := credentials.OpenSQLiteStore(filepath.Join(dir, "x.db"), []byte("short")); err == nil {
		t.Error("short key: want error")
	}
}

func TestLoadKey(t *testing.T) {
	t.Parallel()
	home := filepath.Join(t.TempDir(), "home")
	k1, err := credentials.LoadKey(home, "")
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(home, credentials.KeyFileName))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode = %v, want 0600", fi.Mode().Perm())
	}
	k2, err := credentials.LoadKey(home, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(k1) != 32 || !cmp.Equal(k1, k2) {
		t.Errorf("key file not reused: %x vs %x", k1, k2)
	}
	material, _ := os.ReadFile(filepath.Join(home, credentials.KeyFileName))
	k3, err := credentials.LoadKey(t.TempDir(), strings.TrimSpace(string(material)))
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(k1, k3) {
		t.Error("the env key set to the key file's content should give the same key")
	}
	if k4, _ := credentials.LoadKey(home, "other"); cmp.Equal(k1, k4) {
		t.Error("the env key should win over the key file")
	}
}

// TestSQLiteStoreSeesOtherWriters checks that cached reads notice writes
// made through another handle on the same file (another process).
func TestSQLiteStoreSeesOtherWriters(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	a, err := credentials.OpenSQLiteStore(path, storeKey)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := credentials.OpenSQLiteStore(path, storeKey)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := a.Put(ctx, &credentials.Credential{ID: "x", Name: "X", Type: "httpBearerAuth", Data: credentials.Data{"token": "v0"}}); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 20; i++ {
		want := fmt.Sprintf("v%d", i)
		if _, err := a.Get(ctx, "X"); err != nil { // fill a's cache
			t.Fatal(err)
		}
		if err := b.UpdateData(ctx, "x", map[string]any{"token": want}); err != nil {
			t.Fatal(err)
		}
		got, err := a.Get(ctx, "X")
		if err != nil {
			t.Fatal(err)
		}
		if tok := got.Data.Reveal()["token"]; tok != want {
			t.Fatalf("round %d: a read %v after b wrote %s", i, tok, want)
		}
	}
	if err := b.Delete(ctx, "x"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Get(ctx, "x"); !errors.Is(err, credentials.ErrNotFound) {
		t.Errorf("after b deleted: %v", err)
	}
}
