package expr

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/nodes"
)

func TestSplit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []chunk
	}{
		{"", nil},
		{"plain", []chunk{{Text: "plain"}}},
		{"{{ a }}", []chunk{{Text: ""}, {Code: true, Text: " a ", Closed: true, Offset: 2}}},
		{"x {{ a }} y", []chunk{{Text: "x "}, {Code: true, Text: " a ", Closed: true, Offset: 4}, {Text: " y", Offset: 9}}},
		{"{{a}}{{b}}", []chunk{{Text: ""}, {Code: true, Text: "a", Closed: true, Offset: 2}, {Text: "", Offset: 5}, {Code: true, Text: "b", Closed: true, Offset: 7}}},
		{`\{{ a }}`, []chunk{{Text: `\{{ a }}`}}},
		{`x \{{ a }} {{ b }}`, []chunk{{Text: `x \{{ a }} `}, {Code: true, Text: " b ", Closed: true, Offset: 13}}},
		{`{{ "\}}" }}`, []chunk{{Text: ""}, {Code: true, Text: ` "}}" `, Closed: true, Offset: 2}}},
		{"{{ a", []chunk{{Text: ""}, {Code: true, Text: " a", Offset: 2}}},
		{"abc{{", []chunk{{Text: "abc"}}},
		{"a }} b", []chunk{{Text: "a }} b"}}},
		{`{{ "}}" }}`, []chunk{{Text: ""}, {Code: true, Text: ` "`, Closed: true, Offset: 2}, {Text: `" }}`, Offset: 6}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, split(tt.in)); diff != "" {
			t.Errorf("split(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"", "{{ a }}", `x \{{ y }} {{ z`, "{{{{}}}}", `\}}{{\}}}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		chunks := split(s)
		var b strings.Builder
		for _, c := range chunks {
			if c.Offset < 0 || c.Offset > len(s) {
				t.Fatalf("offset %d out of range for %q", c.Offset, s)
			}
			b.WriteString(c.Text)
		}
		// Chunk text never holds more bytes than the input.
		if b.Len() > len(s) {
			t.Fatalf("chunks of %q hold %d bytes", s, b.Len())
		}
		compileExpression("=" + s) // must not panic
	})
}

func FuzzEvaluate(f *testing.F) {
	for _, s := range []string{"={{ $json.a }}", "=x {{ [1,2].map(a => a * 2) }}", "={{ $json['k'][0] }}", "={{ ({a: 1})[k] }}", "={{ $('X').item }}"} {
		f.Add(s)
	}
	e := New(Options{Timeout: 50 * time.Millisecond})
	f.Fuzz(func(t *testing.T, s string) {
		d := &Data{Input: []nodes.Item{{JSON: map[string]any{"a": 1.0, "k": []any{"x"}}}}}
		// Must not panic; errors are fine.
		_, _ = e.Evaluate("="+s, d)
		_, _ = e.EvaluateString("="+s, d)
	})
}
