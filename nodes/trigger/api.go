package trigger

import (
	"errors"
	"net/http"
	"time"

	"github.com/noderun/noderun/nodes"
)

// errTODO marks the contract stubs the implementation replaces.
var errTODO = errors.New("trigger: not implemented yet")

// Webhook is a Webhook node's (or a Wait node's "On Webhook Call") HTTP
// endpoint, read from its parameters with defaults applied.
type Webhook struct {
	// Node is the node's name.
	Node string
	// Methods are the accepted HTTP methods (several with multipleMethods;
	// the item then goes to the output of its method's index).
	Methods []string
	// Path is the node's path parameter ("" for a Wait node), with
	// ":name" segments as path parameters.
	Path string
	// WebhookID is the node's webhookId.
	WebhookID string
	// Authentication is none, basicAuth, headerAuth or jwtAuth.
	Authentication string
	// ResponseMode is onReceived, lastNode or responseNode.
	ResponseMode string
}

// WebhookOf returns the endpoint of a Webhook node or of a Wait node that
// resumes on a webhook call; ok is false for other nodes. typ gives the
// parameter defaults.
func WebhookOf(node *nodes.Node, typ *nodes.Type) (w *Webhook, ok bool, err error) {
	return nil, false, errTODO
}

// Credentials reads a credential of the webhook node for Authenticate.
type Credentials func(typeName string) (map[string]any, error)

// Authenticate checks r against the node's authentication (n8n's
// messages and codes: 401 with WWW-Authenticate for basic auth, 403 for a
// wrong header value). The error is an *HTTPError.
func (w *Webhook) Authenticate(r *http.Request, creds Credentials) error { return errTODO }

// HTTPError is a webhook request refused with a status code and message.
type HTTPError struct {
	Code    int
	Message string
	Header  http.Header
}

func (e *HTTPError) Error() string { return e.Message }

// Output builds what the webhook node emits for request r (n8n's
// {headers, params, query, body} item, binary for files and raw bodies):
// outputs has one list per output, the item on its method's output.
// pathParams are the values of the path's ":name" segments.
func (w *Webhook) Output(r *http.Request, pathParams map[string]string, webhookURL, mode string) (nodes.Outputs, error) {
	return nil, errTODO
}

// ReceivedResponse is the reply sent at once in responseMode onReceived
// (also the reply to a request that started an execution in lastNode
// mode when the run fails to start).
func (w *Webhook) ReceivedResponse() *nodes.WebhookResponse { return nil }

// LastNodeResponse is the reply in responseMode lastNode from the items
// of the last node executed (options responseData firstEntryJson,
// firstEntryBinary, allEntries, noData).
func (w *Webhook) LastNodeResponse(items []nodes.Item) (*nodes.WebhookResponse, error) {
	return nil, errTODO
}

// Schedule is when a Schedule Trigger or Cron node fires.
type Schedule interface {
	// Next is the first firing strictly after t.
	Next(t time.Time) time.Time
}

// ScheduleOf returns the schedule of a Schedule Trigger or Cron node in
// time zone tz; ok is false for other nodes.
func ScheduleOf(node *nodes.Node, typ *nodes.Type, tz *time.Location) (s Schedule, ok bool, err error) {
	return nil, false, errTODO
}

// ScheduleItem is the item a schedule trigger emits when it fires at t
// (Schedule Trigger: timestamp, "Readable date", ...; Cron: empty item).
func ScheduleItem(node *nodes.Node, t time.Time, tz *time.Location) nodes.Item {
	return nodes.Item{JSON: map[string]any{}}
}
