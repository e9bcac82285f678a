package validate_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/engine/validate"
	"github.com/noderun/noderun/internal/nodetest"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/bundled"
)

func registry(t testing.TB) *nodes.Registry {
	t.Helper()
	reg, err := bundled.Registry()
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// allowedWarnings are warnings the examples truly deserve, by file and path.
var allowedWarnings = map[string]bool{}

func TestExamplesValidateClean(t *testing.T) {
	t.Parallel()
	reg := registry(t)
	for _, file := range nodetest.ExampleWorkflows(t) {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, diags := validate.File(reg, data, file, engine.Selector{})
			for _, d := range diags {
				if d.Severity == validate.Warning && allowedWarnings[filepath.Base(filepath.Dir(file))+":"+d.Path] {
					continue
				}
				t.Errorf("%s", d)
			}
		})
	}
}
