package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/engine/validate"
)

// noderun runs the CLI dispatcher with args and no stdin.
func noderun(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

const corpusDir = "../../engine/validate/testdata/corpus"

func TestValidateCLI(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout []string // substrings
		wantStderr []string
	}{
		{"clean example", []string{"validate", "../../workflows/dnsfilter-reset-password-url.json"}, exitOK, nil, []string{"0 error(s), 0 warning(s)"}},
		{"broken", []string{"validate", corpusDir + "/required-empty.json"}, exitFail,
			[]string{`error nodes[1].parameters.id (DNSFilter): parameter "id" (Id) is required but empty`}, []string{"4 error(s), 0 warning(s)"}},
		{"warnings only", []string{"validate", corpusDir + "/unreachable.json"}, exitOK, []string{"warning nodes[2] (Orphan)"}, []string{"0 error(s), 2 warning(s)"}},
		{"export array needs a choice", []string{"validate", corpusDir + "/export-array.json"}, exitFail, []string{"choose one with --workflow-id or --workflow-name"}, nil},
		{"export array with a choice", []string{"validate", "--workflow-name", "a clean workflow", corpusDir + "/export-array.json"}, exitOK, nil, nil},
		{"no file", []string{"validate"}, exitUsage, nil, []string{"Usage: noderun validate"}},
		{"missing file", []string{"validate", "does-not-exist.json"}, exitUsage, nil, []string{"does-not-exist.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := noderun(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, stdout, stderr)
			}
			for _, s := range tt.wantStdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			for _, s := range tt.wantStderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
		})
	}
}

func TestValidateCLIStdin(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(corpusDir + "/duplicate-names.json")
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run([]string{"validate", "-"}, bytes.NewReader(data), &out, &errb)
	if code != exitFail || !strings.Contains(out.String(), "-:25:7: error nodes[2].name (Same): duplicate node name") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", code, out.String(), errb.String())
	}
}

// TestValidateCLIJSON checks --json against the corpus golden file.
func TestValidateCLIJSON(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := noderun(t, "validate", "--json", corpusDir+"/credential-missing.json")
	if code != exitFail {
		t.Fatalf("exit %d, want 1; stderr: %s", code, stderr)
	}
	var got validateReport
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	raw, err := os.ReadFile(corpusDir + "/credential-missing.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var diags []validate.Diagnostic
	if err := json.Unmarshal(raw, &diags); err != nil {
		t.Fatal(err)
	}
	want := validateReport{File: corpusDir + "/credential-missing.json", Valid: false, Errors: len(diags), Diagnostics: diags}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
}

// TestRunValidatesFirst checks that run refuses an invalid workflow with
// exit 2, and that --no-validate skips the check. It sets NODERUN_HOME, so
// it does not run in parallel.
func TestRunValidatesFirst(t *testing.T) {
	t.Setenv(credentials.EnvHome, t.TempDir())
	wf := filepath.Join(t.TempDir(), "wf.json")
	// A valid run except for a connection to a node that does not exist.
	data := `{"name":"bad connection","nodes":[
	  {"name":"Trigger","type":"n8n-nodes-base.manualTrigger","typeVersion":1,"position":[0,0],"parameters":{}},
	  {"name":"Pass","type":"n8n-nodes-base.noOp","typeVersion":1,"position":[200,0],"parameters":{}}],
	  "connections":{"Trigger":{"main":[[{"node":"Pass","type":"main","index":0}]]},
	    "Pass":{"main":[[{"node":"Nowhere","type":"main","index":0}]]}},"settings":{"executionOrder":"v1"}}`
	if err := os.WriteFile(wf, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := noderun(t, "run", wf)
	if code != exitUsage || !strings.Contains(stderr, `connection to node "Nowhere", which does not exist`) || !strings.Contains(stderr, "--no-validate") {
		t.Errorf("run: exit %d, stderr:\n%s", code, stderr)
	}
	code, _, stderr = noderun(t, "run", "--no-validate", wf)
	if strings.Contains(stderr, "is not valid") {
		t.Errorf("run --no-validate still validated: exit %d, stderr:\n%s", code, stderr)
	}
	code, _, stderr = noderun(t, "run", "../../workflows/orders-summary.json")
	if code != exitOK {
		t.Errorf("run of a valid example: exit %d, stderr:\n%s", code, stderr)
	}
}
