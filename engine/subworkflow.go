package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// DirLoader loads sub-workflows from a directory: by path (relative to the
// directory unless absolute), or by id — a file "<id>.json" or any *.json
// file whose workflow id is id.
type DirLoader string

// Load implements SubWorkflowLoader.
func (d DirLoader) Load(_ context.Context, ref nodes.SubWorkflowRef) (*Workflow, error) {
	dir := string(d)
	if ref.Path != "" {
		p := ref.Path
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		return LoadFile(p, Selector{})
	}
	if ref.ID == "" {
		return nil, fmt.Errorf("sub-workflow: neither id nor path given")
	}
	if wf, err := LoadFile(filepath.Join(dir, ref.ID+".json"), Selector{}); err == nil {
		return wf, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("sub-workflow %q: %w", ref.ID, err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		wf, err := LoadFile(filepath.Join(dir, e.Name()), Selector{ID: ref.ID})
		if err == nil {
			return wf, nil
		}
	}
	return nil, fmt.Errorf("sub-workflow %q: no workflow with that id in %s", ref.ID, dir)
}
