package files_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/noderun/noderun/nodes"
)

// BenchmarkExtractCSV10k parses a 10,000-row CSV file into items.
func BenchmarkExtractCSV10k(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("id,name,email,amount\n")
	for i := range 10000 {
		fmt.Fprintf(&sb, "%d,user %d,u%d@example.com,%d.%02d\n", i, i, i, i*3, i%100)
	}
	in := []nodes.Item{fileItem(sb.String(), "text/csv", "big.csv")}
	f := newFake(b, "extractFromFile", 1, obj{"operation": "csv"}, in)
	b.ReportAllocs()
	for b.Loop() {
		out, err := f.run()
		if err != nil || len(out) != 10000 {
			b.Fatalf("%d items, %v", len(out), err)
		}
	}
}

// BenchmarkConvertCSV10k writes 10,000 items into one CSV file.
func BenchmarkConvertCSV10k(b *testing.B) {
	in := make([]nodes.Item, 10000)
	for i := range in {
		in[i] = nodes.Item{JSON: obj{"id": float64(i), "name": fmt.Sprintf("user %d", i), "nested": obj{"ok": i%2 == 0}}}
	}
	f := newFake(b, "convertToFile", 1.1, obj{"operation": "csv"}, in)
	b.ReportAllocs()
	for b.Loop() {
		out, err := f.run()
		if err != nil || len(out) != 1 {
			b.Fatalf("%d items, %v", len(out), err)
		}
	}
}
