package expr_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// The conformance cases under testdata/conformance were recorded from
// n8n (copied from the project's shared conformance set). This test
// re-evaluates every Set node assignment of those runs with the input
// n8n gave the node and compares the value n8n stored. Set's own type
// conversion is approximated by setCoerce.

// knownDiffs are assignments whose expected value cannot be reproduced
// by this package, with the reason.
var knownDiffs = map[string]string{
	// Go maps carry no insertion order, so Object.keys is sorted.
	"expr-js-features/JS/order_keys":                    "key order",
	"expr-number-object-extensions/Num And Obj/keys":    "key order",
	"expr-number-object-extensions/Num And Obj/values":  "key order",
	"expr-js-features/JS/first_line":                    "key order",
	"expr-number-object-extensions/Num And Obj/as_json": "key order",
}

type cfWorkflow struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Active bool   `json:"active"`
	Nodes  []struct {
		Name        string         `json:"name"`
		ID          string         `json:"id"`
		Type        string         `json:"type"`
		TypeVersion float64        `json:"typeVersion"`
		Parameters  map[string]any `json:"parameters"`
	} `json:"nodes"`
	Connections map[string]map[string][][]struct {
		Node  string `json:"node"`
		Index int    `json:"index"`
	} `json:"connections"`
}

type cfSource struct {
	PreviousNode       string `json:"previousNode"`
	PreviousNodeOutput int    `json:"previousNodeOutput"`
	PreviousNodeRun    int    `json:"previousNodeRun"`
}

type cfRun struct {
	Source []cfSource `json:"source"`
	Data   struct {
		Main [][]nodes.Item `json:"main"`
	} `json:"data"`
}

type cfExpected struct {
	RunData map[string][]cfRun `json:"runData"`
}

// cfLookup answers NodeLookup from a recorded run.
type cfLookup struct {
	wf      *cfWorkflow
	runs    map[string][]cfRun
	current string
	run     int
}

func (l *cfLookup) params(name string) (map[string]any, bool) {
	for _, n := range l.wf.Nodes {
		if n.Name == name {
			return n.Parameters, true
		}
	}
	return nil, false
}

func (l *cfLookup) HasNode(name string) bool { _, ok := l.params(name); return ok }

func (l *cfLookup) Executed(name string) bool { return len(l.runs[name]) > 0 }

func (l *cfLookup) Output(name string, output, run int) ([]nodes.Item, bool) {
	runs := l.runs[name]
	if len(runs) == 0 {
		return nil, false
	}
	if run < 0 || run >= len(runs) {
		run = len(runs) - 1
	}
	if output >= len(runs[run].Data.Main) {
		return nil, true
	}
	return runs[run].Data.Main[output], true
}

func (l *cfLookup) ConnectedOutput(name string) int {
	for out, conns := range l.wf.Connections[name]["main"] {
		for _, c := range conns {
			if c.Node == l.current {
				return out
			}
		}
	}
	return 0
}

func (l *cfLookup) Parameters(name string) map[string]any { p, _ := l.params(name); return p }

func (l *cfLookup) Runs(name string) int { return len(l.runs[name]) }

func (l *cfLookup) Paired(name string, itemIndex int) (nodes.Item, error) {
	node, run, idx, input := l.current, l.run, itemIndex, 0
	for range 100 {
		src := l.runs[node][run].Source
		if input >= len(src) {
			break
		}
		s := src[input]
		items := l.runs[s.PreviousNode][s.PreviousNodeRun].Data.Main[s.PreviousNodeOutput]
		if idx >= len(items) {
			break
		}
		it := items[idx]
		if s.PreviousNode == name {
			return it, nil
		}
		pi := it.PairedItem.Items
		if len(pi) != 1 {
			return nodes.Item{}, &expr.ExpressionError{Message: "Multiple matches"}
		}
		node, run, idx, input = s.PreviousNode, s.PreviousNodeRun, pi[0].Item, pi[0].InputIndex()
	}
	return nodes.Item{}, &expr.ExpressionError{Message: "Invalid expression"}
}

func (l *cfLookup) PrevNode() (string, int, int) {
	src := l.runs[l.current][l.run].Source
	if len(src) == 0 {
		return "", 0, 0
	}
	return src[0].PreviousNode, src[0].PreviousNodeOutput, src[0].PreviousNodeRun
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func TestConformanceSetExpressions(t *testing.T) {
	t.Parallel()
	dirs, err := filepath.Glob("testdata/conformance/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no conformance cases: %v", err)
	}
	e := expr.New(expr.Options{})
	checked := 0
	for _, dir := range dirs {
		var wf cfWorkflow
		var exp cfExpected
		readJSON(t, filepath.Join(dir, "workflow.json"), &wf)
		readJSON(t, filepath.Join(dir, "expected.json"), &exp)
		caseName := filepath.Base(dir)
		for _, n := range wf.Nodes {
			if n.Type != "n8n-nodes-base.set" {
				continue
			}
			for r, run := range exp.RunData[n.Name] {
				if len(run.Source) == 0 || len(run.Data.Main) == 0 {
					continue
				}
				s := run.Source[0]
				input := exp.RunData[s.PreviousNode][s.PreviousNodeRun].Data.Main[s.PreviousNodeOutput]
				lookup := &cfLookup{wf: &wf, runs: exp.RunData, current: n.Name, run: r}
				for _, out := range run.Data.Main[0] {
					idx := 0
					if len(out.PairedItem.Items) > 0 {
						idx = out.PairedItem.Items[0].Item
					}
					data := &expr.Data{
						ItemIndex: idx, RunIndex: r, Input: input, Lookup: lookup,
						Node:      expr.NodeInfo{Name: n.Name, ID: n.ID, Type: n.Type, TypeVersion: n.TypeVersion, Parameters: n.Parameters},
						Workflow:  expr.WorkflowInfo{ID: wf.ID, Name: wf.Name, Active: wf.Active},
						Execution: expr.ExecutionInfo{ID: "1", Mode: "test"},
					}
					checked += checkSetNode(t, e, caseName+"/"+n.Name, n.Parameters, data, out.Object())
				}
			}
		}
	}
	t.Logf("checked %d assignments", checked)
	if checked < 150 {
		t.Errorf("checked only %d assignments", checked)
	}
}

// chunkRe finds the {{ }} chunks of Set's raw JSON mode.
var chunkRe = regexp.MustCompile(`\{\{[\s\S]*?\}\}`)

func checkSetNode(t *testing.T, e *expr.Evaluator, name string, params map[string]any, data *expr.Data, got map[string]any) int {
	t.Helper()
	if params["mode"] == "raw" {
		// Set's resolveRawData: each chunk is evaluated on its own and
		// objects are inserted as JSON.
		src := strings.TrimPrefix(params["jsonOutput"].(string), "=")
		var firstErr error
		out := chunkRe.ReplaceAllStringFunc(src, func(c string) string {
			v, err := e.Evaluate("="+c, data)
			if err != nil && firstErr == nil {
				firstErr = err
			}
			switch v.(type) {
			case map[string]any, []any:
				b, _ := json.Marshal(v)
				return string(b)
			}
			s, _ := e.EvaluateString("="+c, data)
			return s
		})
		if firstErr != nil {
			t.Errorf("%s jsonOutput: %v", name, firstErr)
			return 1
		}
		var want any
		if err := json.Unmarshal([]byte(out), &want); err != nil {
			t.Errorf("%s jsonOutput %q: %v", name, out, err)
			return 1
		}
		if diff := cmp.Diff(want, any(got)); diff != "" {
			t.Errorf("%s jsonOutput (-evaluated +n8n):\n%s", name, diff)
		}
		return 1
	}
	as, _ := params["assignments"].(map[string]any)
	list, _ := as["assignments"].([]any)
	opts, _ := params["options"].(map[string]any)
	dots := opts["dotNotation"] != false
	n := 0
	for _, a := range list {
		m := a.(map[string]any)
		field, _ := m["name"].(string)
		key := name + "/" + field
		if _, skip := knownDiffs[key]; skip {
			continue
		}
		raw := m["value"]
		val := raw
		if s, ok := raw.(string); ok {
			v, err := e.Evaluate(s, data)
			if err != nil {
				t.Errorf("%s item %d: Evaluate(%q): %v", key, data.ItemIndex, s, err)
				continue
			}
			val = v
		}
		want, ok := lookupField(got, field, dots)
		if !ok {
			t.Errorf("%s: n8n output has no field", key)
			continue
		}
		n++
		if diff := cmp.Diff(want, setCoerce(val, m["type"])); diff != "" {
			t.Errorf("%s item %d: %v (-n8n +evaluated):\n%s", key, data.ItemIndex, raw, diff)
		}
	}
	return n
}

func lookupField(obj map[string]any, field string, dots bool) (any, bool) {
	if !dots {
		v, ok := obj[field]
		return v, ok
	}
	var cur any = obj
	for _, p := range strings.Split(field, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[p]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// setCoerce approximates the Set node's conversion of a value to the
// assignment type (loose: strings parse to the type, objects stringify).
func setCoerce(v any, typ any) any {
	if v == nil {
		return nil
	}
	switch typ {
	case "string":
		switch t := v.(type) {
		case string:
			return t
		case map[string]any, []any:
			b, _ := json.Marshal(t)
			return string(b)
		case bool:
			return strconv.FormatBool(t)
		case float64:
			if t == math.Trunc(t) && math.Abs(t) < 1e15 {
				return strconv.FormatFloat(t, 'f', -1, 64)
			}
			return strconv.FormatFloat(t, 'g', -1, 64)
		}
	case "number":
		if s, ok := v.(string); ok {
			if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
				return f
			}
		}
	case "boolean":
		if s, ok := v.(string); ok {
			if b, err := strconv.ParseBool(s); err == nil {
				return b
			}
		}
	case "array", "object":
		if s, ok := v.(string); ok {
			var out any
			if err := json.Unmarshal([]byte(s), &out); err == nil {
				return out
			}
		}
	}
	return v
}
