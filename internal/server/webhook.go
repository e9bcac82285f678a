package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/internal/queue"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/trigger"
)

// Response modes of Webhook and Wait nodes.
const (
	modeOnReceived   = "onReceived"
	modeLastNode     = "lastNode"
	modeResponseNode = "responseNode"
)

// productionHint is n8n's hint on a production webhook that is not
// registered.
const productionHint = "The workflow must be active for a production URL to run successfully. You can activate the workflow using the toggle in the top-right of the editor. Note that unlike test URL calls, production URL calls aren't shown on the canvas (only in the executions list)"

// problemMessage is n8n's reply when an execution could not be started
// or answered.
const problemMessage = "There was a problem executing the workflow"

// maxResponseWait bounds how long a webhook call waits for the reply of
// Respond to Webhook.
const maxResponseWait = 24 * time.Hour

// responseGrace is how long a reply of Respond to Webhook may trail the
// final outcome of its execution (they travel on different subjects; the
// reply is sent first, so this only matters on a very loaded machine, and
// it delays only runs that end without replying).
const responseGrace = 2 * time.Second

// serveWebhook answers /webhook/{path}: a Webhook node of an active
// workflow starts an execution.
func (s *Server) serveWebhook(w http.ResponseWriter, r *http.Request) {
	path := trimSlashes(r.PathValue("path"))
	method := r.Method
	if !supportedMethod(method) {
		writeUnexpected(w, fmt.Sprintf("The method %s is not supported.", method))
		return
	}
	if method == http.MethodOptions || r.Header.Get("Origin") != "" {
		if !s.cors(w, r, path) {
			return
		}
		if method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	ep, params := s.router.match(method, path)
	if ep == nil {
		writeError(w, http.StatusNotFound, notRegisteredMessage(method, path, s.router.methods(path)), productionHint)
		return
	}
	// The Webhook node checks its configuration first, before
	// authentication; a failure is an execution (n8n's invokeWebhook).
	if err := checkResponseMode(ep.wf.WF, ep.hook); err != nil {
		s.failStart(w, r, ep, webhookNodeError{err: err, configuration: true})
		return
	}
	if !s.authenticate(w, r, ep.node, ep.hook) {
		return
	}
	outputs, err := ep.hook.Output(r, params, s.baseURL+"/webhook/"+ep.urlPath(), "production")
	if err != nil {
		var he *trigger.HTTPError
		if errors.As(err, &he) && he.Code < http.StatusInternalServerError {
			// The request was refused before the node ran (n8n parses
			// the body first): no execution.
			writeOutputError(w, err)
			return
		}
		s.failStart(w, r, ep, webhookNodeError{err: err})
		return
	}
	input, index, ok := startItems(outputs)
	if !ok {
		// Only Run If said no: n8n's default reply, with the node's
		// response code and headers.
		resp := ep.hook.ReceivedResponse()
		setHeaders(w, resp)
		writeJSON(w, statusOf(resp), map[string]any{"message": "Webhook call received"})
		return
	}
	id := executions.NewID()
	call := s.prepareCall(r.Context(), id, ep.hook)
	defer call.close()
	if call.err != nil {
		s.logger.Error("webhook: subscribing to the response", "workflow", ep.wf.ID, "error", call.err)
		writeUnexpected(w, problemMessage)
		return
	}
	if err := s.start(r.Context(), id, ep.wf, startRequest{mode: "webhook", startNode: ep.node.Name, input: input, inputIndex: index, respond: call.responses != nil}); err != nil {
		s.logger.Error("webhook: starting the execution", "workflow", ep.wf.ID, "error", err)
		writeUnexpected(w, problemMessage)
		return
	}
	s.reply(w, r, ep.hook, call)
}

// serveWaitingWebhook answers /webhook-waiting/{id}[/{suffix}]: the Wait
// node of a waiting execution resumes it (n8n's WaitingWebhooks).
func (s *Server) serveWaitingWebhook(w http.ResponseWriter, r *http.Request) {
	if !supportedMethod(r.Method) {
		writeUnexpected(w, fmt.Sprintf("The method %s is not supported.", r.Method))
		return
	}
	if r.Method == http.MethodOptions {
		// n8n's handler answers preflights of waiting webhooks with no
		// CORS headers of their own.
		w.WriteHeader(http.StatusNoContent)
		return
	}
	id := r.PathValue("id")
	suffix := trimSlashes(r.PathValue("suffix"))
	e, err := s.cfg.Store.Get(r.Context(), id)
	if errors.Is(err, executions.ErrNotFound) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("The execution %q does not exist.", id), "")
		return
	}
	if err != nil {
		writeUnexpected(w, err.Error())
		return
	}
	switch {
	case e.Status == executions.StatusRunning || e.Status == executions.StatusNew || (e.Status == executions.StatusWaiting && s.isResuming(e)):
		writeError(w, http.StatusConflict, fmt.Sprintf("The execution %q is running already.", id), "")
		return
	case e.Status == executions.StatusError || e.Status == executions.StatusCrashed:
		writeError(w, http.StatusConflict, fmt.Sprintf("The execution %q has finished with error.", id), "")
		return
	case e.Status != executions.StatusWaiting:
		// n8n's message, unbalanced quote included.
		writeError(w, http.StatusConflict, fmt.Sprintf("The execution \"%s has finished already.", id), "")
		return
	}
	node, hook, ok := s.waitingWebhook(e, r.Method, suffix)
	if node == nil {
		writeError(w, http.StatusNotFound, "Could not find node to process webhook.", "")
		return
	}
	if !ok {
		writeError(w, http.StatusNotFound, fmt.Sprintf("The workflow for execution %q does not contain a waiting webhook with a matching path/method.", id), "")
		return
	}
	if !s.authenticate(w, r, node, hook) {
		return
	}
	outputs, err := hook.Output(r, map[string]string{}, s.resumeURL(id), "production")
	if err != nil {
		var he *trigger.HTTPError
		if errors.As(err, &he) && he.Code < http.StatusInternalServerError {
			writeOutputError(w, err)
			return
		}
		// n8n answers and leaves the execution waiting.
		s.logger.Warn("waiting webhook: the Wait node failed", "execution", id, "node", node.Name, "error", err)
		writeUnexpected(w, startFailedMessage)
		return
	}
	input, _, _ := startItems(outputs)
	if input == nil {
		input = []nodes.Item{}
	}
	call := s.prepareCall(r.Context(), id, hook)
	defer call.close()
	if call.err != nil {
		s.logger.Error("waiting webhook: subscribing to the response", "execution", id, "error", call.err)
		writeUnexpected(w, problemMessage)
		return
	}
	_, queued, err := s.resume(r.Context(), e, input, call.responses != nil)
	if err != nil {
		s.logger.Error("waiting webhook: resuming", "execution", id, "error", err)
		writeUnexpected(w, problemMessage)
		return
	}
	if !queued {
		writeError(w, http.StatusConflict, fmt.Sprintf("The execution %q is running already.", id), "")
		return
	}
	s.reply(w, r, hook, call)
}

// waitingWebhook finds the Wait node a waiting execution stopped at and its
// webhook; ok is false when it has none for method and suffix.
func (s *Server) waitingWebhook(e *executions.Execution, method, suffix string) (*nodes.Node, *trigger.Webhook, bool) {
	var res struct {
		LastNodeExecuted string `json:"lastNodeExecuted"`
	}
	if err := json.Unmarshal(e.Result, &res); err != nil || res.LastNodeExecuted == "" {
		return nil, nil, false
	}
	wf, err := engine.Parse(e.Workflow, "execution "+e.ID, engine.Selector{})
	if err != nil {
		return nil, nil, false
	}
	node := wf.Node(res.LastNodeExecuted)
	if node == nil {
		return nil, nil, false
	}
	typ, err := s.cfg.Engine.Registry().Lookup(node.Type, node.TypeVersion)
	if err != nil {
		return node, nil, false
	}
	hook, ok, err := trigger.WebhookOf(node, typ)
	if err != nil || !ok {
		return node, nil, false
	}
	if !slices.ContainsFunc(hook.Methods, func(m string) bool { return strings.EqualFold(m, method) }) {
		return node, nil, false
	}
	if trimSlashes(hook.Path) != suffix {
		return node, nil, false
	}
	return node, hook, true
}

// authenticate checks the webhook's authentication and writes the refusal
// (n8n writes its message as text with the code and headers).
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request, node *nodes.Node, hook *trigger.Webhook) bool {
	creds := func(typeName string) (map[string]any, error) {
		p := s.cfg.Engine.Credentials()
		if p == nil {
			return nil, fmt.Errorf("node %q: no credential provider for %s", node.Name, typeName)
		}
		return p.Data(r.Context(), node, typeName)
	}
	err := hook.Authenticate(r, creds)
	if err == nil {
		return true
	}
	var he *trigger.HTTPError
	if !errors.As(err, &he) {
		s.logger.Error("webhook authentication", "node", node.Name, "error", err)
		writeUnexpected(w, problemMessage)
		return false
	}
	for k, vs := range he.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(he.Code)
	_, _ = w.Write([]byte(he.Message))
	return false
}

// writeOutputError answers a request whose body could not be read.
func writeOutputError(w http.ResponseWriter, err error) {
	var he *trigger.HTTPError
	if errors.As(err, &he) {
		for k, vs := range he.Header {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		writeError(w, he.Code, he.Message, "")
		return
	}
	writeError(w, http.StatusInternalServerError, err.Error(), "")
}

// startItems picks the items a webhook call starts with: the output list
// that holds them (the method's output with multipleMethods).
func startItems(outputs nodes.Outputs) ([]nodes.Item, int, bool) {
	for i, items := range outputs {
		if len(items) > 0 {
			return items, i, true
		}
	}
	return nil, 0, false
}

// call is a webhook request waiting on its execution.
type call struct {
	// id is the execution's.
	id        string
	outcomes  <-chan *queue.Outcome
	responses <-chan *nodes.WebhookResponse
	err       error
	closers   []func()
}

func (c *call) close() {
	for _, f := range c.closers {
		f()
	}
}

// prepareCall subscribes to what the reply needs before the job is
// published: the outcomes, and the Respond to Webhook reply in
// responseNode mode.
func (s *Server) prepareCall(ctx context.Context, id string, hook *trigger.Webhook) *call {
	c := &call{id: id}
	if hook.ResponseMode == modeOnReceived || hook.ResponseMode == "" {
		return c
	}
	outcomes, unsubscribe := s.hub.subscribe(id)
	c.outcomes = outcomes
	c.closers = append(c.closers, unsubscribe)
	if hook.ResponseMode == modeResponseNode {
		// The queue wants a deadline (it flushes the subscription with
		// it); the request context ends the subscription earlier.
		subCtx, cancel := context.WithTimeout(ctx, maxResponseWait)
		c.closers = append(c.closers, cancel)
		ch, stop, err := s.cfg.Queue.Responses(subCtx, id)
		if err != nil {
			c.err = err
			return c
		}
		c.responses = ch
		c.closers = append(c.closers, stop)
	}
	return c
}

// reply answers a webhook call per its response mode.
func (s *Server) reply(w http.ResponseWriter, r *http.Request, hook *trigger.Webhook, c *call) {
	if hook.ResponseMode == modeLastNode || hook.ResponseMode == modeResponseNode {
		// n8n sets the node's response headers on the reply before the
		// execution runs, so every reply carries them.
		setHeaders(w, hook.ReceivedResponse())
	}
	switch hook.ResponseMode {
	case modeLastNode:
		s.replyLastNode(w, r, hook, c)
	case modeResponseNode:
		s.replyResponseNode(w, r, hook, c)
	default:
		writeWebhookResponse(w, hook.ReceivedResponse())
	}
}

// finalOutcome waits for the final outcome of the call's execution;
// waiting executions keep the request open, as n8n does. nil when the
// request ends first.
func finalOutcome(ctx context.Context, outcomes <-chan *queue.Outcome) *queue.Outcome {
	for {
		select {
		case <-ctx.Done():
			return nil
		case o := <-outcomes:
			if executions.Final(o.Status) {
				return o
			}
		}
	}
}

// replyLastNode answers with the output of the last node executed.
func (s *Server) replyLastNode(w http.ResponseWriter, r *http.Request, hook *trigger.Webhook, c *call) {
	o := finalOutcome(r.Context(), c.outcomes)
	if o == nil {
		writeUnanswered(w, c.id)
		return
	}
	if o.Status != executions.StatusSuccess {
		writeJSON(w, http.StatusInternalServerError, map[string]any{"message": "Error in workflow"})
		return
	}
	var res engine.Result
	if err := json.Unmarshal(o.Result, &res); err != nil {
		writeUnexpected(w, problemMessage)
		return
	}
	if res.Error != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]any{"message": "Error in workflow"})
		return
	}
	runs := res.RunData[res.LastNodeExecuted]
	if len(runs) == 0 {
		writeJSON(w, statusOf(hook.ReceivedResponse()), map[string]any{"message": "Workflow executed successfully but the last node did not return any data"})
		return
	}
	if runs[len(runs)-1].Error != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]any{"message": "Error in workflow"})
		return
	}
	resp, err := hook.LastNodeResponse(res.LastOutput())
	if err != nil {
		// n8n's OperationalError: {"code": 0, "message"}.
		writeUnexpected(w, err.Error())
		return
	}
	writeWebhookResponse(w, resp)
}

// replyResponseNode answers with the first reply of a Respond to Webhook
// node, or as n8n when the execution ends without one.
func (s *Server) replyResponseNode(w http.ResponseWriter, r *http.Request, hook *trigger.Webhook, c *call) {
	for {
		select {
		case <-r.Context().Done():
			writeUnanswered(w, c.id)
			return
		case resp, ok := <-c.responses:
			if ok && resp != nil {
				writeWebhookResponse(w, resp)
				return
			}
			c.responses = nil
		case o := <-c.outcomes:
			if !executions.Final(o.Status) {
				continue
			}
			// The reply travels apart from the outcome: give it a moment.
			grace := time.NewTimer(responseGrace)
			select {
			case resp, ok := <-c.responses:
				grace.Stop()
				if ok && resp != nil {
					writeWebhookResponse(w, resp)
					return
				}
			case <-grace.C:
			}
			if o.Status != executions.StatusSuccess || resultFailed(o.Result) {
				writeJSON(w, http.StatusInternalServerError, map[string]any{"message": "Error in workflow"})
				return
			}
			// Succeeded without reaching Respond to Webhook: an empty
			// reply (n8n's res.json(undefined)).
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(statusOf(hook.ReceivedResponse()))
			return
		}
	}
}

// setHeaders sets a reply's headers except its content type (the body
// written decides that).
func setHeaders(w http.ResponseWriter, resp *nodes.WebhookResponse) {
	for k, v := range resp.Headers {
		if !strings.EqualFold(k, "Content-Type") {
			w.Header().Set(k, v)
		}
	}
}

// writeUnanswered answers a call whose wait for its execution ended
// first: the server stops (its drain time is over) or the caller left.
// Without it net/http would answer 200 with no body. The execution goes
// on and is stored.
func writeUnanswered(w http.ResponseWriter, id string) {
	writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("The execution %q did not finish before the request ended; it goes on and is stored (GET /api/v1/executions/%s)", id, id), "")
}

// resultFailed reports whether a stored result carries a workflow error.
func resultFailed(result json.RawMessage) bool {
	var r struct {
		Error json.RawMessage `json:"error"`
	}
	_ = json.Unmarshal(result, &r)
	return len(r.Error) > 0 && string(r.Error) != "null"
}

// statusOf is the webhook's responseCode (carried by its onReceived reply).
func statusOf(resp *nodes.WebhookResponse) int {
	if resp == nil || resp.StatusCode == 0 {
		return http.StatusOK
	}
	return resp.StatusCode
}
