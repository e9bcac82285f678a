package nodes

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Type is a registered node type: its description and, for programmatic
// nodes, the Go handler. A Type without Handler is declarative and is run by
// the registry's DeclarativeHandler.
type Type struct {
	Description *Description
	Handler     Handler
	// Aliases are other type names that resolve to this type (for example
	// the n8n community package name of a bundled integration).
	Aliases []string
	// RequiredInputs lists inputs that must have data before the node runs
	// (n8n's requiredInputs); nil lets the node run with partial input.
	RequiredInputs func(params map[string]any) []int
	// Inputs returns the number of main inputs for these parameters; nil
	// derives it from Description.Inputs.
	Inputs func(params map[string]any) int
	// Outputs returns the number of main outputs for these parameters; nil
	// derives it from Description.Outputs.
	Outputs func(params map[string]any) int
}

// Name returns the type's name.
func (t *Type) Name() string { return t.Description.Name }

// IsDeclarative reports whether the type runs through the routing handler.
func (t *Type) IsDeclarative() bool { return t.Handler == nil }

// InputCount returns the number of main inputs of a node of this type.
func (t *Type) InputCount(params map[string]any) int {
	if t.Inputs != nil {
		return t.Inputs(params)
	}
	return countPorts(t.Description.Inputs, 1)
}

// OutputCount returns the number of regular main outputs of a node of this type.
func (t *Type) OutputCount(params map[string]any) int {
	if t.Outputs != nil {
		return t.Outputs(params)
	}
	return countPorts(t.Description.Outputs, 1)
}

func countPorts(v any, def int) int {
	switch p := v.(type) {
	case []any:
		return len(p)
	case []string:
		return len(p)
	}
	return def
}

// Registry maps node type names (and aliases) to types. It is explicit: an
// engine gets the registry it should use, never a global.
type Registry struct {
	mu      sync.RWMutex
	types   map[string][]*Type // by name, several entries for split versions
	aliases map[string]string
	// lazy holds types registered with RegisterLazy, loaded on first use.
	lazy map[string]*lazyType
	// Declarative runs types that have no Handler; set by the routing
	// package's Register helpers or by the embedder.
	Declarative Handler
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{types: map[string][]*Type{}, aliases: map[string]string{}, lazy: map[string]*lazyType{}}
}

// lazyType is a type whose description is decoded on first use.
type lazyType struct {
	once sync.Once
	load func() (*Type, error)
	err  error
}

// RegisterLazy registers a node type whose (large) description is loaded
// only when the type is first looked up, so start-up does not pay for
// integrations a workflow does not use. name and aliases must be those the
// loaded type will have; load errors surface from Lookup.
func (r *Registry) RegisterLazy(name string, aliases []string, load func() (*Type, error)) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.types[name]; ok {
		return fmt.Errorf("register node type %q: already registered", name)
	}
	if _, ok := r.lazy[name]; ok {
		return fmt.Errorf("register node type %q: already registered", name)
	}
	for _, a := range aliases {
		if prev, ok := r.aliases[a]; ok && prev != name {
			return fmt.Errorf("register node type %q: alias %q already points at %q", name, a, prev)
		}
	}
	r.lazy[name] = &lazyType{load: load}
	for _, a := range aliases {
		r.aliases[a] = name
	}
	return nil
}

// materialize loads a lazily registered type, if name is one.
func (r *Registry) materialize(name string) error {
	r.mu.RLock()
	lt, ok := r.lazy[name]
	r.mu.RUnlock()
	if !ok {
		return nil
	}
	lt.once.Do(func() {
		t, err := lt.load()
		if err != nil {
			lt.err = fmt.Errorf("load node type %q: %w", name, err)
			return
		}
		if t.Description.Name != name {
			lt.err = fmt.Errorf("load node type %q: the description is named %q", name, t.Description.Name)
			return
		}
		if err := ValidateDescription(t.Description); err != nil {
			lt.err = err
			return
		}
		// Swap the lazy entry for the type in one step, so a concurrent
		// Lookup sees one or the other.
		r.mu.Lock()
		defer r.mu.Unlock()
		delete(r.lazy, name)
		lt.err = r.registerLocked(t)
	})
	return lt.err
}

// lazyNames returns the names of types not loaded yet.
func (r *Registry) lazyNames() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	names := make([]string, 0, len(r.lazy))
	for n := range r.lazy {
		names = append(names, n)
	}
	return names
}

// Register adds a node type after validating its description. A type name
// and version pair already registered, or an alias taken, is an error.
func (r *Registry) Register(t *Type) error {
	if t == nil || t.Description == nil {
		return fmt.Errorf("register node type: missing description")
	}
	if err := ValidateDescription(t.Description); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.lazy[t.Description.Name]; ok {
		return fmt.Errorf("register node type %q: already registered (lazily)", t.Description.Name)
	}
	return r.registerLocked(t)
}

// registerLocked adds a validated type; r.mu is held.
func (r *Registry) registerLocked(t *Type) error {
	name := t.Description.Name
	if prev, ok := r.aliases[name]; ok && prev != name {
		return fmt.Errorf("register node type %q: name already used as an alias", name)
	}
	for _, existing := range r.types[name] {
		for _, v := range t.Description.Version {
			if existing.Description.Version.Has(v) {
				return fmt.Errorf("register node type %q: version %v already registered", name, v)
			}
		}
	}
	for _, a := range t.Aliases {
		if _, ok := r.types[a]; ok {
			return fmt.Errorf("register node type %q: alias %q is a registered type name", name, a)
		}
		if prev, ok := r.aliases[a]; ok && prev != name {
			return fmt.Errorf("register node type %q: alias %q already points at %q", name, a, prev)
		}
	}
	r.types[name] = append(r.types[name], t)
	for _, a := range t.Aliases {
		r.aliases[a] = name
	}
	return nil
}

// MustRegister is Register that panics; for package init of bundled nodes.
func (r *Registry) MustRegister(t *Type) {
	if err := r.Register(t); err != nil {
		panic(err)
	}
}

// Lookup returns the type registered under name (or an alias) for version.
// A version of 0 selects the latest.
func (r *Registry) Lookup(name string, version float64) (*Type, error) {
	r.mu.RLock()
	canon := name
	if a, ok := r.aliases[name]; ok {
		canon = a
	}
	_, isLazy := r.lazy[canon]
	r.mu.RUnlock()
	if isLazy {
		if err := r.materialize(canon); err != nil {
			return nil, err
		}
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	ts, ok := r.types[canon]
	if !ok {
		return nil, &UnknownTypeError{Type: name}
	}
	if version == 0 {
		best := ts[0]
		for _, t := range ts[1:] {
			if t.Description.Version.Latest() > best.Description.Version.Latest() {
				best = t
			}
		}
		return best, nil
	}
	for _, t := range ts {
		if t.Description.Version.Has(version) {
			return t, nil
		}
	}
	var known []string
	for _, t := range ts {
		for _, v := range t.Description.Version {
			known = append(known, fmt.Sprint(v))
		}
	}
	return nil, &UnknownTypeError{Type: name, Version: version, Known: known}
}

// Types returns every registered type, sorted by name then version.
func (r *Registry) Types() []*Type {
	for _, n := range r.lazyNames() {
		_ = r.materialize(n)
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []*Type
	for _, ts := range r.types {
		out = append(out, ts...)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name() != out[j].Name() {
			return out[i].Name() < out[j].Name()
		}
		return out[i].Description.Version.Latest() < out[j].Description.Version.Latest()
	})
	return out
}

// Aliases returns the alias → canonical name map (a copy).
func (r *Registry) Aliases() map[string]string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	m := make(map[string]string, len(r.aliases))
	for k, v := range r.aliases {
		m[k] = v
	}
	return m
}

// UnknownTypeError reports a node type or typeVersion that is not registered.
type UnknownTypeError struct {
	Type    string
	Version float64
	Known   []string
}

func (e *UnknownTypeError) Error() string {
	if e.Version != 0 && len(e.Known) > 0 {
		return fmt.Sprintf("node type %q has no typeVersion %v (known: %s)", e.Type, e.Version, strings.Join(e.Known, ", "))
	}
	return fmt.Sprintf("unknown node type %q", e.Type)
}
