package server

import (
	"errors"

	"github.com/noderun/noderun/engine"
)

// respondNodeType is n8n's Respond to Webhook node.
const respondNodeType = "n8n-nodes-base.respondToWebhook"

// checkResponseMode is n8n's checkResponseModeConfiguration (Webhook
// node): responseNode needs a Respond to Webhook node after the webhook,
// and other modes must not have one (unless a Wait node after the webhook
// that resumes on a webhook call answers with it).
func checkResponseMode(wf *engine.Workflow, webhookNode, mode string) error {
	desc := descendants(wf, webhookNode)
	var responders []string
	for _, name := range desc {
		if n := wf.Node(name); n != nil && n.Type == respondNodeType {
			responders = append(responders, name)
		}
	}
	if len(responders) == 0 && mode == modeResponseNode {
		return errors.New("No Respond to Webhook node found in the workflow")
	}
	if len(responders) == 0 || mode == modeResponseNode || mode == "streaming" {
		return nil
	}
	inDesc := map[string]bool{}
	for _, name := range desc {
		inDesc[name] = true
	}
	for _, r := range responders {
		owned := false
		for _, p := range ancestors(wf, r) {
			n := wf.Node(p)
			if n == nil || !inDesc[p] || n.Type != waitNodeType || n.Disabled {
				continue
			}
			resume, _ := n.Parameters["resume"].(string)
			respMode, _ := n.Parameters["responseMode"].(string)
			if (resume == "webhook" || resume == "form") && respMode == modeResponseNode {
				owned = true
				break
			}
		}
		if !owned {
			return errors.New("Unused Respond to Webhook node found in the workflow")
		}
	}
	return nil
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
