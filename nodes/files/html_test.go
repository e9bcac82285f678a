package files_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
)

const page = `<html><body>
<h1 class="t">  Title  </h1>
<ul><li><a href="/a">One</a></li><li><a href="/b">Two</a></li></ul>
<input name="q" value="search me">
<p>Hello <b>bold</b>
   world</p>
</body></html>`

func TestHTMLExtract(t *testing.T) {
	t.Parallel()
	val := func(key, sel, ret string, extra obj) obj {
		m := obj{"key": key, "cssSelector": sel, "returnValue": ret}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	tests := []struct {
		name    string
		version float64
		values  arr
		options obj
		want    obj
	}{
		{"text, attribute, value, html, arrays (1.2)", 1.2, arr{
			val("title", "h1", "text", nil),
			val("links", "a", "attribute", obj{"attribute": "href", "returnArray": true}),
			val("names", "li", "text", obj{"returnArray": true}),
			val("q", "input", "value", nil),
			val("inner", "p", "html", nil),
			val("missing", ".nope", "attribute", obj{"attribute": "x"}),
		}, obj{}, obj{
			"title": "Title", "links": arr{"/a", "/b"}, "names": arr{"One [/a]", "Two [/b]"},
			"q": "search me", "inner": "Hello <b>bold</b>\n   world",
		}},
		{"clean up and trim (1.2)", 1.2, arr{val("p", "p", "text", nil), val("inner", "p", "html", nil)},
			obj{"trimValues": true, "cleanUpText": true},
			obj{"p": "Hello bold world", "inner": "Hello <b>bold</b> world"}},
		{"cheerio text of all matches (1.1)", 1.1, arr{val("t", "li", "text", nil), val("h", "h1", "text", nil)}, obj{},
			obj{"t": "OneTwo", "h": "  Title  "}},
		{"skip selectors (1.2)", 1.2, arr{val("t", "ul", "text", obj{"skipSelectors": "li + li"})}, obj{},
			obj{"t": "One [/a]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := newFake(t, "html", tc.version, obj{
				"operation": "extractHtmlContent", "extractionValues": obj{"values": tc.values}, "options": tc.options,
			}, items(obj{"data": page})).run()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]any{tc.want}, jsonOf(got)); diff != "" {
				t.Errorf("json (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHTMLExtractSources(t *testing.T) {
	t.Parallel()
	values := obj{"values": arr{obj{"key": "b", "cssSelector": "b", "returnValue": "text"}}}
	// an array of documents gives one item per document
	got, err := newFake(t, "html", 1.2, obj{"operation": "extractHtmlContent", "extractionValues": values},
		items(obj{"data": arr{"<b>x</b>", "<b>y</b>"}})).run()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]any{obj{"b": "x"}, obj{"b": "y"}}, jsonOf(got)); diff != "" {
		t.Errorf("array source (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{0, 0}, pairedOf(got)); diff != "" {
		t.Errorf("pairedItem (-want +got):\n%s", diff)
	}
	got, err = newFake(t, "html", 1.2, obj{"operation": "extractHtmlContent", "sourceData": "binary", "extractionValues": values},
		[]nodes.Item{fileItem("<b>file</b>", "text/html", "a.html")}).run()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]any{obj{"b": "file"}}, jsonOf(got)); diff != "" {
		t.Errorf("binary source (-want +got):\n%s", diff)
	}
	_, err = newFake(t, "html", 1.2, obj{"operation": "extractHtmlContent", "extractionValues": values}, items(obj{"x": "1"})).run()
	var ne *nodes.NodeError
	if !errors.As(err, &ne) || ne.Message != `No property named "data" exists!` {
		t.Errorf("missing property: %v", err)
	}
	_, err = newFake(t, "html", 1.2, obj{"operation": "extractHtmlContent", "sourceData": "binary", "extractionValues": values}, items(obj{})).run()
	if !errors.As(err, &ne) || ne.Message != "This operation expects the node's input data to contain a binary file 'data', but none was found [item 0]" {
		t.Errorf("missing binary: %v", err)
	}
}

func TestHTMLTable(t *testing.T) {
	t.Parallel()
	in := items(ordered(obj{"first_name": "ada", "ok": true}, "first_name", "ok"), obj{"first_name": "bob", "n": 2.0})
	got, err := newFake(t, "html", 1.2, obj{"operation": "convertToHtmlTable", "options": obj{"capitalize": true, "customStyling": true}}, in).run()
	if err != nil {
		t.Fatal(err)
	}
	want := `<table  ><thead  ><tr><th>First Name</th><th>Ok</th><th>N</th></tr></thead><tbody>` +
		`<tr  ><td  >ada</td><td  ><input type="checkbox" checked="checked"/></td><td  >undefined</td></tr>` +
		`<tr  ><td  >bob</td><td  >undefined</td><td  >2</td></tr></tbody></table>`
	if diff := cmp.Diff([]any{obj{"table": want}}, jsonOf(got)); diff != "" {
		t.Errorf("table (-want +got):\n%s", diff)
	}
	if len(got[0].PairedItem.Items) != 2 {
		t.Errorf("pairedItem = %+v", got[0].PairedItem)
	}
	none, err := newFake(t, "html", 1.2, obj{"operation": "convertToHtmlTable"}, nil).run()
	if err != nil || len(none) != 0 {
		t.Errorf("empty input: %v %v", none, err)
	}
}

func TestHTMLTemplate(t *testing.T) {
	t.Parallel()
	got, err := newFake(t, "html", 1.2, obj{"operation": "generateHtmlTemplate", "html": "<div>{{ $json.h }}</div>"}, items(obj{"h": "<p>1</p>"}, obj{"h": "<p>2</p>"})).run()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]any{obj{"html": "<div><p>1</p></div>"}, obj{"html": "<div><p>2</p></div>"}}, jsonOf(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
