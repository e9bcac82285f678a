package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
)

// cli runs `noderun credentials args...` with stdin.
func cli(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = runCredentials(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// testTypes adds a type with a test request to the builtin types.
func testTypes() (*credentials.Types, error) {
	types := credentials.BuiltinTypes()
	list, err := credentials.LoadTypes([]byte(`{
	  "name": "pingApi",
	  "displayName": "Ping API",
	  "properties": [
	    {"name": "url", "type": "string", "default": "", "required": true},
	    {"name": "apiKey", "type": "string", "typeOptions": {"password": true}, "default": "", "required": true},
	    {"name": "retries", "type": "number", "default": 1}
	  ],
	  "authenticate": {"type": "generic", "properties": {"headers": {"X-Api-Key": "={{$credentials.apiKey}}"}}},
	  "test": {"request": {"baseURL": "={{$credentials.url}}", "url": "/me"},
	           "rules": [{"type": "responseCode", "properties": {"value": 401, "message": "Wrong API key"}}]}
	}`))
	if err != nil {
		return nil, err
	}
	return types, types.Register(list[0])
}

// TestCredentialsCLI walks add, list, test, import and remove on the
// default encrypted store in a temporary NODERUN_HOME. It sets environment
// variables, so it does not run in parallel.
func TestCredentialsCLI(t *testing.T) {
	home := t.TempDir()
	t.Setenv(credentials.EnvHome, home)
	t.Setenv(credentials.EnvEncryptionKey, "")
	prev := credentialTypes
	credentialTypes = testTypes
	t.Cleanup(func() { credentialTypes = prev })

	const secret = "cli-MARKER-4a1b9e-secret"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Api-Key") != secret {
			w.WriteHeader(401)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"id":1}`))
	}))
	defer srv.Close()

	var outputs []string
	step := func(wantCode int, stdin string, args ...string) (string, string) {
		t.Helper()
		code, out, errOut := cli(t, stdin, args...)
		outputs = append(outputs, out, errOut)
		if code != wantCode {
			t.Fatalf("%v: exit %d, want %d\nstdout: %s\nstderr: %s", args, code, wantCode, out, errOut)
		}
		return out, errOut
	}

	out, _ := step(0, secret+"\n", "add", "--type", "pingApi", "--name", "Ping prod", "--data", "url="+srv.URL, "--data", "apiKey=@-", "--data", "retries=3", "--id", "ping1")
	if !strings.Contains(out, `added credential "Ping prod" (id ping1, type pingApi)`) {
		t.Errorf("add output: %s", out)
	}
	step(0, "", "add", "--type", "pingApi", "--name", "Ping bad", "--data", "url="+srv.URL, "--data", "apiKey=wrong-key")
	step(1, "", "add", "--type", "pingApi", "--name", "Ping prod", "--data", "url=x", "--data", "apiKey=y")
	_, errOut := step(2, "", "add", "--type", "pingApi", "--name", "No key", "--data", "url=x")
	if !strings.Contains(errOut, "missing required properties: apiKey") {
		t.Errorf("missing property message: %s", errOut)
	}
	_, errOut = step(2, "", "add", "--type", "nopeApi", "--name", "x")
	if !strings.Contains(errOut, `unknown credential type "nopeApi"`) {
		t.Errorf("unknown type message: %s", errOut)
	}
	step(2, "", "add", "--type", "pingApi", "--name", "x", "--data", "bogus=1")
	step(2, "", "add", "--type", "pingApi", "--name", "x", "--data", "url=u", "--data", "apiKey=k", "--data", "retries=many")

	out, _ = step(0, "", "list", "--json")
	var rows []map[string]string
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	if len(rows) != 2 || rows[1]["id"] != "ping1" || rows[1]["name"] != "Ping prod" || rows[1]["type"] != "pingApi" {
		t.Errorf("list --json = %v", rows)
	}
	out, _ = step(0, "", "list")
	if !strings.Contains(out, "ping1") || !strings.HasPrefix(out, "ID") {
		t.Errorf("list = %s", out)
	}

	out, _ = step(0, "", "test", "Ping prod")
	if diff := cmp.Diff("Ping prod: Connection successful!\n", out); diff != "" {
		t.Errorf("test ok (-want +got):\n%s", diff)
	}
	out, _ = step(1, "", "test", "Ping bad")
	if diff := cmp.Diff("Ping bad: Wrong API key\n", out); diff != "" {
		t.Errorf("test failure (-want +got):\n%s", diff)
	}
	step(1, "", "test", "Nobody")

	fixture := filepath.Join("..", "..", "credentials", "testdata", "n8n-export-encrypted.json")
	keyRaw, err := os.ReadFile(filepath.Join("..", "..", "credentials", "testdata", "n8n-export-encrypted.key"))
	if err != nil {
		t.Fatal(err)
	}
	_, errOut = step(2, "", "import", fixture)
	if !strings.Contains(errOut, "encrypted") {
		t.Errorf("import without key: %s", errOut)
	}
	step(2, "", "import", fixture, "--decrypted")
	step(2, "", "import", fixture, "--n8n-key", "wrong")
	out, _ = step(0, "", "import", fixture, "--n8n-key", strings.TrimSpace(string(keyRaw)))
	if !strings.Contains(out, `imported credential "My OAuth" (id oA2uTh0000000001, type oAuth2Api)`) {
		t.Errorf("import output: %s", out)
	}
	plainExport, err := os.ReadFile(filepath.Join("..", "..", "credentials", "testdata", "n8n-export-decrypted.json"))
	if err != nil {
		t.Fatal(err)
	}
	step(0, string(plainExport), "import", "-", "--decrypted", "--store", filepath.Join(home, "other.json"))

	out, _ = step(0, "", "remove", "Shop API")
	if !strings.Contains(out, `removed credential "Shop API" (id aB3dE5fG7hJ9kL1m)`) {
		t.Errorf("remove output: %s", out)
	}
	step(1, "", "remove", "Shop API")
	out, _ = step(0, "", "list", "--json")
	var names []string
	json.Unmarshal([]byte(out), &rows)
	for _, r := range rows {
		names = append(names, r["name"])
	}
	if diff := cmp.Diff([]string{"My OAuth", "Ping bad", "Ping prod"}, names); diff != "" {
		t.Errorf("after remove (-want +got):\n%s", diff)
	}

	// Never a secret in any output or in the database file.
	for i, s := range outputs {
		for _, sec := range []string{secret, "sk_live_import_marker_9f3", "csecret-77"} {
			if strings.Contains(s, sec) {
				t.Errorf("output %d leaks %s: %s", i, sec, s)
			}
		}
	}
	db, err := os.ReadFile(filepath.Join(home, credentials.StoreFileName))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(db, []byte(secret)) || bytes.Contains(db, []byte("csecret-77")) {
		t.Error("the store file holds a secret in the clear")
	}
	fi, err := os.Stat(filepath.Join(home, credentials.KeyFileName))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("key file: %v %v", fi, err)
	}

	// Another key cannot open the store.
	t.Setenv(credentials.EnvEncryptionKey, "some other key")
	_, errOut = step(1, "", "list")
	if !strings.Contains(errOut, "wrong encryption key") {
		t.Errorf("wrong key message: %s", errOut)
	}
}

// TestCredentialsCLIFileStore uses a --credentials style JSON file.
func TestCredentialsCLIFileStore(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "creds.json")
	if code, _, errOut := cli(t, "", "add", "--store", path, "--type", "httpHeaderAuth", "--name", "H", "--id", "h1", "--data", "name=X-Key", "--data", "value=v"); code != 0 {
		t.Fatalf("add: %d %s", code, errOut)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]any{"h1": {"name": "H", "type": "httpHeaderAuth", "data": map[string]any{"name": "X-Key", "value": "v"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("file (-want +got):\n%s", diff)
	}
}

func TestCredentialsCLIUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		code int
	}{
		{nil, 2},
		{[]string{"help"}, 0},
		{[]string{"frobnicate"}, 2},
		{[]string{"list", "--nope"}, 2},
		{[]string{"list", "extra"}, 2},
		{[]string{"test"}, 2},
		{[]string{"remove"}, 2},
		{[]string{"import"}, 2},
		{[]string{"import", "x.json", "--decrypted", "--n8n-key", "k"}, 2},
		{[]string{"add", "--name", "x"}, 2},
	}
	for _, tt := range tests {
		if code, _, _ := cli(t, "", tt.args...); code != tt.code {
			t.Errorf("%v: exit %d, want %d", tt.args, code, tt.code)
		}
	}
}

// TestCredentialsRunKeepsSecret stores a credential with the CLI, runs a
// workflow whose HTTP Request node uses it (one call succeeds, one fails
// against a server that echoes the key), and checks that the marker
// reached the server but appears nowhere in stdout, stderr, the result
// JSON or the store file. It sets environment variables, so it does not
// run in parallel.
func TestCredentialsRunKeepsSecret(t *testing.T) {
	home := t.TempDir()
	t.Setenv(credentials.EnvHome, home)
	t.Setenv(credentials.EnvEncryptionKey, "")
	const secret = "RUN-MARKER-77c1e0-secret"
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Header.Get("X-Api-Key"))
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/fail" {
			w.WriteHeader(500)
			w.Write([]byte(`{"message":"rejected key ` + secret + `"}`))
			return
		}
		w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()

	if code, _, errOut := cli(t, secret, "add", "--type", "httpHeaderAuth", "--name", "Shop key", "--data", "name=X-Api-Key", "--data", "value=@-"); code != 0 {
		t.Fatalf("add: %s", errOut)
	}
	node := func(id, name, path string, x float64) string {
		return `{"id":"` + id + `","name":"` + name + `","type":"n8n-nodes-base.httpRequest","typeVersion":4.5,"position":[` + fmtFloat(x) + `,0],
		  "onError":"continueRegularOutput",
		  "parameters":{"url":"` + srv.URL + path + `","authentication":"genericCredentialType","genericAuthType":"httpHeaderAuth","options":{}},
		  "credentials":{"httpHeaderAuth":{"id":"unknown-id","name":"Shop key"}}}`
	}
	wf := `{"name":"secret check","nodes":[
	  {"id":"t","name":"Manual Trigger","type":"n8n-nodes-base.manualTrigger","typeVersion":1,"position":[0,0],"parameters":{}},
	  ` + node("a", "Good", "/ok", 200) + `,` + node("b", "Bad", "/fail", 400) + `],
	  "connections":{"Manual Trigger":{"main":[[{"node":"Good","type":"main","index":0}]]},"Good":{"main":[[{"node":"Bad","type":"main","index":0}]]}}}`
	wfPath := filepath.Join(t.TempDir(), "wf.json")
	if err := os.WriteFile(wfPath, []byte(wf), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run([]string{"run", "--json", wfPath}, strings.NewReader(""), &out, &errb)
	if code != 0 {
		t.Fatalf("run: exit %d\nstdout: %s\nstderr: %s", code, out.String(), errb.String())
	}
	if len(seen) != 2 || seen[0] != secret || seen[1] != secret {
		t.Fatalf("the server saw keys %q, want the marker twice", seen)
	}
	if !strings.Contains(out.String(), "rejected key "+credentials.Redacted) {
		t.Errorf("the failing node's error item is missing from the result: %s", out.String())
	}
	for name, s := range map[string]string{"stdout": out.String(), "stderr": errb.String()} {
		if strings.Contains(s, secret) {
			t.Errorf("%s leaks the secret: %s", name, s)
		}
	}
	db, err := os.ReadFile(filepath.Join(home, credentials.StoreFileName))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(db, []byte(secret)) {
		t.Error("the store file holds the secret in the clear")
	}
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
