package trigger

import (
	"fmt"
	"net/http"

	"github.com/noderun/noderun/internal/fieldpath"
	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// responseCode is n8n's getResponseCode: the responseCode parameter
// (Webhook 1/1.1, Wait), else options.responseCode.values (customCode
// when chosen), else 200.
func (w *Webhook) responseCode() int {
	if c, ok := toNumber(w.params["responseCode"]); ok && c != 0 {
		return int(c)
	}
	opt, _ := object(w.params, "options")["responseCode"].(map[string]any)
	if values, ok := opt["values"].(map[string]any); ok {
		if c, ok := toNumber(values["customCode"]); ok && c != 0 && values["responseCode"] == "customCode" {
			return int(c)
		}
		if c, ok := toNumber(values["responseCode"]); ok && c != 0 {
			return int(c)
		}
		if values["responseCode"] == "customCode" {
			return 200
		}
	}
	return 200
}

// responseData is n8n's getResponseData.
func (w *Webhook) responseData() string {
	if s := jsString(w.params["responseData"]); s != "" && w.ResponseMode == "lastNode" {
		return s
	}
	opts := object(w.params, "options")
	if w.ResponseMode == "onReceived" {
		if s := jsString(opts["responseData"]); s != "" {
			return s
		}
	}
	if jsvalue.Truthy(opts["noResponseBody"]) {
		return "noData"
	}
	if w.ResponseMode == "lastNode" {
		return "firstEntryJson"
	}
	return ""
}

// responseHeaders are the options.responseHeaders entries.
func (w *Webhook) responseHeaders() map[string]string {
	h := headerEntries(object(w.params, "options")["responseHeaders"])
	if h == nil {
		h = map[string]string{}
	}
	return h
}

// receivedResponse is extractWebhookOnReceivedResponse: no body for
// noData, the responseData text when set, else {"message": "Workflow was
// started"}.
func (w *Webhook) receivedResponse() *nodes.WebhookResponse {
	resp := &nodes.WebhookResponse{StatusCode: w.responseCode(), Headers: w.responseHeaders()}
	data := w.responseData()
	if w.ResponseMode != "onReceived" {
		data = ""
	}
	switch data {
	case "noData":
	case "":
		body := map[string]any{"message": "Workflow was started"}
		resp.Body = body
	default:
		resp.Body = data
	}
	if resp.Body != nil {
		setDefaultContentType(resp.Headers, resp.Body)
	}
	return resp
}

// lastNodeResponse is extractWebhookLastNodeResponse on the first output
// of the last node.
func (w *Webhook) lastNodeResponse(items []nodes.Item) (*nodes.WebhookResponse, error) {
	resp := &nodes.WebhookResponse{StatusCode: w.responseCode(), Headers: w.responseHeaders()}
	opts := object(w.params, "options")
	fail := func(msg string) error { return &HTTPError{Code: http.StatusInternalServerError, Message: msg} }
	switch w.responseData() {
	case "noData":
		return resp, nil
	case "firstEntryJson":
		if len(items) == 0 {
			return nil, fail("No item to return was found")
		}
		body := items[0].JSON
		if name, ok := opts["responsePropertyName"]; ok && name != nil {
			body, _ = fieldpath.Get(body, jsString(name))
		}
		if ct := jsString(opts["responseContentType"]); ct != "" {
			resp.Headers["content-type"] = ct
		}
		resp.Body = body
	case "firstEntryBinary":
		if len(items) == 0 {
			return nil, fail("No item was found to return")
		}
		if items[0].Binary == nil {
			return nil, fail("No binary data was found to return")
		}
		prop := jsString(w.params["responseBinaryPropertyName"])
		if prop == "" {
			prop = "data"
		}
		bd := items[0].Binary[prop]
		if bd == nil {
			return nil, fail(fmt.Sprintf("The binary property '%s' which should be returned does not exist", prop))
		}
		data, err := bd.Bytes()
		if err != nil {
			return nil, fail(fmt.Sprintf("node %q: read binary property '%s': %v", w.Node, prop, err))
		}
		resp.Headers["content-type"] = bd.MimeType
		resp.Body = data
		return resp, nil
	default:
		list := make([]any, len(items))
		for i, it := range items {
			list[i] = it.JSON
		}
		resp.Body = list
	}
	if resp.Body != nil {
		setDefaultContentType(resp.Headers, resp.Body)
	}
	return resp, nil
}
