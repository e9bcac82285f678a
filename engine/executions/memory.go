package executions

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
)

// Memory is a Store in memory, for tests and embedders that need no
// history beyond the process. It has the same semantics as SQLite.
type Memory struct {
	mu   sync.RWMutex
	byID map[string]*Execution
	// order holds the executions newest first, as List returns them.
	order  []*Execution
	closed bool
}

var _ Store = (*Memory)(nil)

// NewMemory returns an empty in-memory store.
func NewMemory() *Memory {
	return &Memory{byID: map[string]*Execution{}}
}

// newestFirst orders executions as List does: created_at desc, id desc.
func newestFirst(a, b *Execution) int {
	if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
		return c
	}
	return cmp.Compare(b.ID, a.ID)
}

// Create implements Store. An empty ID becomes NewID(), an empty Status
// StatusNew and a zero CreatedAt now; e is updated with them.
func (m *Memory) Create(ctx context.Context, e *Execution) error {
	if err := prepareCreate(e, time.Now()); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return fmt.Errorf("create execution %s: %w", e.ID, ErrClosed)
	}
	if _, ok := m.byID[e.ID]; ok {
		return fmt.Errorf("create execution %s: %w", e.ID, ErrExists)
	}
	c := clone(e, false)
	m.byID[e.ID] = c
	i, _ := slices.BinarySearchFunc(m.order, c, newestFirst)
	m.order = slices.Insert(m.order, i, c)
	return nil
}

// Get implements Store.
func (m *Memory) Get(ctx context.Context, id string) (*Execution, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.closed {
		return nil, fmt.Errorf("get execution %s: %w", id, ErrClosed)
	}
	e, ok := m.byID[id]
	if !ok {
		return nil, notFound(id)
	}
	return clone(e, false), nil
}

// List implements Store.
func (m *Memory) List(ctx context.Context, f Filter) ([]*Execution, error) {
	if err := checkFilter(f); err != nil {
		return nil, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.closed {
		return nil, fmt.Errorf("list executions: %w", ErrClosed)
	}
	from := 0
	if f.BeforeID != "" {
		c, ok := m.byID[f.BeforeID]
		if !ok {
			return nil, fmt.Errorf("list executions before %w", notFound(f.BeforeID))
		}
		i, _ := slices.BinarySearchFunc(m.order, c, newestFirst)
		from = i + 1
	}
	limit := limitOf(f)
	var out []*Execution
	for _, e := range m.order[from:] {
		if len(out) == limit {
			break
		}
		if (f.Status != "" && e.Status != f.Status) || (f.WorkflowID != "" && e.WorkflowID != f.WorkflowID) {
			continue
		}
		out = append(out, clone(e, true))
	}
	return out, nil
}

// Update implements Store.
func (m *Memory) Update(ctx context.Context, id string, t Transition) (bool, error) {
	if err := checkTransition(id, t); err != nil {
		return false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return false, fmt.Errorf("update execution %s: %w", id, ErrClosed)
	}
	e, ok := m.byID[id]
	if !ok {
		return false, notFound(id)
	}
	if Final(e.Status) {
		return false, nil
	}
	apply(e, t)
	return true, nil
}

// InFlight implements Store: executions new or running, oldest first.
func (m *Memory) InFlight(ctx context.Context) ([]*Execution, error) {
	return m.selectFull("in-flight", func(e *Execution) bool {
		return e.Status == StatusNew || e.Status == StatusRunning
	}, func(a, b *Execution) int { return newestFirst(b, a) })
}

// Waiting implements Store: executions waiting with WaitTill at or before
// before, soonest first.
func (m *Memory) Waiting(ctx context.Context, before time.Time) ([]*Execution, error) {
	before = roundTime(before)
	return m.selectFull("waiting", func(e *Execution) bool {
		return e.Status == StatusWaiting && e.WaitTill != nil && !e.WaitTill.After(before)
	}, func(a, b *Execution) int {
		if c := a.WaitTill.Compare(*b.WaitTill); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

func (m *Memory) selectFull(what string, keep func(*Execution) bool, order func(a, b *Execution) int) ([]*Execution, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.closed {
		return nil, fmt.Errorf("list %s executions: %w", what, ErrClosed)
	}
	var out []*Execution
	for _, e := range m.byID {
		if keep(e) {
			out = append(out, clone(e, false))
		}
	}
	slices.SortFunc(out, order)
	return out, nil
}

// Prune implements Store, as SQLite.Prune.
func (m *Memory) Prune(ctx context.Context, p Prune) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return 0, fmt.Errorf("prune executions: %w", ErrClosed)
	}
	cutoff := pruneCutoff(p, time.Now())
	finals, n := 0, 0
	m.order = slices.DeleteFunc(m.order, func(e *Execution) bool {
		if !Final(e.Status) {
			return false
		}
		// As SQLite: by age first, then by count among the rest.
		if !(p.MaxAge > 0 && pruneTime(e).Before(cutoff)) {
			if finals++; p.MaxCount <= 0 || finals <= p.MaxCount {
				return false
			}
		}
		delete(m.byID, e.ID)
		n++
		return true
	})
	return n, nil
}

// pruneCutoff is the time before which finished executions are pruned
// by age.
func pruneCutoff(p Prune, now time.Time) time.Time {
	return roundTime(now.Add(-p.MaxAge))
}

// pruneTime is the age of an execution for Prune: when it stopped, else
// when it was created.
func pruneTime(e *Execution) time.Time {
	if !e.StoppedAt.IsZero() {
		return e.StoppedAt
	}
	return e.CreatedAt
}

// Close implements Store; later calls fail with ErrClosed.
func (m *Memory) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = true
	m.byID, m.order = nil, nil
	return nil
}
