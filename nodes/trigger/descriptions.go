package trigger

import (
	"embed"
	"encoding/json"
	"fmt"

	"github.com/noderun/noderun/nodes"
)

// descriptionFiles are n8n's descriptions of the package's nodes, written
// by descriptions/gen.js from an installed n8n-nodes-base.
//
//go:embed descriptions/*.json
var descriptionFiles embed.FS

// loadDescription decodes an embedded description; a broken file is a
// build defect, so it panics.
func loadDescription(file string) *nodes.Description {
	raw, err := descriptionFiles.ReadFile("descriptions/" + file)
	if err != nil {
		panic(fmt.Sprintf("trigger: embedded description %s: %v", file, err))
	}
	var d nodes.Description
	if err := json.Unmarshal(raw, &d); err != nil {
		panic(fmt.Sprintf("trigger: embedded description %s: %v", file, err))
	}
	return &d
}

// withVersions returns d limited to the given versions (for types whose
// outputs differ by version).
func withVersions(d *nodes.Description, versions ...float64) *nodes.Description {
	c := *d
	c.Version = nodes.Versions(versions)
	return &c
}
