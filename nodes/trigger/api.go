package trigger

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/noderun/noderun/nodes"
)

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
	// Suffix is a Wait node's webhookSuffix option: the path appended to
	// its resume URL ("" for a Webhook node).
	Suffix string

	// nodeID is the node's id (basic auth's x-auth-token).
	nodeID string
	// version is the node's typeVersion.
	version float64
	// wait is true for a Wait node.
	wait bool
	// params are the node's parameters with defaults.
	params map[string]any
	// jwtClaims carries a verified JWT payload from Authenticate to
	// Output, keyed by request.
	jwtClaims *sync.Map
}

// WebhookOf returns the endpoint of a Webhook node or of a Wait node that
// resumes on a webhook call; ok is false for other nodes (and disabled
// ones, which n8n does not register). typ gives the parameter defaults.
func WebhookOf(node *nodes.Node, typ *nodes.Type) (w *Webhook, ok bool, err error) {
	if node == nil || node.Disabled {
		return nil, false, nil
	}
	switch node.Type {
	case WebhookType, WaitType:
	default:
		return nil, false, nil
	}
	params := paramsOf(node, typ)
	w = &Webhook{
		Node: node.Name, WebhookID: node.WebhookID, nodeID: node.ID, version: node.TypeVersion,
		params: params, jwtClaims: &sync.Map{},
		ResponseMode: str(params, "responseMode", "onReceived"),
	}
	for _, key := range []string{"httpMethod", "path", "authentication", "incomingAuthentication", "responseMode", "multipleMethods"} {
		if isExpression(node.Parameters[key]) {
			return nil, false, fmt.Errorf("node %q: parameter %q is an expression; webhook endpoints need a fixed value", node.Name, key)
		}
	}
	if node.Type == WaitType {
		if str(params, "resume", "timeInterval") != "webhook" {
			return nil, false, nil
		}
		w.wait = true
		w.Authentication = str(params, "incomingAuthentication", "none")
		w.Suffix = strings.Trim(jsString(object(params, "options")["webhookSuffix"]), "/")
		if isExpression(w.Suffix) {
			return nil, false, fmt.Errorf("node %q: option webhookSuffix is an expression; webhook endpoints need a fixed value", node.Name)
		}
	} else {
		w.Authentication = str(params, "authentication", "none")
		w.Path = strings.TrimPrefix(str(params, "path", ""), "/")
	}
	switch m := params["httpMethod"].(type) {
	case []any:
		for _, v := range m {
			w.Methods = append(w.Methods, strings.ToUpper(jsString(v)))
		}
	case string:
		w.Methods = []string{strings.ToUpper(m)}
	}
	if len(w.Methods) == 0 {
		w.Methods = []string{http.MethodGet}
	}
	return w, true, nil
}

// RoutePath is the path n8n serves the node under, after /webhook/: the
// path, prefixed with the webhookId when it has ":name" segments (n8n's
// getNodeWebhookUrl), or the webhookId when the path is empty. A Wait
// node's is its Suffix (under the execution's resume URL).
func (w *Webhook) RoutePath() string {
	if w.wait {
		return w.Suffix
	}
	p := w.Path
	if w.WebhookID != "" && (strings.HasPrefix(p, ":") || strings.Contains(p, "/:")) {
		return w.WebhookID + "/" + p
	}
	if p == "" {
		return w.WebhookID
	}
	return p
}

// Match reports whether a request path (after /webhook/) matches the
// RoutePath, returning the values of its ":name" segments.
func (w *Webhook) Match(path string) (map[string]string, bool) {
	want := strings.Split(strings.Trim(w.RoutePath(), "/"), "/")
	got := strings.Split(strings.Trim(path, "/"), "/")
	if len(want) != len(got) {
		return nil, false
	}
	params := map[string]string{}
	for i, seg := range want {
		if strings.HasPrefix(seg, ":") && got[i] != "" {
			params[seg[1:]] = got[i]
			continue
		}
		if seg != got[i] {
			return nil, false
		}
	}
	return params, true
}

// AcceptsMethod reports whether method is one of Methods.
func (w *Webhook) AcceptsMethod(method string) bool {
	for _, m := range w.Methods {
		if strings.EqualFold(m, method) {
			return true
		}
	}
	return false
}

// Credentials reads a credential of the webhook node for Authenticate.
type Credentials func(typeName string) (map[string]any, error)

// Authenticate checks r against the node's authentication (n8n's
// messages and codes: 401 with WWW-Authenticate for basic auth, 403 for a
// wrong header value). The error is an *HTTPError.
func (w *Webhook) Authenticate(r *http.Request, creds Credentials) error {
	return w.authenticate(r, creds)
}

// HTTPError is a webhook request refused with a status code and message.
type HTTPError struct {
	Code    int
	Message string
	Header  http.Header
	// Hint is n8n's description of the problem, "" when none.
	Hint string
}

func (e *HTTPError) Error() string { return e.Message }

// Output builds what the webhook node emits for request r (n8n's
// {headers, params, query, body} item, binary for files and raw bodies):
// outputs has one list per output, the item on its method's output.
// pathParams are the values of the path's ":name" segments.
func (w *Webhook) Output(r *http.Request, pathParams map[string]string, webhookURL, mode string) (nodes.Outputs, error) {
	return w.output(r, pathParams, webhookURL, mode)
}

// ReceivedResponse is the reply sent at once in responseMode onReceived
// (also the reply to a request that started an execution in lastNode
// mode when the run fails to start). A nil Body means no body.
func (w *Webhook) ReceivedResponse() *nodes.WebhookResponse { return w.receivedResponse() }

// LastNodeResponse is the reply in responseMode lastNode from the items
// of the last node executed (options responseData firstEntryJson,
// firstEntryBinary, allEntries, noData). The error is an *HTTPError (500
// with n8n's message) when there is nothing to reply with.
func (w *Webhook) LastNodeResponse(items []nodes.Item) (*nodes.WebhookResponse, error) {
	return w.lastNodeResponse(items)
}

// Schedule is when a Schedule Trigger or Cron node fires.
type Schedule interface {
	// Next is the first firing strictly after t.
	Next(t time.Time) time.Time
}

// ScheduleOf returns the schedule of a Schedule Trigger or Cron node of
// workflow workflowID in time zone tz; ok is false for other nodes (and
// disabled ones). The workflow and node ids seed the minutes and seconds
// n8n picks for a rule that leaves them open, so every instance fires at
// the same moment n8n would.
func ScheduleOf(workflowID string, node *nodes.Node, typ *nodes.Type, tz *time.Location) (s Schedule, ok bool, err error) {
	return scheduleOf(workflowID, node, typ, tz)
}

// ScheduleItem is the item a schedule trigger emits when it fires at t
// (Schedule Trigger: timestamp, "Readable date", ...; Cron: empty item).
func ScheduleItem(node *nodes.Node, t time.Time, tz *time.Location) nodes.Item {
	if node != nil && node.Type == ScheduleTriggerType {
		return nodes.Item{JSON: scheduleItemJSON(t, tz)}
	}
	return nodes.Item{JSON: map[string]any{}}
}
