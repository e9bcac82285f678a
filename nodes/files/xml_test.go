package files_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
)

func TestXMLToJSON(t *testing.T) {
	t.Parallel()
	doc := `<?xml version="1.0"?>
<root id="r1">
  <a>1</a>
  <a>2</a>
  <b x="y">t &amp; u</b>
  <c/>
  <d> </d>
  <e><f>deep</f></e>
</root>`
	tests := []struct {
		name    string
		options obj
		want    any
	}{
		{"defaults: merged attributes, arrays only when repeated", obj{},
			obj{"root": obj{"id": "r1", "a": arr{"1", "2"}, "b": obj{"_": "t & u", "x": "y"}, "c": "", "d": " ", "e": obj{"f": "deep"}}}},
		{"explicit arrays, attributes under $", obj{"explicitArray": true, "mergeAttrs": false},
			obj{"root": obj{"$": obj{"id": "r1"}, "a": arr{"1", "2"}, "b": arr{obj{"_": "t & u", "$": obj{"x": "y"}}}, "c": arr{""}, "d": arr{" "}, "e": arr{obj{"f": arr{"deep"}}}}}},
		{"no explicit root, ignore attributes", obj{"explicitRoot": false, "ignoreAttrs": true},
			obj{"a": arr{"1", "2"}, "b": "t & u", "c": "", "d": " ", "e": obj{"f": "deep"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := newFake(t, "xml", 1, obj{"mode": "xmlToJson", "options": tc.options}, items(obj{"data": doc})).run()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]any{tc.want}, jsonOf(got)); diff != "" {
				t.Errorf("json (-want +got):\n%s", diff)
			}
			// As n8n's node, no pairedItem: the engine assigns it.
			if diff := cmp.Diff([]int{-1}, pairedOf(got)); diff != "" {
				t.Errorf("pairedItem (-want +got):\n%s", diff)
			}
		})
	}
}

func TestXMLErrors(t *testing.T) {
	t.Parallel()
	_, err := newFake(t, "xml", 1, obj{"mode": "xmlToJson"}, items(obj{"other": "<a/>"})).run()
	var ne *nodes.NodeError
	if !errors.As(err, &ne) || ne.Message != `Item has no JSON property called "data"` {
		t.Errorf("missing property: %v", err)
	}
	_, err = newFake(t, "xml", 1, obj{"mode": "xmlToJson"}, items(obj{"data": "<a><b></a>"})).run()
	if !errors.As(err, &ne) || ne.Message != "Unexpected close tag\nLine: 0\nColumn: 10\nChar: >" {
		t.Errorf("malformed XML: %v", err)
	}
	for _, key := range []string{"attrkey", "charkey"} {
		_, err = newFake(t, "xml", 1, obj{"mode": "xmlToJson", "options": obj{key: "__proto__"}}, items(obj{"data": "<a/>"})).run()
		if !errors.As(err, &ne) || !strings.Contains(ne.Message, `option value "__proto__" is not allowed`) {
			t.Errorf("%s __proto__: %v", key, err)
		}
	}
	// With continue on fail n8n 2.41 leaves a failed item out (its error
	// item replaces the input item, not an output); noderun keeps it as an
	// {error} item paired with its input, so nothing vanishes.
	f := newFake(t, "xml", 1, obj{"mode": "xmlToJson"}, items(obj{"data": "<a><b></a>"}, obj{"data": "<ok>1</ok>"}))
	f.continue_ = true
	got, err := f.run()
	if err != nil {
		t.Fatal(err)
	}
	want := []any{obj{"error": "Unexpected close tag\nLine: 0\nColumn: 10\nChar: >"}, obj{"ok": "1"}}
	if diff := cmp.Diff(want, jsonOf(got)); diff != "" {
		t.Errorf("continue on fail (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(nodes.One(nodes.Paired(0, 0)), got[0].PairedItem); diff != "" {
		t.Errorf("failed item pairedItem (-want +got):\n%s", diff)
	}
}

func TestJSONToXML(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		options obj
		in      obj
		want    string
	}{
		{"single key becomes the root", obj{}, obj{"data": obj{"x": "1"}},
			"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<data>\n  <x>1</x>\n</data>"},
		{"attributes, arrays, escaping, empty", obj{"headless": true},
			ordered(obj{"a": 1.0, "b": ordered(obj{"$": obj{"id": "7"}, "c": arr{1.0, "x<y"}}, "$", "c"), "n": nil}, "a", "b", "n"),
			"<root>\n  <a>1</a>\n  <b id=\"7\">\n    <c>1</c>\n    <c>x&lt;y</c>\n  </b>\n  <n/>\n</root>"},
		{"own root name and text key", obj{"headless": true, "rootName": "doc"},
			obj{"p": ordered(obj{"_": "hi", "$": obj{"lang": "en"}}, "_", "$")},
			"<doc>\n  <p lang=\"en\">hi</p>\n</doc>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := newFake(t, "xml", 1, obj{"mode": "jsonToxml", "options": tc.options}, items(tc.in)).run()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]any{obj{"data": tc.want}}, jsonOf(got)); diff != "" {
				t.Errorf("xml (-want +got):\n%s", diff)
			}
		})
	}
}
