package expr_test

import (
	"strings"
	"testing"

	"github.com/noderun/noderun/internal/expr"
)

func TestResolveNamesFailingPathAndSharesLiterals(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	value := map[string]any{
		"literal": map[string]any{"x": []any{"a", "b"}},
		"rules":   []any{map[string]any{"ok": "={{ 1 + 1 }}"}, map[string]any{"bad": "={{ $env.HOME }}"}},
	}
	_, err := e.Resolve(value, &expr.Data{})
	if err == nil || !strings.Contains(err.Error(), `parameter "rules[1].bad"`) {
		t.Fatalf("error %v, want it to name rules[1].bad", err)
	}
	delete(value["rules"].([]any)[1].(map[string]any), "bad")
	got, err := e.Resolve(value, &expr.Data{})
	if err != nil {
		t.Fatal(err)
	}
	m := got.(map[string]any)
	if m["rules"].([]any)[0].(map[string]any)["ok"] != 2.0 {
		t.Errorf("rules not resolved: %v", m["rules"])
	}
	if value["rules"].([]any)[0].(map[string]any)["ok"] != "={{ 1 + 1 }}" {
		t.Error("the input was modified")
	}
	if got := m["literal"].(map[string]any)["x"].([]any); len(got) != 2 || got[1] != "b" {
		t.Errorf("literal subtree: %v", got)
	}
}
