package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"
)

// MockReply is one entry of a case's mock.json.
type MockReply struct {
	Method  string            `json:"method"`
	Path    string            `json:"path"`
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    json.RawMessage   `json:"body"`
	DelayMs int               `json:"delayMs"`
}

// RecordedRequest is what the mock received.
type RecordedRequest struct {
	Method  string
	Path    string
	Query   map[string]any
	Headers http.Header
	Body    []byte
}

// Mock serves mock replies the way the recording mock did: the first unused
// entry for the same method and path, with exactly the listed headers plus
// Content-Type (application/json unless listed), Content-Length and
// Connection: close, no Date header, bodies as compact JSON.
type Mock struct {
	*httptest.Server
	mu       sync.Mutex
	replies  []MockReply
	used     []bool
	Requests []RecordedRequest
}

// NewMock starts a mock server for replies.
func NewMock(replies []MockReply) *Mock {
	m := &Mock{replies: replies, used: make([]bool, len(replies))}
	m.Server = httptest.NewServer(http.HandlerFunc(m.serve))
	return m
}

func (m *Mock) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	query := map[string]any{}
	for k, vs := range r.URL.Query() {
		if len(vs) == 1 {
			query[k] = vs[0]
		} else {
			list := make([]any, len(vs))
			for i, v := range vs {
				list[i] = v
			}
			query[k] = list
		}
	}
	m.mu.Lock()
	m.Requests = append(m.Requests, RecordedRequest{Method: r.Method, Path: r.URL.Path, Query: query, Headers: r.Header.Clone(), Body: body})
	var reply *MockReply
	for i := range m.replies {
		if !m.used[i] && m.replies[i].Method == r.Method && m.replies[i].Path == r.URL.Path {
			m.used[i] = true
			reply = &m.replies[i]
			break
		}
	}
	m.mu.Unlock()
	h := w.Header()
	h["Date"] = nil
	if reply == nil {
		h.Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotImplemented)
		fmt.Fprintf(w, `{"message":"no mock reply left for %s %s"}`, r.Method, r.URL.Path)
		return
	}
	if reply.DelayMs > 0 {
		time.Sleep(time.Duration(reply.DelayMs) * time.Millisecond)
	}
	payload := compactJSON(reply.Body)
	hasType := false
	for k, v := range reply.Headers {
		h[http.CanonicalHeaderKey(k)] = []string{v}
		if http.CanonicalHeaderKey(k) == "Content-Type" {
			hasType = true
		}
	}
	if !hasType {
		h.Set("Content-Type", "application/json")
	}
	h.Set("Content-Length", strconv.Itoa(len(payload)))
	h.Set("Connection", "close")
	status := reply.Status
	if status == 0 {
		status = 200
	}
	w.WriteHeader(status)
	_, _ = w.Write(payload)
}

// compactJSON re-serializes a JSON body compactly, keeping key order as
// JavaScript's JSON.stringify does; a string body is sent as it is.
func compactJSON(raw json.RawMessage) []byte {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err == nil {
			return []byte(s)
		}
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return raw
	}
	return buf.Bytes()
}

// Unused returns the replies nobody asked for.
func (m *Mock) Unused() []MockReply {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []MockReply
	for i, u := range m.used {
		if !u {
			out = append(out, m.replies[i])
		}
	}
	return out
}
