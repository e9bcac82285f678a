package routing_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/internal/nodetest"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/routing"
)

// fakeCtx is the shared test context (internal/nodetest) whose HTTP
// records each request and its credential type, applies the credential
// with authenticate, and sends with httpx against httptest servers.
type fakeCtx struct {
	*nodetest.Context
	authenticate func(req *nodes.Request, credType string, data map[string]any)
	client       httpx.Client

	mu        sync.Mutex
	credTypes []string
	sent      []nodes.Request
}

func newFake(t testing.TB, desc *nodes.Description, params map[string]any, items int) *fakeCtx {
	t.Helper()
	version := desc.Version[0]
	node := &nodes.Node{Name: "Svc", Type: desc.Name, TypeVersion: version,
		Parameters: nodes.NodeParameters(desc.Properties, params, version)}
	in := make([]nodes.Item, items)
	for i := range in {
		in[i] = nodes.Item{JSON: map[string]any{"i": float64(i)}}
	}
	f := &fakeCtx{Context: nodetest.New(node, in)}
	f.NodeType = &nodes.Type{Description: desc}
	f.HTTPFunc = f.http
	return f
}

func (f *fakeCtx) http(ctx context.Context, req *nodes.Request, credType string) (*nodes.Response, error) {
	f.mu.Lock()
	f.credTypes = append(f.credTypes, credType)
	f.sent = append(f.sent, *req)
	f.mu.Unlock()
	if credType != "" && f.authenticate != nil {
		f.authenticate(req, credType, f.Creds[credType])
	}
	return f.client.Do(ctx, req)
}

// wireRequest is what the test server received.
type wireRequest struct {
	Method string
	Path   string
	Query  string
	Body   string
	Header map[string]string
}

// server is an httptest server answering with reply and recording requests
// in arrival order. Only headers named in keep are recorded.
type server struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []wireRequest
}

func newServer(t testing.TB, keep []string, reply func(w http.ResponseWriter, r *http.Request, body []byte)) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		wr := wireRequest{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Body: string(body)}
		for _, h := range keep {
			if v := r.Header.Get(h); v != "" {
				if wr.Header == nil {
					wr.Header = map[string]string{}
				}
				wr.Header[h] = v
			}
		}
		s.mu.Lock()
		s.reqs = append(s.reqs, wr)
		s.mu.Unlock()
		reply(w, r, body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) requests() []wireRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]wireRequest(nil), s.reqs...)
	return out
}

// jsonReply answers with status and a JSON body.
func jsonReply(status int, body any) func(http.ResponseWriter, *http.Request, []byte) {
	return func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	}
}

// loadDesc loads a JSON description with the server's URL substituted
// for {{BASE}}.
func loadDesc(t testing.TB, js string, base string) *nodes.Description {
	t.Helper()
	d, err := routing.LoadDescription([]byte(strings.ReplaceAll(js, "{{BASE}}", base)))
	if err != nil {
		t.Fatalf("LoadDescription: %v", err)
	}
	return d
}

// itemsJSON renders items as their JSON form (json, pairedItem when set, a reduced error) for diffs.
func itemsJSON(t testing.TB, out nodes.Outputs) []any {
	t.Helper()
	if len(out) != 1 {
		t.Fatalf("outputs = %d, want 1", len(out))
	}
	var res []any
	for _, it := range out[0] {
		b, err := json.Marshal(it)
		if err != nil {
			t.Fatalf("marshal item: %v", err)
		}
		var v map[string]any
		_ = json.Unmarshal(b, &v)
		if it.PairedItem.IsZero() {
			delete(v, "pairedItem")
		}
		if e, ok := v["error"].(map[string]any); ok {
			v["error"] = map[string]any{"message": e["message"], "httpCode": e["httpCode"], "description": e["description"]}
		}
		res = append(res, v)
	}
	return res
}

func sortedHeaderNames(h map[string]string) []string {
	var out []string
	for k := range h {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// nodeErr extracts a *nodes.NodeError.
func nodeErr(t testing.TB, err error) *nodes.NodeError {
	t.Helper()
	var ne *nodes.NodeError
	if !errors.As(err, &ne) {
		t.Fatalf("error %v (%T) is not a NodeError", err, err)
	}
	return ne
}
