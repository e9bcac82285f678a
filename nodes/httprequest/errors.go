package httprequest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/nodes"
)

// failure is a request that failed: a rejected status, a transport error,
// or a page that pagination could not continue from.
type failure struct {
	node    string
	item    int
	version float64
	// status and resp are set when the server answered.
	status int
	resp   *nodes.Response
	// jsonRequested tells that the body was handed over parsed (json:true).
	jsonRequested bool
	// paginated marks the pagination helper's own non-2xx error.
	paginated bool
	netErr    *httpx.NetworkError
	err       error
	// message overrides the reason's message (429 hint).
	message string
}

// Error lets a *failure travel as an error: the NodeApiError's text.
func (f *failure) Error() string { return f.apiError().Error() }

// responseData is the error body as the request layer keeps it: the parsed
// JSON (json:true) or the text.
func (f *failure) responseData() any {
	if f.resp == nil {
		return nil
	}
	raw := f.resp.Raw
	if f.jsonRequested && len(raw) > 0 {
		if v, err := decodeJSON(raw); err == nil {
			return v
		}
	}
	return string(raw)
}

// responseJSONText is JSON.stringify(responseData).
func (f *failure) responseJSONText() string {
	data := f.responseData()
	if _, isText := data.(string); !isText {
		var buf bytes.Buffer
		if err := json.Compact(&buf, f.resp.Raw); err == nil {
			return buf.String()
		}
	}
	b, _ := httpx.MarshalJSON(data)
	return string(b)
}

// parsedBody is the body for error details: JSON when it parses, else text.
func (f *failure) parsedBody() any {
	if f.resp == nil {
		return nil
	}
	if v, err := decodeJSON(f.resp.Raw); err == nil {
		return v
	}
	return string(f.resp.Raw)
}

// reasonMessage is the request error's own message.
func (f *failure) reasonMessage() string {
	switch {
	case f.message != "":
		return f.message
	case f.paginated:
		return fmt.Sprintf("%d - \"%s\"", f.status, f.pageData())
	case f.resp != nil:
		return fmt.Sprintf("%d - %s", f.status, f.responseJSONText())
	case f.netErr != nil:
		return nodeNetworkMessage(f.netErr)
	}
	return f.err.Error()
}

// reason is the request error as JSON.stringify writes it into an error
// item (axios's toJSON without the stack, or the pagination helper's
// enumerable fields).
func (f *failure) reason() map[string]any {
	if f.paginated {
		return map[string]any{
			"statusCode": f.status, "error": f.pageData(), "isAxiosError": true,
			"response": map[string]any{"headers": f.resp.HeaderMap(), "status": f.status, "statusText": f.resp.StatusMessage},
		}
	}
	m := map[string]any{"message": f.reasonMessage(), "name": "AxiosError"}
	switch {
	case f.resp != nil:
		code := "ERR_BAD_RESPONSE"
		if f.status >= 400 && f.status < 500 {
			code = "ERR_BAD_REQUEST"
		}
		m["code"] = code
		m["status"] = f.status
	default:
		// Connection failures serialize as a plain Error, axios's own
		// timeout as an AxiosError (n8n 2.41).
		if f.netErr == nil || f.netErr.Code != "ECONNABORTED" {
			m["name"] = "Error"
		}
		if f.netErr != nil && f.netErr.Code != "" {
			m["code"] = f.netErr.Code
		}
	}
	return m
}

// apiError is the NodeApiError n8n builds from the request error.
func (f *failure) apiError() *nodes.NodeError {
	var e *nodes.NodeError
	switch {
	case f.resp != nil:
		e = nodes.NewAPIError(f.node, f.status, f.parsedBody())
		delete(e.Context, "data")
		e.Messages = []string{f.reasonMessage()}
		e.Cause = f.reason()
	case f.netErr != nil:
		e = nodes.NewNetworkError(f.node, f.netErr, f.netErr.Code)
		if m, ok := commonErrors[f.netErr.Code]; ok {
			e.Message = m
		}
		e.Messages = []string{nodeNetworkMessage(f.netErr)}
		e.Cause = f.reason()
	default:
		var ne *nodes.NodeError
		if errors.As(f.err, &ne) {
			e = ne
		} else {
			e = nodes.NewAPIError(f.node, 0, nil)
			e.Message = f.err.Error()
			e.Messages = []string{f.err.Error()}
			e.HTTPCode = ""
			e.Cause = nil
			e.Wrapped = f.err
		}
	}
	if e.NodeName == "" {
		e.NodeName = f.node
	}
	if f.err != nil && e.Wrapped == nil {
		e.Wrapped = f.err
	}
	return e.WithItem(f.item)
}

// details is the "details" object 4.5 adds to error items.
func (f *failure) details() map[string]any {
	e := f.apiError()
	d := map[string]any{"message": e.Message, "httpCode": e.HTTPCode, "context": map[string]any{"itemIndex": f.item}}
	if e.HTTPCode == "" {
		d["httpCode"] = nil
	}
	if desc := e.DescriptionText(); desc != "" {
		d["description"] = desc
	}
	// body is null when no response came back.
	d["body"] = f.parsedBody()
	return d
}

// errorItem is the continueOnFail output for a failed request.
func (f *failure) errorItem() nodes.Item {
	j := map[string]any{"error": f.reason()}
	if f.version >= 4.5 {
		j["details"] = f.details()
	}
	return nodes.Item{JSON: j, PairedItem: nodes.One(nodes.Paired(f.item, 0))}
}

// commonErrors are n8n's messages for Node.js error codes (NodeError's
// COMMON_ERRORS) that a request can end with.
var commonErrors = map[string]string{
	"ECONNREFUSED":  "The service refused the connection - perhaps it is offline",
	"ECONNRESET":    "The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.",
	"ENOTFOUND":     "The connection cannot be established, this usually occurs due to an incorrect host (domain) value",
	"ETIMEDOUT":     "The connection timed out, consider setting the 'Retry on Fail' option in the node settings",
	"EADDRNOTAVAIL": "The address is not available, ensure that you have the right IP address",
	"ECONNABORTED":  "The connection was aborted, perhaps the server is offline",
	"EHOSTUNREACH":  "The host is unreachable, perhaps the server is offline",
	"EAI_AGAIN":     "The DNS server returned an error, perhaps the server is offline",
}

// nodeNetworkMessage is the transport failure in Node.js's words
// ("connect ECONNREFUSED 127.0.0.1:8080", "timeout of 200ms exceeded")
// where httpx knows them, else the Go error without the "Get URL:" prefix.
func nodeNetworkMessage(ne *httpx.NetworkError) string {
	msg := ne.Error()
	var ue *url.Error
	if msg == ne.Err.Error() && errors.As(ne.Err, &ue) {
		return ue.Err.Error()
	}
	return msg
}

// pageData is the page body as the pagination helper reports it: JSON
// bodies (by content type) re-serialized, others as text.
func (f *failure) pageData() string {
	if f.resp == nil {
		return ""
	}
	if isJSONType(f.resp.Headers.Get("Content-Type")) {
		var buf bytes.Buffer
		if err := json.Compact(&buf, f.resp.Raw); err == nil {
			return buf.String()
		}
		return "{}"
	}
	return string(f.resp.Raw)
}

// classify wraps an error from ctx.HTTP.
func classify(node string, item int, version float64, jsonRequested bool, resp *nodes.Response, err error) *failure {
	f := &failure{node: node, item: item, version: version, jsonRequested: jsonRequested, err: err}
	var se *httpx.StatusError
	var ne *httpx.NetworkError
	switch {
	case errors.As(err, &se):
		f.resp = se.Response
		f.status = se.Response.StatusCode
	case errors.As(err, &ne):
		f.netErr = ne
	}
	if f.status == 429 {
		f.message = "Try spacing your requests out using the batching settings under 'Options'"
	}
	return f
}
