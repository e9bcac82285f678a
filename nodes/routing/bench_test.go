package routing_test

import (
	"net/http"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/noderun/noderun/nodes/routing"
)

// BenchmarkChatwootUpdateUser sends 10,000 items through the Chatwoot
// "Update A User" operation (548 properties, expressions in the URL and
// bodies) to a local httptest server, batching off, and reports requests
// per second and allocations per request.
func BenchmarkChatwootUpdateUser(b *testing.B) {
	const items = 10000
	body := []byte(`{"id":7,"name":"Ada","email":"ada@example.com"}`)
	srv := newServer(b, nil, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})
	desc := chatwootDesc(b)
	f := newFake(b, desc, updateUserParams, items)
	f.Creds = map[string]map[string]any{"chatwootApi": {"url": srv.URL, "accessToken": "tok"}}
	f.authenticate = chatwootAuth
	h := routing.New()
	if c := os.Getenv("ROUTING_BENCH_CONCURRENCY"); c != "" {
		h.Concurrency, _ = strconv.Atoi(c)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out, err := h.Execute(f.Context)
		if err != nil {
			b.Fatal(err)
		}
		if len(out[0]) != items {
			b.Fatalf("items = %d", len(out[0]))
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N*items)/sec, "requests/s")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N*items), "allocs/request")
}
