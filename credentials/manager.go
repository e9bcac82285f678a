package credentials

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// Manager ties credential types to a store: it resolves a node's
// credential reference, gives the data for $credentials and authenticates
// requests (n8n's httpRequestWithAuthentication). It is safe for
// concurrent use.
type Manager struct {
	types *Types
	store Store
	eval  Evaluator
	http  *http.Client
	now   func() time.Time

	mu    sync.Mutex
	locks map[string]*sync.Mutex
}

// Option configures a Manager.
type Option func(*Manager)

// WithEvaluator sets the expression evaluator (default: a new
// expr.Evaluator).
func WithEvaluator(e Evaluator) Option { return func(m *Manager) { m.eval = e } }

// WithHTTPClient sets the client used for OAuth2 token requests (default:
// a client with a 30 s timeout).
func WithHTTPClient(c *http.Client) Option { return func(m *Manager) { m.http = c } }

// WithClock sets the clock used for token expiry.
func WithClock(now func() time.Time) Option { return func(m *Manager) { m.now = now } }

// NewManager returns a Manager over types and store.
func NewManager(types *Types, store Store, opts ...Option) *Manager {
	m := &Manager{types: types, store: store, locks: map[string]*sync.Mutex{}, now: time.Now}
	for _, o := range opts {
		o(m)
	}
	if m.eval == nil {
		m.eval = expr.New(expr.Options{})
	}
	if m.http == nil {
		m.http = &http.Client{Timeout: 30 * time.Second}
	}
	return m
}

// Types returns the manager's type registry.
func (m *Manager) Types() *Types { return m.types }

// Store returns the manager's store.
func (m *Manager) Store() Store { return m.store }

// Resolve finds the credential ref points at (by id, then by name), checks
// it has type typeName (when not empty), applies property defaults,
// resolves "=" expressions and checks required properties. The returned
// credential's Data is the resolved data; its ID is the stored one.
func (m *Manager) Resolve(ctx context.Context, ref nodes.CredentialRef, typeName string) (*Credential, error) {
	c, err := m.lookup(ctx, ref, typeName)
	if err != nil {
		return nil, err
	}
	if typeName != "" && c.Type != typeName {
		return nil, &WrongTypeError{Credential: c.Name, Want: typeName, Got: c.Type}
	}
	if m.types.Lookup(c.Type) == nil {
		return nil, fmt.Errorf("credential %q: %w", c.Name, &UnknownTypeError{Type: c.Type})
	}
	data, err := m.prepare(c)
	if err != nil {
		return nil, err
	}
	c.Data = data
	return c, nil
}

// Data resolves ref as Resolve does and returns the plain map for
// $credentials.
func (m *Manager) Data(ctx context.Context, ref nodes.CredentialRef, typeName string) (map[string]any, error) {
	c, err := m.Resolve(ctx, ref, typeName)
	if err != nil {
		return nil, err
	}
	return c.Data.Reveal(), nil
}

func (m *Manager) lookup(ctx context.Context, ref nodes.CredentialRef, typeName string) (*Credential, error) {
	if m.store == nil {
		return nil, fmt.Errorf("credential %s: no credentials store configured", refLabel(ref))
	}
	var firstErr error
	for _, key := range []string{ref.ID, ref.Name} {
		if key == "" {
			continue
		}
		c, err := m.store.Get(ctx, key)
		if err == nil {
			return c, nil
		}
		if !errors.Is(err, ErrNotFound) {
			return nil, fmt.Errorf("credential %s: %w", refLabel(ref), err)
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if firstErr == nil {
		return nil, fmt.Errorf("credential reference for type %s has neither id nor name", typeName)
	}
	return nil, &NotFoundError{Ref: refLabelPlain(ref), Type: typeName}
}

func refLabel(ref nodes.CredentialRef) string { return fmt.Sprintf("%q", refLabelPlain(ref)) }

func refLabelPlain(ref nodes.CredentialRef) string {
	switch {
	case ref.Name != "" && ref.ID != "":
		return ref.Name + " (id " + ref.ID + ")"
	case ref.Name != "":
		return ref.Name
	}
	return ref.ID
}

// lock serializes token work on one credential.
func (m *Manager) lock(id string) func() {
	m.mu.Lock()
	l, ok := m.locks[id]
	if !ok {
		l = &sync.Mutex{}
		m.locks[id] = l
	}
	m.mu.Unlock()
	l.Lock()
	return l.Unlock
}

// snapshot returns the credential's current data under its lock.
func (m *Manager) snapshot(c *Credential) map[string]any {
	unlock := m.lock(c.ID)
	defer unlock()
	return c.Data.Reveal()
}

// save sets patch in the in-memory credential and writes it to the store.
// The caller holds the credential's lock.
func (m *Manager) save(ctx context.Context, c *Credential, patch map[string]any) error {
	c.Data = mergeData(c.Data, patch)
	if m.store == nil || c.ID == "" {
		return nil
	}
	if err := m.store.UpdateData(ctx, c.ID, patch); err != nil {
		return fmt.Errorf("credential %q: save refreshed token: %w", c.Name, err)
	}
	return nil
}

func (m *Manager) tokenClient(data map[string]any) *http.Client {
	if b, _ := data["ignoreSSLIssues"].(bool); !b {
		return m.http
	}
	c := *m.http
	tr, ok := http.DefaultTransport.(*http.Transport)
	if ok {
		tr = tr.Clone()
		tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the credential asks for it
		c.Transport = tr
	}
	return &c
}
