package nodes_test

import (
	"testing"

	"github.com/noderun/noderun/nodes"
)

// BenchmarkNodeParameters measures NodeParameters (called once per node
// run) on recorded cases: the 549-property Chatwoot description and a
// small core node.
func BenchmarkNodeParameters(b *testing.B) {
	cases, _, types := loadParamCases(b)
	for _, name := range []string{
		"handmade / chatwoot create contact with options",
		"handmade / dnsfilter update block page",
		"conformance/a-set-if / Edit Fields",
	} {
		b.Run(name, func(b *testing.B) {
			for _, c := range cases.Cases {
				if c.Name != name {
					continue
				}
				stored, err := nodes.DecodeJSON(c.Parameters)
				if err != nil {
					b.Fatal(err)
				}
				props := types[c.Type]
				b.ReportAllocs()
				for b.Loop() {
					nodes.NodeParameters(props, stored.(map[string]any), c.TypeVersion)
				}
				return
			}
			b.Fatalf("no case %q", name)
		})
	}
}
