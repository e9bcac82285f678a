package server

import (
	"context"
	"encoding/json"
	"log/slog"
	"testing"
	"time"

	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/internal/queue"
)

// TestOutcomeOrdering: late or redelivered outcomes never take an
// execution back: a "running" after the final or waiting outcome of its
// generation is dropped, and a later final outcome is ignored.
func TestOutcomeOrdering(t *testing.T) {
	t.Parallel()
	stopped := time.UnixMilli(1_700_000_000_000)
	waitingResult := json.RawMessage(`{"stoppedAt":"` + stopped.UTC().Format(time.RFC3339Nano) + `"}`)
	gen := resumeGeneration(waitingResult)
	till := time.Now().Add(time.Hour)
	tests := []struct {
		name     string
		outcomes []*queue.Outcome
		want     string
	}{
		{"in order", []*queue.Outcome{{Status: "running"}, {Status: "success"}}, executions.StatusSuccess},
		{"running after the final outcome", []*queue.Outcome{{Status: "success"}, {Status: "running"}}, executions.StatusSuccess},
		{"running after waiting", []*queue.Outcome{{Status: "waiting", WaitTill: &till, Result: waitingResult}, {Status: "running"}}, executions.StatusWaiting},
		{"resume running", []*queue.Outcome{{Status: "waiting", WaitTill: &till, Result: waitingResult}, {Status: "running", Generation: gen}}, executions.StatusRunning},
		{"resume of another pause", []*queue.Outcome{{Status: "waiting", WaitTill: &till, Result: waitingResult}, {Status: "running", Generation: gen + 1}}, executions.StatusWaiting},
		{"second final outcome", []*queue.Outcome{{Status: "error", Error: "first"}, {Status: "success"}}, executions.StatusError},
		{"unknown status", []*queue.Outcome{{Status: "exploded"}}, executions.StatusError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			store := executions.NewMemory()
			s := &Server{cfg: Config{Store: store}, logger: slog.New(slog.DiscardHandler), hub: newHub(), drain: newDrain(), resuming: map[string]int{}, wake: make(chan struct{}, 1)}
			if err := store.Create(ctx, &executions.Execution{ID: "x", WorkflowID: "w"}); err != nil {
				t.Fatal(err)
			}
			for _, o := range tt.outcomes {
				o.ExecutionID = "x"
				if err := s.applyOutcome(ctx, o); err != nil {
					t.Fatal(err)
				}
			}
			x, err := store.Get(ctx, "x")
			if err != nil {
				t.Fatal(err)
			}
			if x.Status != tt.want {
				t.Errorf("status %s, want %s", x.Status, tt.want)
			}
		})
	}
	// An outcome for an execution the store does not have is dropped.
	s := &Server{cfg: Config{Store: executions.NewMemory()}, logger: slog.New(slog.DiscardHandler), hub: newHub(), drain: newDrain(), resuming: map[string]int{}}
	if err := s.applyOutcome(context.Background(), &queue.Outcome{ExecutionID: "gone", Status: "success"}); err != nil {
		t.Errorf("unknown execution: %v", err)
	}
}
