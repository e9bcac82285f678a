package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedIntegrationRunsWithoutGoCode generates an integration from
// an OpenAPI document, then runs a workflow using it through
// NODERUN_NODES: one generated folder, no Go code.
func TestGeneratedIntegrationRunsWithoutGoCode(t *testing.T) {
	var gotPath, gotAuth, gotQuery string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath, gotAuth, gotQuery = r.URL.Path, r.Header.Get("X-Key"), r.URL.RawQuery
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[{"id":1,"name":"Rex"},{"id":2,"name":"Tom"}]`))
	}))
	defer srv.Close()

	dir := t.TempDir()
	spec := `{"openapi":"3.0.0","info":{"title":"Pets","version":"1"},"tags":[{"name":"pets"}],
	  "paths":{"/pets":{"get":{"tags":["pets"],"operationId":"listPets","summary":"List pets",
	    "parameters":[{"name":"limit","in":"query","schema":{"type":"number"}}]}}}}`
	specFile := filepath.Join(dir, "pets.json")
	if err := os.WriteFile(specFile, []byte(spec), 0o600); err != nil {
		t.Fatal(err)
	}
	nodeDir := filepath.Join(dir, "acme")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"gen", "openapi", "--name", "acme", "--display-name", "Acme",
		"--base-url", srv.URL, "--credential", "acmeApi", specFile, "-o", nodeDir}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("gen: exit %d: %s", code, stderr.String())
	}
	// A credential type for the new integration, in n8n's shape.
	credType := `[{"name":"acmeApi","displayName":"Acme API","properties":[{"displayName":"Key","name":"key","type":"string","default":"","typeOptions":{"password":true}}],
	  "authenticate":{"type":"generic","properties":{"headers":{"X-Key":"={{$credentials.key}}"}}}}]`
	if err := os.WriteFile(filepath.Join(nodeDir, "credentials.json"), []byte(credType), 0o600); err != nil {
		t.Fatal(err)
	}
	var desc struct {
		Name string `json:"name"`
	}
	raw, _ := os.ReadFile(filepath.Join(nodeDir, "description.json"))
	if err := json.Unmarshal(raw, &desc); err != nil {
		t.Fatal(err)
	}
	wf := `{"name":"pets","nodes":[
	  {"name":"Start","type":"n8n-nodes-base.manualTrigger","typeVersion":1,"position":[0,0],"parameters":{}},
	  {"name":"Pets","type":"` + desc.Name + `","typeVersion":1,"position":[200,0],
	   "parameters":{"resource":"Pets","operation":"List Pets","limit":2},"credentials":{"acmeApi":{"id":"k1","name":"Acme key"}}}],
	  "connections":{"Start":{"main":[[{"node":"Pets","type":"main","index":0}]]}}}`
	wfFile := filepath.Join(dir, "wf.json")
	credFile := filepath.Join(dir, "creds.json")
	_ = os.WriteFile(wfFile, []byte(wf), 0o600)
	_ = os.WriteFile(credFile, []byte(`{"k1":{"name":"Acme key","type":"acmeApi","data":{"key":"s3cret-marker"}}}`), 0o600)

	t.Setenv("NODERUN_NODES", nodeDir)
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"run", "--credentials", credFile, wfFile}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("run: exit %d\nstderr: %s\nstdout: %s", code, stderr.String(), stdout.String())
	}
	if gotPath != "/pets" || gotAuth != "s3cret-marker" || gotQuery != "limit=2" {
		t.Errorf("request: path %q auth %q query %q", gotPath, gotAuth, gotQuery)
	}
	if !strings.Contains(stdout.String(), `"name": "Tom"`) {
		t.Errorf("output lacks the second pet:\n%s", stdout.String())
	}
	if strings.Contains(stdout.String()+stderr.String(), "s3cret-marker") {
		t.Error("the secret reached the output")
	}
}
