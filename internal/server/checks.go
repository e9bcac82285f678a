package server

import (
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/trigger"
)

// checkResponseMode is n8n's checkResponseModeConfiguration, which the
// Webhook node (version 2 and later) runs first on every call:
// responseNode needs a Respond to Webhook node after the webhook, and
// other modes must not have one (unless a Wait node after the webhook
// that resumes on a webhook call answers with it). The error is a
// *trigger.HTTPError with n8n's message and hint.
func checkResponseMode(wf *engine.Workflow, hook *trigger.Webhook) error {
	var desc []*nodes.Node
	for _, name := range wf.Descendants(hook.Node) {
		if n := wf.Node(name); n != nil {
			desc = append(desc, n)
		}
	}
	parents := func(name string) []*nodes.Node {
		var out []*nodes.Node
		for _, p := range wf.Ancestors(name) {
			if n := wf.Node(p); n != nil {
				out = append(out, n)
			}
		}
		return out
	}
	return hook.CheckResponseMode(desc, parents)
}
