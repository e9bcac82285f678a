package server

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/noderun/noderun/engine/executions"
)

// TestResumeStalePause: a resume from a stale read of the execution (the
// pause it names was resumed and the execution moved on) queues nothing
// and leaves no resume recorded. The server has no queue: reaching it
// would panic.
func TestResumeStalePause(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := executions.NewMemory()
	s := &Server{cfg: Config{Store: store}, resuming: map[string]int{}}
	pause := func(at time.Time) json.RawMessage {
		return json.RawMessage(`{"stoppedAt":"` + at.UTC().Format(time.RFC3339Nano) + `"}`)
	}
	first, second := time.UnixMilli(1_700_000_000_000), time.UnixMilli(1_700_000_100_000)
	till := time.Now().Add(time.Hour)
	if err := store.Create(ctx, &executions.Execution{ID: "x1", WorkflowID: "w", Status: executions.StatusWaiting, WaitTill: &till, Result: pause(second)}); err != nil {
		t.Fatal(err)
	}
	if err := store.Create(ctx, &executions.Execution{ID: "x2", WorkflowID: "w", Status: executions.StatusSuccess, Result: pause(first)}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		e    *executions.Execution
	}{
		{"paused again since", &executions.Execution{ID: "x1", Status: executions.StatusWaiting, Result: pause(first)}},
		{"finished since", &executions.Execution{ID: "x2", Status: executions.StatusWaiting, Result: pause(first)}},
		{"deleted since", &executions.Execution{ID: "x3", Status: executions.StatusWaiting, Result: pause(first)}},
	}
	for _, tt := range tests {
		_, queued, err := s.resume(ctx, tt.e, nil, false)
		if err != nil || queued {
			t.Errorf("%s: queued %v, err %v; want neither", tt.name, queued, err)
		}
	}
	if len(s.resuming) != 0 {
		t.Errorf("resumes recorded: %v", s.resuming)
	}
}
