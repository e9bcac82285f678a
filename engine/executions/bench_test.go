package executions_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/noderun/noderun/engine/executions"
)

// benchStores returns a fresh store of each kind for a benchmark.
func benchStores(b *testing.B) []struct {
	name string
	open func() executions.Store
} {
	return []struct {
		name string
		open func() executions.Store
	}{
		{"memory", func() executions.Store { return executions.NewMemory() }},
		{"sqlite", func() executions.Store { return openSQLite(b, filepath.Join(b.TempDir(), "executions.db")) }},
	}
}

// benchWorkflow and benchResult are the size of a small real execution.
var (
	benchWorkflow = json.RawMessage(`{"name":"bench","nodes":[{"name":"Start","type":"n8n-nodes-base.manualTrigger","typeVersion":1,"position":[0,0],"parameters":{}},{"name":"Set","type":"n8n-nodes-base.set","typeVersion":3.4,"position":[200,0],"parameters":{"assignments":{"assignments":[{"name":"a","value":"={{ $json.x }}","type":"string"}]}}}],"connections":{"Start":{"main":[[{"node":"Set","type":"main","index":0}]]}}}`)
	benchInput    = json.RawMessage(`[{"json":{"x":1}}]`)
	benchResult   = json.RawMessage(`{"finished":true,"data":{"resultData":{"runData":{"Start":[{"startTime":1,"executionTime":0,"data":{"main":[[{"json":{"x":1}}]]}}],"Set":[{"startTime":1,"executionTime":1,"data":{"main":[[{"json":{"x":1,"a":"1"}}]]}}]}}}}`)
)

// lifecycle stores one execution as the main instance does: create
// (queued), running, then the final outcome with its run data.
func lifecycle(ctx context.Context, s executions.Store) error {
	e := &executions.Execution{WorkflowID: "wf", WorkflowName: "bench", Mode: "trigger", Workflow: benchWorkflow, Input: benchInput}
	if err := s.Create(ctx, e); err != nil {
		return err
	}
	now := time.Now()
	if _, err := s.Update(ctx, e.ID, executions.Transition{Status: executions.StatusRunning, StartedAt: now}); err != nil {
		return err
	}
	_, err := s.Update(ctx, e.ID, executions.Transition{Status: executions.StatusSuccess, StoppedAt: now, Result: benchResult})
	return err
}

// BenchmarkCreateUpdate measures the store's share of an execution:
// Create plus the running and final Updates. It reports executions/s.
func BenchmarkCreateUpdate(b *testing.B) {
	ctx := context.Background()
	for _, k := range benchStores(b) {
		b.Run(k.name, func(b *testing.B) {
			s := k.open()
			defer s.Close()
			b.ReportAllocs()
			for b.Loop() {
				if err := lifecycle(ctx, s); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "executions/s")
		})
		b.Run(k.name+"/parallel", func(b *testing.B) {
			s := k.open()
			defer s.Close()
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := lifecycle(ctx, s); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "executions/s")
		})
	}
}

// BenchmarkList lists the newest page of a 10,000-execution history, all
// and filtered by status, workflow and a paging cursor.
func BenchmarkList(b *testing.B) {
	ctx := context.Background()
	for _, k := range benchStores(b) {
		s := k.open()
		var middle string
		for i := range 10_000 {
			e := &executions.Execution{
				WorkflowID: fmt.Sprintf("wf%d", i%10), Status: []string{executions.StatusSuccess, executions.StatusError}[i%2],
				Workflow: benchWorkflow, Result: benchResult,
			}
			if err := s.Create(ctx, e); err != nil {
				b.Fatal(err)
			}
			if i == 5_000 {
				middle = e.ID
			}
		}
		for _, f := range []struct {
			name   string
			filter executions.Filter
		}{
			{"all", executions.Filter{}},
			{"status", executions.Filter{Status: executions.StatusError}},
			{"workflow", executions.Filter{WorkflowID: "wf3"}},
			{"page", executions.Filter{BeforeID: middle, Status: executions.StatusSuccess}},
		} {
			b.Run(k.name+"/"+f.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					list, err := s.List(ctx, f.filter)
					if err != nil {
						b.Fatal(err)
					}
					if len(list) != executions.DefaultLimit {
						b.Fatalf("listed %d", len(list))
					}
				}
			})
		}
		s.Close()
	}
}
