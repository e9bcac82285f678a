package openapi

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestJSNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"}, {1, "1"}, {-2.5, "-2.5"}, {0.1, "0.1"}, {1e21, "1e+21"}, {1e20, "100000000000000000000"},
		{1.5e-7, "1.5e-7"}, {0.000001, "0.000001"}, {123456789012, "123456789012"}, {1.7976931348623157e308, "1.7976931348623157e+308"},
	}
	for _, tt := range tests {
		if got := jsNumber(tt.in); got != tt.want {
			t.Errorf("jsNumber(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// JSON.parse then JSON.stringify(v, null, 2): integer-like keys move first,
// numbers are re-printed, strings escaped as JavaScript does.
func TestStringifyLikeJavaScript(t *testing.T) {
	t.Parallel()
	v, err := ParseJSON([]byte(`{"b": 1.0, "10": [], "a": {"x": "<é>\u0001", "2": null}, "1": [1e3, {}]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"1\": [\n    1000,\n    {}\n  ],\n  \"10\": [],\n  \"b\": 1,\n  \"a\": {\n    \"2\": null,\n    \"x\": \"<é>\\u0001\"\n  }\n}"
	if diff := cmp.Diff(want, jsStringify(v, "  ")); diff != "" {
		t.Errorf("stringify (-want +got):\n%s", diff)
	}
}

// SchemaExample's visited set never shrinks: a ref met a second time, even
// in a sibling property, gives {}.
func TestExampleVisitedRefs(t *testing.T) {
	t.Parallel()
	doc, err := ParseJSON([]byte(`{"components": {"schemas": {
	  "P": {"properties": {"v": {"type": "integer", "example": 3}}},
	  "S": {"properties": {"a": {"$ref": "#/components/schemas/P"}, "b": {"$ref": "#/components/schemas/P"}}},
	  "All": {"allOf": [{"$ref": "#/components/schemas/P"}, {"properties": {"w": {"example": "x"}}}]}
	}}}`))
	if err != nil {
		t.Fatal(err)
	}
	r := &resolver{doc: doc.(*Object)}
	tests := []struct{ ref, want string }{
		{"#/components/schemas/S", `{"a":{"v":3},"b":{}}`},
		{"#/components/schemas/All", `{"v":3,"w":"x"}`}, // allOf merges the members' examples
	}
	for _, tt := range tests {
		s := NewObject()
		s.Set("$ref", tt.ref)
		ex, err := r.extractExample(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := jsStringify(ex, ""); got != tt.want {
			t.Errorf("%s: example %s, want %s", tt.ref, got, tt.want)
		}
	}
}

func TestSortTags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		seen  []string
		order map[string]int
		want  []string
	}{
		{"all declared", []string{"b", "a", "c"}, map[string]int{"a": 0, "b": 1, "c": 2}, []string{"a", "b", "c"}},
		{"none declared keeps first use", []string{"b", "default", "a"}, map[string]int{}, []string{"b", "a", "default"}},
		{"declared default stays", []string{"default", "a"}, map[string]int{"a": 1, "default": 0}, []string{"default", "a"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, sortTags(tt.seen, tt.order)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestSplitArgs(t *testing.T) {
	t.Parallel()
	got, err := splitArgs(`openapi --name x --header "Accept: a/b" --base-url ={{${DOLLAR}credentials.url}} spec.json -o .`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"openapi", "--name", "x", "--header", "Accept: a/b", "--base-url", "={{$credentials.url}}", "spec.json", "-o", "."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
