package credentials

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/noderun/noderun/nodes"
)

// OAuth2TypeName is the credential type every OAuth2 type extends.
const OAuth2TypeName = "oAuth2Api"

// Type is a credential type (n8n's ICredentialType) as data. It loads from
// n8n-shaped JSON (LoadTypes) or is written as a Go value.
type Type struct {
	// Name is the type key nodes use in node.credentials.
	Name        string `json:"name"`
	DisplayName string `json:"displayName"`
	// DocumentationURL is informative.
	DocumentationURL string `json:"documentationUrl,omitempty"`
	// Properties are the type's own fields; parents' come first (see
	// Types.Properties).
	Properties []*nodes.Property `json:"properties"`
	// Extends names parent types whose properties are merged in first.
	Extends []string `json:"extends,omitempty"`
	// Authenticate is the generic authentication applied to requests.
	Authenticate *Authenticate `json:"authenticate,omitempty"`
	// Test is the request that checks the credential works.
	Test *TestRequest `json:"test,omitempty"`
	// PreAuthentication is a session login run before requests.
	PreAuthentication *PreAuthentication `json:"preAuthentication,omitempty"`
	// GenericAuth marks types the HTTP Request node offers generically.
	GenericAuth bool `json:"genericAuth,omitempty"`

	// AuthenticateFunc is n8n's authenticate-as-code: it runs after the
	// generic Authenticate with the resolved data and may change req.
	AuthenticateFunc func(data map[string]any, req *nodes.Request) error `json:"-"`
}

// Authenticate is n8n's IAuthenticateGeneric: {type: "generic",
// properties: {headers, qs, body, auth}}. Keys and values may be
// expressions over $credentials.
type Authenticate struct {
	Type       string                `json:"type"`
	Properties AuthenticateLocations `json:"properties"`
}

// AuthenticateLocations are where generic authentication writes.
type AuthenticateLocations struct {
	Headers map[string]any `json:"headers,omitempty"`
	Qs      map[string]any `json:"qs,omitempty"`
	Body    map[string]any `json:"body,omitempty"`
	// Auth holds username and password for HTTP Basic authentication.
	Auth map[string]any `json:"auth,omitempty"`
}

// TestRequest is n8n's ICredentialTestRequest: a request (IHttpRequestOptions
// shape: baseURL, url, method, headers, qs, body; expressions over
// $credentials allowed) and rules deciding failure.
type TestRequest struct {
	Request map[string]any `json:"request"`
	Rules   []*TestRule    `json:"rules,omitempty"`
}

// TestRule is one rule of a credential test: type "responseCode"
// (properties value, message) fails on that status; "responseSuccessBody"
// (properties key, value, message) fails when the body's key equals value.
type TestRule struct {
	Type       string         `json:"type"`
	Properties map[string]any `json:"properties"`
}

// PreAuthentication describes a session login (n8n's preAuthentication,
// Looker style): Request is sent (expressions over $credentials), and the
// response body fields named in Properties are stored into the credential's
// expirable hidden properties. The login runs when the expirable property
// is empty or expired, and once more after a 401.
type PreAuthentication struct {
	// Request is in IHttpRequestOptions shape (baseURL, url, method,
	// headers, qs, body, auth).
	Request map[string]any `json:"request"`
	// Properties maps a credential property to a dot path in the response
	// body ("accessToken": "access_token").
	Properties map[string]string `json:"properties"`
	// ExpiresIn is the dot path of the token lifetime in seconds in the
	// response body ("expires_in"); empty means the token lasts until a 401.
	ExpiresIn string `json:"expiresIn,omitempty"`
	// TTLSeconds is a fixed lifetime used when ExpiresIn is empty or absent.
	TTLSeconds float64 `json:"ttlSeconds,omitempty"`

	// Func is a login written in Go; when set it replaces Request and
	// Properties and returns the properties to store.
	Func func(ctx context.Context, data map[string]any, send SendFunc) (map[string]any, error) `json:"-"`
}

// SendFunc sends one HTTP request (the engine's HTTP layer). A non-2xx
// reply is returned either as a Response with that status or as an error
// carrying it (a *nodes.NodeError with HTTPCode).
type SendFunc func(context.Context, *nodes.Request) (*nodes.Response, error)

// LoadTypes decodes credential types from JSON: one type object or an
// array of them, in n8n's ICredentialType shape.
func LoadTypes(data []byte) ([]*Type, error) {
	data = bytes.TrimSpace(data)
	var types []*Type
	if len(data) > 0 && data[0] == '{' {
		var t Type
		if err := json.Unmarshal(data, &t); err != nil {
			return nil, fmt.Errorf("load credential type: %w", err)
		}
		types = []*Type{&t}
	} else if err := json.Unmarshal(data, &types); err != nil {
		return nil, fmt.Errorf("load credential types: %w", err)
	}
	for i, t := range types {
		if err := t.validate(); err != nil {
			return nil, fmt.Errorf("load credential types: [%d]: %w", i, err)
		}
	}
	return types, nil
}

func (t *Type) validate() error {
	if t == nil {
		return fmt.Errorf("credential type is null")
	}
	if t.Name == "" {
		return fmt.Errorf("credential type has no name")
	}
	for i, p := range t.Properties {
		if p == nil || p.Name == "" {
			return fmt.Errorf("credential type %q: properties[%d] has no name", t.Name, i)
		}
	}
	if a := t.Authenticate; a != nil && a.Type != "" && a.Type != "generic" {
		return fmt.Errorf("credential type %q: authenticate type %q is not generic", t.Name, a.Type)
	}
	if p := t.PreAuthentication; p != nil && p.Func == nil && (p.Request == nil || len(p.Properties) == 0) {
		return fmt.Errorf("credential type %q: preAuthentication needs a request and properties", t.Name)
	}
	return nil
}

// Types is a registry of credential types. It is explicit: the engine
// gets the registry it should use.
type Types struct {
	mu    sync.RWMutex
	types map[string]*Type
	props sync.Map     // name → []*nodes.Property, merged; cleared by Register
	gen   atomic.Int64 // bumped by Register so stale merges are not cached
}

// NewTypes returns an empty registry.
func NewTypes() *Types { return &Types{types: map[string]*Type{}} }

// Register adds a type; a name already registered is an error.
func (r *Types) Register(t *Type) error {
	if err := t.validate(); err != nil {
		return fmt.Errorf("register credential type: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.types[t.Name]; ok {
		return fmt.Errorf("register credential type %q: already registered", t.Name)
	}
	r.types[t.Name] = t
	r.gen.Add(1)
	r.props.Clear()
	return nil
}

// MustRegister is Register that panics; for package init of bundled nodes.
func (r *Types) MustRegister(t *Type) {
	if err := r.Register(t); err != nil {
		panic(err)
	}
}

// Lookup returns the type registered under name, or nil.
func (r *Types) Lookup(name string) *Type {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.types[name]
}

// Names returns the registered type names, sorted.
func (r *Types) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	names := make([]string, 0, len(r.types))
	for n := range r.types {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Chain returns name followed by every type it extends, depth first
// (n8n's getParentTypes order). Unknown parents are an error; cycles are
// cut.
func (r *Types) Chain(name string) ([]string, error) {
	var out []string
	var walk func(n string) error
	walk = func(n string) error {
		if slices.Contains(out, n) {
			return nil
		}
		t := r.Lookup(n)
		if t == nil {
			return &UnknownTypeError{Type: n}
		}
		out = append(out, n)
		for _, p := range t.Extends {
			if err := walk(p); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(name); err != nil {
		return nil, err
	}
	return out, nil
}

// IsOAuth2 reports whether the type is oAuth2Api or extends it.
func (r *Types) IsOAuth2(name string) bool {
	chain, err := r.Chain(name)
	return err == nil && slices.Contains(chain, OAuth2TypeName)
}

// Properties returns the type's properties with its parents' merged in
// first: a property the child redefines replaces the parent's at the
// parent's position, as n8n's getCredentialsProperties does.
//
// The result is shared: callers must not modify it.
func (r *Types) Properties(name string) ([]*nodes.Property, error) {
	if ps, ok := r.props.Load(name); ok {
		return ps.([]*nodes.Property), nil
	}
	gen := r.gen.Load()
	ps, err := r.mergedProperties(name)
	if err != nil {
		return nil, err
	}
	if r.gen.Load() == gen {
		r.props.Store(name, ps)
	}
	return ps, nil
}

func (r *Types) mergedProperties(name string) ([]*nodes.Property, error) {
	t := r.Lookup(name)
	if t == nil {
		return nil, &UnknownTypeError{Type: name}
	}
	var merged []*nodes.Property
	for _, parent := range t.Extends {
		ps, err := r.Properties(parent)
		if err != nil {
			return nil, fmt.Errorf("credential type %q extends %q: %w", name, parent, err)
		}
		merged = mergeProperties(merged, ps)
	}
	return mergeProperties(merged, t.Properties), nil
}

func mergeProperties(base, over []*nodes.Property) []*nodes.Property {
	out := slices.Clone(base)
	for _, p := range over {
		if i := slices.IndexFunc(out, func(q *nodes.Property) bool { return q.Name == p.Name }); i >= 0 {
			out[i] = p
			continue
		}
		out = append(out, p)
	}
	return out
}
