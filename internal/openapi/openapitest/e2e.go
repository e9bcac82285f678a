package openapitest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/routing"
)

// Recorded is one request an httptest server received.
type Recorded struct {
	Method string
	Path   string
	Query  string
	Header http.Header
	Body   string
}

// Reply is a canned answer for one method and path.
type Reply struct {
	Status int
	Body   any
}

// Server is an httptest server that records requests and answers them
// from a table keyed "METHOD /path"; unknown routes get 404.
type Server struct {
	*httptest.Server
	mu       sync.Mutex
	requests []Recorded
	replies  map[string][]Reply
}

// NewServer starts a recording server; it is closed with t's cleanup.
func NewServer(t testing.TB, replies map[string][]Reply) *Server {
	t.Helper()
	s := &Server{replies: replies}
	s.Server = httptest.NewServer(http.HandlerFunc(s.handle))
	t.Cleanup(s.Close)
	return s
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.requests = append(s.requests, Recorded{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: string(body)})
	key := r.Method + " " + r.URL.Path
	reply := Reply{Status: http.StatusNotFound, Body: map[string]any{"error": "not found"}}
	if rs := s.replies[key]; len(rs) > 0 {
		reply = rs[0]
		if len(rs) > 1 {
			s.replies[key] = rs[1:]
		}
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(reply.Status)
	_ = json.NewEncoder(w).Encode(reply.Body)
}

// Requests returns what the server received so far.
func (s *Server) Requests() []Recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Recorded(nil), s.requests...)
}

// Integration is what a bundled integration gives the harness.
type Integration struct {
	// Description is the node's description.json.
	Description []byte
	// CredentialTypes is the node's credentials.json.
	CredentialTypes []byte
	// BaseURL, when set, replaces requestDefaults.baseURL (for nodes
	// whose base URL is fixed rather than taken from the credential).
	BaseURL string
}

// manualTrigger is a stand-in for n8n's Manual Trigger so that the example
// workflows run without the core node package: it passes its input on.
var manualTrigger = &nodes.Type{
	Description: &nodes.Description{
		DisplayName: "When clicking 'Execute workflow'", Name: "n8n-nodes-base.manualTrigger",
		Group: []string{"trigger"}, Version: nodes.Versions{1}, Outputs: []any{"main"}, Properties: []*nodes.Property{},
	},
	Handler: nodes.HandlerFunc(func(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
		in := ctx.InputData(0)
		if len(in) == 0 {
			in = []nodes.Item{{JSON: map[string]any{}}}
		}
		return nodes.Outputs{in}, nil
	}),
}

// RunExample runs the example workflow file with the integration
// registered (through routing.Register, as the bundle does) and creds in a
// memory store, after mutate (optional) changed the workflow. It returns
// the run result.
// Optional run options (for example Input items for the trigger) may follow.
func RunExample(t testing.TB, file string, in Integration, creds []*credentials.Credential, mutate func(*engine.Workflow), runOpts ...engine.RunOptions) *engine.Result {
	t.Helper()
	reg := nodes.NewRegistry()
	var err error
	if err = reg.Register(manualTrigger); err != nil {
		t.Fatal(err)
	}
	desc := in.Description
	if in.BaseURL != "" {
		var d map[string]any
		if err := json.Unmarshal(desc, &d); err != nil {
			t.Fatal(err)
		}
		d["requestDefaults"].(map[string]any)["baseURL"] = in.BaseURL
		if desc, err = json.Marshal(d); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := routing.Register(reg, desc); err != nil {
		t.Fatal(err)
	}
	types := credentials.BuiltinTypes()
	list, err := credentials.LoadTypes(in.CredentialTypes)
	if err != nil {
		t.Fatal(err)
	}
	for _, ct := range list {
		if err := types.Register(ct); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	wf, err := engine.Parse(data, file, engine.Selector{})
	if err != nil {
		t.Fatal(err)
	}
	if mutate != nil {
		mutate(wf)
	}
	client := &httpx.Client{}
	mgr := credentials.NewManager(types, credentials.NewMemoryStore(creds...))
	eng := engine.New(reg,
		engine.WithSender(client.Do),
		engine.WithDeclarativeHandler(routing.New()),
		engine.WithCredentials(&provider{m: mgr}),
	)
	var opts engine.RunOptions
	if len(runOpts) > 0 {
		opts = runOpts[0]
	}
	res, err := eng.Run(context.Background(), wf, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// provider adapts a credentials.Manager to the engine.
type provider struct{ m *credentials.Manager }

// Data implements engine.CredentialProvider.
func (p *provider) Data(ctx context.Context, node *nodes.Node, typeName string) (map[string]any, error) {
	return p.m.Data(ctx, node.Credentials[typeName], typeName)
}

// Do implements engine.CredentialProvider.
func (p *provider) Do(ctx context.Context, node *nodes.Node, typeName string, req *nodes.Request, send engine.Sender) (*nodes.Response, error) {
	cred, err := p.m.Resolve(ctx, node.Credentials[typeName], typeName)
	if err != nil {
		return nil, err
	}
	return p.m.Do(ctx, cred, req, send)
}

// OutputJSON returns the json of node's output items (last run, output 0).
func OutputJSON(t testing.TB, res *engine.Result, node string) []any {
	t.Helper()
	items, ok := res.Output(node, 0, -1)
	if !ok {
		t.Fatalf("node %q has no output (status %s, error %v)", node, res.Status, res.Error)
	}
	out := make([]any, len(items))
	for i, it := range items {
		b, err := json.Marshal(it.JSON)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		out[i] = v
	}
	return out
}

// JSONBody decodes a recorded JSON body (nil when empty).
func JSONBody(t testing.TB, body string) any {
	t.Helper()
	if strings.TrimSpace(body) == "" {
		return nil
	}
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("request body %q: %v", body, err)
	}
	return v
}
