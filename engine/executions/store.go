package executions

import (
	"errors"
	"fmt"
	"time"
)

// Limits of Filter.Limit: zero (or negative) lists DefaultLimit rows,
// and more than MaxLimit lists MaxLimit.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// ErrExists is returned by Create for an id that is already stored.
var ErrExists = errors.New("execution already exists")

// ErrClosed is returned by a store's methods after Close.
var ErrClosed = errors.New("execution store is closed")

// finalStatuses lists the final statuses, in the order of the SQL lists.
var finalStatuses = []string{StatusSuccess, StatusError, StatusCanceled, StatusCrashed}

// KnownStatus reports whether status is one of the Status constants.
func KnownStatus(status string) bool {
	switch status {
	case StatusNew, StatusRunning, StatusWaiting:
		return true
	}
	return Final(status)
}

// limitOf is the number of rows a List with f returns at most.
func limitOf(f Filter) int {
	switch {
	case f.Limit <= 0:
		return DefaultLimit
	case f.Limit > MaxLimit:
		return MaxLimit
	}
	return f.Limit
}

// checkFilter rejects a filter on a status that does not exist (a typo
// would otherwise list nothing).
func checkFilter(f Filter) error {
	if f.Status != "" && !KnownStatus(f.Status) {
		return fmt.Errorf("list executions: unknown status %q", f.Status)
	}
	return nil
}

// prepareCreate fills the defaults of a new execution (ID, Status,
// CreatedAt) and rounds its times to what the stores keep.
func prepareCreate(e *Execution, now time.Time) error {
	if e == nil {
		return errors.New("create execution: nil execution")
	}
	if e.ID == "" {
		e.ID = NewID()
	}
	if e.Status == "" {
		e.Status = StatusNew
	}
	if !KnownStatus(e.Status) {
		return fmt.Errorf("create execution %s: unknown status %q", e.ID, e.Status)
	}
	if e.CreatedAt.IsZero() {
		e.CreatedAt = now
	}
	e.CreatedAt = roundTime(e.CreatedAt)
	e.StartedAt = roundTime(e.StartedAt)
	e.StoppedAt = roundTime(e.StoppedAt)
	e.WaitTill = roundTimePtr(e.WaitTill)
	return nil
}

// checkTransition rejects a transition to a status that does not exist.
func checkTransition(id string, t Transition) error {
	if !KnownStatus(t.Status) {
		return fmt.Errorf("update execution %s: unknown status %q", id, t.Status)
	}
	return nil
}

// apply changes e as Update documents: Status and WaitTill are set as
// given; StartedAt, StoppedAt, Result and Error only when not zero.
func apply(e *Execution, t Transition) {
	e.Status = t.Status
	if !t.StartedAt.IsZero() {
		e.StartedAt = roundTime(t.StartedAt)
	}
	if !t.StoppedAt.IsZero() {
		e.StoppedAt = roundTime(t.StoppedAt)
	}
	e.WaitTill = roundTimePtr(t.WaitTill)
	if len(t.Result) > 0 {
		e.Result = cloneBytes(t.Result)
	}
	if t.Error != "" {
		e.Error = t.Error
	}
}

// roundTime returns t in UTC to the millisecond, as the stores keep
// times; the zero time stays zero.
func roundTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return time.UnixMilli(t.UnixMilli()).UTC()
}

func roundTimePtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	r := roundTime(*t)
	return &r
}

// cloneBytes copies b; empty becomes nil (no data).
func cloneBytes(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return append([]byte(nil), b...)
}

// clone returns a deep copy of e; summary drops Workflow, Input and
// Result.
func clone(e *Execution, summary bool) *Execution {
	c := *e
	c.WaitTill = roundTimePtr(e.WaitTill)
	if summary {
		c.Workflow, c.Input, c.Result = nil, nil, nil
	} else {
		c.Workflow, c.Input, c.Result = cloneBytes(e.Workflow), cloneBytes(e.Input), cloneBytes(e.Result)
	}
	return &c
}

// notFound is ErrNotFound naming id.
func notFound(id string) error {
	return fmt.Errorf("execution %s: %w", id, ErrNotFound)
}
