package files_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMarkdown(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params obj
		in     obj
		want   obj
	}{
		{"markdown to html with showdown header ids",
			obj{"mode": "markdownToHtml", "markdown": "={{ $json.md }}"},
			obj{"md": "# Hello World\n\nSome *em* and **strong**.\n\n## Hello World"},
			obj{"md": "# Hello World\n\nSome *em* and **strong**.\n\n## Hello World",
				"data": "<h1 id=\"helloworld\">Hello World</h1>\n<p>Some <em>em</em> and <strong>strong</strong>.</p>\n<h2 id=\"helloworld-1\">Hello World</h2>"}},
		{"no header id, nested destination",
			obj{"mode": "markdownToHtml", "markdown": "# T", "destinationKey": "out.html", "options": obj{"noHeaderId": true}},
			obj{},
			obj{"out": obj{"html": "<h1>T</h1>"}}},
		{"html to markdown with node-html-markdown's markers",
			obj{"mode": "htmlToMarkdown", "html": "<h2>Title</h2><p>a <em>b</em> <strong>c</strong></p><ul><li>x</li><li>y</li></ul>"},
			obj{"keep": true},
			obj{"keep": true, "data": "## Title\n\na _b_ **c**\n\n* x\n* y"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := newFake(t, "markdown", 1, tc.params, items(tc.in)).run()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]any{tc.want}, jsonOf(got)); diff != "" {
				t.Errorf("json (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]int{0}, pairedOf(got)); diff != "" {
				t.Errorf("pairedItem (-want +got):\n%s", diff)
			}
		})
	}
}
