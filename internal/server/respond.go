package server

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/noderun/noderun/nodes"
)

// errorBody is the JSON of an error reply ({code, message, hint} as n8n's
// ResponseHelper writes).
type errorBody struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

// writeJSON writes v as JSON with status code.
func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := nodes.MarshalJSON(v)
	if err != nil {
		code = http.StatusInternalServerError
		b, _ = json.Marshal(errorBody{Code: code, Message: "encoding the reply: " + err.Error()})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write(b)
}

// writeError writes {"code", "message"[, "hint"]} with status code.
func writeError(w http.ResponseWriter, code int, msg, hint string) {
	writeJSON(w, code, errorBody{Code: code, Message: msg, Hint: hint})
}

// writeUnexpected writes n8n's reply to an error that is not an HTTP
// error of its own (500, {"code": 0, "message"}).
func writeUnexpected(w http.ResponseWriter, msg string) {
	writeJSON(w, http.StatusInternalServerError, errorBody{Code: 0, Message: msg})
}

// htmlSandboxCSP is n8n's getHtmlSandboxCSP, set on every reply a
// workflow makes to a webhook call.
const htmlSandboxCSP = "sandbox allow-downloads allow-forms allow-modals allow-orientation-lock allow-pointer-lock allow-popups allow-popups-to-escape-sandbox allow-presentation allow-scripts allow-top-navigation-by-user-activation allow-top-navigation-to-custom-protocols"

// writeWebhookResponse writes a node's reply to a webhook call.
func writeWebhookResponse(w http.ResponseWriter, resp *nodes.WebhookResponse) {
	if resp == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	code := resp.StatusCode
	if code == 0 {
		code = http.StatusOK
	}
	var body []byte
	contentType := ""
	switch b := resp.Body.(type) {
	case nil:
		// n8n answers with res.json(undefined): an empty JSON reply.
		contentType = "application/json"
	case []byte:
		body = b
	case string:
		body = []byte(b)
		contentType = "text/plain; charset=utf-8"
	default:
		var err error
		body, err = nodes.MarshalJSON(b)
		if err != nil {
			writeError(w, http.StatusInternalServerError, fmt.Sprintf("encoding the webhook response: %v", err), "")
			return
		}
		contentType = "application/json; charset=utf-8"
	}
	h := w.Header()
	for k, v := range resp.Headers {
		h.Set(k, v)
	}
	if h.Get("Content-Type") == "" && contentType != "" && (len(body) > 0 || resp.Body == nil) {
		h.Set("Content-Type", contentType)
	}
	// As n8n (unless N8N_INSECURE_DISABLE_WEBHOOK_IFRAME_SANDBOX): HTML a
	// workflow answers with runs sandboxed, never as the server's origin.
	h.Set("Content-Security-Policy", htmlSandboxCSP)
	h.Del("Content-Length") // the body written decides it
	w.WriteHeader(code)
	_, _ = w.Write(body)
}
