package executions

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // cgo-free SQLite driver
)

// BusyTimeout is how long a SQLite store waits for another connection or
// process holding the database lock before an operation fails.
const BusyTimeout = 10 * time.Second

// readConns bounds the concurrent readers of one SQLite store.
const readConns = 4

// SQLite is the embedded Store: a SQLite database (cgo-free
// modernc.org/sqlite) in WAL mode, so reads do not wait for writes, with a
// busy timeout, so several processes may share the file. Writes go
// through one connection of the process and run in immediate
// transactions; reads use a small pool. Commits are synchronous=NORMAL:
// durable across process crashes, though a power loss may drop the last
// commits.
type SQLite struct {
	w, r   *sql.DB
	stmts  writeStmts
	path   string
	closed atomic.Bool
}

var _ Store = (*SQLite)(nil)

// OpenSQLite opens the store at path, creating the file (mode 0600) and
// its directory when absent and migrating its schema to this version.
func OpenSQLite(path string) (*SQLite, error) {
	if path == "" {
		return nil, errors.New("execution store: empty path")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("execution store %s: the path may not contain ? or #", path)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("execution store %s: %w", path, err)
		}
	}
	// Create the file ourselves so it never exists with a wider mode.
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600); err == nil {
		f.Close()
	}
	common := fmt.Sprintf("file:%s?_busy_timeout=%d&_foreign_keys=1", path, BusyTimeout.Milliseconds())
	w, err := sql.Open("sqlite", common+"&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("execution store %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	if err := migrate(context.Background(), w); err != nil {
		w.Close()
		return nil, fmt.Errorf("execution store %s: %w", path, err)
	}
	stmts, err := prepareWrites(w)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("execution store %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", common+"&_query_only=1")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("execution store %s: %w", path, err)
	}
	r.SetMaxOpenConns(readConns)
	return &SQLite{w: w, r: r, stmts: stmts, path: path}, nil
}

// Path returns the database file.
func (s *SQLite) Path() string { return s.path }

// Close implements Store; later calls fail with ErrClosed.
func (s *SQLite) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	return errors.Join(s.r.Close(), s.stmts.close(), s.w.Close())
}

// check returns ErrClosed, wrapped with what, after Close.
func (s *SQLite) check(what string) error {
	if s.closed.Load() {
		return fmt.Errorf("%s: %w", what, ErrClosed)
	}
	return nil
}

// Create implements Store. An empty ID becomes NewID(), an empty Status
// StatusNew and a zero CreatedAt now; e is updated with them.
func (s *SQLite) Create(ctx context.Context, e *Execution) error {
	if err := prepareCreate(e, time.Now()); err != nil {
		return err
	}
	what := "create execution " + e.ID
	if err := s.check(what); err != nil {
		return err
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	res, err := tx.StmtContext(ctx, s.stmts.insert).ExecContext(ctx,
		e.ID, e.WorkflowID, e.WorkflowName, e.Mode, e.Status, e.StartNode,
		e.CreatedAt.UnixMilli(), msOrNull(e.StartedAt), msOrNull(e.StoppedAt), msPtrOrNull(e.WaitTill), e.Error)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	} else if n == 0 {
		return fmt.Errorf("%s: %w", what, ErrExists)
	}
	if _, err := tx.StmtContext(ctx, s.stmts.insertData).ExecContext(ctx, e.ID, blob(e.Workflow), blob(e.Input), blob(e.Result)); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// Update implements Store. It is one UPDATE guarded by the status not
// being final (plus the result in the same transaction), so of racing
// final transitions exactly one applies, in this process or another.
func (s *SQLite) Update(ctx context.Context, id string, t Transition) (bool, error) {
	if err := checkTransition(id, t); err != nil {
		return false, err
	}
	what := "update execution " + id
	if err := s.check(what); err != nil {
		return false, err
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	res, err := tx.StmtContext(ctx, s.stmts.update).ExecContext(ctx, t.Status, msOrNull(t.StartedAt), msOrNull(t.StoppedAt), msPtrOrNull(t.WaitTill), t.Error, t.Error, id)
	if err != nil {
		return false, fmt.Errorf("%s: %w", what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("%s: %w", what, err)
	}
	if n == 0 {
		var one int
		err := tx.StmtContext(ctx, s.stmts.exists).QueryRowContext(ctx, id).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return false, notFound(id)
		}
		if err != nil {
			return false, fmt.Errorf("%s: %w", what, err)
		}
		return false, nil
	}
	if len(t.Result) > 0 {
		if _, err := tx.StmtContext(ctx, s.stmts.updateResult).ExecContext(ctx, []byte(t.Result), id); err != nil {
			return false, fmt.Errorf("%s: %w", what, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("%s: %w", what, err)
	}
	return true, nil
}

// Get implements Store.
func (s *SQLite) Get(ctx context.Context, id string) (*Execution, error) {
	what := "get execution " + id
	if err := s.check(what); err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, selectFull+` WHERE e.id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	list, err := scanAll(rows, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if len(list) == 0 {
		return nil, notFound(id)
	}
	return list[0], nil
}

// List implements Store.
func (s *SQLite) List(ctx context.Context, f Filter) ([]*Execution, error) {
	if err := checkFilter(f); err != nil {
		return nil, err
	}
	const what = "list executions"
	if err := s.check(what); err != nil {
		return nil, err
	}
	var where []string
	var args []any
	if f.Status != "" {
		where, args = append(where, "status = ?"), append(args, f.Status)
	}
	if f.WorkflowID != "" {
		where, args = append(where, "workflow_id = ?"), append(args, f.WorkflowID)
	}
	if f.BeforeID != "" {
		var created int64
		err := s.r.QueryRowContext(ctx, `SELECT created_at FROM executions WHERE id = ?`, f.BeforeID).Scan(&created)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("%s before %w", what, notFound(f.BeforeID))
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		where = append(where, "(created_at < ? OR (created_at = ? AND id < ?))")
		args = append(args, created, created, f.BeforeID)
	}
	q := selectSummary
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY created_at DESC, id DESC LIMIT ?"
	rows, err := s.r.QueryContext(ctx, q, append(args, limitOf(f))...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	list, err := scanAll(rows, false)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return list, nil
}

// InFlight implements Store: executions new or running, oldest first.
func (s *SQLite) InFlight(ctx context.Context) ([]*Execution, error) {
	return s.selectFull(ctx, "list in-flight executions",
		` WHERE e.status IN ('`+StatusNew+`', '`+StatusRunning+`') ORDER BY e.created_at, e.id`)
}

// Waiting implements Store: executions waiting with WaitTill at or before
// before, soonest first.
func (s *SQLite) Waiting(ctx context.Context, before time.Time) ([]*Execution, error) {
	return s.selectFull(ctx, "list waiting executions",
		` WHERE e.status = '`+StatusWaiting+`' AND e.wait_till <= ? ORDER BY e.wait_till, e.id`, before.UnixMilli())
}

func (s *SQLite) selectFull(ctx context.Context, what, where string, args ...any) ([]*Execution, error) {
	if err := s.check(what); err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, selectFull+where, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	list, err := scanAll(rows, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return list, nil
}

// Prune implements Store: in one transaction it deletes the final
// executions that stopped (or, never stopped, were created) more than
// MaxAge ago, then those beyond the newest MaxCount of the final ones
// left; their run data goes with them. Executions in flight or waiting
// are never pruned.
func (s *SQLite) Prune(ctx context.Context, p Prune) (int, error) {
	const what = "prune executions"
	if err := s.check(what); err != nil {
		return 0, err
	}
	if p.MaxAge <= 0 && p.MaxCount <= 0 {
		return 0, nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	total := 0
	del := func(q string, args ...any) error {
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		total += int(n)
		return nil
	}
	if p.MaxAge > 0 {
		cutoff := pruneCutoff(p, time.Now()).UnixMilli()
		if err := del(`DELETE FROM executions WHERE status IN `+finalList+` AND COALESCE(stopped_at, created_at) < ?`, cutoff); err != nil {
			return 0, err
		}
	}
	if p.MaxCount > 0 {
		if err := del(`DELETE FROM executions WHERE id IN (SELECT id FROM executions WHERE status IN `+finalList+`
			ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET ?)`, p.MaxCount); err != nil {
			return 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	return total, nil
}
