// Command gen writes nodes/testdata/params/cases.json: the inputs of the
// differential getNodeParameters test. It collects every node of the
// example workflows, the conformance workflows and the validate corpus,
// plus the hand-made cases of handmade.json, and stores each node type's
// properties once as the bundled descriptions marshal them.
//
// Run it by hand from the repository root, then ask n8n for its answers:
//
//	go run ./nodes/testdata/params/gen
//	node nodes/testdata/params/n8n-params.mjs
//
// Neither step runs under go test: the n8n peer is not a build dependency.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/bundled"
)

// paramCase is one getNodeParameters call.
type paramCase struct {
	Name        string          `json:"name"`
	Type        string          `json:"type"`
	TypeVersion float64         `json:"typeVersion"`
	Parameters  json.RawMessage `json:"parameters"`
}

// handmadeFile is handmade.json: named property lists and cases that use
// a registered type or one of those lists.
type handmadeFile struct {
	Properties map[string]json.RawMessage `json:"properties"`
	Cases      []struct {
		Name        string          `json:"name"`
		Type        string          `json:"type,omitempty"`
		Properties  string          `json:"properties,omitempty"`
		TypeVersion float64         `json:"typeVersion"`
		Parameters  json.RawMessage `json:"parameters"`
	} `json:"cases"`
}

// casesFile is cases.json.
type casesFile struct {
	Types map[string]json.RawMessage `json:"types"`
	Cases []paramCase                `json:"cases"`
}

func main() {
	dir := flag.String("dir", "nodes/testdata/params", "output folder (holds handmade.json)")
	conformance := flag.String("conformance", "/work/shared/conformance", "conformance cases folder")
	flag.Parse()
	if err := run(*dir, *conformance); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir, conformance string) error {
	reg, err := bundled.Registry()
	if err != nil {
		return err
	}
	out := casesFile{Types: map[string]json.RawMessage{}}
	typeKey := func(name string, version float64) (string, bool) {
		t, err := reg.Lookup(name, version)
		if err != nil {
			return "", false
		}
		props, err := json.Marshal(t.Description.Properties)
		if err != nil {
			return "", false
		}
		key := t.Description.Name
		for i := 2; ; i++ {
			prev, ok := out.Types[key]
			if !ok {
				out.Types[key] = props
				return key, true
			}
			if string(prev) == string(props) {
				return key, true
			}
			key = fmt.Sprintf("%s#%d", t.Description.Name, i)
		}
	}
	var files []string
	for _, g := range []string{"workflows/*.json", filepath.Join(conformance, "*/workflow.json"), "engine/validate/testdata/corpus/*.json"} {
		m, _ := filepath.Glob(g)
		sort.Strings(m)
		files = append(files, m...)
	}
	seen := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		for _, wf := range workflows(data) {
			for _, n := range wf.Nodes {
				if n.Parameters == nil {
					n.Parameters = json.RawMessage(`{}`)
				}
				v := n.TypeVersion
				if v == 0 {
					v = 1
				}
				key, ok := typeKey(n.Type, v)
				if !ok {
					continue
				}
				sig := key + fmt.Sprint(v) + string(n.Parameters)
				if seen[sig] {
					continue
				}
				seen[sig] = true
				out.Cases = append(out.Cases, paramCase{Name: caseName(f) + " / " + n.Name, Type: key, TypeVersion: v, Parameters: n.Parameters})
			}
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "handmade.json"))
	if err != nil {
		return err
	}
	var hand handmadeFile
	if err := json.Unmarshal(data, &hand); err != nil {
		return fmt.Errorf("handmade.json: %w", err)
	}
	for _, h := range hand.Cases {
		key := h.Type
		if h.Properties != "" {
			key = "handmade: " + h.Properties
			var props []*nodes.Property
			if err := json.Unmarshal(hand.Properties[h.Properties], &props); err != nil {
				return fmt.Errorf("handmade.json %q properties %q: %w", h.Name, h.Properties, err)
			}
			b, _ := json.Marshal(props)
			out.Types[key] = b
		} else {
			var ok bool
			if key, ok = typeKey(h.Type, h.TypeVersion); !ok {
				return fmt.Errorf("handmade.json %q: unknown type %s", h.Name, h.Type)
			}
		}
		out.Cases = append(out.Cases, paramCase{Name: "handmade / " + h.Name, Type: key, TypeVersion: h.TypeVersion, Parameters: h.Parameters})
	}
	return os.WriteFile(filepath.Join(dir, "cases.json"), encode(out), 0o644)
}

// encode writes cases.json with one line per type and per case, so diffs
// stay readable and the file small.
func encode(out casesFile) []byte {
	var b strings.Builder
	b.WriteString("{\"types\": {")
	names := make([]string, 0, len(out.Types))
	for name := range out.Types {
		names = append(names, name)
	}
	sort.Strings(names)
	for i, name := range names {
		if i > 0 {
			b.WriteString(",")
		}
		k, _ := json.Marshal(name)
		fmt.Fprintf(&b, "\n %s: %s", k, out.Types[name])
	}
	b.WriteString("\n},\n\"cases\": [")
	for i, c := range out.Cases {
		if i > 0 {
			b.WriteString(",")
		}
		line, _ := json.Marshal(c)
		fmt.Fprintf(&b, "\n %s", line)
	}
	b.WriteString("\n]}\n")
	return []byte(b.String())
}

// wfNode is the part of a workflow node the cases need.
type wfNode struct {
	Name        string          `json:"name"`
	Type        string          `json:"type"`
	TypeVersion float64         `json:"typeVersion"`
	Parameters  json.RawMessage `json:"parameters"`
}

// workflow is the part of a workflow file the cases need.
type workflow struct {
	Nodes []wfNode `json:"nodes"`
}

// workflows reads one workflow or an export array of them; broken files
// give what they can.
func workflows(data []byte) []workflow {
	var one workflow
	if json.Unmarshal(data, &one) == nil && len(one.Nodes) > 0 {
		return []workflow{one}
	}
	var many []workflow
	if json.Unmarshal(data, &many) == nil {
		return many
	}
	return nil
}

func caseName(file string) string {
	if filepath.Base(file) == "workflow.json" {
		return "conformance/" + filepath.Base(filepath.Dir(file))
	}
	return strings.TrimSuffix(filepath.Base(filepath.Dir(file)), "/") + "/" + filepath.Base(file)
}
