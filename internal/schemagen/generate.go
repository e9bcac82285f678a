package schemagen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// Draft is the JSON Schema dialect of every generated schema.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// WorkflowFile is the name of the workflow schema in the output folder.
const WorkflowFile = "workflow.schema.json"

// NodesDir is the folder, inside the output folder, of the node schemas.
const NodesDir = "nodes"

// Generate returns every schema for the node types of reg, keyed by
// slash-separated path relative to the output folder.
func Generate(reg *nodes.Registry) (map[string][]byte, error) {
	groups := map[string][]*nodes.Type{}
	var names []string
	for _, t := range reg.Types() {
		if _, ok := groups[t.Name()]; !ok {
			names = append(names, t.Name())
		}
		groups[t.Name()] = append(groups[t.Name()], t)
	}
	sort.Strings(names)
	aliases := map[string][]string{}
	for alias, canon := range reg.Aliases() {
		aliases[canon] = append(aliases[canon], alias)
	}
	out := map[string][]byte{}
	var refs []nodeRef
	for _, name := range names {
		sort.Strings(aliases[name])
		typeNames := append([]string{name}, aliases[name]...)
		schema, err := nodeSchema(typeNames, groups[name])
		if err != nil {
			return nil, fmt.Errorf("schema of node type %q: %w", name, err)
		}
		file := NodesDir + "/" + FileName(name)
		b, err := encode(schema)
		if err != nil {
			return nil, fmt.Errorf("schema of node type %q: %w", name, err)
		}
		out[file] = b
		refs = append(refs, nodeRef{types: typeNames, file: file})
	}
	b, err := encode(workflowSchema(refs))
	if err != nil {
		return nil, fmt.Errorf("workflow schema: %w", err)
	}
	out[WorkflowFile] = b
	return out, nil
}

// FileName is the schema file name of a node type: the type name with
// characters unsafe in file names replaced ("@scope/pkg.node" becomes
// "scope-pkg.node.schema.json").
func FileName(typeName string) string {
	var b strings.Builder
	for _, r := range strings.TrimPrefix(typeName, "@") {
		switch {
		case r == '.' || r == '-' || r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9'):
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return b.String() + ".schema.json"
}

// obj is a JSON Schema object; encoding/json sorts its keys, which keeps
// the output deterministic.
type obj = map[string]any

// encode writes a schema as indented JSON without HTML escaping.
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
