package core_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/nodes"
)

// TestEmptyInput: every node copes with no input items and returns its
// full set of (empty) outputs.
func TestEmptyInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		version float64
		params  string
		want    [][]any
	}{
		{"n8n-nodes-base.noOp", 1, `{}`, [][]any{{}}},
		{"n8n-nodes-base.set", 3.4, `{}`, [][]any{{}}},
		{"n8n-nodes-base.if", 2.3, `{}`, [][]any{{}, {}}},
		{"n8n-nodes-base.filter", 2.3, `{}`, [][]any{{}, {}}},
		{"n8n-nodes-base.switch", 3.4, `{}`, [][]any{{}}},
		{"n8n-nodes-base.if", 1, `{}`, [][]any{{}, {}}},
		{"n8n-nodes-base.switch", 1, `{}`, [][]any{{}, {}, {}, {}}},
		{"n8n-nodes-base.manualTrigger", 1, `{}`, [][]any{{map[string]any{}}}},
	}
	for _, tt := range tests {
		f := newFake(t, tt.name, tt.version, jsonMap(t, tt.params), nil)
		out, err := f.run()
		if err != nil {
			t.Fatalf("%s@%v: %v", tt.name, tt.version, err)
		}
		if diff := cmp.Diff(tt.want, outJSON(out)); diff != "" {
			t.Errorf("%s@%v (-want +got):\n%s", tt.name, tt.version, diff)
		}
	}
}

// TestSwitchRouting covers Switch 3.x options the recorded cases do not.
func TestSwitchRouting(t *testing.T) {
	t.Parallel()
	rule := func(op string, right any) map[string]any {
		return map[string]any{"conditions": map[string]any{
			"options":    map[string]any{"caseSensitive": true, "typeValidation": "strict", "version": 3.0},
			"combinator": "and",
			"conditions": []any{map[string]any{"leftValue": "={{ $json.n }}", "rightValue": right, "operator": map[string]any{"type": "number", "operation": op}}},
		}}
	}
	items := jsonItems(t, `[{"n": 1}, {"n": 5}, {"n": 50}]`)
	tests := []struct {
		name    string
		options map[string]any
		cof     bool
		want    [][]any
		wantErr string
	}{
		{"first match, no fallback", map[string]any{}, false,
			[][]any{{map[string]any{"n": 1.0}, map[string]any{"n": 5.0}}, {}}, ""},
		{"all matching outputs", map[string]any{"allMatchingOutputs": true}, false,
			[][]any{{map[string]any{"n": 1.0}, map[string]any{"n": 5.0}}, {map[string]any{"n": 5.0}}}, ""},
		{"fallback to output 0", map[string]any{"fallbackOutput": 0.0}, false,
			[][]any{{map[string]any{"n": 1.0}, map[string]any{"n": 5.0}, map[string]any{"n": 50.0}}, {}}, ""},
		{"fallback extra", map[string]any{"fallbackOutput": "extra"}, false,
			[][]any{{map[string]any{"n": 1.0}, map[string]any{"n": 5.0}}, {}, {map[string]any{"n": 50.0}}}, ""},
		{"fallback index out of range", map[string]any{"fallbackOutput": 2.0}, false, nil,
			"The ouput 2 is not allowed. "},
		{"fallback out of range, continue on fail", map[string]any{"fallbackOutput": 2.0}, true,
			[][]any{{map[string]any{"n": 1.0}, map[string]any{"n": 5.0}, map[string]any{"error": "The ouput 2 is not allowed. "}}, {}}, ""},
	}
	for _, tt := range tests {
		params := map[string]any{"rules": map[string]any{"values": []any{rule("lt", 10.0), rule("equals", 5.0)}}, "options": tt.options}
		f := newFake(t, "n8n-nodes-base.switch", 3.4, params, items)
		f.Continue = tt.cof
		out, err := f.run()
		if tt.wantErr != "" {
			var ne *nodes.NodeError
			if !errors.As(err, &ne) || ne.Message != tt.wantErr {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, outJSON(out)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestSetDuplicateOnlyInManualMode: duplicateItem is a testing aid n8n
// ignores outside manual runs.
func TestSetDuplicateOnlyInManualMode(t *testing.T) {
	t.Parallel()
	params := jsonMap(t, `{"duplicateItem": true, "duplicateCount": 2, "assignments": {"assignments": [{"name": "a", "value": "1", "type": "number"}]}}`)
	for _, tt := range []struct {
		mode string
		want int
	}{{"manual", 3}, {"trigger", 1}, {"cli", 1}} {
		f := newFake(t, "n8n-nodes-base.set", 3.4, params, jsonItems(t, `[{}]`))
		f.ExecMode = tt.mode
		out, err := f.run()
		if err != nil {
			t.Fatal(err)
		}
		if got := len(out[0]); got != tt.want {
			t.Errorf("mode %s: %d items, want %d", tt.mode, got, tt.want)
		}
	}
}

// TestCancelledContext: a cancelled run stops the per-item loops.
func TestCancelledContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := contextWithCancel()
	cancel()
	for _, name := range []string{"n8n-nodes-base.set", "n8n-nodes-base.if", "n8n-nodes-base.switch"} {
		version := map[string]float64{"n8n-nodes-base.set": 3.4, "n8n-nodes-base.if": 2.3, "n8n-nodes-base.switch": 3.4}[name]
		f := newFake(t, name, version, map[string]any{}, jsonItems(t, `[{}]`))
		f.Ctx = ctx
		if _, err := f.run(); err == nil {
			t.Errorf("%s: no error on a cancelled context", name)
		}
	}
}

// TestSetDoesNotMutateInput: writing into an object copied from the input
// leaves the input item unchanged.
func TestSetDoesNotMutateInput(t *testing.T) {
	t.Parallel()
	items := jsonItems(t, `[{"meta": {"a": 1}, "list": [1]}]`)
	params := jsonMap(t, `{"includeOtherFields": true, "assignments": {"assignments": [
		{"name": "copy", "value": "={{ $json.meta }}", "type": "object"},
		{"name": "copy.b", "value": "2", "type": "number"},
		{"name": "meta.c", "value": "3", "type": "number"},
		{"name": "list[1]", "value": "4", "type": "number"}]}}`)
	f := newFake(t, "n8n-nodes-base.set", 3.4, params, items)
	out, err := f.run()
	if err != nil {
		t.Fatal(err)
	}
	wantOut := [][]any{{map[string]any{"meta": map[string]any{"a": 1.0, "c": 3.0}, "list": []any{1.0, 4.0}, "copy": map[string]any{"a": 1.0, "b": 2.0}}}}
	if diff := cmp.Diff(wantOut, outJSON(out)); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
	wantIn := [][]any{{map[string]any{"meta": map[string]any{"a": 1.0}, "list": []any{1.0}}}}
	if diff := cmp.Diff(wantIn, outJSON(nodes.Outputs{f.InputData(0)})); diff != "" {
		t.Errorf("input changed (-want +got):\n%s", diff)
	}
}
