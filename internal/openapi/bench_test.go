package openapi_test

import (
	"os"
	"testing"

	"github.com/noderun/noderun/internal/openapi"
)

// BenchmarkBuildLooker maps the largest bundled spec (483 operations).
func BenchmarkBuildLooker(b *testing.B) {
	data, err := os.ReadFile("../../nodes/looker/openapi.json")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		doc, err := openapi.Load(data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := openapi.BuildProperties(doc, openapi.Options{AdditionalFields: true}); err != nil {
			b.Fatal(err)
		}
	}
}
