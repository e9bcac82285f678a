package nodes_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
)

// TestDisplayed checks Displayed against n8n's displayParameter rules (the
// same answers testdata/params/n8n.json records through getNodeParameters).
func TestDisplayed(t *testing.T) {
	t.Parallel()
	cnd := func(op string, v any) map[string]any { return map[string]any{"_cnd": map[string]any{op: v}} }
	show := func(key string, conds ...any) *nodes.Property {
		return &nodes.Property{Name: "p", DisplayOptions: &nodes.DisplayOptions{Show: map[string][]any{key: conds}}}
	}
	hide := func(key string, conds ...any) *nodes.Property {
		return &nodes.Property{Name: "p", DisplayOptions: &nodes.DisplayOptions{Hide: map[string][]any{key: conds}}}
	}
	tests := []struct {
		name    string
		p       *nodes.Property
		values  map[string]any
		root    map[string]any
		version float64
		want    bool
	}{
		{"no displayOptions", &nodes.Property{Name: "p"}, nil, nil, 1, true},
		{"show matches", show("op", "a", "b"), map[string]any{"op": "b"}, nil, 1, true},
		{"show misses", show("op", "a"), map[string]any{"op": "c"}, nil, 1, false},
		{"show on a missing value", show("op", "a"), map[string]any{}, nil, 1, false},
		{"strict equality: number is not its string", show("n", 3.0), map[string]any{"n": "3"}, nil, 1, false},
		{"numbers of any Go type", show("n", 3), map[string]any{"n": 3.0}, nil, 1, true},
		{"expression value shows", show("op", "a"), map[string]any{"op": "={{ 1 }}"}, nil, 1, true},
		{"any list value matches", show("multi", "a"), map[string]any{"multi": []any{"c", "a"}}, nil, 1, true},
		{"_cnd holds for every list value", show("multi", cnd("not", "c")), map[string]any{"multi": []any{"a", "c"}}, nil, 1, false},
		{"_cnd not on an empty list", show("multi", cnd("not", "c")), map[string]any{"multi": []any{}}, nil, 1, true},
		{"_cnd eq on an empty list", show("multi", cnd("eq", "c")), map[string]any{"multi": []any{}}, nil, 1, false},
		{"_cnd gte compares strings as numbers", show("n", cnd("gte", 2.0)), map[string]any{"n": "3"}, nil, 1, true},
		{"_cnd between", show("n", cnd("between", map[string]any{"from": 2.0, "to": 5.0})), map[string]any{"n": 5.0}, nil, 1, true},
		{"_cnd exists: empty string is not", show("s", cnd("exists", true)), map[string]any{"s": ""}, nil, 1, false},
		{"_cnd exists", show("s", cnd("exists", true)), map[string]any{"s": 0.0}, nil, 1, true},
		{"_cnd regex", show("s", cnd("regex", "^h.*o$")), map[string]any{"s": "hello"}, nil, 1, true},
		{"@version", show("@version", 2.0), nil, nil, 2, true},
		{"@version _cnd", show("@version", cnd("gte", 1.1)), nil, nil, 1, false},
		{"/root key reads root", show("/mode", "b"), map[string]any{"mode": "a"}, map[string]any{"mode": "b"}, 1, true},
		{"resource locator value", show("rl", "x"), map[string]any{"rl": map[string]any{"__rl": true, "value": "x"}}, nil, 1, true},
		{"hide matches", hide("op", "a"), map[string]any{"op": "a"}, nil, 1, false},
		{"hide on a missing value", hide("op", "a"), map[string]any{}, nil, 1, true},
		{"hide on an empty list", hide("multi", "a"), map[string]any{"multi": []any{}}, nil, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := nodes.Displayed(tt.p, tt.values, tt.root, tt.version)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Displayed (-want +got):\n%s", diff)
			}
		})
	}
}
