package xmljs_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/xmljs"
	"github.com/noderun/noderun/nodes"
)

// TestParseMatchesXML2JS checks Parse against what xml2js 0.6.2 (sax
// 1.6.1) gives for the same document and options: each want is
// JSON.stringify of parseStringPromise's result, each wantErr its
// rejection's message.
func TestParseMatchesXML2JS(t *testing.T) {
	t.Parallel()
	webhook := xmljs.WebhookParseOptions()
	xmlNode := xmljs.DefaultParseOptions()
	xmlNode.MergeAttrs, xmlNode.ExplicitArray, xmlNode.SanitizeNames = true, false, true
	defaults := xmljs.DefaultParseOptions()
	trimNoRoot := xmljs.DefaultParseOptions()
	trimNoRoot.Trim, trimNoRoot.ExplicitRoot, trimNoRoot.ExplicitArray = true, false, false
	ignoreAttrs := xmljs.DefaultParseOptions()
	ignoreAttrs.IgnoreAttrs, ignoreAttrs.ExplicitArray = true, false
	tests := []struct {
		name    string
		opts    xmljs.ParseOptions
		xml     string
		want    string
		wantErr string
	}{
		{"webhook: attributes under $, tags lower-cased, attribute names kept", webhook, "<Order id=\"7\" Status=\"new\"><Item>a</Item><Item>b</Item><Total>  12  </Total></Order>",
			"{\"order\":{\"$\":{\"id\":\"7\",\"Status\":\"new\"},\"item\":[\"a\",\"b\"],\"total\":\"12\"}}", ""},
		{"webhook: mixed-case repeated tags merge into an array", webhook, "<a><B>x</B><b>y</b></a>",
			"{\"a\":{\"b\":[\"x\",\"y\"]}}", ""},
		{"webhook: normalize collapses and trims whitespace", webhook, "<a>\n  hello   \n   world  \n</a>",
			"{\"a\":\"hello world\"}", ""},
		{"webhook: CRLF and tabs collapse", webhook, "<a>one\r\ntwo\t\tthree</a>",
			"{\"a\":\"one two three\"}", ""},
		{"webhook: single CR LF kept when not normalized away", webhook, "<a>x\ny</a>",
			"{\"a\":\"x\\ny\"}", ""},
		{"webhook: whitespace-only elements keep their text, empty ones are empty strings", webhook, "<a> <b>  </b> <c/> </a>",
			"{\"a\":{\"b\":\"  \",\"c\":\"\"}}", ""},
		{"webhook: namespaces stay prefixes", webhook, "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><m:GetPrice xmlns:m=\"urn:x\">1</m:GetPrice></soap:Body></soap:Envelope>",
			"{\"soap:envelope\":{\"$\":{\"xmlns:soap\":\"http://schemas.xmlsoap.org/soap/envelope/\"},\"soap:body\":{\"m:getprice\":{\"_\":\"1\",\"$\":{\"xmlns:m\":\"urn:x\"}}}}}", ""},
		{"webhook: CDATA is text", webhook, "<a><![CDATA[ <b>raw</b> ]]></a>",
			"{\"a\":\"<b>raw</b>\"}", ""},
		{"webhook: whitespace-only CDATA normalizes to empty", webhook, "<a><![CDATA[   ]]></a>",
			"{\"a\":\"\"}", ""},
		{"webhook: text and CDATA join", webhook, "<a>x<![CDATA[y]]>z</a>",
			"{\"a\":\"xyz\"}", ""},
		{"webhook: declaration, doctype and comments skipped", webhook, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<!DOCTYPE note [<!ELEMENT note (#PCDATA)>]>\n<!-- c --><note>1</note>",
			"{\"note\":\"1\"}", ""},
		{"webhook: mixed content", webhook, "<a x=\"1\">text<b>c</b>more</a>",
			"{\"a\":{\"_\":\"textmore\",\"$\":{\"x\":\"1\"},\"b\":\"c\"}}", ""},
		{"webhook: dangerous names sanitized", webhook, "<__proto__ constructor=\"1\"><Prototype>2</Prototype></__proto__>",
			"{\"sanitized___proto__\":{\"$\":{\"sanitized_constructor\":\"1\"},\"sanitized_prototype\":\"2\"}}", ""},
		{"webhook: entities, HTML names included", webhook, "<a t=\"&quot;q&apos;\">&amp;&lt;&gt;&nbsp;&#233;&#x41;&copy;</a>",
			"{\"a\":{\"_\":\"&<>\u00a0\u00e9A\u00a9\",\"$\":{\"t\":\"\\\"q'\"}}}", ""},
		{"webhook: JavaScript whitespace includes no-break space", webhook, "<a>\u00a0\u00a0x\u00a0\u00a0y\u00a0</a>",
			"{\"a\":\"x y\"}", ""},
		{"webhook: byte order mark skipped", webhook, "\ufeff<a>bom</a>",
			"{\"a\":\"bom\"}", ""},
		{"webhook: only whitespace is null", webhook, "  \n ",
			"null", ""},
		{"webhook: first root wins", webhook, "<a>1</a><b>2</b>",
			"{\"a\":\"1\"}", ""},
		{"webhook: trailing text ignored", webhook, "<a>1</a>trailing",
			"{\"a\":\"1\"}", ""},
		{"webhook: empty element then text element repeated", webhook, "<a><b x=\"1\"/><b>t</b></a>",
			"{\"a\":{\"b\":[{\"$\":{\"x\":\"1\"}},\"t\"]}}", ""},
		{"webhook: first duplicate attribute wins", webhook, "<a b=\"1\" b=\"2\"/>",
			"{\"a\":{\"$\":{\"b\":\"1\"}}}", ""},
		{"webhook: interleaved repeats", webhook, "<a><b>1</b><c>2</c><b>3</b></a>",
			"{\"a\":{\"b\":[\"1\",\"3\"],\"c\":\"2\"}}", ""},
		{"webhook: nested objects", webhook, "<Root><User><Name>Ada</Name><Tags><Tag>x</Tag></Tags></User><User><Name>Bob</Name></User></Root>",
			"{\"root\":{\"user\":[{\"name\":\"Ada\",\"tags\":{\"tag\":\"x\"}},{\"name\":\"Bob\"}]}}", ""},
		{"webhook: error unexpected close tag", webhook, "<a><b></a>",
			"", "Unexpected close tag\nLine: 0\nColumn: 10\nChar: >"},
		{"webhook: error crossed tags", webhook, "<a><b></a></b>",
			"", "Unexpected close tag\nLine: 0\nColumn: 10\nChar: >"},
		{"webhook: error text before root", webhook, "text<a/>",
			"", "Non-whitespace before first tag.\nLine: 0\nColumn: 1\nChar: t"},
		{"webhook: error unexpected end", webhook, "<a",
			"", "Unexpected end\nLine: 0\nColumn: 2\nChar: "},
		{"webhook: error unquoted attribute", webhook, "<a b=1/>",
			"", "Unquoted attribute value\nLine: 0\nColumn: 6\nChar: 1"},
		{"webhook: error unknown entity", webhook, "<a>&foo;</a>",
			"", "Invalid character entity\nLine: 0\nColumn: 8\nChar: ;"},
		{"webhook: error unclosed root", webhook, "<a><b>1</b>",
			"", "Unclosed root tag\nLine: 0\nColumn: 11\nChar: "},
		{"webhook: error position on a later line", webhook, "<a>\n  <b>\n</a>",
			"", "Unexpected close tag\nLine: 2\nColumn: 4\nChar: >"},
		{"xml node: CR LF kept", xmlNode, "<a>\r\nline\r\n</a>",
			"{\"a\":\"\\r\\nline\\r\\n\"}", ""},
		{"xml node: attribute whitespace kept", xmlNode, "<a x=\"a\r\nb\tc\">t</a>",
			"{\"a\":{\"_\":\"t\",\"x\":\"a\\r\\nb\\tc\"}}", ""},
		{"xml node: whitespace-only CDATA kept", xmlNode, "<a><![CDATA[   ]]></a>",
			"{\"a\":\"   \"}", ""},
		{"xml node: tag case kept, attribute and child with the same name merge", xmlNode, "<A Id=\"1\" id=\"2\"><id>3</id><B>x</B></A>",
			"{\"A\":{\"Id\":\"1\",\"id\":[\"2\",\"3\"],\"B\":\"x\"}}", ""},
		{"xml node: text with CDATA space", xmlNode, "<a>x<![CDATA[ ]]></a>",
			"{\"a\":\"x \"}", ""},
		{"defaults: explicit arrays and attribute object", defaults, "<r a=\"1\"><c>x</c><c><d/></c></r>",
			"{\"r\":{\"$\":{\"a\":\"1\"},\"c\":[\"x\",{\"d\":[\"\"]}]}}", ""},
		{"defaults: text with attributes", defaults, "<r><p lang=\"en\"> hi </p></r>",
			"{\"r\":{\"p\":[{\"_\":\" hi \",\"$\":{\"lang\":\"en\"}}]}}", ""},
		{"trim without root", trimNoRoot, "<r><a>  x  y  </a><b>\n</b></r>",
			"{\"a\":\"x  y\",\"b\":\"\\n\"}", ""},
		{"ignore attributes", ignoreAttrs, "<r id=\"1\"><a x=\"2\">t</a><b y=\"3\"/></r>",
			"{\"r\":{\"a\":\"t\",\"b\":\"\"}}", ""},
		{"error: attribute without value before another attribute", webhook, "<a x y=\"1\"/>",
			"", "Attribute without value\nLine: 0\nColumn: 6\nChar: y"},
		{"error: slash right after an attribute name", webhook, "<a x/>",
			"", "Invalid attribute name\nLine: 0\nColumn: 5\nChar: /"},
		{"error: no whitespace between attributes", webhook, "<a x=\"1\"y=\"2\"/>",
			"", "No whitespace between attributes\nLine: 0\nColumn: 9\nChar: y"},
		{"error: entity without semicolon", webhook, "<a>&amp</a>",
			"", "Invalid character in entity name\nLine: 0\nColumn: 8\nChar: <"},
		{"error: character reference zero", webhook, "<a>&#0;</a>",
			"", "Invalid character entity\nLine: 0\nColumn: 7\nChar: ;"},
		{"character references: leading zeros, upper-case X", webhook, "<a>&#00065;&#X42;&#x63;</a>",
			"{\"a\":\"ABc\"}", ""},
		{"error: name starting with a digit", webhook, "<1a/>",
			"", "Unencoded <\nLine: 0\nColumn: 2\nChar: 1"},
		{"error: end tag with no element", webhook, "</a>",
			"", "Unmatched closing tag: a\nLine: 0\nColumn: 4\nChar: >"},
		{"whitespace after < and in tags", webhook, "< a x = \"1\" >t</a >",
			"{\"a\":{\"_\":\"t\",\"$\":{\"x\":\"1\"}}}", ""},
		{"comment-only document is null", webhook, "<!-- c -->",
			"null", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := xmljs.Parse(tc.xml, tc.opts)
			if tc.wantErr != "" {
				var se *xmljs.SyntaxError
				if !errors.As(err, &se) {
					t.Fatalf("error = %v, want a *SyntaxError", err)
				}
				if diff := cmp.Diff(tc.wantErr, err.Error()); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			b, err := nodes.MarshalJSON(got)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, string(b)); diff != "" {
				t.Errorf("JSON (-want +got):\n%s", diff)
			}
		})
	}
}
