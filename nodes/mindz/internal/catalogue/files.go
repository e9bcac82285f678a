package catalogue

import (
	"bytes"
	"encoding/json"

	"github.com/noderun/noderun/internal/openapi"
)

// Files returns the generated files of the Mindz folder: description.json
// and doc-notes.json (read by `gen docs` for README.md).
func Files() (map[string][]byte, error) {
	d, err := Build()
	if err != nil {
		return nil, err
	}
	desc, err := openapi.MarshalDescription(d)
	if err != nil {
		return nil, err
	}
	var notes bytes.Buffer
	enc := json.NewEncoder(&notes)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(Notes()); err != nil {
		return nil, err
	}
	return map[string][]byte{openapi.DescriptionFile: desc, openapi.DocNotesFile: notes.Bytes()}, nil
}
