package nodes

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// Handler runs a programmatic node once per node run.
type Handler interface {
	Execute(ctx ExecuteContext) (Outputs, error)
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx ExecuteContext) (Outputs, error)

// Execute calls f.
func (f HandlerFunc) Execute(ctx ExecuteContext) (Outputs, error) { return f(ctx) }

// ExecuteContext is what a node handler sees of the running workflow (n8n's
// IExecuteFunctions). The engine implements it.
type ExecuteContext interface {
	// Context is cancelled when the run is cancelled or times out.
	Context() context.Context
	// Node is the workflow node, parameters completed with defaults.
	Node() *Node
	// Type is the node's registered type.
	Type() *Type
	// RunIndex counts earlier runs of this node in the execution.
	RunIndex() int
	// Mode is the execution mode ("manual", "cli", "trigger", ...).
	Mode() string
	// InputData returns the items on main input index (nil when none).
	InputData(input int) []Item
	// Param resolves the node parameter at path ("options.dotNotation",
	// "rules.values") for item itemIndex, expressions evaluated; def is
	// returned when the parameter is absent.
	Param(path string, itemIndex int, def any) (any, error)
	// RawParam returns the stored (unresolved) parameter at path.
	RawParam(path string) (any, bool)
	// Evaluate resolves every expression in value for item itemIndex with
	// extra variables ($value, $response ...) added.
	Evaluate(value any, itemIndex int, extra map[string]any) (any, error)
	// ContinueOnFail reports whether item errors become output items.
	ContinueOnFail() bool
	// Credential returns the decrypted data of the node's credential of
	// the given type, with defaults applied and expressions resolved.
	Credential(typeName string) (map[string]any, error)
	// HTTP sends a request, authenticated with the node's credential of
	// credType when it is not empty (n8n's httpRequestWithAuthentication).
	HTTP(ctx context.Context, req *Request, credType string) (*Response, error)
	// State is the node's context data that persists across its runs in
	// one execution (n8n's getContext("node")).
	State() map[string]any
	// Timezone is the workflow's timezone.
	Timezone() *time.Location
	// Logger logs with the node's name attached.
	Logger() *slog.Logger
	// Services gives access to engine services for nodes that need them
	// (sub-workflow execution, binary storage); nil values are allowed.
	Services() Services
	// PutExecutionToWait pauses the execution after this node's run until
	// till (WaitIndefinitely: until its webhook is called), as n8n's
	// putExecutionToWait. It fails when the run cannot wait (no server
	// to resume it, for example noderun run); the node then decides.
	PutExecutionToWait(till time.Time) error
	// SendResponse answers the HTTP request that started the execution
	// (Respond to Webhook). It fails when there is no request waiting for
	// a response.
	SendResponse(resp *WebhookResponse) error
}

// WaitIndefinitely is n8n's WAIT_INDEFINITELY: an execution waiting for
// a webhook call with no time limit.
var WaitIndefinitely = time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)

// WebhookResponse is the reply a node sends to the request that started
// the execution (n8n's IN8nHttpFullResponse).
type WebhookResponse struct {
	// StatusCode defaults to 200.
	StatusCode int
	// Headers are sent as given.
	Headers map[string]string
	// Body is written as is: []byte or string raw, anything else as JSON.
	Body any
}

// Services are engine facilities exposed to nodes beyond n8n's basics.
type Services interface {
	// RunSubWorkflow runs a workflow given as JSON or a reference with
	// input items and returns the output of its last node.
	RunSubWorkflow(ctx context.Context, ref SubWorkflowRef, items []Item) ([]Item, error)
}

// SubWorkflowRef points at a workflow for Execute Workflow.
type SubWorkflowRef struct {
	ID   string
	Path string
	JSON []byte
}

// Request is an HTTP request in n8n's IHttpRequestOptions shape.
type Request struct {
	Method  string
	URL     string
	BaseURL string
	// Query is n8n's qs; arrays encode with ArrayFormat (default indices).
	Query   map[string]any
	Headers map[string]any
	// Body is a JSON-able value, a string, or []byte.
	Body any
	// Auth is HTTP Basic authentication.
	Auth *BasicAuth
	// JSON asks for a JSON response (Accept: application/json).
	JSON bool
	// Encoding "arraybuffer" keeps the body as bytes.
	Encoding string
	// ArrayFormat is "indices" (default), "brackets", "repeat" or "comma".
	ArrayFormat string
	// IgnoreHTTPStatusErrors accepts non-2xx replies (true, or a map
	// {ignore: true, except: [codes]}).
	IgnoreHTTPStatusErrors       any
	SkipSSLCertificateValidation bool
	DisableFollowRedirect        bool
	// Timeout of the whole exchange; 0 means n8n's default of 300 s.
	Timeout time.Duration
	// Proxy URL, empty for none.
	Proxy string
}

// BasicAuth is a username and password for HTTP Basic authentication.
type BasicAuth struct {
	Username string
	Password string
}

// Response is a received HTTP response.
type Response struct {
	StatusCode    int
	StatusMessage string
	Headers       http.Header
	// Body is the parsed JSON value when the body is JSON, else the text,
	// or []byte with Encoding "arraybuffer".
	Body any
	// Raw is the body as received.
	Raw []byte
}

// HeaderMap returns the headers as n8n exposes them: lower-case names,
// one string per name (several values joined by ", ").
func (r *Response) HeaderMap() map[string]any {
	m := make(map[string]any, len(r.Headers))
	for k, vs := range r.Headers {
		key := toLower(k)
		if len(vs) == 1 {
			m[key] = vs[0]
		} else {
			s := ""
			for i, v := range vs {
				if i > 0 {
					s += ", "
				}
				s += v
			}
			m[key] = s
		}
	}
	return m
}

func toLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}
