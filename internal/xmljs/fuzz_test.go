package xmljs_test

import (
	"strings"
	"testing"

	"github.com/noderun/noderun/internal/xmljs"
)

// FuzzParse checks that Parse never panics and that a document it accepts
// survives a Build and re-Parse without error.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"<a>1</a>", "<a x='1'><b/><b>t</b></a>", "<!DOCTYPE a [<!ENTITY x 'y'>]><a>&amp;</a>",
		"<a><![CDATA[x]]></a>", "<a", "<a b=1/>", "\ufeff<a/>", "<?xml version='1.0'?><A:b xmlns:A='u'/>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, o := range []xmljs.ParseOptions{xmljs.WebhookParseOptions(), xmljs.DefaultParseOptions()} {
			v, err := xmljs.Parse(s, o)
			if err != nil || v == nil {
				continue
			}
			out := xmljs.Build(v, xmljs.DefaultBuildOptions())
			if !strings.HasPrefix(out, "<?xml") {
				t.Fatalf("Build(%v) = %q", v, out)
			}
		}
	})
}

// BenchmarkParseWebhook parses a small order document with n8n's webhook
// options.
func BenchmarkParseWebhook(b *testing.B) {
	doc := `<?xml version="1.0"?><Order id="7"><Customer><Name>Ada</Name><Email>ada@example.com</Email></Customer>` +
		strings.Repeat(`<Item sku="x1"><Qty>2</Qty><Price>9.50</Price></Item>`, 20) + `</Order>`
	o := xmljs.WebhookParseOptions()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := xmljs.Parse(doc, o); err != nil {
			b.Fatal(err)
		}
	}
}
