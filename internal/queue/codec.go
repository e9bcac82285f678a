package queue

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/nats-io/nats.go"
	"github.com/noderun/noderun/nodes"
)

// Message headers.
const (
	hdrExecutionID = "Noderun-Execution-Id"
	hdrGeneration  = "Noderun-Generation"
	// hdrBodyObject names the object holding a body too big for a message.
	hdrBodyObject = "Noderun-Body-Object"
)

// jobID is the job's message id (Nats-Msg-Id) and KV identity.
func jobID(executionID string, generation int) string {
	return executionID + "." + strconv.Itoa(generation)
}

// newMsg builds a message carrying data; data larger than the server's
// maximum payload travels through the object store.
func (l *link) newMsg(ctx context.Context, subject string, data []byte, executionID string, generation int) (*nats.Msg, error) {
	m := nats.NewMsg(subject)
	m.Header.Set(hdrExecutionID, executionID)
	m.Header.Set(hdrGeneration, strconv.Itoa(generation))
	if len(data) > l.maxPayload() {
		name, err := l.putObject(ctx, data)
		if err != nil {
			return nil, fmt.Errorf("message body of %d bytes: %w", len(data), err)
		}
		m.Header.Set(hdrBodyObject, name)
		return m, nil
	}
	m.Data = data
	return m, nil
}

// body returns a received message's body, from the object store when it
// travelled there.
func (l *link) body(ctx context.Context, h nats.Header, data []byte) ([]byte, error) {
	name := h.Get(hdrBodyObject)
	if name == "" {
		return data, nil
	}
	return l.getObject(ctx, name)
}

// headerIDs returns the execution id and generation a message names.
func headerIDs(h nats.Header) (string, int) {
	gen, _ := strconv.Atoi(h.Get(hdrGeneration))
	return h.Get(hdrExecutionID), gen
}

// encodeJob returns the message of job, big binaries offloaded (job is
// not modified).
func (l *link) encodeJob(ctx context.Context, job *Job) (*nats.Msg, error) {
	wire := *job
	var err error
	if wire.Input, err = l.offloadItems(ctx, job.Input); err != nil {
		return nil, fmt.Errorf("input: %w", err)
	}
	if job.Resume != nil {
		r := *job.Resume
		if r.Input, err = l.offloadItems(ctx, job.Resume.Input); err != nil {
			return nil, fmt.Errorf("resume input: %w", err)
		}
		if r.Result, err = l.offloadRaw(ctx, job.Resume.Result); err != nil {
			return nil, fmt.Errorf("resume result: %w", err)
		}
		wire.Resume = &r
	}
	data, err := json.Marshal(&wire)
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	m, err := l.newMsg(ctx, JobsSubject, data, job.ExecutionID, job.Generation)
	if err != nil {
		return nil, err
	}
	m.Header.Set(nats.MsgIdHdr, jobID(job.ExecutionID, job.Generation))
	return m, nil
}

// decodeJob reads a job message, big binaries restored.
func (l *link) decodeJob(ctx context.Context, h nats.Header, data []byte) (*Job, error) {
	data, err := l.body(ctx, h, data)
	if err != nil {
		return nil, err
	}
	var job Job
	if err := json.Unmarshal(data, &job); err != nil {
		return nil, fmt.Errorf("decode job: %w", err)
	}
	if err := l.restoreItems(ctx, job.Input); err != nil {
		return nil, fmt.Errorf("job %s input: %w", job.ExecutionID, err)
	}
	if job.Resume != nil {
		if err := l.restoreItems(ctx, job.Resume.Input); err != nil {
			return nil, fmt.Errorf("job %s resume input: %w", job.ExecutionID, err)
		}
		if job.Resume.Result, err = l.restoreRaw(ctx, job.Resume.Result); err != nil {
			return nil, fmt.Errorf("job %s resume result: %w", job.ExecutionID, err)
		}
	}
	return &job, nil
}

// encodeOutcome returns the message of an outcome, big binaries offloaded.
func (l *link) encodeOutcome(ctx context.Context, out *Outcome) (*nats.Msg, error) {
	wire := *out
	var err error
	if wire.Result, err = l.offloadRaw(ctx, out.Result); err != nil {
		return nil, fmt.Errorf("outcome of %s: result: %w", out.ExecutionID, err)
	}
	data, err := json.Marshal(&wire)
	if err != nil {
		return nil, fmt.Errorf("outcome of %s: encode: %w", out.ExecutionID, err)
	}
	return l.newMsg(ctx, ResultsSubject, data, out.ExecutionID, out.Generation)
}

// decodeOutcome reads an outcome message, big binaries restored.
func (l *link) decodeOutcome(ctx context.Context, h nats.Header, data []byte) (*Outcome, error) {
	data, err := l.body(ctx, h, data)
	if err != nil {
		return nil, err
	}
	var out Outcome
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("decode outcome: %w", err)
	}
	if out.Result, err = l.restoreRaw(ctx, out.Result); err != nil {
		return nil, fmt.Errorf("outcome of %s: result: %w", out.ExecutionID, err)
	}
	return &out, nil
}

// responseWire is a WebhookResponse on the wire; BodyKind keeps []byte and
// string bodies apart from JSON values.
type responseWire struct {
	StatusCode int               `json:"statusCode,omitempty"`
	Headers    map[string]string `json:"headers,omitempty"`
	// BodyKind is "bytes" (Body is base64), "string" or "json".
	BodyKind string          `json:"bodyKind,omitempty"`
	Body     json.RawMessage `json:"body,omitempty"`
}

// encodeResponse serialises a webhook response.
func encodeResponse(resp *nodes.WebhookResponse) ([]byte, error) {
	w := responseWire{StatusCode: resp.StatusCode, Headers: resp.Headers}
	var err error
	switch b := resp.Body.(type) {
	case nil:
	case []byte:
		w.BodyKind = "bytes"
		w.Body, err = json.Marshal(base64.StdEncoding.EncodeToString(b))
	case string:
		w.BodyKind = "string"
		w.Body, err = json.Marshal(b)
	default:
		w.BodyKind = "json"
		w.Body, err = nodes.MarshalJSON(b)
	}
	if err != nil {
		return nil, fmt.Errorf("webhook response body: %w", err)
	}
	return json.Marshal(&w)
}

// decodeResponse reads a webhook response.
func decodeResponse(data []byte) (*nodes.WebhookResponse, error) {
	var w responseWire
	if err := json.Unmarshal(data, &w); err != nil {
		return nil, fmt.Errorf("decode webhook response: %w", err)
	}
	resp := &nodes.WebhookResponse{StatusCode: w.StatusCode, Headers: w.Headers}
	switch w.BodyKind {
	case "":
	case "bytes", "string":
		var s string
		if err := json.Unmarshal(w.Body, &s); err != nil {
			return nil, fmt.Errorf("decode webhook response body: %w", err)
		}
		if w.BodyKind == "string" {
			resp.Body = s
			break
		}
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, fmt.Errorf("decode webhook response body: %w", err)
		}
		resp.Body = b
	case "json":
		v, err := nodes.DecodeJSON(w.Body)
		if err != nil {
			return nil, fmt.Errorf("decode webhook response body: %w", err)
		}
		resp.Body = v
	default:
		return nil, fmt.Errorf("decode webhook response: unknown body kind %q", w.BodyKind)
	}
	return resp, nil
}

// responseSubject is the core subject of an execution's webhook responses;
// characters NATS gives a meaning to are escaped.
func responseSubject(executionID string) string {
	return ResponsesPrefix + "." + subjectToken(executionID)
}

// subjectToken escapes s into one subject token (and KV key): letters,
// digits, '-' and '_' stay, anything else becomes '=' and two hex digits.
func subjectToken(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "=%02X", c)
		}
	}
	if b.Len() == 0 {
		return "=00"
	}
	return b.String()
}

// finishedKey is the KV key recording that a job finished.
func finishedKey(executionID string, generation int) string {
	return subjectToken(executionID) + "." + strconv.Itoa(generation)
}
