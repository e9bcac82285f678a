package jsvalue_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/jsvalue"
)

func decodeJSON(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("decode %s: %v", s, err)
	}
	return v
}

func TestClone(t *testing.T) {
	t.Parallel()
	orig := decodeJSON(t, `{"a": [1, {"b": "c"}], "d": {"e": null}}`)
	c := jsvalue.Clone(orig)
	if diff := cmp.Diff(orig, c); diff != "" {
		t.Fatalf("Clone differs (-orig +clone):\n%s", diff)
	}
	c.(map[string]any)["a"].([]any)[1].(map[string]any)["b"] = "changed"
	c.(map[string]any)["d"].(map[string]any)["x"] = 1.0
	if diff := cmp.Diff(decodeJSON(t, `{"a": [1, {"b": "c"}], "d": {"e": null}}`), orig); diff != "" {
		t.Errorf("changing the clone changed the original (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{}, jsvalue.Clone(map[string]any(nil))); diff != "" {
		t.Errorf("Clone(nil map) (-want +got):\n%s", diff)
	}
}

// TestMerge compares with lodash's _.merge(dst, src).
func TestMerge(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, dst, src, want string
	}{
		{"objects merge", `{"a": {"x": 1, "y": 2}}`, `{"a": {"y": 3, "z": 4}}`, `{"a": {"x": 1, "y": 3, "z": 4}}`},
		{"arrays merge by index", `{"l": [1, 2, 3]}`, `{"l": [9]}`, `{"l": [9, 2, 3]}`},
		{"nested arrays merge", `{"l": [[1, 2]]}`, `{"l": [[3]]}`, `{"l": [[3, 2]]}`},
		{"array elements objects", `{"l": [{"a": 1}]}`, `{"l": [{"b": 2}, {"c": 3}]}`, `{"l": [{"a": 1, "b": 2}, {"c": 3}]}`},
		{"scalar replaced by object", `{"a": 1}`, `{"a": {"b": 2}}`, `{"a": {"b": 2}}`},
		{"object replaced by scalar", `{"a": {"b": 2}}`, `{"a": 1}`, `{"a": 1}`},
		{"null overwrites", `{"a": 1}`, `{"a": null}`, `{"a": null}`},
		{"missing keeps", `{"a": 1}`, `{}`, `{"a": 1}`},
		{"object into array slot", `{"a": [1]}`, `{"a": {"0": 2}}`, `{"a": {"0": 2}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := decodeJSON(t, tt.src)
			got := jsvalue.Merge(decodeJSON(t, tt.dst), src)
			if diff := cmp.Diff(decodeJSON(t, tt.want), got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			// Nothing of src is shared with the result.
			scribble(got)
			if diff := cmp.Diff(decodeJSON(t, tt.src), src); diff != "" {
				t.Errorf("src changed (-want +got):\n%s", diff)
			}
		})
	}
}

// scribble overwrites every value inside v's objects and arrays.
func scribble(v any) {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			scribble(e)
			t[k] = "changed"
		}
	case []any:
		for i, e := range t {
			scribble(e)
			t[i] = "changed"
		}
	}
}
