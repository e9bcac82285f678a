package routing

import (
	"errors"
	"fmt"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/nodes"
)

// requestError converts item i's request failure into n8n's error: status
// errors become NodeApiError with the status message table, transport
// failures NodeApiError with the network texts, anything else keeps or
// becomes a NodeError. The item and run index go into the error's context.
//
// RoutingNode's code replaces the message of a 429 with "Try spacing your
// requests out ...", but only for errors carrying statusCode, which neither
// NodeApiError nor AxiosError do: n8n 2.41 reports a 429 with the table's
// "The service is receiving too many requests from you" (checked with the
// n8n peer), and so does noderun.
func (r *run) requestError(i int, err error) *nodes.NodeError {
	var (
		se  *httpx.StatusError
		ne  *httpx.NetworkError
		pe  *httpx.ProxyError
		out *nodes.NodeError
	)
	switch {
	case errors.As(err, &out):
		out = cloneError(out)
	case errors.As(err, &se):
		out = nodes.NewAPIError(r.node.Name, se.Response.StatusCode, se.Response.Body)
		out.Wrapped = err
	case errors.As(err, &ne):
		out = networkError(r.node.Name, ne)
	case errors.As(err, &pe):
		out = proxyError(r.node.Name, pe)
	default:
		out = nodes.NewOperationError(r.node.Name, err.Error())
		out.Wrapped = err
	}
	if out.NodeName == "" {
		out.NodeName = r.node.Name
	}
	out.WithItem(i)
	out.Context["runIndex"] = r.runIndex
	return out
}

// cloneError copies a NodeError so per-item context does not leak between
// items that share one error value.
func cloneError(e *nodes.NodeError) *nodes.NodeError {
	c := *e
	c.Context = make(map[string]any, len(e.Context)+2)
	for k, v := range e.Context {
		c.Context[k] = v
	}
	return &c
}

// itemError wraps an assembly failure of item i (expression errors and
// the like) as a node error naming the node and item: an ExpressionError
// keeps n8n's name, message and description; anything else becomes a
// NodeOperationError whose description says where in the routing it
// happened.
func (r *run) itemError(i int, err error) error {
	var (
		ne *nodes.NodeError
		xe *expr.ExpressionError
		se *expr.SyntaxError
	)
	switch {
	case errors.As(err, &ne):
		ne = cloneError(ne)
		if ne.NodeName == "" {
			ne.NodeName = r.node.Name
		}
	case errors.As(err, &xe):
		ne = nodes.NewOperationError(r.node.Name, xe.Message)
		ne.Name = "ExpressionError"
		ne.SetDescription(xe.Description)
		ne.Wrapped = err
	case errors.As(err, &se):
		ne = nodes.NewOperationError(r.node.Name, "invalid syntax")
		ne.Name = "ExpressionError"
		ne.SetDescription(err.Error())
		ne.Wrapped = err
	default:
		root := err
		for u := errors.Unwrap(root); u != nil; u = errors.Unwrap(root) {
			root = u
		}
		ne = nodes.NewOperationError(r.node.Name, root.Error())
		ne.SetDescription(fmt.Sprintf("item %d: %v", i, err))
		ne.Wrapped = err
	}
	ne.WithItem(i)
	ne.Context["runIndex"] = r.runIndex
	return ne
}

// validateProxy checks the requestOptions proxy like RoutingNode.
func validateProxy(node, proxy string) error {
	if _, err := httpx.ParseProxy(proxy); err != nil {
		var pe *httpx.ProxyError
		if errors.As(err, &pe) {
			return proxyError(node, pe)
		}
		return nodes.AsNodeError(node, err)
	}
	return nil
}

func proxyError(node string, pe *httpx.ProxyError) *nodes.NodeError {
	e := nodes.NewOperationError(node, "The proxy is not valid")
	e.SetDescription(fmt.Sprintf("The proxy URL does not contain a valid value for %q", pe.Field))
	e.Wrapped = pe
	return e
}

// networkError is n8n's NodeApiError for a request without a response.
// n8n lists the Node.js message twice in messages (the axios error's and
// the wrapped one's) and reports ECONNABORTED (axios's own timeout) as
// "The connection was aborted, perhaps the server is offline" (checked with
// the n8n peer).
func networkError(node string, ne *httpx.NetworkError) *nodes.NodeError {
	out := nodes.NewNetworkError(node, ne, ne.Code)
	if ne.Code == "ECONNABORTED" {
		out.Message = "The connection was aborted, perhaps the server is offline"
	}
	out.Messages = []string{ne.Error(), ne.Error()}
	return out
}
