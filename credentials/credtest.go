package credentials

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// TestOKMessage is n8n's message for a passing credential test.
const TestOKMessage = "Connection successful!"

// Test runs the type's test request with cred applied (through Do, so
// OAuth2 and session logins take part) and its rules, as n8n's
// CredentialsTester: nil when the reply is 2xx and no rule matches, else a
// *TestError with n8n's message. A type without a test is an error.
func (m *Manager) Test(ctx context.Context, cred *Credential, send func(context.Context, *nodes.Request) (*nodes.Response, error)) error {
	t := m.types.Lookup(cred.Type)
	if t == nil {
		return fmt.Errorf("credential %q: %w", cred.Name, &UnknownTypeError{Type: cred.Type})
	}
	if (t.Test == nil || t.Test.Request == nil) && m.types.IsOAuth2(t.Name) {
		return m.testOAuth2(ctx, cred)
	}
	if t.Test == nil || t.Test.Request == nil {
		return fmt.Errorf("credential %q: type %s has no test request", cred.Name, cred.Type)
	}
	resolved, err := m.evalWith(t.Test.Request, m.snapshot(cred))
	if err != nil {
		return fmt.Errorf("credential %q: test request: %w", cred.Name, err)
	}
	req, err := requestFromMap(resolved.(map[string]any))
	if err != nil {
		return fmt.Errorf("credential %q: test request: %w", cred.Name, err)
	}
	req.JSON = true
	resp, err := m.Do(ctx, cred, req, send)
	status := statusOf(resp, err)
	failed := err != nil || (status != 0 && (status < 200 || status > 299))
	if failed {
		if status != 0 {
			for _, rule := range t.Test.Rules {
				if rule.Type != "responseCode" {
					continue
				}
				if v, ok := jsvalue.ToFloat(rule.Properties["value"]); ok && int(v) == status {
					return &TestError{Credential: cred.Name, Message: jsString(rule.Properties["message"])}
				}
			}
			if status < 199 || status > 299 {
				msg := ""
				if resp != nil {
					msg = resp.StatusMessage
				}
				if msg == "" {
					msg = http.StatusText(status)
				}
				if msg == "" {
					msg = fmt.Sprintf("Received HTTP status code: %d", status)
				}
				return &TestError{Credential: cred.Name, Message: msg}
			}
		}
		var te *TestError
		if errors.As(err, &te) {
			return te
		}
		return &TestError{Credential: cred.Name, Message: err.Error()}
	}
	for _, rule := range t.Test.Rules {
		if rule.Type != "responseSuccessBody" || resp == nil {
			continue
		}
		key := str(rule.Properties["key"])
		if v, ok := lookupPath(resp.Body, key); ok && jsonEqual(v, rule.Properties["value"]) {
			return &TestError{Credential: cred.Name, Message: jsString(rule.Properties["message"])}
		}
	}
	return nil
}

// jsonEqual is === on JSON scalars.
func jsonEqual(a, b any) bool {
	switch a.(type) {
	case map[string]any, []any:
		return false
	}
	switch b.(type) {
	case map[string]any, []any:
		return false
	}
	return jsvalue.LooseEqual(a, b)
}

// testOAuth2 checks an OAuth2 credential without a test request: the
// client credentials grant must obtain a token (which is saved), other
// grants must hold one.
func (m *Manager) testOAuth2(ctx context.Context, cred *Credential) error {
	unlock := m.lock(cred.ID)
	defer unlock()
	data := cred.Data.Reveal()
	if str(data["grantType"]) == GrantClientCredentials {
		tok, err := m.clientCredentialsToken(ctx, cred, data)
		if err != nil {
			return &TestError{Credential: cred.Name, Message: err.Error()}
		}
		return m.save(ctx, cred, map[string]any{OAuth2TokenKey: tok})
	}
	if tok := tokenData(data); tok == nil || isEmpty(tok["access_token"]) {
		return &TestError{Credential: cred.Name, Message: "OAuth credentials not connected"}
	}
	return nil
}
