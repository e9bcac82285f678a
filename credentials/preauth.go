package credentials

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// PreAuthExpiresAtKey is the data key holding when a session login's
// token expires (Unix milliseconds), like n8n's n8n_expires_at.
const PreAuthExpiresAtKey = "noderunExpiresAt"

// expirableProperty returns the type's hidden property with
// typeOptions.expirable (n8n's marker for preAuthentication output).
func (m *Manager) expirableProperty(t *Type) string {
	props, err := m.types.Properties(t.Name)
	if err != nil {
		return ""
	}
	for _, p := range props {
		if p.Type == nodes.TypeHidden {
			if b, _ := p.TypeOptions["expirable"].(bool); b {
				return p.Name
			}
		}
	}
	return ""
}

// ensureSession returns the credential data with a valid session: it logs
// in when force is set, the expirable property is empty, or its expiry has
// passed, and saves the result to the store.
func (m *Manager) ensureSession(ctx context.Context, t *Type, cred *Credential, send SendFunc, force bool) (map[string]any, error) {
	unlock := m.lock(cred.ID)
	defer unlock()
	data := cred.Data.Reveal()
	prop := m.expirableProperty(t)
	if prop == "" {
		return nil, fmt.Errorf("credential %q: type %s has a preAuthentication but no hidden property with typeOptions.expirable", cred.Name, t.Name)
	}
	if !force && !isEmpty(data[prop]) && !m.sessionExpired(data) {
		return data, nil
	}
	patch, err := m.login(ctx, t, cred, data, send)
	if err != nil {
		return nil, err
	}
	if isEmpty(patch[prop]) {
		return nil, &TokenError{Credential: cred.Name, Err: fmt.Errorf("the login response has no value for %s", prop)}
	}
	if err := m.save(ctx, cred, patch); err != nil {
		return nil, err
	}
	return cred.Data.Reveal(), nil
}

func (m *Manager) sessionExpired(data map[string]any) bool {
	at, ok := jsvalue.ToFloat(data[PreAuthExpiresAtKey])
	return ok && m.now().UnixMilli() >= int64(at)
}

// login runs the preAuthentication and returns the properties to store.
func (m *Manager) login(ctx context.Context, t *Type, cred *Credential, data map[string]any, send SendFunc) (map[string]any, error) {
	pa := t.PreAuthentication
	if pa.Func != nil {
		out, err := pa.Func(ctx, data, send)
		if err != nil {
			return nil, &TokenError{Credential: cred.Name, Status: statusOf(nil, err), Err: err}
		}
		return out, nil
	}
	resolved, err := m.evalWith(pa.Request, data)
	if err != nil {
		return nil, fmt.Errorf("credential %q: preAuthentication request: %w", cred.Name, err)
	}
	req, err := requestFromMap(resolved.(map[string]any))
	if err != nil {
		return nil, fmt.Errorf("credential %q: preAuthentication request: %w", cred.Name, err)
	}
	resp, err := send(ctx, req)
	if err == nil && resp != nil && (resp.StatusCode < 200 || resp.StatusCode > 299) && resp.StatusCode != 0 {
		err = fmt.Errorf("status %d", resp.StatusCode)
	}
	if err != nil {
		return nil, &TokenError{Credential: cred.Name, Status: statusOf(resp, err), Err: err}
	}
	if resp == nil {
		return nil, &TokenError{Credential: cred.Name, Err: errors.New("no response")}
	}
	patch := map[string]any{}
	for prop, path := range pa.Properties {
		v, ok := lookupPath(resp.Body, path)
		if !ok {
			return nil, &TokenError{Credential: cred.Name, Status: resp.StatusCode, Err: fmt.Errorf("the login response has no %s", path)}
		}
		patch[prop] = v
	}
	ttl := pa.TTLSeconds
	if pa.ExpiresIn != "" {
		if v, ok := lookupPath(resp.Body, pa.ExpiresIn); ok {
			if f, ok := jsvalue.ToFloat(v); ok {
				ttl = f
			}
		}
	}
	if ttl > 0 {
		patch[PreAuthExpiresAtKey] = float64(m.now().Add(time.Duration(ttl * float64(time.Second))).UnixMilli())
	} else {
		patch[PreAuthExpiresAtKey] = nil
	}
	return patch, nil
}
