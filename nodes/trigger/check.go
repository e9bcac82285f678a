package trigger

import (
	"net/http"
	"slices"

	"github.com/noderun/noderun/nodes"
)

// CheckResponseMode is n8n's checkResponseModeConfiguration, which a
// Webhook node of version 2 or later runs on every call: descendants are
// the nodes downstream of the webhook (n8n's getChildNodes) and parents,
// when not nil, lists the nodes upstream of a node (getParentNodes), to
// let a Respond to Webhook node answer a downstream Wait node instead.
// The error is an *HTTPError (500) with n8n's message and hint.
func (w *Webhook) CheckResponseMode(descendants []*nodes.Node, parents func(node string) []*nodes.Node) error {
	if w.wait || w.version < 2 {
		return nil
	}
	var responders []*nodes.Node
	names := map[string]bool{}
	for _, n := range descendants {
		names[n.Name] = true
		if n.Type == RespondToWebhookType {
			responders = append(responders, n)
		}
	}
	if len(responders) == 0 && w.ResponseMode == "responseNode" {
		return &HTTPError{Code: http.StatusInternalServerError, Message: "No Respond to Webhook node found in the workflow",
			Hint: "Insert a Respond to Webhook node to your workflow to respond to the webhook or choose another option for the “Respond” parameter"}
	}
	if len(responders) == 0 || w.ResponseMode == "responseNode" || w.ResponseMode == "streaming" {
		return nil
	}
	ownedByWait := func(respond *nodes.Node) bool {
		if parents == nil {
			return false
		}
		return slices.ContainsFunc(parents(respond.Name), func(p *nodes.Node) bool {
			resume, _ := p.Parameters["resume"].(string)
			return names[p.Name] && p.Type == WaitType && !p.Disabled &&
				(resume == "webhook" || resume == "form") && p.Parameters["responseMode"] == "responseNode"
		})
	}
	for _, r := range responders {
		if !ownedByWait(r) {
			return &HTTPError{Code: http.StatusInternalServerError, Message: "Unused Respond to Webhook node found in the workflow",
				Hint: "Set the “Respond” parameter to “Using Respond to Webhook Node” or remove the Respond to Webhook node"}
		}
	}
	return nil
}
