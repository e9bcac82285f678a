package credentials

import (
	"context"
	"errors"
	"fmt"
	"net/http"

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
//     expirable property is empty or expired, and once more on a 401;
//   - then the generic authenticate is applied and the request sent.
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
		secrets := secretStrings(m.snapshot(cred))
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
	if t.PreAuthentication != nil {
		return m.doPreAuth(ctx, t, cred, req, send)
	}
	r, err := m.authenticate(t, cred, m.snapshot(cred), req)
	if err != nil {
		return nil, err
	}
	return send(ctx, r)
}

// doPreAuth runs the session login when needed, then the request, and on
// a 401 logs in again and retries once.
func (m *Manager) doPreAuth(ctx context.Context, t *Type, cred *Credential, req *nodes.Request, send SendFunc) (*nodes.Response, error) {
	data, err := m.ensureSession(ctx, t, cred, send, false)
	if err != nil {
		return nil, err
	}
	r, err := m.authenticate(t, cred, data, req)
	if err != nil {
		return nil, err
	}
	resp, err := send(ctx, r)
	if statusOf(resp, err) != http.StatusUnauthorized {
		return resp, err
	}
	data, lerr := m.ensureSession(ctx, t, cred, send, true)
	if lerr != nil {
		return nil, lerr
	}
	r, err = m.authenticate(t, cred, data, req)
	if err != nil {
		return nil, err
	}
	return send(ctx, r)
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
