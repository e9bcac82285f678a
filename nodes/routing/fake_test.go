package routing_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/routing"
)

// fakeCtx is a minimal nodes.ExecuteContext: parameters completed with
// defaults by nodes.NodeParameters, HTTP through httpx against httptest
// servers, credentials applied by an authenticate function. Expressions go
// through the real internal/expr evaluator.
type fakeCtx struct {
	node           *nodes.Node
	typ            *nodes.Type
	items          []nodes.Item
	creds          map[string]map[string]any
	continueOnFail bool
	authenticate   func(req *nodes.Request, credType string, data map[string]any)
	eval           func(v any, i int, extra map[string]any) (any, error)
	client         httpx.Client
	runIndex       int
	ctx            context.Context

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
	f := &fakeCtx{node: node, typ: &nodes.Type{Description: desc}, items: in}
	f.eval = func(v any, i int, extra map[string]any) (any, error) {
		return evaluator.Resolve(v, &expr.Data{
			ItemIndex: i, RunIndex: f.runIndex, Input: f.items, Vars: extra,
			Node: expr.NodeInfo{Name: f.node.Name, Type: f.node.Type, TypeVersion: f.node.TypeVersion, Parameters: f.node.Parameters},
		})
	}
	return f
}

// evaluator is the real expression engine, shared by all tests.
var evaluator = expr.New(expr.Options{})

func (f *fakeCtx) Context() context.Context {
	if f.ctx != nil {
		return f.ctx
	}
	return context.Background()
}
func (f *fakeCtx) Node() *nodes.Node        { return f.node }
func (f *fakeCtx) Type() *nodes.Type        { return f.typ }
func (f *fakeCtx) RunIndex() int            { return f.runIndex }
func (f *fakeCtx) Mode() string             { return "manual" }
func (f *fakeCtx) ContinueOnFail() bool     { return f.continueOnFail }
func (f *fakeCtx) State() map[string]any    { return map[string]any{} }
func (f *fakeCtx) Timezone() *time.Location { return time.UTC }
func (f *fakeCtx) Logger() *slog.Logger     { return slog.New(slog.DiscardHandler) }
func (f *fakeCtx) Services() nodes.Services { return nil }
func (f *fakeCtx) InputData(input int) []nodes.Item {
	if input != 0 {
		return nil
	}
	return f.items
}

func (f *fakeCtx) RawParam(path string) (any, bool) { return nodes.GetPath(f.node.Parameters, path) }

func (f *fakeCtx) Param(path string, i int, def any) (any, error) {
	v, ok := nodes.GetPath(f.node.Parameters, path)
	if !ok {
		return def, nil
	}
	return f.Evaluate(v, i, nil)
}

func (f *fakeCtx) Evaluate(v any, i int, extra map[string]any) (any, error) {
	if !containsExpr(v) {
		return v, nil
	}
	if f.eval == nil {
		return nil, fmt.Errorf("test has no expression evaluator for %v", v)
	}
	return f.eval(v, i, extra)
}

func containsExpr(v any) bool {
	switch x := v.(type) {
	case string:
		return strings.HasPrefix(x, "=")
	case map[string]any:
		for _, e := range x {
			if containsExpr(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if containsExpr(e) {
				return true
			}
		}
	}
	return false
}

func (f *fakeCtx) Credential(typeName string) (map[string]any, error) {
	d, ok := f.creds[typeName]
	if !ok {
		return nil, fmt.Errorf("node %q has no credential of type %q", f.node.Name, typeName)
	}
	return d, nil
}

func (f *fakeCtx) HTTP(ctx context.Context, req *nodes.Request, credType string) (*nodes.Response, error) {
	f.mu.Lock()
	f.credTypes = append(f.credTypes, credType)
	f.sent = append(f.sent, *req)
	f.mu.Unlock()
	if credType != "" && f.authenticate != nil {
		f.authenticate(req, credType, f.creds[credType])
	}
	return f.client.Do(ctx, req)
}

var _ nodes.ExecuteContext = (*fakeCtx)(nil)

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
