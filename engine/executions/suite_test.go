package executions_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/engine/executions"
)

// storeKind is one Store implementation under the shared suite.
type storeKind struct {
	name string
	// open returns a new, empty store closed at the end of the test.
	open func(t *testing.T) executions.Store
	// reopen closes s and opens its data again; nil when the store
	// cannot (memory).
	reopen func(t *testing.T, s executions.Store) executions.Store
}

var storeKinds = []storeKind{
	{
		name: "memory",
		open: func(t *testing.T) executions.Store {
			s := executions.NewMemory()
			t.Cleanup(func() { s.Close() })
			return s
		},
	},
	{
		name: "sqlite",
		open: func(t *testing.T) executions.Store {
			return openSQLite(t, filepath.Join(t.TempDir(), "executions.db"))
		},
		reopen: func(t *testing.T, s executions.Store) executions.Store {
			path := s.(*executions.SQLite).Path()
			if err := s.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			return openSQLite(t, path)
		},
	},
}

func openSQLite(t testing.TB, path string) *executions.SQLite {
	t.Helper()
	s, err := executions.OpenSQLite(path)
	if err != nil {
		t.Fatalf("OpenSQLite: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestStores runs the shared suite against every implementation.
func TestStores(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		run  func(t *testing.T, k storeKind)
	}{
		{"CreateGet", testCreateGet},
		{"CreateDefaults", testCreateDefaults},
		{"CreateErrors", testCreateErrors},
		{"NotFound", testNotFound},
		{"Transitions", testTransitions},
		{"UnknownStatus", testUnknownStatus},
		{"ConcurrentFinal", testConcurrentFinal},
		{"ConcurrentCreate", testConcurrentCreate},
		{"List", testList},
		{"Paging", testPaging},
		{"Limits", testLimits},
		{"InFlightWaiting", testInFlightWaiting},
		{"Prune", testPrune},
		{"Closed", testClosed},
		{"Reopen", testReopen},
	}
	for _, k := range storeKinds {
		for _, tt := range tests {
			t.Run(k.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				tt.run(t, k)
			})
		}
	}
}

// base is a time with nanoseconds in a zone other than UTC: stores keep
// UTC milliseconds.
var base = time.Date(2026, 3, 4, 5, 6, 7, 891234567, time.FixedZone("CET", 3600))

func ms(t time.Time) time.Time { return time.UnixMilli(t.UnixMilli()).UTC() }

func ptr(t time.Time) *time.Time { return &t }

func create(t *testing.T, s executions.Store, e *executions.Execution) *executions.Execution {
	t.Helper()
	if err := s.Create(context.Background(), e); err != nil {
		t.Fatalf("Create(%s): %v", e.ID, err)
	}
	return e
}

func get(t *testing.T, s executions.Store, id string) *executions.Execution {
	t.Helper()
	e, err := s.Get(context.Background(), id)
	if err != nil {
		t.Fatalf("Get(%s): %v", id, err)
	}
	return e
}

func update(t *testing.T, s executions.Store, id string, tr executions.Transition) bool {
	t.Helper()
	applied, err := s.Update(context.Background(), id, tr)
	if err != nil {
		t.Fatalf("Update(%s, %s): %v", id, tr.Status, err)
	}
	return applied
}

func ids(list []*executions.Execution) []string {
	out := []string{}
	for _, e := range list {
		out = append(out, e.ID)
	}
	return out
}

func testCreateGet(t *testing.T, k storeKind) {
	s := k.open(t)
	in := &executions.Execution{
		ID:           "e1",
		WorkflowID:   "wf1",
		WorkflowName: "My workflow",
		Mode:         "webhook",
		Status:       executions.StatusWaiting,
		CreatedAt:    base,
		StartedAt:    base.Add(time.Second),
		StoppedAt:    base.Add(2 * time.Second),
		WaitTill:     ptr(base.Add(time.Hour)),
		Workflow:     json.RawMessage(`{"nodes":[],"connections":{}}`),
		StartNode:    "Webhook",
		Input:        json.RawMessage(`[{"json":{"a":1}}]`),
		Result:       json.RawMessage(`{"data":{"resultData":{}}}`),
		Error:        "boom",
	}
	create(t, s, in)
	want := &executions.Execution{
		ID: "e1", WorkflowID: "wf1", WorkflowName: "My workflow", Mode: "webhook",
		Status:    executions.StatusWaiting,
		CreatedAt: ms(base), StartedAt: ms(base.Add(time.Second)), StoppedAt: ms(base.Add(2 * time.Second)),
		WaitTill:  ptr(ms(base.Add(time.Hour))),
		Workflow:  json.RawMessage(`{"nodes":[],"connections":{}}`),
		StartNode: "Webhook",
		Input:     json.RawMessage(`[{"json":{"a":1}}]`),
		Result:    json.RawMessage(`{"data":{"resultData":{}}}`),
		Error:     "boom",
	}
	if diff := cmp.Diff(want, get(t, s, "e1")); diff != "" {
		t.Errorf("Get (-want +got):\n%s", diff)
	}
	// The store keeps its own copy.
	in.Workflow[0] = 'X'
	got := get(t, s, "e1")
	got.Input[0] = 'X'
	if diff := cmp.Diff(want, get(t, s, "e1")); diff != "" {
		t.Errorf("Get after changing the caller's copies (-want +got):\n%s", diff)
	}
	// Unset times and data stay unset.
	create(t, s, &executions.Execution{ID: "e2", CreatedAt: base})
	want2 := &executions.Execution{ID: "e2", Status: executions.StatusNew, CreatedAt: ms(base)}
	if diff := cmp.Diff(want2, get(t, s, "e2")); diff != "" {
		t.Errorf("Get minimal (-want +got):\n%s", diff)
	}
}

func testCreateDefaults(t *testing.T, k storeKind) {
	s := k.open(t)
	before := time.Now().Add(-time.Millisecond)
	e := create(t, s, &executions.Execution{WorkflowID: "wf"})
	if e.ID == "" || e.Status != executions.StatusNew || e.CreatedAt.Before(before) || e.CreatedAt.After(time.Now()) {
		t.Fatalf("Create left ID %q, Status %q, CreatedAt %v; want an id, new, now", e.ID, e.Status, e.CreatedAt)
	}
	if diff := cmp.Diff(e, get(t, s, e.ID)); diff != "" {
		t.Errorf("Get (-create +get):\n%s", diff)
	}
	e2 := create(t, s, &executions.Execution{WorkflowID: "wf"})
	if e2.ID <= e.ID {
		t.Errorf("second default id %q does not sort after %q", e2.ID, e.ID)
	}
}

func testCreateErrors(t *testing.T, k storeKind) {
	s := k.open(t)
	ctx := context.Background()
	create(t, s, &executions.Execution{ID: "dup", WorkflowID: "first"})
	err := s.Create(ctx, &executions.Execution{ID: "dup", WorkflowID: "second"})
	if !errors.Is(err, executions.ErrExists) || !strings.Contains(err.Error(), "dup") {
		t.Errorf("Create duplicate = %v; want ErrExists naming the id", err)
	}
	if got := get(t, s, "dup").WorkflowID; got != "first" {
		t.Errorf("duplicate Create changed the stored execution: workflow %q", got)
	}
	err = s.Create(ctx, &executions.Execution{ID: "bad", Status: "finished"})
	if err == nil || !strings.Contains(err.Error(), "bad") || !strings.Contains(err.Error(), "finished") {
		t.Errorf("Create with unknown status = %v; want an error naming id and status", err)
	}
	if _, err := s.Get(ctx, "bad"); !errors.Is(err, executions.ErrNotFound) {
		t.Errorf("rejected execution was stored: Get = %v", err)
	}
	if err := s.Create(ctx, nil); err == nil {
		t.Error("Create(nil) succeeded")
	}
}

func testNotFound(t *testing.T, k storeKind) {
	s := k.open(t)
	ctx := context.Background()
	create(t, s, &executions.Execution{ID: "known"})
	tests := []struct {
		id   string
		call func() error
	}{
		{"missing-1", func() error { _, err := s.Get(ctx, "missing-1"); return err }},
		{"missing-2", func() error {
			_, err := s.Update(ctx, "missing-2", executions.Transition{Status: executions.StatusRunning})
			return err
		}},
		{"missing-3", func() error { _, err := s.List(ctx, executions.Filter{BeforeID: "missing-3"}); return err }},
	}
	for _, tt := range tests {
		if err := tt.call(); !errors.Is(err, executions.ErrNotFound) || !strings.Contains(err.Error(), tt.id) {
			t.Errorf("error for %s = %v; want ErrNotFound naming the id", tt.id, err)
		}
	}
}

func testTransitions(t *testing.T, k storeKind) {
	s := k.open(t)
	create(t, s, &executions.Execution{ID: "x", CreatedAt: base, Workflow: json.RawMessage(`{}`)})
	t1, t2, t3 := base.Add(time.Second), base.Add(time.Minute), base.Add(time.Hour)
	steps := []struct {
		tr          executions.Transition
		wantApplied bool
		want        executions.Execution
	}{
		{
			tr:          executions.Transition{Status: executions.StatusRunning, StartedAt: t1},
			wantApplied: true,
			want:        executions.Execution{Status: executions.StatusRunning, StartedAt: ms(t1)},
		},
		{
			tr:          executions.Transition{Status: executions.StatusWaiting, WaitTill: &t3, Result: json.RawMessage(`{"checkpoint":1}`)},
			wantApplied: true,
			want:        executions.Execution{Status: executions.StatusWaiting, StartedAt: ms(t1), WaitTill: ptr(ms(t3)), Result: json.RawMessage(`{"checkpoint":1}`)},
		},
		{
			// Resumed: waiting back to running clears WaitTill, keeps the rest.
			tr:          executions.Transition{Status: executions.StatusRunning},
			wantApplied: true,
			want:        executions.Execution{Status: executions.StatusRunning, StartedAt: ms(t1), Result: json.RawMessage(`{"checkpoint":1}`)},
		},
		{
			tr:          executions.Transition{Status: executions.StatusError, StoppedAt: t2, Result: json.RawMessage(`{"final":true}`), Error: "worker lost"},
			wantApplied: true,
			want:        executions.Execution{Status: executions.StatusError, StartedAt: ms(t1), StoppedAt: ms(t2), Result: json.RawMessage(`{"final":true}`), Error: "worker lost"},
		},
		{
			// A late "running" (redelivered job) does not reopen it.
			tr:   executions.Transition{Status: executions.StatusRunning, StartedAt: t3},
			want: executions.Execution{Status: executions.StatusError, StartedAt: ms(t1), StoppedAt: ms(t2), Result: json.RawMessage(`{"final":true}`), Error: "worker lost"},
		},
		{
			// Nor does a second final outcome.
			tr:   executions.Transition{Status: executions.StatusSuccess, StoppedAt: t3, Result: json.RawMessage(`{"again":true}`)},
			want: executions.Execution{Status: executions.StatusError, StartedAt: ms(t1), StoppedAt: ms(t2), Result: json.RawMessage(`{"final":true}`), Error: "worker lost"},
		},
	}
	for i, step := range steps {
		if got := update(t, s, "x", step.tr); got != step.wantApplied {
			t.Errorf("step %d (%s): applied = %v, want %v", i, step.tr.Status, got, step.wantApplied)
		}
		want := step.want
		want.ID, want.CreatedAt, want.Workflow = "x", ms(base), json.RawMessage(`{}`)
		if diff := cmp.Diff(&want, get(t, s, "x")); diff != "" {
			t.Errorf("step %d (%s) (-want +got):\n%s", i, step.tr.Status, diff)
		}
	}
}

func testUnknownStatus(t *testing.T, k storeKind) {
	s := k.open(t)
	ctx := context.Background()
	create(t, s, &executions.Execution{ID: "u"})
	for _, status := range []string{"", "finished"} {
		applied, err := s.Update(ctx, "u", executions.Transition{Status: status})
		if err == nil || applied || !strings.Contains(err.Error(), "u") {
			t.Errorf("Update to %q = %v, %v; want an error naming the id", status, applied, err)
		}
	}
	if _, err := s.List(ctx, executions.Filter{Status: "sucess"}); err == nil || !strings.Contains(err.Error(), "sucess") {
		t.Errorf("List with unknown status = %v; want an error naming it", err)
	}
	if got := get(t, s, "u").Status; got != executions.StatusNew {
		t.Errorf("status after rejected updates = %q", got)
	}
}

// testConcurrentFinal races final outcomes for one execution (a job
// redelivered while its first worker still reports): exactly one applies.
func testConcurrentFinal(t *testing.T, k storeKind) {
	s := k.open(t)
	ctx := context.Background()
	const n = 32
	for round := range 3 {
		id := fmt.Sprintf("race-%d", round)
		create(t, s, &executions.Execution{ID: id})
		var wg sync.WaitGroup
		applied := make(chan int, n)
		errs := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				status := executions.StatusSuccess
				if i%2 == 1 {
					status = executions.StatusError
				}
				if i%4 == 3 {
					// A "running" in the mix never blocks the final ones.
					status = executions.StatusRunning
				}
				ok, err := s.Update(ctx, id, executions.Transition{
					Status: status, Result: json.RawMessage(fmt.Sprintf(`{"by":%d}`, i)),
				})
				if err != nil {
					errs <- err
				}
				if ok && executions.Final(status) {
					applied <- i
				}
			}()
		}
		wg.Wait()
		close(applied)
		close(errs)
		for err := range errs {
			t.Errorf("Update: %v", err)
		}
		var winners []int
		for i := range applied {
			winners = append(winners, i)
		}
		if len(winners) != 1 {
			t.Fatalf("%s: %d final updates applied (%v), want exactly 1", id, len(winners), winners)
		}
		got := get(t, s, id)
		if want := fmt.Sprintf(`{"by":%d}`, winners[0]); string(got.Result) != want || !executions.Final(got.Status) {
			t.Errorf("%s: stored %s %s; want the winner's result %s", id, got.Status, got.Result, want)
		}
	}
}

func testConcurrentCreate(t *testing.T, k storeKind) {
	s := k.open(t)
	ctx := context.Background()
	const n = 50
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := &executions.Execution{WorkflowID: "wf", Input: json.RawMessage(`[]`)}
			if err := s.Create(ctx, e); err != nil {
				errs <- err
				return
			}
			if _, err := s.Update(ctx, e.ID, executions.Transition{Status: executions.StatusSuccess}); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent Create/Update: %v", err)
	}
	list, err := s.List(ctx, executions.Filter{Status: executions.StatusSuccess})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != n {
		t.Errorf("listed %d successful executions, want %d", len(list), n)
	}
}

// listFixture stores executions for List tests; "c" and "d" share a
// creation time (the id breaks the tie).
func listFixture(t *testing.T, s executions.Store) {
	t.Helper()
	rows := []struct {
		id, wf, status string
		at             time.Duration
	}{
		{"a", "wf1", executions.StatusSuccess, 1},
		{"b", "wf2", executions.StatusError, 2},
		{"c", "wf1", executions.StatusError, 3},
		{"d", "wf1", executions.StatusRunning, 3},
		{"e", "wf2", executions.StatusSuccess, 4},
		{"f", "wf1", executions.StatusWaiting, 5},
	}
	for _, r := range rows {
		create(t, s, &executions.Execution{
			ID: r.id, WorkflowID: r.wf, WorkflowName: "name " + r.wf, Mode: "trigger", Status: r.status,
			CreatedAt: base.Add(r.at * time.Second), Workflow: json.RawMessage(`{"w":1}`),
			Input: json.RawMessage(`[]`), Result: json.RawMessage(`{"r":1}`), StartNode: "Start",
		})
	}
}

func testList(t *testing.T, k storeKind) {
	s := k.open(t)
	listFixture(t, s)
	tests := []struct {
		name   string
		filter executions.Filter
		want   []string
	}{
		{"all", executions.Filter{}, []string{"f", "e", "d", "c", "b", "a"}},
		{"status", executions.Filter{Status: executions.StatusError}, []string{"c", "b"}},
		{"workflow", executions.Filter{WorkflowID: "wf1"}, []string{"f", "d", "c", "a"}},
		{"both", executions.Filter{WorkflowID: "wf1", Status: executions.StatusError}, []string{"c"}},
		{"limit", executions.Filter{Limit: 2}, []string{"f", "e"}},
		{"before", executions.Filter{BeforeID: "d"}, []string{"c", "b", "a"}},
		{"before tie", executions.Filter{BeforeID: "c", Limit: 1}, []string{"b"}},
		{"before filtered", executions.Filter{BeforeID: "e", WorkflowID: "wf1"}, []string{"d", "c", "a"}},
		{"before last", executions.Filter{BeforeID: "a"}, []string{}},
		{"no match", executions.Filter{WorkflowID: "nope"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.List(context.Background(), tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, ids(got)); diff != "" {
				t.Errorf("List(%+v) ids (-want +got):\n%s", tt.filter, diff)
			}
		})
	}
	// Summaries carry everything but the blobs.
	got, err := s.List(context.Background(), executions.Filter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []*executions.Execution{{
		ID: "f", WorkflowID: "wf1", WorkflowName: "name wf1", Mode: "trigger", Status: executions.StatusWaiting,
		CreatedAt: ms(base.Add(5 * time.Second)), StartNode: "Start",
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("List summary (-want +got):\n%s", diff)
	}
}

func testPaging(t *testing.T, k storeKind) {
	s := k.open(t)
	ctx := context.Background()
	var want []string
	for i := range 25 {
		// Pairs share a creation time.
		e := create(t, s, &executions.Execution{ID: fmt.Sprintf("p%02d", i), CreatedAt: base.Add(time.Duration(i/2) * time.Millisecond)})
		want = append([]string{e.ID}, want...)
	}
	var got []string
	var sizes []int
	before := ""
	for range 10 {
		page, err := s.List(ctx, executions.Filter{Limit: 10, BeforeID: before})
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page))
		if len(page) == 0 {
			break
		}
		got = append(got, ids(page)...)
		before = page[len(page)-1].ID
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paged ids (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{10, 10, 5, 0}, sizes); diff != "" {
		t.Errorf("page sizes (-want +got):\n%s", diff)
	}
}

func testLimits(t *testing.T, k storeKind) {
	s := k.open(t)
	ctx := context.Background()
	for i := range executions.MaxLimit + 5 {
		create(t, s, &executions.Execution{ID: fmt.Sprintf("l%05d", i), CreatedAt: base})
	}
	for _, tt := range []struct{ limit, want int }{
		{0, executions.DefaultLimit},
		{-1, executions.DefaultLimit},
		{7, 7},
		{executions.MaxLimit + 1, executions.MaxLimit},
		{1 << 20, executions.MaxLimit},
	} {
		got, err := s.List(ctx, executions.Filter{Limit: tt.limit})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tt.want {
			t.Errorf("List(Limit: %d) = %d rows, want %d", tt.limit, len(got), tt.want)
		}
	}
}

func testInFlightWaiting(t *testing.T, k storeKind) {
	s := k.open(t)
	ctx := context.Background()
	soon, later := base.Add(time.Minute), base.Add(time.Hour)
	forever := time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := []*executions.Execution{
		{ID: "n", Status: executions.StatusNew, CreatedAt: base.Add(2 * time.Second), Workflow: json.RawMessage(`{"id":"n"}`), Input: json.RawMessage(`[1]`)},
		{ID: "r", Status: executions.StatusRunning, CreatedAt: base.Add(time.Second), Workflow: json.RawMessage(`{"id":"r"}`)},
		{ID: "w-later", Status: executions.StatusWaiting, CreatedAt: base, WaitTill: &later, Result: json.RawMessage(`{"cp":2}`)},
		{ID: "w-soon", Status: executions.StatusWaiting, CreatedAt: base, WaitTill: &soon, Result: json.RawMessage(`{"cp":1}`)},
		{ID: "w-forever", Status: executions.StatusWaiting, CreatedAt: base, WaitTill: &forever},
		{ID: "s", Status: executions.StatusSuccess, CreatedAt: base},
		{ID: "c", Status: executions.StatusCrashed, CreatedAt: base},
	}
	for _, e := range rows {
		create(t, s, e)
	}
	inflight, err := s.InFlight(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]*executions.Execution{get(t, s, "r"), get(t, s, "n")}, inflight); diff != "" {
		t.Errorf("InFlight, oldest first with their data (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		before time.Time
		want   []string
	}{
		{base, []string{}},
		{soon.Add(-time.Millisecond), []string{}},
		{soon, []string{"w-soon"}},
		{later.Add(time.Second), []string{"w-soon", "w-later"}},
		{forever, []string{"w-soon", "w-later", "w-forever"}},
	} {
		got, err := s.Waiting(ctx, tt.before)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, ids(got)); diff != "" {
			t.Errorf("Waiting(%v) (-want +got):\n%s", tt.before, diff)
		}
		for _, e := range got {
			if diff := cmp.Diff(get(t, s, e.ID), e); diff != "" {
				t.Errorf("Waiting returned %s without its data (-want +got):\n%s", e.ID, diff)
			}
		}
	}
	// Resuming takes it out of Waiting and into InFlight.
	update(t, s, "w-soon", executions.Transition{Status: executions.StatusRunning})
	got, err := s.Waiting(ctx, forever)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"w-later", "w-forever"}, ids(got)); diff != "" {
		t.Errorf("Waiting after resume (-want +got):\n%s", diff)
	}
	inflight, err = s.InFlight(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"w-soon", "r", "n"}, ids(inflight)); diff != "" {
		t.Errorf("InFlight after resume (-want +got):\n%s", diff)
	}
}

func testPrune(t *testing.T, k storeKind) {
	now := time.Now()
	// Ages are of stoppedAt, or createdAt when the execution never stopped;
	// only final executions are pruned.
	rows := []struct {
		id, status         string
		created, stoppedAt time.Duration // before now; 0 stoppedAt: unset
	}{
		{"new-old", executions.StatusNew, 100 * time.Hour, 0},
		{"waiting-old", executions.StatusWaiting, 100 * time.Hour, 0},
		{"running-old", executions.StatusRunning, 90 * time.Hour, 0},
		{"ok-old", executions.StatusSuccess, 80 * time.Hour, 79 * time.Hour},
		{"err-old", executions.StatusError, 70 * time.Hour, 0},
		{"crash-mid", executions.StatusCrashed, 30 * time.Hour, time.Hour},
		{"ok-mid", executions.StatusSuccess, 20 * time.Hour, 19 * time.Hour},
		{"cancel-new", executions.StatusCanceled, 2 * time.Hour, time.Hour},
		{"ok-new", executions.StatusSuccess, time.Hour, time.Minute},
	}
	all := []string{"new-old", "waiting-old", "running-old", "ok-old", "err-old", "crash-mid", "ok-mid", "cancel-new", "ok-new"}
	tests := []struct {
		name   string
		prune  executions.Prune
		pruned []string
	}{
		{"zero keeps all", executions.Prune{}, nil},
		{"by age", executions.Prune{MaxAge: 24 * time.Hour}, []string{"ok-old", "err-old"}},
		{"by age uses stoppedAt", executions.Prune{MaxAge: 10 * time.Hour}, []string{"ok-old", "err-old", "ok-mid"}},
		{"by count", executions.Prune{MaxCount: 2}, []string{"ok-old", "err-old", "crash-mid", "ok-mid"}},
		{"count above total", executions.Prune{MaxCount: 100}, nil},
		{"age or count", executions.Prune{MaxAge: 72 * time.Hour, MaxCount: 4}, []string{"ok-old", "err-old"}},
		{"age first, then count among the rest", executions.Prune{MaxAge: 10 * time.Hour, MaxCount: 3}, []string{"ok-old", "err-old", "ok-mid"}},
		{"count and age", executions.Prune{MaxAge: 10 * time.Hour, MaxCount: 1}, []string{"ok-old", "err-old", "crash-mid", "ok-mid", "cancel-new"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := k.open(t)
			ctx := context.Background()
			for _, r := range rows {
				e := &executions.Execution{ID: r.id, Status: r.status, CreatedAt: now.Add(-r.created), Result: json.RawMessage(`{}`)}
				if r.stoppedAt != 0 {
					e.StoppedAt = now.Add(-r.stoppedAt)
				}
				create(t, s, e)
			}
			n, err := s.Prune(ctx, tt.prune)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(tt.pruned) {
				t.Errorf("Prune(%+v) = %d, want %d", tt.prune, n, len(tt.pruned))
			}
			var kept []string
			for _, id := range all {
				_, err := s.Get(ctx, id)
				switch {
				case err == nil:
					kept = append(kept, id)
				case !errors.Is(err, executions.ErrNotFound):
					t.Fatal(err)
				}
			}
			var want []string
			for _, id := range all {
				if !strings.Contains(" "+strings.Join(tt.pruned, " ")+" ", " "+id+" ") {
					want = append(want, id)
				}
			}
			if diff := cmp.Diff(want, kept); diff != "" {
				t.Errorf("kept after Prune(%+v) (-want +got):\n%s", tt.prune, diff)
			}
			// Pruning again finds nothing more.
			if n, err := s.Prune(ctx, tt.prune); err != nil || n != 0 {
				t.Errorf("second Prune = %d, %v; want 0", n, err)
			}
		})
	}
}

func testClosed(t *testing.T, k storeKind) {
	s := k.open(t)
	ctx := context.Background()
	create(t, s, &executions.Execution{ID: "c"})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	_, getErr := s.Get(ctx, "c")
	_, updErr := s.Update(ctx, "c", executions.Transition{Status: executions.StatusSuccess})
	_, listErr := s.List(ctx, executions.Filter{})
	_, inErr := s.InFlight(ctx)
	_, waitErr := s.Waiting(ctx, base)
	_, pruneErr := s.Prune(ctx, executions.Prune{MaxCount: 1})
	createErr := s.Create(ctx, &executions.Execution{ID: "d"})
	for i, err := range []error{getErr, updErr, listErr, inErr, waitErr, pruneErr, createErr} {
		if !errors.Is(err, executions.ErrClosed) {
			t.Errorf("call %d after Close = %v; want ErrClosed", i, err)
		}
	}
}

func testReopen(t *testing.T, k storeKind) {
	if k.reopen == nil {
		t.Skip("the store cannot be reopened")
	}
	s := k.open(t)
	listFixture(t, s)
	update(t, s, "d", executions.Transition{Status: executions.StatusSuccess, StoppedAt: base, Result: json.RawMessage(`{"done":1}`)})
	wantD := get(t, s, "d")
	wantList, err := s.List(context.Background(), executions.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	s = k.reopen(t, s)
	if diff := cmp.Diff(wantD, get(t, s, "d")); diff != "" {
		t.Errorf("Get after reopen (-want +got):\n%s", diff)
	}
	gotList, err := s.List(context.Background(), executions.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantList, gotList); diff != "" {
		t.Errorf("List after reopen (-want +got):\n%s", diff)
	}
	// Still final after reopening.
	if update(t, s, "d", executions.Transition{Status: executions.StatusRunning}) {
		t.Error("a final execution was reopened after a restart")
	}
}
