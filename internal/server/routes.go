package server

import (
	"fmt"
	"sort"
	"strings"

	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/trigger"
)

// endpoint is a Webhook node of an active workflow.
type endpoint struct {
	wf   *workflow
	node *nodes.Node
	hook *trigger.Webhook
	// path is the node's path without leading or trailing slashes, and
	// segments its parts; dynamic paths have ":name" segments.
	path     string
	segments []string
	dynamic  bool
}

func newEndpoint(w *workflow, node *nodes.Node, hook *trigger.Webhook) *endpoint {
	p := trimSlashes(hook.Path)
	ep := &endpoint{wf: w, node: node, hook: hook, path: p, segments: strings.Split(p, "/")}
	for _, seg := range ep.segments {
		if strings.HasPrefix(seg, ":") {
			ep.dynamic = true
		}
	}
	return ep
}

// urlPath is the path under /webhook/ where the endpoint is called: its
// path, prefixed with the node's webhookId when it has parameters (as n8n
// registers dynamic webhooks).
func (ep *endpoint) urlPath() string {
	if ep.dynamic && ep.hook.WebhookID != "" {
		return ep.hook.WebhookID + "/" + ep.path
	}
	return ep.path
}

func (ep *endpoint) String() string {
	return fmt.Sprintf("workflow %q node %q", ep.wf.ID, ep.node.Name)
}

// router finds the webhook endpoint of a request (n8n's
// WebhookService.findWebhook: static paths first, then dynamic ones).
type router struct {
	static  map[string]*endpoint // "METHOD path"
	dynamic map[string][]*endpoint
}

func newRouter() *router {
	return &router{static: map[string]*endpoint{}, dynamic: map[string][]*endpoint{}}
}

// add registers ep for each of its methods; two webhooks on the same
// method and path are an error naming both.
func (rt *router) add(ep *endpoint) error {
	for _, m := range ep.hook.Methods {
		m = strings.ToUpper(m)
		if !ep.dynamic {
			key := m + " " + ep.path
			if prev, ok := rt.static[key]; ok {
				return fmt.Errorf("webhook %s /webhook/%s is registered twice: %s and %s", m, ep.path, prev, ep)
			}
			rt.static[key] = ep
			continue
		}
		for _, prev := range rt.dynamic[m] {
			if prev.hook.WebhookID == ep.hook.WebhookID && prev.path == ep.path {
				return fmt.Errorf("webhook %s /webhook/%s is registered twice: %s and %s", m, ep.urlPath(), prev, ep)
			}
		}
		rt.dynamic[m] = append(rt.dynamic[m], ep)
	}
	return nil
}

// match returns the endpoint for method and path with its path
// parameters, or nil.
func (rt *router) match(method, path string) (*endpoint, map[string]string) {
	path = trimSlashes(path)
	if ep, ok := rt.static[method+" "+path]; ok {
		return ep, map[string]string{}
	}
	parts := strings.Split(path, "/")
	var best *endpoint
	var bestParams map[string]string
	bestScore := -1
	for _, ep := range rt.dynamic[method] {
		// n8n's form: /webhook/<webhookId>/<path>; also the path alone.
		candidates := [][]string{parts}
		if len(parts) > 1 && parts[0] == ep.hook.WebhookID {
			candidates = [][]string{parts[1:], parts}
		}
		for _, segs := range candidates {
			params, score, ok := matchSegments(ep.segments, segs)
			if ok && score > bestScore {
				best, bestParams, bestScore = ep, params, score
			}
		}
	}
	return best, bestParams
}

// methods lists the methods registered on path (for n8n's "not registered
// for GET requests" message).
func (rt *router) methods(path string) []string {
	path = trimSlashes(path)
	seen := map[string]bool{}
	for key := range rt.static {
		m, p, _ := strings.Cut(key, " ")
		if p == path {
			seen[m] = true
		}
	}
	for m := range rt.dynamic {
		if ep, _ := rt.match(m, path); ep != nil {
			seen[m] = true
		}
	}
	out := make([]string, 0, len(seen))
	for m := range seen {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// matchSegments matches request segments against a pattern with ":name"
// parameters; score counts the static segments matched.
func matchSegments(pattern, segs []string) (map[string]string, int, bool) {
	if len(pattern) != len(segs) {
		return nil, 0, false
	}
	params := map[string]string{}
	score := 0
	for i, p := range pattern {
		if name, ok := strings.CutPrefix(p, ":"); ok {
			if segs[i] == "" {
				return nil, 0, false
			}
			params[name] = segs[i]
			continue
		}
		if p != segs[i] {
			return nil, 0, false
		}
		score++
	}
	return params, score, true
}

func trimSlashes(p string) string { return strings.Trim(p, "/") }

// notRegisteredMessage is n8n's webhookNotFoundErrorMessage.
func notRegisteredMessage(method, path string, methods []string) string {
	if len(methods) > 0 && method != "" {
		list := methods[0]
		if len(methods) > 1 {
			list = strings.Join(methods[:len(methods)-1], ", ") + " or " + methods[len(methods)-1]
		}
		return fmt.Sprintf("This webhook is not registered for %s requests. Did you mean to make a %s request?", method, list)
	}
	return "The requested webhook \"" + method + " " + path + "\" is not registered."
}
