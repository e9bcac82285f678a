package credentials

import (
	"fmt"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// Authenticate applies the type's generic authenticate (and its Go
// AuthenticateFunc) to a copy of req with the credential's data, as n8n's
// CredentialsHelper.authenticate: for every location and key, key and
// value are resolved against $credentials and set, replacing same-named
// request values; auth {username, password} becomes HTTP Basic.
func (m *Manager) Authenticate(cred *Credential, req *nodes.Request) (*nodes.Request, error) {
	t := m.types.Lookup(cred.Type)
	if t == nil {
		return nil, fmt.Errorf("credential %q: %w", cred.Name, &UnknownTypeError{Type: cred.Type})
	}
	return m.authenticate(t, cred, m.snapshot(cred), req)
}

func (m *Manager) authenticate(t *Type, cred *Credential, data map[string]any, req *nodes.Request) (*nodes.Request, error) {
	r := cloneRequest(req)
	if a := t.Authenticate; a != nil {
		loc := a.Properties
		if err := m.setHeaders(r, loc.Headers, data); err != nil {
			return nil, fmt.Errorf("credential %q: authenticate headers: %w", cred.Name, err)
		}
		if err := m.setAll(&r.Query, loc.Qs, data); err != nil {
			return nil, fmt.Errorf("credential %q: authenticate qs: %w", cred.Name, err)
		}
		if len(loc.Body) > 0 {
			body, ok := r.Body.(map[string]any)
			if !ok {
				if r.Body != nil {
					return nil, fmt.Errorf("credential %q: authenticate body: the request body is not an object", cred.Name)
				}
				body = map[string]any{}
			}
			if err := m.setAll(&body, loc.Body, data); err != nil {
				return nil, fmt.Errorf("credential %q: authenticate body: %w", cred.Name, err)
			}
			r.Body = body
		}
		if len(loc.Auth) > 0 {
			var auth map[string]any
			if err := m.setAll(&auth, loc.Auth, data); err != nil {
				return nil, fmt.Errorf("credential %q: authenticate auth: %w", cred.Name, err)
			}
			r.Auth = &nodes.BasicAuth{Username: jsString(auth["username"]), Password: jsString(auth["password"])}
		}
	}
	if t.AuthenticateFunc != nil {
		if err := t.AuthenticateFunc(data, r); err != nil {
			return nil, fmt.Errorf("credential %q: %w", cred.Name, err)
		}
	}
	return r, nil
}

// setAll resolves every key and value of src and sets them in *dst.
func (m *Manager) setAll(dst *map[string]any, src map[string]any, data map[string]any) error {
	if len(src) == 0 {
		return nil
	}
	if *dst == nil {
		*dst = map[string]any{}
	}
	for k, v := range src {
		key, err := m.resolveAuthValue(k, data)
		if err != nil {
			return fmt.Errorf("key %s: %w", k, err)
		}
		val, err := m.resolveAuthValue(v, data)
		if err != nil {
			return fmt.Errorf("value of %s: %w", k, err)
		}
		(*dst)[jsString(key)] = val
	}
	return nil
}

// setHeaders is setAll for headers: a header the credential sets replaces
// the request's header of the same name in any letter case, so one value
// is sent.
func (m *Manager) setHeaders(r *nodes.Request, src map[string]any, data map[string]any) error {
	var set map[string]any
	if err := m.setAll(&set, src, data); err != nil {
		return err
	}
	if len(set) == 0 {
		return nil
	}
	if r.Headers == nil {
		r.Headers = map[string]any{}
	}
	for k, v := range set {
		for existing := range r.Headers {
			if existing != k && strings.EqualFold(existing, k) {
				delete(r.Headers, existing)
			}
		}
		r.Headers[k] = v
	}
	return nil
}
