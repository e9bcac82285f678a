package executions

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// Execution statuses. New and Running are in flight; Waiting is paused
// (a Wait node); the others are final.
const (
	StatusNew      = "new"
	StatusRunning  = "running"
	StatusWaiting  = "waiting"
	StatusSuccess  = "success"
	StatusError    = "error"
	StatusCanceled = "canceled"
	StatusCrashed  = "crashed"
)

// ErrNotFound is returned for an unknown execution id.
var ErrNotFound = errors.New("execution not found")

// Execution is one stored execution.
type Execution struct {
	ID           string `json:"id"`
	WorkflowID   string `json:"workflowId"`
	WorkflowName string `json:"workflowName"`
	// Mode is n8n's execution mode: manual, trigger, webhook, cli, ...
	Mode   string `json:"mode"`
	Status string `json:"status"`
	// CreatedAt is when the execution was stored (queued).
	CreatedAt time.Time `json:"createdAt"`
	// StartedAt and StoppedAt are zero until the execution starts and ends.
	StartedAt time.Time `json:"startedAt,omitzero"`
	StoppedAt time.Time `json:"stoppedAt,omitzero"`
	// WaitTill is when a waiting execution resumes.
	WaitTill *time.Time `json:"waitTill,omitempty"`
	// Workflow is the workflow JSON the execution runs (a snapshot).
	Workflow json.RawMessage `json:"workflow,omitempty"`
	// StartNode and Input are where and with what items it starts.
	StartNode string          `json:"startNode,omitempty"`
	Input     json.RawMessage `json:"input,omitempty"`
	// Result is the engine's result JSON (run data), secrets redacted.
	Result json.RawMessage `json:"result,omitempty"`
	// Error is why the execution failed outside any node (crashed worker,
	// deliveries exhausted); node errors are in Result.
	Error string `json:"error,omitempty"`
}

// Final reports whether status is a final one.
func Final(status string) bool {
	switch status {
	case StatusSuccess, StatusError, StatusCanceled, StatusCrashed:
		return true
	}
	return false
}

// Filter selects executions for List. Zero fields do not filter.
type Filter struct {
	Status     string
	WorkflowID string
	// Limit caps the rows (0: DefaultLimit, at most MaxLimit); newest
	// first.
	Limit int
	// BeforeID pages: only executions listed after this id (an unknown
	// id is ErrNotFound).
	BeforeID string
}

// Transition is a status change applied by Update. Status and WaitTill
// are set as given (nil clears WaitTill: only a waiting execution has
// one); StartedAt, StoppedAt, Result and Error are set only when not
// zero, so a "running" transition keeps the result of a waiting run.
type Transition struct {
	Status    string
	StartedAt time.Time
	StoppedAt time.Time
	WaitTill  *time.Time
	Result    json.RawMessage
	Error     string
}

// Prune says which finished executions to delete; zero fields keep all.
type Prune struct {
	MaxAge   time.Duration
	MaxCount int
}

// Store keeps executions. Implementations are safe for concurrent use.
type Store interface {
	// Create stores a new execution; its ID must be unique.
	Create(ctx context.Context, e *Execution) error
	// Get returns the execution with id, or ErrNotFound.
	Get(ctx context.Context, id string) (*Execution, error)
	// List returns execution summaries (no Workflow, Input or Result),
	// newest first.
	List(ctx context.Context, f Filter) ([]*Execution, error)
	// Update applies t unless the execution is already final; applied is
	// false when it was (so a redelivered job is stored exactly once).
	Update(ctx context.Context, id string, t Transition) (applied bool, err error)
	// InFlight returns executions with status new or running (to requeue
	// after a restart), oldest first, and Waiting those paused until
	// before or earlier (WaitTill <= before), soonest first; both with
	// their Workflow, Input and Result.
	InFlight(ctx context.Context) ([]*Execution, error)
	Waiting(ctx context.Context, before time.Time) ([]*Execution, error)
	// Prune deletes finished executions by age and count; it returns how
	// many it deleted.
	Prune(ctx context.Context, p Prune) (int, error)
	Close() error
}
