package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"
	"github.com/noderun/noderun/nodes"
	"github.com/tidwall/gjson"
)

// Workflow is an n8n workflow (IWorkflowBase). Fields n8n writes that the
// engine does not use (DB fields, tags, meta...) are kept in Extra.
type Workflow struct {
	ID          string                  `json:"id,omitempty"`
	Name        string                  `json:"name"`
	Nodes       []*nodes.Node           `json:"nodes" validate:"dive"`
	Connections Connections             `json:"connections"`
	Settings    Settings                `json:"settings"`
	PinData     map[string][]nodes.Item `json:"pinData,omitempty"`
	Active      bool                    `json:"active,omitempty"`
	StaticData  any                     `json:"staticData,omitempty"`
	Meta        map[string]any          `json:"meta,omitempty"`

	// indexOnce guards byName and parents, built on first use; a parsed
	// workflow is read by concurrent runs.
	indexOnce sync.Once
	// connOrder lists the connections' source nodes in file order, the
	// order n8n indexes them in (connectionsByDestinationNode).
	connOrder []string
	byName    map[string]*nodes.Node
	// parents[node][input] lists the connections into that input.
	parents map[string][][]Connection
}

// Settings are the workflow settings the engine reads (IWorkflowSettings).
type Settings struct {
	ExecutionOrder string `json:"executionOrder,omitempty"`
	ErrorWorkflow  string `json:"errorWorkflow,omitempty"`
	Timezone       string `json:"timezone,omitempty"`
	// ExecutionTimeout is in seconds; <= 0 means none.
	ExecutionTimeout float64 `json:"executionTimeout,omitempty"`
}

// UnmarshalJSON accepts settings with any extra keys and loosely typed values.
func (s *Settings) UnmarshalJSON(b []byte) error {
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	s.ExecutionOrder, _ = raw["executionOrder"].(string)
	s.ErrorWorkflow = fmt.Sprint(orEmpty(raw["errorWorkflow"]))
	s.Timezone, _ = raw["timezone"].(string)
	if f, ok := raw["executionTimeout"].(float64); ok {
		s.ExecutionTimeout = f
	}
	return nil
}

func orEmpty(v any) any {
	if v == nil {
		return ""
	}
	return v
}

// V1 reports whether the workflow runs in v1 execution order; anything else
// runs legacy v0, as in n8n.
func (s Settings) V1() bool { return s.ExecutionOrder == "v1" }

// Connection is one edge end: the target node, connection type and input.
type Connection struct {
	Node  string `json:"node"`
	Type  string `json:"type"`
	Index int    `json:"index"`
}

// Connections is keyed by source node name, then connection type ("main"),
// then source output index.
type Connections map[string]map[string][][]Connection

// Main returns the main outputs of node name.
func (c Connections) Main(name string) [][]Connection { return c[name]["main"] }

// Ancestors lists the nodes that lead to name through main connections,
// nearest first (n8n's getParentNodes).
func (w *Workflow) Ancestors(name string) []string { return w.walk(name, w.Parents) }

// Descendants lists the nodes name leads to through main connections,
// nearest first (n8n's getChildNodes).
func (w *Workflow) Descendants(name string) []string { return w.walk(name, w.Connections.Main) }

// walk lists the nodes reachable from name breadth first along next.
func (w *Workflow) walk(name string, next func(string) [][]Connection) []string {
	var out []string
	seen := map[string]bool{name: true}
	queue := []string{name}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, conns := range next(cur) {
			for _, c := range conns {
				if !seen[c.Node] {
					seen[c.Node] = true
					out = append(out, c.Node)
					queue = append(queue, c.Node)
				}
			}
		}
	}
	return out
}

// Node returns the node called name, or nil.
func (w *Workflow) Node(name string) *nodes.Node {
	w.index()
	return w.byName[name]
}

// Parents returns, per input index, the connections into node name.
func (w *Workflow) Parents(name string) [][]Connection {
	w.index()
	return w.parents[name]
}

func (w *Workflow) index() { w.indexOnce.Do(w.buildIndex) }

func (w *Workflow) buildIndex() {
	w.byName = make(map[string]*nodes.Node, len(w.Nodes))
	for _, n := range w.Nodes {
		if n != nil {
			w.byName[n.Name] = n
		}
	}
	w.parents = map[string][][]Connection{}
	for _, src := range w.sourceOrder() {
		for out, conns := range w.Connections[src]["main"] {
			for _, c := range conns {
				if c.Index < 0 {
					continue // rejected by the run and by validation
				}
				p := w.parents[c.Node]
				for len(p) <= c.Index {
					p = append(p, nil)
				}
				p[c.Index] = append(p[c.Index], Connection{Node: src, Type: "main", Index: out})
				w.parents[c.Node] = p
			}
		}
	}
}

// sourceOrder lists the nodes with outgoing connections in a stable
// order, so a node's parents come out as n8n lists them: the order of the
// connections object in the file, then (for workflows built in code) the
// order of the nodes list, then unknown names sorted.
func (w *Workflow) sourceOrder() []string {
	out := make([]string, 0, len(w.Connections))
	listed := make(map[string]bool, len(w.Nodes))
	add := func(name string) {
		if listed[name] {
			return
		}
		listed[name] = true
		if _, ok := w.Connections[name]; ok {
			out = append(out, name)
		}
	}
	for _, name := range w.connOrder {
		add(name)
	}
	for _, n := range w.Nodes {
		if n != nil {
			add(n.Name)
		}
	}
	var rest []string
	for src := range w.Connections {
		if !listed[src] {
			rest = append(rest, src)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// ParseError is input that is not a workflow, located by file and JSON path.
type ParseError struct {
	File string
	Path string
	Err  error
}

func (e *ParseError) Error() string {
	loc := e.File
	if loc == "" {
		loc = "workflow"
	}
	if e.Path != "" {
		loc += ": " + e.Path
	}
	return loc + ": " + e.Err.Error()
}

func (e *ParseError) Unwrap() error { return e.Err }

// Selector picks one workflow out of an export array.
type Selector struct {
	ID   string
	Name string
}

// LoadFile reads a workflow file (an object or an export array) and
// returns the selected workflow.
func LoadFile(path string, sel Selector) (*Workflow, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &ParseError{File: path, Err: err}
	}
	return Parse(data, path, sel)
}

// Parse decodes a workflow from JSON: a single workflow object, or the array
// `n8n export:workflow` writes (then sel picks one; an array of one needs no
// selector). file only labels errors.
func Parse(data []byte, file string, sel Selector) (*Workflow, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return nil, &ParseError{File: file, Err: errors.New("empty input, want a workflow JSON object or array")}
	}
	if data[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(data, &list); err != nil {
			return nil, &ParseError{File: file, Err: jsonError(data, err)}
		}
		var candidates []*Workflow
		for i, raw := range list {
			wf, err := parseOne(raw, file, fmt.Sprintf("[%d]", i))
			if err != nil {
				return nil, err
			}
			candidates = append(candidates, wf)
		}
		return selectWorkflow(candidates, file, sel)
	}
	if data[0] != '{' {
		return nil, &ParseError{File: file, Err: errors.New("want a workflow JSON object or an export array")}
	}
	wf, err := parseOne(data, file, "")
	if err != nil {
		return nil, err
	}
	if (sel.ID != "" && sel.ID != wf.ID) || (sel.Name != "" && sel.Name != wf.Name) {
		return nil, &ParseError{File: file, Err: fmt.Errorf("the workflow is %q (id %q), not the one selected", wf.Name, wf.ID)}
	}
	return wf, nil
}

func selectWorkflow(list []*Workflow, file string, sel Selector) (*Workflow, error) {
	var found []*Workflow
	for _, wf := range list {
		if (sel.ID == "" || wf.ID == sel.ID) && (sel.Name == "" || wf.Name == sel.Name) {
			found = append(found, wf)
		}
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case len(found) == 0 && len(list) == 0:
		return nil, &ParseError{File: file, Err: errors.New("the export array holds no workflow")}
	case len(found) == 0:
		return nil, &ParseError{File: file, Err: fmt.Errorf("no workflow matches id %q name %q (have %s)", sel.ID, sel.Name, names(list))}
	default:
		return nil, &ParseError{File: file, Err: fmt.Errorf("the file holds %d workflows (%s): choose one with --workflow-id or --workflow-name", len(found), names(found))}
	}
}

func names(list []*Workflow) string {
	var s []string
	for _, wf := range list {
		s = append(s, strconv.Quote(wf.Name))
	}
	return strings.Join(s, ", ")
}

var workflowValidator = validator.New()

func parseOne(raw []byte, file, prefix string) (*Workflow, error) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(raw, &probe); err != nil {
		return nil, &ParseError{File: file, Path: prefix, Err: jsonError(raw, err)}
	}
	if _, ok := probe["nodes"]; !ok {
		return nil, &ParseError{File: file, Path: join(prefix, "nodes"), Err: errors.New("missing: this is not an n8n workflow (no nodes array)")}
	}
	var wf Workflow
	// Decode field by field so errors name the JSON path.
	var rawNodes []json.RawMessage
	if err := json.Unmarshal(probe["nodes"], &rawNodes); err != nil {
		return nil, &ParseError{File: file, Path: join(prefix, "nodes"), Err: fmt.Errorf("want an array of nodes: %w", err)}
	}
	for i, rn := range rawNodes {
		var n nodes.Node
		if err := decodeNode(rn, &n); err != nil {
			return nil, &ParseError{File: file, Path: fmt.Sprintf("%s[%d]%s", join(prefix, "nodes"), i, err.field), Err: err.err}
		}
		if n.Parameters == nil {
			n.Parameters = map[string]any{}
		}
		wf.Nodes = append(wf.Nodes, &n)
	}
	fields := []struct {
		key string
		dst any
	}{
		{"name", &wf.Name}, {"connections", &wf.Connections}, {"settings", &wf.Settings},
		{"pinData", &wf.PinData}, {"staticData", &wf.StaticData}, {"meta", &wf.Meta},
	}
	for _, f := range fields {
		v, ok := probe[f.key]
		if !ok || string(v) == "null" {
			continue
		}
		if err := json.Unmarshal(v, f.dst); err != nil {
			return nil, &ParseError{File: file, Path: join(prefix, f.key), Err: err}
		}
	}
	if v, ok := probe["connections"]; ok {
		gjson.ParseBytes(v).ForEach(func(key, _ gjson.Result) bool {
			wf.connOrder = append(wf.connOrder, key.String())
			return true
		})
	}
	if v, ok := probe["id"]; ok {
		var id any
		_ = json.Unmarshal(v, &id)
		if id != nil {
			wf.ID = fmt.Sprint(id)
		}
	}
	if v, ok := probe["active"]; ok {
		_ = json.Unmarshal(v, &wf.Active)
	}
	if err := workflowValidator.Struct(&wf); err != nil {
		var verrs validator.ValidationErrors
		if errors.As(err, &verrs) && len(verrs) > 0 {
			fe := verrs[0]
			return nil, &ParseError{File: file, Path: join(prefix, validatorPath(fe.Namespace())), Err: fmt.Errorf("failed rule %q", fe.Tag())}
		}
		return nil, &ParseError{File: file, Path: prefix, Err: err}
	}
	return &wf, nil
}

type fieldError struct {
	field string
	err   error
}

func decodeNode(raw []byte, n *nodes.Node) *fieldError {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(raw, &probe); err != nil {
		return &fieldError{err: fmt.Errorf("want a node object: %w", err)}
	}
	if err := json.Unmarshal(raw, n); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return &fieldError{field: "." + te.Field, err: fmt.Errorf("want %s, got JSON %s", te.Type, te.Value)}
		}
		return &fieldError{err: err}
	}
	if n.Name == "" {
		return &fieldError{field: ".name", err: errors.New("missing node name")}
	}
	if n.Type == "" {
		return &fieldError{field: ".type", err: fmt.Errorf("node %q has no type", n.Name)}
	}
	if n.TypeVersion == 0 {
		n.TypeVersion = 1
	}
	return nil
}

// validatorPath turns "Workflow.Nodes[2].OnError" into "nodes[2].onError".
func validatorPath(ns string) string {
	parts := strings.Split(ns, ".")[1:]
	for i, p := range parts {
		parts[i] = strings.ToLower(p[:1]) + p[1:]
	}
	return strings.Join(parts, ".")
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// jsonError adds line and column to a JSON syntax error.
func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := 1, 1
		for _, c := range data[:max(0, min(int(se.Offset)-1, len(data)))] {
			if c == '\n' {
				line++
				col = 1
			} else {
				col++
			}
		}
		return fmt.Errorf("malformed JSON at line %d, column %d: %w", line, col, err)
	}
	return err
}

// UnmarshalJSON decodes connections, tolerating null outputs and lists.
func (c *Connections) UnmarshalJSON(b []byte) error {
	var raw map[string]map[string][]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("want {source: {type: [[connection...]...]}}: %w", err)
	}
	out := Connections{}
	for src, types := range raw {
		out[src] = map[string][][]Connection{}
		for typ, outputs := range types {
			list := make([][]Connection, len(outputs))
			for i, o := range outputs {
				if string(bytes.TrimSpace(o)) == "null" {
					continue
				}
				if err := json.Unmarshal(o, &list[i]); err != nil {
					return fmt.Errorf("%s.%s[%d]: %w", src, typ, i, err)
				}
				for j := range list[i] {
					if list[i][j].Type == "" {
						list[i][j].Type = typ
					}
				}
			}
			out[src][typ] = list
		}
	}
	*c = out
	return nil
}
