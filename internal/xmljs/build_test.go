package xmljs_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/xmljs"
	"github.com/noderun/noderun/nodes"
)

// TestBuildMatchesXML2JS checks Build against xml2js 0.6.2's
// Builder.buildObject for the same value and options.
func TestBuildMatchesXML2JS(t *testing.T) {
	t.Parallel()
	headless := xmljs.DefaultBuildOptions()
	headless.Headless = true
	cdata := headless
	cdata.RootName, cdata.CData = "doc", true
	tests := []struct {
		name string
		opts xmljs.BuildOptions
		json string
		want string
	}{
		{"single key becomes the root", xmljs.DefaultBuildOptions(), `{"a":{"x":"1","y":[1,"t<u"]}}`,
			"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<a>\n  <x>1</x>\n  <y>1</y>\n  <y>t&lt;u</y>\n</a>"},
		{"attributes, text key, null", headless, `{"a":1,"b":{"$":{"id":"7","q":"a\"b\n"},"_":"text & more"},"n":null}`,
			"<root>\n  <a>1</a>\n  <b id=\"7\" q=\"a&quot;b&#xA;\">text &amp; more</b>\n  <n/>\n</root>"},
		{"cdata only where needed", cdata, `{"p":"x<y","q":"plain","r":"a]]>b"}`,
			"<doc>\n  <p><![CDATA[x<y]]></p>\n  <q>plain</q>\n  <r><![CDATA[a]]]]><![CDATA[>b]]></r>\n</doc>"},
		{"arrays of objects repeat the element", headless, `{"list":[{"i":"1"},{"i":"2"}],"e":""}`,
			"<root>\n  <list>\n    <i>1</i>\n  </list>\n  <list>\n    <i>2</i>\n  </list>\n  <e/>\n</root>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v, err := nodes.DecodeJSON([]byte(tc.json))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, xmljs.Build(v, tc.opts)); diff != "" {
				t.Errorf("XML (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRoundTrip checks that what Build writes parses back to the value
// (xml2js's XML node defaults: merged attributes, arrays only when
// repeated).
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	in := `{"order":{"id":"7","item":["a","b"],"note":"x & y"}}`
	v, err := nodes.DecodeJSON([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	o := xmljs.DefaultParseOptions()
	o.MergeAttrs, o.ExplicitArray = true, false
	got, err := xmljs.Parse(xmljs.Build(v, xmljs.DefaultBuildOptions()), o)
	if err != nil {
		t.Fatal(err)
	}
	b, err := nodes.MarshalJSON(got)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, string(b)); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}
