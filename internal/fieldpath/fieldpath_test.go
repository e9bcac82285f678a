package fieldpath_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/fieldpath"
)

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("decode %s: %v", s, err)
	}
	return m
}

// TestSplit compares with lodash's _.toPath.
func TestSplit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"a", []string{"a"}},
		{"a.b.c", []string{"a", "b", "c"}},
		{"a[0].b", []string{"a", "0", "b"}},
		{"a[0][1]", []string{"a", "0", "1"}},
		{`a["x.y"].z`, []string{"a", "x.y", "z"}},
		{"a['k']", []string{"a", "k"}},
		{`a["say \"hi\""]`, []string{"a", `say "hi"`}},
		{"a..b", []string{"a", "", "b"}},
		{".a", []string{"", "a"}},
		{"a.", []string{"a", ""}},
		{"a[b", []string{"a[b"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, fieldpath.Split(tt.in)); diff != "" {
			t.Errorf("Split(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestGet compares with lodash's _.get and _.has on the same object.
func TestGet(t *testing.T) {
	t.Parallel()
	const doc = `{"a": {"b": [10, {"c": "x"}]}, "x.y": 1, "x": {"y": 2}, "s": "héllo", "n": null}`
	type result struct {
		V  any
		OK bool
	}
	tests := []struct {
		path string
		want result
	}{
		{"a.b[0]", result{10.0, true}},
		{"a.b[1].c", result{"x", true}},
		{"a.b.1.c", result{"x", true}},
		{"a.b.length", result{2.0, true}},
		{"s.length", result{5.0, true}},
		{"x.y", result{1.0, true}},
		{`x["y"]`, result{2.0, true}},
		{"n", result{nil, true}},
		{"n.z", result{nil, false}},
		{"a.b[2]", result{nil, false}},
		{"a.b[01]", result{nil, false}},
		{"a.b[+1]", result{nil, false}},
		{"a.missing", result{nil, false}},
		{"s.0", result{nil, false}},
	}
	for _, tt := range tests {
		m := decode(t, doc)
		v, ok := fieldpath.Get(m, tt.path)
		if diff := cmp.Diff(tt.want, result{v, ok}); diff != "" {
			t.Errorf("Get(%q) (-want +got):\n%s", tt.path, diff)
		}
		if diff := cmp.Diff(tt.want.OK, fieldpath.Has(m, tt.path)); diff != "" {
			t.Errorf("Has(%q) (-want +got):\n%s", tt.path, diff)
		}
	}
	if v, ok := fieldpath.Get([]any{"a", "b"}, "[1]"); !ok || v != "b" {
		t.Errorf("Get on an array root = %v, %v; want b, true", v, ok)
	}
}

// TestSetDelete compares with lodash's _.set and _.unset.
func TestSetDelete(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, doc string
		op        func(m map[string]any)
		want      string
	}{
		{"nested", `{"a": {"b": 1}}`, func(m map[string]any) { fieldpath.Set(m, "a.c", 2.0) }, `{"a": {"b": 1, "c": 2}}`},
		{"creates array for index", `{}`, func(m map[string]any) { fieldpath.Set(m, "a[1].b", true) }, `{"a": [null, {"b": true}]}`},
		{"creates object for name", `{}`, func(m map[string]any) { fieldpath.Set(m, "a.0x", 1.0) }, `{"a": {"0x": 1}}`},
		{"replaces scalar", `{"s": "t"}`, func(m map[string]any) { fieldpath.Set(m, "s.u", 1.0) }, `{"s": {"u": 1}}`},
		{"existing dotted key", `{"x.y": 1}`, func(m map[string]any) { fieldpath.Set(m, "x.y", 5.0) }, `{"x.y": 5}`},
		{"index key on object", `{"o": {}}`, func(m map[string]any) { fieldpath.Set(m, "o[0]", 1.0) }, `{"o": {"0": 1}}`},
		{"name key on array ignored", `{"l": [1]}`, func(m map[string]any) { fieldpath.Set(m, "l.k", 1.0) }, `{"l": [1]}`},
		{"undefined leaves key unset", `{}`, func(m map[string]any) { fieldpath.Set(m, "a.b", fieldpath.Undefined) }, `{"a": {}}`},
		{"undefined in array is null", `{}`, func(m map[string]any) { fieldpath.Set(m, "a[0]", fieldpath.Undefined) }, `{"a": [null]}`},
		{"empty path sets empty key", `{}`, func(m map[string]any) { fieldpath.Set(m, "", 1.0) }, `{"": 1}`},
		{"delete nested", `{"a": {"b": 1, "c": 2}}`, func(m map[string]any) { fieldpath.Delete(m, "a.b") }, `{"a": {"c": 2}}`},
		{"delete array element", `{"a": [1, 2]}`, func(m map[string]any) { fieldpath.Delete(m, "a[0]") }, `{"a": [null, 2]}`},
		{"delete dotted key", `{"x.y": 1, "x": {"y": 2}}`, func(m map[string]any) { fieldpath.Delete(m, "x.y") }, `{"x": {"y": 2}}`},
		{"delete missing", `{"a": 1}`, func(m map[string]any) { fieldpath.Delete(m, "b.c") }, `{"a": 1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := decode(t, tt.doc)
			tt.op(m)
			if diff := cmp.Diff(decode(t, tt.want), m); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
