package nodes

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// Error names, as n8n serializes them.
const (
	NodeApiErrorName       = "NodeApiError"
	NodeOperationErrorName = "NodeOperationError"
)

// NodeError is n8n's NodeApiError / NodeOperationError. Its JSON form is the
// serialized error n8n writes into runData and resultData.error.
//
// Use errors.As to recover it from an error chain.
type NodeError struct {
	Name          string         `json:"name"`
	Message       string         `json:"message"`
	Description   *string        `json:"description,omitempty"`
	HTTPCode      string         `json:"httpCode,omitempty"`
	Level         string         `json:"level,omitempty"`
	Context       map[string]any `json:"context,omitempty"`
	Functionality string         `json:"functionality,omitempty"`
	Messages      []string       `json:"messages"`
	Timestamp     int64          `json:"timestamp,omitempty"`
	Cause         any            `json:"cause,omitempty"`
	// NodeName is the failing node (n8n writes the whole node JSON; noderun
	// names it to keep secrets and parameters out of error output).
	NodeName string `json:"nodeName,omitempty"`
	// ItemIndex is the failing item, -1 when not item-specific.
	ItemIndex int `json:"-"`
	// Wrapped is the Go error underneath, if any (never serialized).
	Wrapped error `json:"-"`
}

// Error implements error: "<node>: <message>[: <description>]".
func (e *NodeError) Error() string {
	s := e.Message
	if e.NodeName != "" {
		s = fmt.Sprintf("node %q: %s", e.NodeName, s)
	}
	if e.Description != nil && *e.Description != "" && *e.Description != e.Message {
		s += " (" + *e.Description + ")"
	}
	return s
}

// Unwrap returns the underlying Go error.
func (e *NodeError) Unwrap() error { return e.Wrapped }

// SetDescription sets the description, clearing it when equal to the message
// as n8n does.
func (e *NodeError) SetDescription(d string) *NodeError {
	if d == "" || d == e.Message {
		e.Description = nil
		return e
	}
	e.Description = &d
	return e
}

// DescriptionText returns the description or "".
func (e *NodeError) DescriptionText() string {
	if e.Description == nil {
		return ""
	}
	return *e.Description
}

// WithItem records the failing item index in the error context.
func (e *NodeError) WithItem(i int) *NodeError {
	e.ItemIndex = i
	if e.Context == nil {
		e.Context = map[string]any{}
	}
	e.Context["itemIndex"] = i
	return e
}

// NewOperationError returns a NodeOperationError (level "warning").
func NewOperationError(node, message string) *NodeError {
	return &NodeError{
		Name: NodeOperationErrorName, Message: message, Level: "warning",
		Functionality: "regular", Messages: []string{}, NodeName: node,
		Context: map[string]any{}, ItemIndex: -1,
	}
}

// NewOperationErrorf formats a NodeOperationError.
func NewOperationErrorf(node, format string, args ...any) *NodeError {
	return NewOperationError(node, fmt.Sprintf(format, args...))
}

// httpMessages is n8n's NodeApiError status-code message table.
var httpMessages = map[int]string{
	400: "Bad request - please check your parameters",
	401: "Authorization failed - please check your credentials",
	402: "Payment required - perhaps check your payment details?",
	403: "Forbidden - perhaps check your credentials?",
	404: "The resource you are requesting could not be found",
	405: "Method not allowed - please check you are using the right HTTP method",
	429: "The service is receiving too many requests from you",
	500: "The service was not able to process your request",
	502: "Bad gateway - the service failed to handle your request",
	503: "Service unavailable - try again later or consider setting this node to retry automatically (in the node settings)",
	504: "Gateway timed out - perhaps try again later?",
}

// HTTPStatusMessage returns n8n's fixed message for an HTTP status code.
func HTTPStatusMessage(code int) string {
	if m, ok := httpMessages[code]; ok {
		return m
	}
	switch {
	case code >= 400 && code < 500:
		return "Your request is invalid or could not be processed by the service"
	case code >= 500:
		return "The service failed to process your request"
	}
	return ""
}

// NewAPIError builds a NodeApiError from an HTTP failure the way n8n does:
// the status code picks the message, the server's own message becomes the
// description, httpCode is the status as a string and context.data the body.
// The original message ("Request failed with status code N") goes to
// messages.
func NewAPIError(node string, status int, body any) *NodeError {
	e := &NodeError{
		Name: NodeApiErrorName, Level: "warning", Functionality: "regular",
		NodeName: node, Context: map[string]any{}, ItemIndex: -1,
	}
	orig := fmt.Sprintf("Request failed with status code %d", status)
	e.Messages = []string{orig}
	if status > 0 {
		e.HTTPCode = strconv.Itoa(status)
	}
	if m := HTTPStatusMessage(status); m != "" {
		e.Message = m
	} else {
		e.Message = orig
		e.Messages = []string{}
	}
	if body != nil {
		e.Context["data"] = body
	}
	if d := apiDescription(body); d != "" {
		e.SetDescription(d)
	}
	e.Cause = map[string]any{
		"name": "AxiosError", "message": orig, "code": axiosCode(status), "status": status,
		"response": map[string]any{"status": status, "data": body},
	}
	return e
}

func axiosCode(status int) string {
	if status >= 500 {
		return "ERR_BAD_RESPONSE"
	}
	return "ERR_BAD_REQUEST"
}

// descriptionKeys are the keys n8n's NodeApiError searches for a description.
var descriptionKeys = []string{"cause", "error", "message", "msg", "description", "reason", "detail", "details", "errors", "errorMessage", "Message", "Error", "error_description", "errorDescription"}

// apiDescription finds the server's own message in a response body.
func apiDescription(body any) string {
	switch b := body.(type) {
	case string:
		return b
	case map[string]any:
		if m, ok := b["message"].(string); ok {
			return m
		}
		if inner, ok := b["error"].(map[string]any); ok {
			if m, ok := inner["message"].(string); ok {
				return m
			}
		}
		for _, k := range descriptionKeys {
			v, ok := b[k]
			if !ok || v == nil {
				continue
			}
			switch vv := v.(type) {
			case string:
				return vv
			case map[string]any, []any:
				if d := apiDescription(vv); d != "" {
					return d
				}
				raw, _ := json.Marshal(vv)
				return string(raw)
			default:
				return fmt.Sprint(vv)
			}
		}
	case []any:
		if len(b) > 0 {
			return apiDescription(b[0])
		}
	}
	return ""
}

// NewNetworkError builds a NodeApiError for a request that got no response
// (connection refused, timeout, DNS...), with n8n's texts.
func NewNetworkError(node string, err error, code string) *NodeError {
	e := &NodeError{
		Name: NodeApiErrorName, Level: "warning", Functionality: "regular",
		NodeName: node, Context: map[string]any{}, ItemIndex: -1, Wrapped: err,
		Messages: []string{err.Error()},
	}
	switch code {
	case "ECONNREFUSED":
		e.Message = "The service refused the connection - perhaps it is offline"
	case "ECONNRESET":
		e.Message = "The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later."
	case "ETIMEDOUT", "ECONNABORTED":
		e.Message = "The connection timed out, consider setting the 'Retry on Fail' option in the node settings"
	case "ENOTFOUND", "EAI_AGAIN":
		e.Message = "The DNS server returned an error, perhaps the server is offline"
	default:
		e.Message = err.Error()
	}
	if code != "" {
		e.HTTPCode = code
	}
	return e
}

// AsNodeError converts any error into a NodeError for node, keeping a
// NodeError found in the chain and wrapping others as NodeOperationError.
func AsNodeError(node string, err error) *NodeError {
	if err == nil {
		return nil
	}
	var ne *NodeError
	if errors.As(err, &ne) {
		if ne.NodeName == "" {
			ne.NodeName = node
		}
		return ne
	}
	e := NewOperationError(node, err.Error())
	e.Wrapped = err
	return e
}
