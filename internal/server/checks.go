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
	for _, name := range descendants(wf, hook.Node) {
		if n := wf.Node(name); n != nil {
			desc = append(desc, n)
		}
	}
	parents := func(name string) []*nodes.Node {
		var out []*nodes.Node
		for _, p := range ancestors(wf, name) {
			if n := wf.Node(p); n != nil {
				out = append(out, n)
			}
		}
		return out
	}
	return hook.CheckResponseMode(desc, parents)
}

// descendants lists the nodes reachable from name (n8n's getChildNodes).
func descendants(wf *engine.Workflow, name string) []string {
	var out []string
	seen := map[string]bool{name: true}
	queue := []string{name}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, conns := range wf.Connections.Main(cur) {
			for _, c := range conns {
				if !seen[c.Node] {
					seen[c.Node] = true
					out = append(out, c.Node)
					queue = append(queue, c.Node)
				}
			}
		}
	}
	return out
}

// ancestors lists the nodes name is reachable from (n8n's getParentNodes).
func ancestors(wf *engine.Workflow, name string) []string {
	var out []string
	seen := map[string]bool{name: true}
	queue := []string{name}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, conns := range wf.Parents(cur) {
			for _, c := range conns {
				if !seen[c.Node] {
					seen[c.Node] = true
					out = append(out, c.Node)
					queue = append(queue, c.Node)
				}
			}
		}
	}
	return out
}
