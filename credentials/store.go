package credentials

import (
	"context"
	"fmt"
	"sort"
	"sync"
)

// Store keeps credentials. Implementations: SQLiteStore (encrypted, the
// default), FileStore (the --credentials JSON file) and MemoryStore.
// Every method is safe for concurrent use.
type Store interface {
	// Get returns the credential whose id is idOrName, else the one whose
	// name is idOrName. No match wraps ErrNotFound; several credentials
	// sharing the name is an error.
	Get(ctx context.Context, idOrName string) (*Credential, error)
	// List returns every credential, sorted by name then id.
	List(ctx context.Context) ([]*Credential, error)
	// Put inserts or replaces the credential with c.ID; an empty ID is
	// assigned a new one (written back into c).
	Put(ctx context.Context, c *Credential) error
	// Delete removes the credential matched as Get matches.
	Delete(ctx context.Context, idOrName string) error
	// UpdateData sets the keys of patch in the data of credential id,
	// keeping the other keys (refreshed tokens, session logins).
	UpdateData(ctx context.Context, id string, patch map[string]any) error
}

// MemoryStore is a Store in memory, for tests and embedders. FileStore
// is a MemoryStore that writes every change through to its file.
type MemoryStore struct {
	mu    sync.RWMutex
	creds map[string]*Credential
	// persist, when set, saves the credentials after each change (the
	// lock is held); a failure undoes the change.
	persist func(map[string]*Credential) error
}

// NewMemoryStore returns a store holding copies of creds.
func NewMemoryStore(creds ...*Credential) *MemoryStore {
	s := &MemoryStore{creds: map[string]*Credential{}}
	for _, c := range creds {
		c = c.Clone()
		if c.ID == "" {
			c.ID = NewID()
		}
		s.creds[c.ID] = c
	}
	return s
}

// save runs persist, if any; the caller holds the lock.
func (s *MemoryStore) save() error {
	if s.persist == nil {
		return nil
	}
	return s.persist(s.creds)
}

// Get implements Store.
func (s *MemoryStore) Get(_ context.Context, idOrName string) (*Credential, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, err := find(s.creds, idOrName)
	if err != nil {
		return nil, err
	}
	return c.Clone(), nil
}

// List implements Store.
func (s *MemoryStore) List(context.Context) ([]*Credential, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return sortedClones(s.creds), nil
}

// Put implements Store.
func (s *MemoryStore) Put(_ context.Context, c *Credential) error {
	if err := checkPut(c); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	prev := s.creds[c.ID]
	s.creds[c.ID] = c.Clone()
	if err := s.save(); err != nil {
		if prev == nil {
			delete(s.creds, c.ID)
		} else {
			s.creds[c.ID] = prev
		}
		return err
	}
	return nil
}

// Delete implements Store.
func (s *MemoryStore) Delete(_ context.Context, idOrName string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := find(s.creds, idOrName)
	if err != nil {
		return err
	}
	delete(s.creds, c.ID)
	if err := s.save(); err != nil {
		s.creds[c.ID] = c
		return err
	}
	return nil
}

// UpdateData implements Store.
func (s *MemoryStore) UpdateData(_ context.Context, id string, patch map[string]any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.creds[id]
	if !ok {
		return &NotFoundError{Ref: id}
	}
	prev := c.Data
	c.Data = mergeData(c.Data, patch)
	if err := s.save(); err != nil {
		c.Data = prev
		return err
	}
	return nil
}

// find looks a credential up by id, then by unique name.
func find(creds map[string]*Credential, idOrName string) (*Credential, error) {
	if c, ok := creds[idOrName]; ok {
		return c, nil
	}
	var match *Credential
	for _, c := range creds {
		if c.Name != idOrName {
			continue
		}
		if match != nil {
			return nil, fmt.Errorf("credential name %q is ambiguous (ids %s and %s); use the id", idOrName, match.ID, c.ID)
		}
		match = c
	}
	if match == nil {
		return nil, &NotFoundError{Ref: idOrName}
	}
	return match, nil
}

func sortedClones(creds map[string]*Credential) []*Credential {
	out := make([]*Credential, 0, len(creds))
	for _, c := range creds {
		out = append(out, c.Clone())
	}
	sortCredentials(out)
	return out
}

func sortCredentials(cs []*Credential) {
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].Name != cs[j].Name {
			return cs[i].Name < cs[j].Name
		}
		return cs[i].ID < cs[j].ID
	})
}

func checkPut(c *Credential) error {
	if c == nil {
		return fmt.Errorf("put credential: nil")
	}
	if c.Type == "" {
		return fmt.Errorf("put credential %q: no type", c.Name)
	}
	if c.Name == "" {
		return fmt.Errorf("put credential: no name")
	}
	if c.ID == "" {
		c.ID = NewID()
	}
	return nil
}
