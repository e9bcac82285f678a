package openapi_test

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/internal/openapi"
	"github.com/noderun/noderun/nodes"
)

func buildChatwoot(t *testing.T, opts openapi.Options) *openapi.Result {
	t.Helper()
	data, err := os.ReadFile("testdata/chatwoot.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	res, err := openapi.BuildProperties(doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// testdata/chatwoot.properties.json is the exact properties array that
// @devlikeapro/n8n-openapi-node 0.1.4 builds from the Chatwoot spec with its
// default config. The default mapping must reproduce it.
func TestChatwootMatchesPackage(t *testing.T) {
	t.Parallel()
	res := buildChatwoot(t, openapi.Options{})
	ref, err := os.ReadFile("testdata/chatwoot.properties.json")
	if err != nil {
		t.Fatal(err)
	}

	// Typed comparison: the reference decoded into the contract's Property.
	var want []*nodes.Property
	if err := json.Unmarshal(ref, &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, res.Properties); diff != "" {
		t.Errorf("properties differ from the package's (-want +got):\n%s", diff)
	}

	// Untyped comparison, so that no key of the reference is lost by the
	// Property struct. The only normalisation: an empty "description" is
	// what Property's omitempty drops, and n8n reads it as absent.
	var wantAny, gotAny any
	if err := json.Unmarshal(ref, &wantAny); err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(res.Properties)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(got, &gotAny); err != nil {
		t.Fatal(err)
	}
	dropEmptyDescriptions(wantAny)
	if diff := cmp.Diff(wantAny, gotAny); diff != "" {
		t.Errorf("properties JSON differs from the package's (-want +got):\n%s", diff)
	}
	if res.Resources != 29 || res.Operations != 115 || len(res.Properties) != 548 {
		t.Errorf("got %d resources, %d operations, %d properties; want 29, 115, 548", res.Resources, res.Operations, len(res.Properties))
	}
}

func dropEmptyDescriptions(v any) {
	switch t := v.(type) {
	case map[string]any:
		if d, ok := t["description"]; ok && d == "" {
			delete(t, "description")
		}
		for _, e := range t {
			dropEmptyDescriptions(e)
		}
	case []any:
		for _, e := range t {
			dropEmptyDescriptions(e)
		}
	}
}

// The package's output for the other bundled specs, recorded with
// @devlikeapro/n8n-openapi-node 0.1.4 (default config) and gzipped.
func TestOtherSpecsMatchPackage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		spec, golden          string
		resources, operations int
		warnings              int
	}{
		{"../../nodes/dnsfilter/openapi.json", "testdata/dnsfilter.properties.json.gz", 46, 280, 5},
		{"../../nodes/looker/openapi.json", "testdata/looker.properties.json.gz", 35, 474, 4},
		// A synthetic spec for the corners: $ref parameters and bodies,
		// allOf/oneOf/anyOf, enums of numbers, header and cookie
		// parameters, array and non-JSON bodies, duplicate operations,
		// several tags, untagged operations, declared and undeclared
		// tags, integer-like keys, null examples.
		{"testdata/tricky.openapi.json", "testdata/tricky.properties.json", 4, 6, 6},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := openapi.Load(data)
			if err != nil {
				t.Fatal(err)
			}
			res, err := openapi.BuildProperties(doc, openapi.Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := readGzipJSON(t, tt.golden)
			dropEmptyDescriptions(want)
			got, err := json.Marshal(res.Properties)
			if err != nil {
				t.Fatal(err)
			}
			var gotAny any
			if err := json.Unmarshal(got, &gotAny); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, gotAny); diff != "" {
				t.Errorf("properties differ from the package's (-want +got):\n%s", diff)
			}
			if res.Resources != tt.resources || res.Operations != tt.operations || len(res.Warnings) != tt.warnings {
				t.Errorf("got %d resources, %d operations, %d warnings; want %d, %d, %d", res.Resources, res.Operations, len(res.Warnings), tt.resources, tt.operations, tt.warnings)
			}
		})
	}
}

func readGzipJSON(t *testing.T, path string) any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	var v any
	if err := json.NewDecoder(r).Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}
