package trigger

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
)

// authError is n8n's WebhookAuthorizationError: the reply carries
// WWW-Authenticate: Basic realm="Webhook" whatever the code.
func authError(code int, message string) *HTTPError {
	if message == "" {
		switch code {
		case http.StatusUnauthorized:
			message = "Authorization is required!"
		case http.StatusForbidden:
			message = "Authorization data is wrong!"
		default:
			message = "Authorization problem!"
		}
	}
	h := http.Header{}
	h.Set("WWW-Authenticate", `Basic realm="Webhook"`)
	return &HTTPError{Code: code, Message: message, Header: h}
}

// authenticate is the Webhook node's checks before it builds its item:
// the IP allowlist, ignoreBots, then validateWebhookAuthentication.
func (w *Webhook) authenticate(r *http.Request, creds Credentials) error {
	opts := object(w.params, "options")
	if !ipAllowed(jsString(opts["ipWhitelist"]), r) {
		return &HTTPError{Code: http.StatusForbidden, Message: "IP is not allowed to access the webhook!"}
	}
	if jsvalue.Truthy(opts["ignoreBots"]) && isBot(r.UserAgent()) {
		return authError(http.StatusForbidden, "")
	}
	cred := func(name string) map[string]any {
		if creds == nil {
			return nil
		}
		c, err := creds(name)
		if err != nil {
			return nil
		}
		return c
	}
	switch w.Authentication {
	case "", "none":
		return nil
	case "basicAuth":
		expected := cred("httpBasicAuth")
		user, pass := jsString(expected["user"]), jsString(expected["password"])
		if expected == nil || user == "" || pass == "" {
			return authError(http.StatusInternalServerError, "No authentication data defined on node!")
		}
		gotUser, gotPass, ok := basicAuth(r)
		if !ok {
			token := r.Header.Get("X-Auth-Token")
			if token == "" {
				return authError(http.StatusUnauthorized, "")
			}
			want := basicAuthToken(user, pass, w.nodeID, w.WebhookID)
			if len(want) != len(token) || subtle.ConstantTimeCompare([]byte(want), []byte(token)) != 1 {
				return authError(http.StatusForbidden, "")
			}
			return nil
		}
		if gotUser != user || gotPass != pass {
			return authError(http.StatusUnauthorized, "Authentication data is wrong!")
		}
		return nil
	case "headerAuth":
		expected := cred("httpHeaderAuth")
		name, value := jsString(expected["name"]), jsString(expected["value"])
		if expected == nil || name == "" || value == "" {
			return authError(http.StatusInternalServerError, "No authentication data defined on node!")
		}
		got, ok := headerValue(r, name)
		if !ok || got != value {
			return authError(http.StatusForbidden, "")
		}
		return nil
	case "jwtAuth":
		expected := cred("jwtAuth")
		if expected == nil {
			return authError(http.StatusInternalServerError, "No authentication data defined on node!")
		}
		fields := strings.Split(r.Header.Get("Authorization"), " ")
		if len(fields) < 2 || fields[1] == "" {
			return authError(http.StatusUnauthorized, "No token provided")
		}
		claims, err := verifyJWT(fields[1], expected)
		if err != nil {
			return authError(http.StatusForbidden, err.Error())
		}
		w.jwtClaims.Store(r, claims)
		return nil
	}
	return authError(http.StatusInternalServerError, fmt.Sprintf("The authentication %q is not supported by noderun", w.Authentication))
}

// basicAuth parses the Authorization header as the basic-auth package
// does (scheme case-insensitive, password may contain ':').
func basicAuth(r *http.Request) (user, pass string, ok bool) {
	return r.BasicAuth()
}

// headerValue returns a request header as Node.js shows it (several
// values joined by ", ").
func headerValue(r *http.Request, name string) (string, bool) {
	vs, ok := r.Header[http.CanonicalHeaderKey(name)]
	if !ok {
		if strings.EqualFold(name, "host") {
			return r.Host, true
		}
		return "", false
	}
	return strings.Join(vs, ", "), true
}

// basicAuthToken is n8n's generateBasicAuthToken: HMAC-SHA256 keyed by
// "user:password" of "<nodeId>-<webhookId>", hex.
func basicAuthToken(user, pass, nodeID, webhookID string) string {
	m := hmac.New(sha256.New, []byte(user+":"+pass))
	m.Write([]byte(nodeID + "-" + webhookID))
	return hex.EncodeToString(m.Sum(nil))
}

// ipAllowed is n8n's isIpAllowed: an empty list allows all; entries are
// addresses or CIDR ranges, invalid ones ignored. The client address is
// the connection's, then X-Forwarded-For's (Express's req.ips with trust
// proxy).
func ipAllowed(list string, r *http.Request) bool {
	if strings.TrimSpace(list) == "" {
		return true
	}
	var nets []*net.IPNet
	var ips []net.IP
	for _, e := range strings.Split(list, ",") {
		e = strings.TrimSpace(e)
		if strings.Contains(e, "/") {
			if _, n, err := net.ParseCIDR(e); err == nil {
				nets = append(nets, n)
			}
			continue
		}
		if ip := net.ParseIP(e); ip != nil {
			ips = append(ips, ip)
		}
	}
	allowed := func(s string) bool {
		ip := net.ParseIP(strings.TrimSpace(s))
		if ip == nil {
			return false
		}
		for _, a := range ips {
			if a.Equal(ip) {
				return true
			}
		}
		for _, n := range nets {
			if n.Contains(ip) {
				return true
			}
		}
		return false
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if allowed(host) {
		return true
	}
	for _, f := range strings.Split(r.Header.Get("X-Forwarded-For"), ",") {
		if allowed(f) {
			return true
		}
	}
	return false
}

// botPattern matches the user agents of crawlers and link previewers (a
// subset of the isbot package's list).
var botPattern = regexp.MustCompile(`(?i)bot\b|bot[/_;-]|crawl|spider|slurp|facebookexternalhit|facebookcatalog|embedly|quora link preview|outbrain|pinterest|vkshare|w3c_validator|whatsapp|skypeuripreview|preview|bingpreview|headless|lighthouse|pagespeed|curl/|wget/|python-requests|go-http-client|okhttp|axios/|node-fetch|httpclient|scrapy|phantomjs|ahrefs|semrush|yandex|baiduspider|duckduckgo|google-inspectiontool|googleother|apis-google|mediapartners|feedfetcher|validator|monitor|uptime|pingdom`)

// isBot is isbot(userAgent): true for crawlers and tools.
func isBot(ua string) bool { return ua != "" && botPattern.MatchString(ua) }
