package server

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// webhookMethods are the methods a webhook may be registered for (n8n's
// WEBHOOK_METHODS); OPTIONS is answered as a CORS preflight.
var webhookMethods = []string{http.MethodDelete, http.MethodGet, http.MethodHead, http.MethodPatch, http.MethodPost, http.MethodPut}

// supportedMethod reports whether a webhook request may use method.
func supportedMethod(method string) bool {
	return method == http.MethodOptions || slices.Contains(webhookMethods, method)
}

// cors sets n8n's CORS headers on a webhook request that carries an
// Origin (WebhookRequestHandler.setupCorsHeaders): the methods registered
// on the path, and the origin allowed by the Webhook node's
// allowedOrigins option for the method (requested). false when it
// answered: no webhook for that method and path.
func (s *Server) cors(w http.ResponseWriter, r *http.Request, path string) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	methods := s.router.methods(path)
	w.Header().Set("Access-Control-Allow-Methods", strings.Join(append([]string{http.MethodOptions}, methods...), ", "))
	requested := r.Method
	if requested == http.MethodOptions {
		requested = strings.ToUpper(r.Header.Get("Access-Control-Request-Method"))
	}
	if requested == "" {
		return true
	}
	ep, _ := s.router.match(requested, path)
	if ep == nil {
		writeError(w, http.StatusNotFound, notRegisteredMessage(requested, trimSlashes(path), methods), productionHint)
		return false
	}
	w.Header().Set("Access-Control-Allow-Origin", allowedOrigin(allowedOrigins(ep), origin))
	if r.Method == http.MethodOptions {
		w.Header().Set("Access-Control-Max-Age", "300")
		if h := r.Header.Get("Access-Control-Request-Headers"); h != "" {
			w.Header().Set("Access-Control-Allow-Headers", h)
		}
	}
	return true
}

// allowedOrigins is the Webhook node's options.allowedOrigins as written
// ("" when not set; n8n reads it without evaluating expressions).
func allowedOrigins(ep *endpoint) string {
	opts, _ := ep.node.Parameters["options"].(map[string]any)
	s, _ := opts["allowedOrigins"].(string)
	return s
}

// allowedOrigin is the Access-Control-Allow-Origin n8n answers origin
// with: origin itself when every origin is allowed or it is listed, else
// the first origin listed.
func allowedOrigin(allowed, origin string) string {
	if allowed == "" || allowed == "*" || allowed == origin {
		return origin
	}
	list := strings.Split(allowed, ",")
	if slices.Contains(list, origin) {
		return origin
	}
	return list[0]
}

// serveTestWebhook answers /webhook-test/{path}: noderun serve has no
// editor to arm a test webhook, so every call gets n8n's "not registered"
// 404, with a hint naming the production URL when there is one.
func (s *Server) serveTestWebhook(w http.ResponseWriter, r *http.Request) {
	path := trimSlashes(r.PathValue("path"))
	hint := "noderun serve has no test webhooks (the editor's Execute workflow button): call the production URL under /webhook/ of an active workflow."
	if ep, _ := s.router.match(r.Method, path); ep != nil {
		hint = fmt.Sprintf("noderun serve has no test webhooks (the editor's Execute workflow button): call the production URL %s/webhook/%s", s.baseURL, path)
	}
	writeError(w, http.StatusNotFound, notRegisteredMessage(r.Method, path, nil), hint)
}
