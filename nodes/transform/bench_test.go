package transform

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

func genItems(n int, seed uint64) []nodes.Item {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]nodes.Item, n)
	for i := range out {
		var id any = float64(r.IntN(n / 2))
		if r.IntN(10) == 0 {
			id = obj{"k": float64(r.IntN(n))} // structured keys too
		}
		out[i] = nodes.Item{JSON: obj{"id": id, "v": float64(i), "name": fmt.Sprint("n", r.IntN(100))}, PairedItem: nodes.One(nodes.Paired(i, 0))}
	}
	return out
}

// TestFindMatchesIndexAgreesWithScan checks the hash join against n8n's
// pairwise scan on random data.
func TestFindMatchesIndexAgreesWithScan(t *testing.T) {
	t.Parallel()
	in1, in2 := genItems(300, 1), genItems(300, 2)
	pairs := []fieldPair{{"id", "id"}}
	for _, mm := range []string{"all", "first"} {
		o := matchOptions{joinMode: "keepMatches", outputDataFrom: "both", multipleMatches: mm}
		got := findMatches(in1, in2, pairs, o)
		// reference: scan with strict equality
		var want matchResult
		matched := map[int]bool{}
		for _, e1 := range in1 {
			v1 := e1.Object()["id"]
			var found []nodes.Item
			for j, e2 := range in2 {
				if jsvalue.DeepEqual(v1, e2.Object()["id"]) {
					found = append(found, e2)
					matched[j] = true
					if mm == "first" {
						break
					}
				}
			}
			if len(found) == 0 {
				want.unmatched1 = append(want.unmatched1, e1)
				continue
			}
			want.addMatched(e1, found, o)
		}
		for j, e2 := range in2 {
			if matched[j] {
				want.matched2 = append(want.matched2, e2)
			} else {
				want.unmatched2 = append(want.unmatched2, e2)
			}
		}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(matchResult{}, entryMatches{})); diff != "" {
			t.Errorf("multipleMatches=%s (-scan +index):\n%s", mm, diff)
		}
	}
}

func BenchmarkMergeCombineByFields10k(b *testing.B) {
	in1, in2 := genItems(10000, 1), genItems(10000, 2)
	f := newFake("merge", 3.2, obj{"mode": "combine", "fieldsToMatchString": "id", "joinMode": "enrichInput1"}, in1, in2)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := executeMergeV3(f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSort10k(b *testing.B) {
	in := genItems(10000, 3)
	f := newFake("sort", 1, obj{"sortFieldsUi": obj{"sortField": arr{obj{"fieldName": "name"}, obj{"fieldName": "v", "order": "descending"}}}}, in)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := executeSort(f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSummarize10k(b *testing.B) {
	in := genItems(10000, 4)
	f := newFake("summarize", 1.1, obj{"fieldsToSummarize": obj{"values": arr{obj{"aggregation": "sum", "field": "v"}, obj{"aggregation": "countUnique", "field": "id"}}}, "fieldsToSplitBy": "name"}, in)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := executeSummarize(f); err != nil {
			b.Fatal(err)
		}
	}
}
