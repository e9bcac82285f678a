package executions_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/noderun/noderun/engine/executions"
)

// rawDB opens the store's file directly, to look under the store.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestSQLiteFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "sub", "dir", "executions.db")
	s := openSQLite(t, path)
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("file mode %o, want 600 (run data is private)", mode)
	}
	db := rawDB(t, path)
	var mode string
	if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	var version int
	if err := db.QueryRow(`SELECT version FROM schema_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if version < 1 {
		t.Errorf("schema version %d", version)
	}
}

func TestSQLiteBadPath(t *testing.T) {
	t.Parallel()
	for _, path := range []string{"", filepath.Join(t.TempDir(), "a?b.db")} {
		if s, err := executions.OpenSQLite(path); err == nil {
			s.Close()
			t.Errorf("OpenSQLite(%q) succeeded", path)
		}
	}
}

// TestSQLiteNewerSchema refuses a database a newer noderun migrated.
func TestSQLiteNewerSchema(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "executions.db")
	s := openSQLite(t, path)
	s.Close()
	if _, err := rawDB(t, path).Exec(`UPDATE schema_version SET version = version + 1`); err != nil {
		t.Fatal(err)
	}
	s2, err := executions.OpenSQLite(path)
	if err == nil {
		s2.Close()
		t.Fatal("OpenSQLite of a newer schema succeeded")
	}
	if !strings.Contains(err.Error(), "newer") || !strings.Contains(err.Error(), path) {
		t.Errorf("error = %v; want one naming the file and the newer schema", err)
	}
}

// TestSQLitePruneDeletesData checks that pruned executions take their
// run data with them.
func TestSQLitePruneDeletesData(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "executions.db")
	s := openSQLite(t, path)
	for i := range 5 {
		create(t, s, &executions.Execution{ID: fmt.Sprint(i), Status: executions.StatusSuccess, Result: json.RawMessage(`{"big":true}`)})
	}
	if n, err := s.Prune(ctx, executions.Prune{MaxCount: 2}); err != nil || n != 3 {
		t.Fatalf("Prune = %d, %v; want 3", n, err)
	}
	var rows int
	if err := rawDB(t, path).QueryRow(`SELECT COUNT(*) FROM execution_data`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != 2 {
		t.Errorf("execution_data has %d rows after pruning to 2 executions", rows)
	}
}

// TestSQLiteQueryPlans checks that the list filters and the waiting
// query use indexes rather than scanning the table.
func TestSQLiteQueryPlans(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "executions.db")
	openSQLite(t, path)
	db := rawDB(t, path)
	queries := []struct {
		q string
		// sorts: the few rows found are sorted (two index ranges merged).
		sorts bool
	}{
		{q: `SELECT id FROM executions ORDER BY created_at DESC, id DESC LIMIT 100`},
		{q: `SELECT id FROM executions WHERE status = 'error' ORDER BY created_at DESC, id DESC LIMIT 100`},
		{q: `SELECT id FROM executions WHERE workflow_id = 'w' ORDER BY created_at DESC, id DESC LIMIT 100`},
		{q: `SELECT id FROM executions WHERE status = 'error' AND (created_at < 5 OR (created_at = 5 AND id < 'x')) ORDER BY created_at DESC, id DESC LIMIT 100`},
		{q: `SELECT id FROM executions WHERE status = 'waiting' AND wait_till <= 5 ORDER BY wait_till, id`},
		{q: `SELECT id FROM executions WHERE status IN ('new', 'running') ORDER BY created_at, id`, sorts: true},
	}
	for _, tt := range queries {
		q := tt.q
		rows, err := db.Query(`EXPLAIN QUERY PLAN ` + q)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		joined := strings.Join(plan, "; ")
		if !strings.Contains(joined, "INDEX") || (!tt.sorts && strings.Contains(joined, "TEMP B-TREE")) {
			t.Errorf("%s\nplan: %s; want an index and no sort", q, joined)
		}
	}
}

// TestSQLiteTwoHandles shares one file between two stores, as a main
// instance and a CLI (or two mains) do: both write at once, see each
// other's rows, and of racing final updates exactly one applies.
func TestSQLiteTwoHandles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "executions.db")
	a, b := openSQLite(t, path), openSQLite(t, path)
	const n = 40
	var wg sync.WaitGroup
	errs := make(chan error, 4*n)
	for i := range n {
		for j, s := range []*executions.SQLite{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				id := fmt.Sprintf("h%d-%03d", j, i)
				if err := s.Create(ctx, &executions.Execution{ID: id, Workflow: json.RawMessage(`{}`)}); err != nil {
					errs <- err
				}
			}()
		}
	}
	wg.Wait()
	// Race final updates on every execution through both handles.
	winners := make(chan string, 4*n)
	for i := range n {
		for j := range 2 {
			for k, s := range []*executions.SQLite{a, b} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					id := fmt.Sprintf("h%d-%03d", j, i)
					ok, err := s.Update(ctx, id, executions.Transition{Status: executions.StatusSuccess, Result: json.RawMessage(fmt.Sprint(k))})
					if err != nil {
						errs <- err
					}
					if ok {
						winners <- id
					}
				}()
			}
		}
	}
	wg.Wait()
	close(errs)
	close(winners)
	for err := range errs {
		t.Errorf("two handles: %v", err)
	}
	count := map[string]int{}
	for id := range winners {
		count[id]++
	}
	for id, c := range count {
		if c != 1 {
			t.Errorf("%s: %d updates applied, want 1", id, c)
		}
	}
	if len(count) != 2*n {
		t.Errorf("%d executions updated, want %d", len(count), 2*n)
	}
	for _, s := range []*executions.SQLite{a, b} {
		list, err := s.List(ctx, executions.Filter{Status: executions.StatusSuccess, Limit: executions.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2*n {
			t.Errorf("a handle lists %d executions, want %d", len(list), 2*n)
		}
	}
}

// helperEnv makes the test binary a writer process for
// TestSQLiteTwoProcesses.
const helperEnv = "NODERUN_EXECUTIONS_HELPER_DB"

// TestSQLiteTwoProcesses runs writers in two processes on one file: every
// create lands, and of the racing final updates exactly one applies per
// execution.
func TestSQLiteTwoProcesses(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "executions.db")
	s := openSQLite(t, path)
	const n = 100
	for i := range n {
		create(t, s, &executions.Execution{ID: fmt.Sprintf("shared-%03d", i)})
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	outputs := make([]string, 2)
	for p := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(exe, "-test.run=^TestSQLiteHelperProcess$", "-test.count=1")
			cmd.Env = append(os.Environ(), helperEnv+"="+path, fmt.Sprintf("NODERUN_EXECUTIONS_HELPER_NAME=p%d", p))
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Errorf("helper process %d: %v\n%s", p, err, out)
			}
			outputs[p] = string(out)
		}()
	}
	wg.Wait()
	applied := 0
	for _, out := range outputs {
		var c int
		if i := strings.Index(out, "applied="); i >= 0 {
			fmt.Sscanf(out[i:], "applied=%d", &c)
		}
		applied += c
	}
	if applied != n {
		t.Errorf("the processes applied %d final updates on %d executions, want exactly one each\n%s", applied, n, strings.Join(outputs, "\n"))
	}
	ctx := context.Background()
	for p := range 2 {
		list, err := s.List(ctx, executions.Filter{WorkflowID: fmt.Sprintf("p%d", p), Limit: executions.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != n {
			t.Errorf("process p%d created %d executions, want %d", p, len(list), n)
		}
	}
	for i := range n {
		e := get(t, s, fmt.Sprintf("shared-%03d", i))
		if e.Status != executions.StatusSuccess || (string(e.Result) != `"p0"` && string(e.Result) != `"p1"`) {
			t.Errorf("%s: %s %s", e.ID, e.Status, e.Result)
		}
	}
}

// TestSQLiteHelperProcess is the writer process of TestSQLiteTwoProcesses
// (skipped when not started by it).
func TestSQLiteHelperProcess(t *testing.T) {
	path := os.Getenv(helperEnv)
	if path == "" {
		t.Skip("helper process of TestSQLiteTwoProcesses")
	}
	name := os.Getenv("NODERUN_EXECUTIONS_HELPER_NAME")
	s, err := executions.OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	applied := 0
	deadline := time.Now().Add(time.Minute)
	for i := 0; i < 100 && time.Now().Before(deadline); i++ {
		if err := s.Create(ctx, &executions.Execution{WorkflowID: name}); err != nil {
			t.Fatal(err)
		}
		ok, err := s.Update(ctx, fmt.Sprintf("shared-%03d", i), executions.Transition{
			Status: executions.StatusSuccess, Result: json.RawMessage(`"` + name + `"`),
		})
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			applied++
		}
	}
	fmt.Printf("applied=%d\n", applied)
}

// TestSQLiteContext passes the caller's context to the database.
func TestSQLiteContext(t *testing.T) {
	t.Parallel()
	s := openSQLite(t, filepath.Join(t.TempDir(), "executions.db"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := s.Create(ctx, &executions.Execution{ID: "ctx"})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "ctx") {
		t.Errorf("Create with a canceled context = %v", err)
	}
	if _, err := s.Get(context.Background(), "ctx"); !errors.Is(err, executions.ErrNotFound) {
		t.Errorf("canceled Create stored the execution: %v", err)
	}
	if _, err := s.List(ctx, executions.Filter{}); !errors.Is(err, context.Canceled) {
		t.Errorf("List with a canceled context = %v", err)
	}
}
