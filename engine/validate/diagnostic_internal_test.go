package validate

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/nodes"
)

func TestPathHelpers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, got, want string
	}{
		{"identifier", key("nodes[1]", "parameters"), "nodes[1].parameters"},
		{"first key", key("", "settings"), "settings"},
		{"space", key("connections", "Manual Trigger"), `connections["Manual Trigger"]`},
		{"quote", key("pinData", `say "hi"`), `pinData["say \"hi\""]`},
		{"leading digit", key("a", "1st"), `a["1st"]`},
		{"dollar", key("a", "$x"), "a.$x"},
		{"index", index("nodes", 3), "nodes[3]"},
		{"prefix", joinPrefix("[2]", "nodes[0].name"), "[2].nodes[0].name"},
		{"prefix empty path", joinPrefix("[2]", ""), "[2]"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestSortDiagnostics(t *testing.T) {
	t.Parallel()
	diags := []Diagnostic{
		{Severity: Warning, Path: "nodes[10]", Message: "b"},
		{Severity: Warning, Path: "nodes[2].parameters.x", Message: "a"},
		{Severity: Error, Path: "nodes[2].parameters.x", Message: "z"},
		{Severity: Error, Path: "connections.A", Message: "c"},
		{Severity: Error, Path: "nodes[2]", Message: "d"},
		{Severity: Error, Path: "", Message: "parse"},
	}
	sortDiagnostics(diags)
	var got []string
	for _, d := range diags {
		got = append(got, string(d.Severity)+" "+d.Path+" "+d.Message)
	}
	want := []string{
		"error  parse",
		"error connections.A c",
		"error nodes[2] d",
		"error nodes[2].parameters.x z",
		"warning nodes[2].parameters.x a",
		"warning nodes[10] b",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestEmptyRequired(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		typ     string
		multi   bool
		val     any
		present bool
		want    bool
	}{
		{"string empty", "string", false, "", true, true},
		{"string absent", "string", false, nil, false, true},
		{"string null kept", "string", false, nil, true, false},
		{"string set", "string", false, "x", true, false},
		{"options empty", "options", false, "", true, true},
		{"number never", "number", false, nil, false, false},
		{"multiOptions empty", "multiOptions", false, []any{}, true, true},
		{"multiOptions set", "multiOptions", false, []any{"a"}, true, false},
		{"multipleValues empty list", "string", true, []any{}, true, false},
		{"multipleValues empty element", "string", true, []any{"a", ""}, true, true},
		{"locator empty", "resourceLocator", false, map[string]any{"__rl": true, "mode": "id", "value": ""}, true, true},
		{"locator number", "resourceLocator", false, map[string]any{"__rl": true, "mode": "id", "value": 0.0}, true, false},
		{"locator string", "resourceLocator", false, "abc", true, false},
	}
	for _, tt := range tests {
		p := newProperty(tt.typ, tt.multi)
		if got := emptyRequired(p, tt.val, tt.present); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func newProperty(typ string, multi bool) *nodes.Property {
	p := &nodes.Property{Name: "p", Type: typ}
	if multi {
		p.TypeOptions = map[string]any{"multipleValues": true}
	}
	return p
}

func TestLocate(t *testing.T) {
	t.Parallel()
	data := []byte(`{
  "nodes": [
    {"name": "A", "parameters": {"x": 1, "my key": [10, {"y": 2}]}},
    {"name": "B"}
  ],
  "connections": {"A": {"main": [[{"node": "B"}]]}}
}`)
	pos := locate(data)
	tests := []struct {
		path       string
		line, col  int
		wantLocate bool
	}{
		{"nodes", 2, 3, true},
		{"nodes[0]", 3, 5, true},
		{"nodes[0].parameters.x", 3, 34, true},
		{`nodes[0].parameters["my key"][1].y`, 3, 58, true},
		{"nodes[0].parameters.missing", 3, 19, true},
		{"nodes[1].name", 4, 6, true},
		{"connections.A.main[0][0].node", 6, 36, true},
		{"", 1, 1, true},
	}
	for _, tt := range tests {
		line, col, ok := pos.lineCol(tt.path)
		if ok != tt.wantLocate || line != tt.line || col != tt.col {
			t.Errorf("%q: got %d:%d (%v), want %d:%d", tt.path, line, col, ok, tt.line, tt.col)
		}
	}
}

func TestParentPath(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"a.b":           "a",
		"a[0]":          "a",
		`a["x.y"]`:      "a",
		`a["[q]"].b`:    `a["[q]"]`,
		"a[0][1]":       "a[0]",
		"a":             "",
		"[1].nodes":     "[1]",
		`c["M T"].main`: `c["M T"]`,
	}
	for in, want := range tests {
		if got := parentPath(in); got != want {
			t.Errorf("parentPath(%q) = %q, want %q", in, got, want)
		}
	}
}
