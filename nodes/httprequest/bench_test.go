package httprequest_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/noderun/noderun/nodes"
)

// BenchmarkPerItemGET runs the node over 100 items, each a GET with a query
// parameter and a header from expressions, against a loopback server.
func BenchmarkPerItemGET(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"id":1,"name":"x"}`))
	}))
	defer srv.Close()
	in := make([]nodes.Item, 100)
	for i := range in {
		in[i] = nodes.Item{JSON: map[string]any{"term": "lamp", "n": float64(i)}}
	}
	f := newFake(b, 4.5, params(b, srv.URL, `{"url": "=BASE/items/{{ $json.n }}", "sendQuery": true,
		"queryParameters": {"parameters": [{"name": "q", "value": "={{ $json.term }}"}]},
		"sendHeaders": true, "headerParameters": {"parameters": [{"name": "X-Item", "value": "={{ $itemIndex }}"}]}}`), in)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		outs, err := f.run()
		if err != nil {
			b.Fatal(err)
		}
		if len(outs[0]) != len(in) {
			b.Fatalf("got %d items", len(outs[0]))
		}
	}
	b.ReportMetric(float64(b.N*len(in))/b.Elapsed().Seconds(), "items/s")
}
