package routing_test

import (
	"net/http"
	"testing"

	"github.com/noderun/noderun/nodes/routing"
)

// BenchmarkSingleItemRuns is a node run with one item, as in a loop that
// calls the Chatwoot node once per iteration: the per-run work (plan,
// credential, request options) dominates.
func BenchmarkSingleItemRuns(b *testing.B) {
	srv := newServer(b, nil, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		_, _ = w.Write([]byte(`{"id":7}`))
	})
	f := newFake(b, chatwootDesc(b), updateUserParams, 1)
	f.Creds = map[string]map[string]any{"chatwootApi": {"url": srv.URL, "accessToken": "tok"}}
	h := routing.New()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := h.Execute(f.Context); err != nil {
			b.Fatal(err)
		}
	}
}
