package routing

import (
	"errors"
	"fmt"

	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/nodes"
)

// rateLimitMessage is RoutingNode's replacement text for a 429 reply.
const rateLimitMessage = "Try spacing your requests out using the batching settings under 'Options'"

// requestError converts item i's request failure into n8n's error: status
// errors become NodeApiError with the status message table (429 with
// RoutingNode's text), transport failures NodeApiError with the network
// texts, anything else keeps or becomes a NodeError. The item and run
// index go into the error's context.
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
		out = nodes.NewNetworkError(r.node.Name, err, ne.Code)
	case errors.As(err, &pe):
		out = proxyError(r.node.Name, pe)
	default:
		out = nodes.NewOperationError(r.node.Name, err.Error())
		out.Wrapped = err
	}
	if out.NodeName == "" {
		out.NodeName = r.node.Name
	}
	if out.HTTPCode == "429" {
		out.Message = rateLimitMessage
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
// the like) as a NodeOperationError naming the node and item.
func (r *run) itemError(i int, err error) error {
	var ne *nodes.NodeError
	if errors.As(err, &ne) {
		ne = cloneError(ne)
		if ne.NodeName == "" {
			ne.NodeName = r.node.Name
		}
	} else {
		ne = nodes.NewOperationError(r.node.Name, fmt.Sprintf("item %d: %v", i, err))
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
