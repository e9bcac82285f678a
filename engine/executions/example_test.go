package executions_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/noderun/noderun/engine/executions"
)

// Example stores an execution's life as the main instance does: queued,
// running, finished; a redelivered outcome is ignored.
func Example() {
	dir, err := os.MkdirTemp("", "executions")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	store, err := executions.OpenSQLite(filepath.Join(dir, "executions.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()

	e := &executions.Execution{
		WorkflowID: "orders",
		Mode:       "webhook",
		Workflow:   json.RawMessage(`{"nodes":[],"connections":{}}`),
	}
	if err := store.Create(ctx, e); err != nil { // e.ID is set: NewID()
		log.Fatal(err)
	}
	start := time.Now()
	store.Update(ctx, e.ID, executions.Transition{Status: executions.StatusRunning, StartedAt: start})
	applied, _ := store.Update(ctx, e.ID, executions.Transition{
		Status: executions.StatusSuccess, StoppedAt: start.Add(time.Second), Result: json.RawMessage(`{"finished":true}`),
	})
	fmt.Println("final applied:", applied)
	applied, _ = store.Update(ctx, e.ID, executions.Transition{Status: executions.StatusError, Error: "redelivered"})
	fmt.Println("redelivered applied:", applied)

	got, err := store.Get(ctx, e.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.Status, got.StoppedAt.Sub(got.StartedAt), string(got.Result))

	list, err := store.List(ctx, executions.Filter{WorkflowID: "orders"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(list), list[0].Status, list[0].Result == nil)
	// Output:
	// final applied: true
	// redelivered applied: false
	// success 1s {"finished":true}
	// 1 success true
}
