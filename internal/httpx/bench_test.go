package httpx_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/nodes"
)

// BenchmarkClientDo measures one JSON PATCH round trip against a loopback
// httptest server, in parallel.
func BenchmarkClientDo(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":7,"name":"Ada"}`))
	}))
	defer srv.Close()
	var c httpx.Client
	b.ReportAllocs()
	b.SetParallelism(4)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := &nodes.Request{Method: "PATCH", BaseURL: srv.URL, URL: "/users/7", Body: map[string]any{"name": "Ada"}, JSON: true}
			if _, err := c.Do(context.Background(), req); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
