package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/internal/queue"
	"github.com/noderun/noderun/nodes"
)

// maxAPIBody caps the body of an API request.
const maxAPIBody = 16 << 20

// routes builds the HTTP handler.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"status": "ok"})
	})
	mux.HandleFunc("GET /api/v1/workflows", s.listWorkflows)
	mux.HandleFunc("POST /api/v1/workflows/{id}/run", s.runWorkflow)
	mux.HandleFunc("GET /api/v1/executions", s.listExecutions)
	mux.HandleFunc("GET /api/v1/executions/{id}", s.getExecution)
	mux.HandleFunc("/webhook/{path...}", s.serveWebhook)
	mux.HandleFunc("/webhook-test/{path...}", s.serveTestWebhook)
	mux.HandleFunc("/webhook-waiting/{id}", s.serveWaitingWebhook)
	mux.HandleFunc("/webhook-waiting/{id}/{suffix...}", s.serveWaitingWebhook)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("%s %s not found", r.Method, r.URL.Path), "")
	})
	return mux
}

// apiWorkflow is a served workflow in GET /api/v1/workflows.
type apiWorkflow struct {
	ID       string       `json:"id"`
	Name     string       `json:"name"`
	Active   bool         `json:"active"`
	File     string       `json:"file"`
	Triggers []apiTrigger `json:"triggers"`
}

// apiTrigger is one registered trigger of a workflow.
type apiTrigger struct {
	Node string `json:"node"`
	Type string `json:"type"`
	// Webhook triggers: their methods and URL.
	Methods []string `json:"methods,omitempty"`
	URL     string   `json:"url,omitempty"`
}

func (s *Server) listWorkflows(w http.ResponseWriter, r *http.Request) {
	out := make([]apiWorkflow, 0, len(s.order))
	for _, id := range s.order {
		wf := s.workflows[id]
		a := apiWorkflow{ID: id, Name: wf.WF.Name, Active: wf.Active, File: wf.File, Triggers: []apiTrigger{}}
		for _, ep := range wf.Webhooks {
			a.Triggers = append(a.Triggers, apiTrigger{Node: ep.node.Name, Type: ep.node.Type, Methods: ep.hook.Methods, URL: s.baseURL + "/webhook/" + ep.urlPath()})
		}
		for _, sc := range wf.Schedules {
			a.Triggers = append(a.Triggers, apiTrigger{Node: sc.node.Name, Type: sc.node.Type})
		}
		out = append(out, a)
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": out})
}

// runRequest is the body of POST /api/v1/workflows/{id}/run.
type runRequest struct {
	Input     []json.RawMessage `json:"input"`
	StartNode string            `json:"startNode"`
	Wait      bool              `json:"wait"`
}

func (s *Server) runWorkflow(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	wf, ok := s.workflows[id]
	if !ok {
		writeError(w, http.StatusNotFound, fmt.Sprintf("Workflow %q not found", id), "")
		return
	}
	var req runRequest
	body, err := io.ReadAll(io.LimitReader(r.Body, maxAPIBody+1))
	if err != nil {
		writeError(w, http.StatusBadRequest, "reading the request body: "+err.Error(), "")
		return
	}
	if len(body) > maxAPIBody {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", maxAPIBody), "")
		return
	}
	if len(bytes.TrimSpace(body)) > 0 {
		if err := json.Unmarshal(body, &req); err != nil {
			writeError(w, http.StatusBadRequest, "request body: "+err.Error(), "")
			return
		}
	}
	input, err := parseInput(req.Input)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error(), "")
		return
	}
	if req.StartNode != "" && wf.WF.Node(req.StartNode) == nil {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("startNode: workflow %q has no node %q", id, req.StartNode), "")
		return
	}
	execID := executions.NewID()
	var outcomes <-chan *queue.Outcome
	if req.Wait {
		ch, unsubscribe := s.hub.subscribe(execID)
		defer unsubscribe()
		outcomes = ch
	}
	if err := s.start(r.Context(), execID, wf, startRequest{mode: "manual", startNode: req.StartNode, input: input}); err != nil {
		writeError(w, http.StatusInternalServerError, err.Error(), "")
		return
	}
	if !req.Wait {
		writeJSON(w, http.StatusAccepted, map[string]any{"executionId": execID})
		return
	}
	for {
		select {
		case <-r.Context().Done():
			writeUnanswered(w, execID)
			return
		case o := <-outcomes:
			if o.Status == executions.StatusRunning {
				continue
			}
			e, err := s.cfg.Store.Get(r.Context(), execID)
			if err != nil {
				writeError(w, http.StatusInternalServerError, err.Error(), "")
				return
			}
			writeJSON(w, http.StatusOK, toAPI(e, true))
			return
		}
	}
}

// parseInput reads API input: items ({"json": ...}) or plain objects.
func parseInput(raw []json.RawMessage) ([]nodes.Item, error) {
	var items []nodes.Item
	for i, r := range raw {
		v, err := nodes.DecodeJSON(r)
		if err != nil {
			return nil, fmt.Errorf("input[%d]: %w", i, err)
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("input[%d]: want an object, got %s", i, bytes.TrimSpace(r))
		}
		if _, isItem := obj["json"].(map[string]any); isItem {
			var it nodes.Item
			if err := json.Unmarshal(r, &it); err != nil {
				return nil, fmt.Errorf("input[%d]: %w", i, err)
			}
			items = append(items, it)
			continue
		}
		items = append(items, nodes.Item{JSON: obj})
	}
	return items, nil
}

// maxListLimit caps the executions listed at once (n8n's public API: 250).
const maxListLimit = 250

func (s *Server) listExecutions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := executions.Filter{Status: q.Get("status"), WorkflowID: q.Get("workflowId"), BeforeID: q.Get("cursor"), Limit: 100}
	if f.Status != "" && !knownStatus(f.Status) {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("status: unknown status %q", f.Status), "")
		return
	}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n <= 0 {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("limit: want a positive number, got %q", l), "")
			return
		}
		f.Limit = min(n, maxListLimit)
	}
	list, err := s.cfg.Store.List(r.Context(), f)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error(), "")
		return
	}
	data := make([]*apiExecution, 0, len(list))
	for _, e := range list {
		data = append(data, toAPI(e, false))
	}
	var next *string
	if len(list) == f.Limit {
		id := list[len(list)-1].ID
		next = &id
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": data, "nextCursor": next})
}

func (s *Server) getExecution(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e, err := s.cfg.Store.Get(r.Context(), id)
	if errors.Is(err, executions.ErrNotFound) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("Execution %q not found", id), "")
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error(), "")
		return
	}
	include, _ := strconv.ParseBool(r.URL.Query().Get("includeData"))
	writeJSON(w, http.StatusOK, toAPI(e, include))
}
