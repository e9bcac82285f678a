package validate_test

import (
	"os"
	"testing"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/engine/validate"
)

// BenchmarkFile validates a small workflow with a large integration node
// (DNSFilter, 280 operations), as `noderun run` does before every run.
func BenchmarkFile(b *testing.B) {
	reg := registry(b)
	data, err := os.ReadFile("testdata/corpus/clean.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := validate.File(reg, data, "clean.json", engine.Selector{}); len(diags) != 0 {
			b.Fatal(diags)
		}
	}
}
