package httprequest

import (
	"context"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"net/url"
	"strings"

	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/nodes"
)

// digestCredential is the generic credential type sent with HTTP Digest
// authentication: the node answers the server's challenge itself (n8n's
// auth {user, pass, sendImmediately: false}).
const digestCredential = "httpDigestAuth"

// send sends req with the node's credential type; Digest is answered here.
func send(ctx nodes.ExecuteContext, req *nodes.Request, cred string) (*nodes.Response, error) {
	if cred == digestCredential {
		return sendDigest(ctx, ctx.Context(), req)
	}
	c := ctx.Context()
	if genericAuthTypes[cred] {
		// n8n sends generic-credential requests once; only predefined
		// (httpRequestWithAuthentication) ones are resent after a 401.
		c = credentials.WithoutUnauthorizedRetry(c)
	}
	return ctx.HTTP(c, req, cred)
}

// genericAuthTypes are the credential types of authentication "Generic
// Credential Type".
var genericAuthTypes = map[string]bool{
	"httpBasicAuth": true, "httpBearerAuth": true, "httpDigestAuth": true, "httpHeaderAuth": true,
	"httpQueryAuth": true, "httpCustomAuth": true, "oAuth1Api": true, "oAuth2Api": true,
}

// sendDigest sends req without credentials and, when the server answers
// 401 with a Digest challenge, once more with the computed Authorization.
func sendDigest(ctx nodes.ExecuteContext, c context.Context, req *nodes.Request) (*nodes.Response, error) {
	cred, err := ctx.Credential(digestCredential)
	if err != nil {
		return nil, err
	}
	first := *req
	first.IgnoreHTTPStatusErrors = true
	resp, err := ctx.HTTP(c, &first, "")
	if err != nil {
		return resp, err
	}
	challenge := resp.Headers.Get("Www-Authenticate")
	if resp.StatusCode != 401 || !strings.HasPrefix(strings.ToLower(challenge), "digest ") {
		// No challenge: this reply is the answer.
		if ignore, _ := req.IgnoreHTTPStatusErrors.(bool); !ignore && (resp.StatusCode < 200 || resp.StatusCode >= 300) {
			return resp, &httpx.StatusError{Response: resp}
		}
		return resp, nil
	}
	u, err := url.Parse(fullURL(req))
	if err != nil {
		return nil, fmt.Errorf("digest authentication: %w", err)
	}
	auth, err := digestAuthorization(challenge, req.Method, u.RequestURI(), str(cred["user"]), str(cred["password"]))
	if err != nil {
		return nil, err
	}
	second := *req
	second.Headers = copyMap(req.Headers)
	if second.Headers == nil {
		second.Headers = map[string]any{}
	}
	second.Headers["Authorization"] = auth
	return ctx.HTTP(c, &second, "")
}

// digestAuthorization answers a Digest challenge (RFC 7616: MD5, SHA-256
// and their -sess variants, qop auth or none).
func digestAuthorization(challenge, method, uri, user, password string) (string, error) {
	p := parseChallenge(challenge[len("digest "):])
	algorithm := p["algorithm"]
	var newHash func() hash.Hash
	switch strings.ToUpper(strings.TrimSuffix(strings.ToUpper(algorithm), "-SESS")) {
	case "", "MD5":
		newHash = md5.New
	case "SHA-256":
		newHash = sha256.New
	default:
		return "", fmt.Errorf("digest authentication: unsupported algorithm %q", algorithm)
	}
	h := func(s string) string {
		x := newHash()
		x.Write([]byte(s))
		return hex.EncodeToString(x.Sum(nil))
	}
	cnonceBytes := make([]byte, 8)
	_, _ = rand.Read(cnonceBytes)
	cnonce := hex.EncodeToString(cnonceBytes)
	const nc = "00000001"
	ha1 := h(user + ":" + p["realm"] + ":" + password)
	if strings.HasSuffix(strings.ToUpper(algorithm), "-SESS") {
		ha1 = h(ha1 + ":" + p["nonce"] + ":" + cnonce)
	}
	ha2 := h(method + ":" + uri)
	qop := ""
	for _, q := range strings.Split(p["qop"], ",") {
		if strings.TrimSpace(q) == "auth" {
			qop = "auth"
		}
	}
	var response string
	if qop != "" {
		response = h(ha1 + ":" + p["nonce"] + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2)
	} else {
		response = h(ha1 + ":" + p["nonce"] + ":" + ha2)
	}
	parts := []string{
		fmt.Sprintf(`username="%s"`, user),
		fmt.Sprintf(`realm="%s"`, p["realm"]),
		fmt.Sprintf(`nonce="%s"`, p["nonce"]),
		fmt.Sprintf(`uri="%s"`, uri),
	}
	if qop != "" {
		parts = append(parts, "qop="+qop, "nc="+nc, fmt.Sprintf(`cnonce="%s"`, cnonce))
	}
	parts = append(parts, fmt.Sprintf(`response="%s"`, response))
	if o, ok := p["opaque"]; ok {
		parts = append(parts, fmt.Sprintf(`opaque="%s"`, o))
	}
	if algorithm != "" {
		parts = append(parts, "algorithm="+algorithm)
	}
	return "Digest " + strings.Join(parts, ", "), nil
}

// parseChallenge splits `k="v", k2=v2` challenge parameters.
func parseChallenge(s string) map[string]string {
	out := map[string]string{}
	for len(s) > 0 {
		s = strings.TrimLeft(s, " ,")
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			break
		}
		key := strings.ToLower(strings.TrimSpace(s[:eq]))
		s = s[eq+1:]
		var val string
		if strings.HasPrefix(s, `"`) {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				val, s = s[1:], ""
			} else {
				val, s = s[1:end+1], s[end+2:]
			}
		} else {
			end := strings.IndexByte(s, ',')
			if end < 0 {
				val, s = s, ""
			} else {
				val, s = s[:end], s[end:]
			}
		}
		out[key] = strings.TrimSpace(val)
	}
	return out
}
