// Package openapitest holds test helpers shared by the bundled
// integrations: checking that generated files are up to date, counting
// resources and operations, and finding an operation in a description.
package openapitest

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/noderun/noderun/internal/openapi"
	"github.com/noderun/noderun/nodes"
)

// CheckGenerated re-runs goFile's go:generate directives in memory and
// fails t for every checked-in file that regenerating would change.
func CheckGenerated(t testing.TB, goFile string) {
	t.Helper()
	gens, err := openapi.FromDirectives(goFile, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gens {
		names := make([]string, 0, len(g.Files))
		for n := range g.Files {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			path := filepath.Join(filepath.Dir(goFile), g.Dir, n)
			have, err := os.ReadFile(path)
			if err != nil {
				t.Errorf("%s: %v (run go generate)", path, err)
				continue
			}
			if want := g.Files[n]; !bytes.Equal(have, want) {
				t.Errorf("%s is out of date: regenerating changes it at line %d (run go generate)", path, firstDiffLine(have, want))
			}
		}
	}
}

func firstDiffLine(a, b []byte) int {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range la {
		if i >= len(lb) || la[i] != lb[i] {
			return i + 1
		}
	}
	return len(la) + 1
}

// Counts returns the number of resources and of operations over all
// resources of a description.
func Counts(d *nodes.Description) (resources, operations int) {
	for _, p := range d.Properties {
		switch {
		case p.Name == "resource" && p.Type == nodes.TypeOptions && p.DisplayOptions == nil:
			resources = len(p.Options)
		case p.Name == "operation" && p.Type == nodes.TypeOptions:
			operations += len(p.Options)
		}
	}
	return resources, operations
}

// Operation returns the option of operation value op under resource, or nil.
func Operation(d *nodes.Description, resource, op string) *nodes.Property {
	for _, p := range d.Properties {
		if p.Name != "operation" || p.Type != nodes.TypeOptions || p.DisplayOptions == nil {
			continue
		}
		if rs := p.DisplayOptions.Show["resource"]; len(rs) == 1 && rs[0] == resource {
			for _, o := range p.Options {
				if o.Value == op {
					return o
				}
			}
		}
	}
	return nil
}

// Fields returns the properties shown for resource and operation (by the
// operation's value or name, as displayOptions hold either), notices left
// out.
func Fields(d *nodes.Description, resource, op string) []*nodes.Property {
	var out []*nodes.Property
	for _, p := range d.Properties {
		if p.Type == nodes.TypeNotice || p.DisplayOptions == nil || p.Name == "operation" {
			continue
		}
		rs, os := p.DisplayOptions.Show["resource"], p.DisplayOptions.Show["operation"]
		if len(rs) == 1 && rs[0] == resource && len(os) == 1 && os[0] == op {
			out = append(out, p)
		}
	}
	return out
}
