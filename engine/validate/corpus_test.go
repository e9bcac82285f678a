package validate_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/engine/validate"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/corpus")

// corpusSelectors pick one workflow out of the corpus's export arrays.
var corpusSelectors = map[string]engine.Selector{
	"export-array": {Name: "unknown type"},
}

// TestCorpus runs every broken workflow of testdata/corpus and compares its
// diagnostics with the golden file next to it (NAME.golden.json).
func TestCorpus(t *testing.T) {
	t.Parallel()
	reg := registry(t)
	files, err := filepath.Glob("testdata/corpus/*.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases int
	for _, file := range files {
		if strings.HasSuffix(file, ".golden.json") {
			continue
		}
		cases++
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, got := validate.File(reg, data, filepath.Base(file), corpusSelectors[name])
			if got == nil {
				got = []validate.Diagnostic{}
			}
			golden := strings.TrimSuffix(file, ".json") + ".golden.json"
			if *update {
				var buf bytes.Buffer
				enc := json.NewEncoder(&buf)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(got); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			raw, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			var want []validate.Diagnostic
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
	if cases < 15 {
		t.Fatalf("corpus has %d workflows, want one per diagnostic", cases)
	}
}

// TestCorpusCoversEveryDiagnostic makes sure the corpus keeps at least one
// case for each kind of diagnostic the package reports.
func TestCorpusCoversEveryDiagnostic(t *testing.T) {
	t.Parallel()
	goldens, err := filepath.Glob("testdata/corpus/*.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, g := range goldens {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	for _, want := range []string{
		"unknown node type", "has no typeVersion", "duplicate node name",
		"which does not exist", "output 1 does not exist", "input 1 of node",
		"is required but empty", "is not an option of", "the node has no parameter",
		"is not shown for these settings", "expression does not compile",
		"credential \\\"dnsFilterApi\\\" is required", "does not take a",
		"no start node", "unreachable", "must be at least", "malformed JSON", "must be true or false",
	} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("no golden diagnostic contains %q", want)
		}
	}
}

// TestWorkflowNil checks the degenerate inputs.
func TestWorkflowNil(t *testing.T) {
	t.Parallel()
	reg := registry(t)
	tests := []struct {
		name string
		wf   *engine.Workflow
		want []validate.Diagnostic
	}{
		{"nil workflow", nil, []validate.Diagnostic{{Severity: validate.Error, Message: "no workflow"}}},
		{"empty workflow", &engine.Workflow{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := validate.Workflow(reg, tt.wf, validate.Options{})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestPrefix checks that paths of a workflow inside an export array start
// with its index.
func TestPrefix(t *testing.T) {
	t.Parallel()
	reg := registry(t)
	data, err := os.ReadFile("testdata/corpus/export-array.json")
	if err != nil {
		t.Fatal(err)
	}
	_, diags := validate.File(reg, data, "export-array.json", engine.Selector{Name: "unknown type"})
	want := []validate.Diagnostic{{Severity: validate.Error, Path: "[1].nodes[1].type", Node: "Mystery", Message: `unknown node type "n8n-nodes-base.doesNotExist"`, Line: 149, Column: 9}}
	if diff := cmp.Diff(want, diags); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
