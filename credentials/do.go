package credentials

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/nodes"
)

// Do sends req authenticated with cred (a credential from Resolve), as
// n8n's httpRequestWithAuthentication:
//   - OAuth2 types (oAuth2Api in the extends chain): the token is fetched
//     (client credentials) or taken from oauthTokenData, the request is
//     signed, and on the type's token-expired status (default 401) the
//     token is refreshed, saved and the request retried once;
//   - types with a preAuthentication: the session login runs when its
//     expirable property is empty or expired;
//   - then the generic authenticate is applied and the request sent; a 401
//     reply is sent once more (after a new session login when the type has
//     one), as n8n does, unless ctx comes from WithoutUnauthorizedRetry.
//
// req is not modified. Secret values never appear in the returned error's
// text.
func (m *Manager) Do(ctx context.Context, cred *Credential, req *nodes.Request, send func(context.Context, *nodes.Request) (*nodes.Response, error)) (*nodes.Response, error) {
	if cred == nil {
		return nil, errors.New("authenticated request: no credential")
	}
	t := m.types.Lookup(cred.Type)
	if t == nil {
		return nil, fmt.Errorf("credential %q: %w", cred.Name, &UnknownTypeError{Type: cred.Type})
	}
	resp, err := m.do(ctx, t, cred, req, send)
	if err != nil {
		secrets := m.secretsOf(cred)
		scrubNodeError(err, secrets)
		scrubResponse(resp, secrets)
		var se *httpx.StatusError
		if errors.As(err, &se) && se.Response != resp {
			scrubResponse(se.Response, secrets)
		}
		return resp, scrub(err, secrets)
	}
	return resp, nil
}

func (m *Manager) do(ctx context.Context, t *Type, cred *Credential, req *nodes.Request, send SendFunc) (*nodes.Response, error) {
	if m.types.IsOAuth2(t.Name) {
		return m.doOAuth2(ctx, cred, req, send)
	}
	data := m.snapshot(cred)
	if t.PreAuthentication != nil {
		var err error
		if data, err = m.ensureSession(ctx, t, cred, send, false); err != nil {
			return nil, err
		}
	}
	r, err := m.authenticate(t, cred, data, req)
	if err != nil {
		return nil, err
	}
	resp, err := send(ctx, r)
	if statusOf(resp, err) != http.StatusUnauthorized || noUnauthorizedRetry(ctx) {
		return resp, err
	}
	// n8n resends once after a 401, logging in again first when the type
	// has a session login.
	if t.PreAuthentication != nil {
		var lerr error
		if data, lerr = m.ensureSession(ctx, t, cred, send, true); lerr != nil {
			return nil, lerr
		}
	}
	if r, err = m.authenticate(t, cred, data, req); err != nil {
		return nil, err
	}
	return send(ctx, r)
}

type noRetryKey struct{}

// WithoutUnauthorizedRetry returns ctx telling Do to send a non-OAuth2
// request once even when it gets a 401. n8n's httpRequestWithAuthentication
// (declarative nodes) resends once; the HTTP Request node with a generic
// credential sends once.
func WithoutUnauthorizedRetry(ctx context.Context) context.Context {
	return context.WithValue(ctx, noRetryKey{}, true)
}

func noUnauthorizedRetry(ctx context.Context) bool {
	b, _ := ctx.Value(noRetryKey{}).(bool)
	return b
}

// scrubNodeError removes secrets from the texts of a NodeError in err's
// chain in place (the engine serializes it into results).
func scrubNodeError(err error, secrets []string) {
	var ne *nodes.NodeError
	if !errors.As(err, &ne) {
		return
	}
	ne.Message = scrubString(ne.Message, secrets)
	if ne.Description != nil {
		d := scrubString(*ne.Description, secrets)
		ne.Description = &d
	}
	for i, s := range ne.Messages {
		ne.Messages[i] = scrubString(s, secrets)
	}
	if d, ok := ne.Context["data"]; ok {
		ne.Context["data"] = scrubValue(d, secrets)
	}
}

// scrubResponse removes secrets from a failed reply that will become the
// error's data (a server echoing the key back).
func scrubResponse(resp *nodes.Response, secrets []string) {
	if resp == nil {
		return
	}
	resp.Body = scrubValue(resp.Body, secrets)
	if len(resp.Raw) > 0 {
		resp.Raw = []byte(scrubString(string(resp.Raw), secrets))
	}
}

// scrubValue returns v with secrets removed from every string in it.
func scrubValue(v any, secrets []string) any {
	switch t := v.(type) {
	case string:
		return scrubString(t, secrets)
	case []byte:
		return []byte(scrubString(string(t), secrets))
	case map[string]any:
		for k, e := range t {
			t[k] = scrubValue(e, secrets)
		}
		return t
	case []any:
		for i, e := range t {
			t[i] = scrubValue(e, secrets)
		}
		return t
	}
	return v
}

// secretsOf returns the values of cred that must not appear in error text:
// password, hidden and JSON properties, properties whose name says secret,
// token, key or password, and undeclared keys (oauthTokenData, session
// tokens). Option, boolean and number properties are settings.
func (m *Manager) secretsOf(cred *Credential) []string {
	data := m.snapshot(cred)
	props, _ := m.types.Properties(cred.Type)
	declared := make(map[string]*nodes.Property, len(props))
	for _, p := range props {
		declared[p.Name] = p
	}
	secret := map[string]any{}
	for k, v := range data {
		p, ok := declared[k]
		if !ok || isSecretProperty(p) {
			secret[k] = v
		}
	}
	return secretStrings(secret)
}

func isSecretProperty(p *nodes.Property) bool {
	if b, _ := p.TypeOptions["password"].(bool); b {
		return true
	}
	switch p.Type {
	case nodes.TypeHidden, nodes.TypeJSON:
		return true
	case nodes.TypeOptions, nodes.TypeMultiOptions, nodes.TypeBoolean, nodes.TypeNumber:
		return false
	}
	name := strings.ToLower(p.Name)
	for _, w := range []string{"secret", "token", "key", "password", "pass", "auth"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}
