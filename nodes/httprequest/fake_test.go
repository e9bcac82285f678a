package httprequest_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
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
	"github.com/noderun/noderun/nodes/httprequest"
)

// fakeCtx is the shared test context (internal/nodetest) whose HTTP
// applies a few generic credential types the way the engine's credential
// manager does, then sends with httpx.
type fakeCtx struct {
	*nodetest.Context
	// sent records the credential type of every request.
	sent []string
}

// newFake builds a context for an HTTP Request node of version with the
// stored parameters and input items (lineage stamped as the engine does).
func newFake(t testing.TB, version float64, params map[string]any, items []nodes.Item) *fakeCtx {
	t.Helper()
	r := nodes.NewRegistry()
	if err := httprequest.Register(r); err != nil {
		t.Fatal(err)
	}
	typ, err := r.Lookup(httprequest.TypeName, version)
	if err != nil {
		t.Fatal(err)
	}
	if params == nil {
		params = map[string]any{}
	}
	node := &nodes.Node{Name: "HTTP Request", Type: httprequest.TypeName, TypeVersion: version,
		Parameters: nodes.NodeParameters(typ.Description.Properties, params, version)}
	if len(items) == 0 {
		items = []nodes.Item{{JSON: map[string]any{}}}
	}
	in := make([]nodes.Item, len(items))
	for i, it := range items {
		it.PairedItem = nodes.One(nodes.Paired(i, 0))
		in[i] = it
	}
	f := &fakeCtx{Context: nodetest.New(node, in)}
	f.NodeType = typ
	f.HTTPFunc = f.http
	return f
}

// run executes the node.
func (f *fakeCtx) run() (nodes.Outputs, error) { return f.NodeType.Handler.Execute(f.Context) }

// http applies httpHeaderAuth, httpQueryAuth, httpBasicAuth and
// httpBearerAuth credentials, then sends with httpx.
func (f *fakeCtx) http(ctx context.Context, req *nodes.Request, credType string) (*nodes.Response, error) {
	f.sent = append(f.sent, credType)
	if credType != "" {
		c, err := f.Credential(credType)
		if err != nil {
			return nil, err
		}
		r := *req
		r.Headers = map[string]any{}
		for k, v := range req.Headers {
			r.Headers[k] = v
		}
		switch credType {
		case "httpHeaderAuth":
			r.Headers[c["name"].(string)] = c["value"]
		case "httpBearerAuth":
			r.Headers["Authorization"] = "Bearer " + c["token"].(string)
		case "httpBasicAuth":
			r.Auth = &nodes.BasicAuth{Username: c["user"].(string), Password: c["password"].(string)}
		case "httpQueryAuth":
			q := map[string]any{}
			for k, v := range req.Query {
				q[k] = v
			}
			q[c["name"].(string)] = c["value"]
			r.Query = q
		}
		req = &r
	}
	return (&httpx.Client{UserAgent: "n8n"}).Do(ctx, req)
}

// recorded is one request a test server received.
type recorded struct {
	Method  string
	Path    string
	Query   string
	Headers map[string]string
	Body    string
}

// reply is what a test server answers.
type reply struct {
	Status  int
	Headers map[string]string
	Body    string
}

// server is an httptest server answering from a list of replies (the last
// one repeats; "BASE" in a body becomes the server's URL) and recording
// what it received.
type server struct {
	*httptest.Server
	mu      sync.Mutex
	replies []reply
	got     []recorded
}

func newServer(t testing.TB, replies ...reply) *server {
	t.Helper()
	s := &server{replies: replies}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h := map[string]string{}
	for k, vs := range r.Header {
		switch strings.ToLower(k) {
		case "accept-encoding", "user-agent", "content-length":
			continue
		}
		h[strings.ToLower(k)] = strings.Join(vs, ", ")
	}
	s.mu.Lock()
	s.got = append(s.got, recorded{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Headers: h, Body: string(body)})
	rep := reply{Status: 200, Body: "{}"}
	if n := len(s.got); len(s.replies) > 0 {
		if n > len(s.replies) {
			n = len(s.replies)
		}
		rep = s.replies[n-1]
	}
	s.mu.Unlock()
	ct := "application/json"
	for k, v := range rep.Headers {
		if strings.EqualFold(k, "content-type") {
			ct = v
			continue
		}
		w.Header().Set(k, v)
	}
	if ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Header()["Date"] = nil // no Date header, like the recording mock
	status := rep.Status
	if status == 0 {
		status = 200
	}
	w.WriteHeader(status)
	io.WriteString(w, strings.ReplaceAll(rep.Body, "BASE", s.URL))
}

// requests returns what the server received.
func (s *server) requests() []recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]recorded(nil), s.got...)
}

// plain converts output items into JSON-decoded values for comparison:
// [{json, pairedItem, binary?}].
func plain(t testing.TB, outs nodes.Outputs) []any {
	t.Helper()
	if len(outs) != 1 {
		t.Fatalf("want 1 output, got %d", len(outs))
	}
	b, err := json.Marshal(outs[0])
	if err != nil {
		t.Fatal(err)
	}
	var v []any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// decode parses a JSON literal for want values.
func decode(t testing.TB, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("decode %s: %v", s, err)
	}
	return v
}

// params decodes node parameters from JSON, replacing "BASE" by base.
func params(t testing.TB, base, s string) map[string]any {
	t.Helper()
	m, _ := decode(t, strings.ReplaceAll(s, "BASE", base)).(map[string]any)
	return m
}

// items decodes input items from a JSON array of objects.
func items(t testing.TB, s string) []nodes.Item {
	t.Helper()
	var objs []map[string]any
	if err := json.Unmarshal([]byte(s), &objs); err != nil {
		t.Fatal(err)
	}
	out := make([]nodes.Item, len(objs))
	for i, o := range objs {
		out[i] = nodes.Item{JSON: o}
	}
	return out
}

// b64 encodes s as base64.
func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// sortedKeys lists a map's keys in order.
func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
