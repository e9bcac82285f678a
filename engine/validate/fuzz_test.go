package validate_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/engine/validate"
)

// FuzzFile feeds arbitrary bytes (seeded with the corpus) to the
// validator: it must never panic, and a parsed workflow's diagnostics must
// all carry a severity and a message.
func FuzzFile(f *testing.F) {
	files, _ := filepath.Glob("testdata/corpus/*.json")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"nodes":[{"name":"a","type":"n8n-nodes-base.set","typeVersion":3.4,"parameters":{"assignments":{"assignments":[null,1,{"value":"={{"}]},"options":[]}}],"connections":{"a":{"main":[null,[{"node":"a","index":-1}]]}}}`))
	f.Add([]byte(`{"nodes":[{"name":"x","type":"n8n-nodes-noderun.dnsFilter","parameters":{"resource":[1],"operation":{"a":null}},"credentials":{"":{}}}],"connections":{}}`))
	reg := registry(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, diags := validate.File(reg, data, "fuzz.json", engine.Selector{})
		for _, d := range diags {
			if d.Severity != validate.Error && d.Severity != validate.Warning {
				t.Fatalf("diagnostic without severity: %+v", d)
			}
			if d.Message == "" {
				t.Fatalf("diagnostic without message: %+v", d)
			}
		}
	})
}
