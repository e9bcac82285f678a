package executions

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations are the schema changes, in order; the database records in
// schema_version how many it has applied. Append only: never edit one
// that has shipped.
//
// Summaries live in executions, the run data in execution_data (as n8n's
// execution_entity and execution_data), so listing never reads blobs.
// Times are UTC Unix milliseconds; NULL is "not yet".
var migrations = []string{
	// 1: executions and their data.
	`CREATE TABLE executions (
		id TEXT PRIMARY KEY,
		workflow_id TEXT NOT NULL DEFAULT '',
		workflow_name TEXT NOT NULL DEFAULT '',
		mode TEXT NOT NULL DEFAULT '',
		status TEXT NOT NULL,
		start_node TEXT NOT NULL DEFAULT '',
		created_at INTEGER NOT NULL,
		started_at INTEGER,
		stopped_at INTEGER,
		wait_till INTEGER,
		error TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX executions_created ON executions(created_at, id);
	CREATE INDEX executions_status ON executions(status, created_at, id);
	CREATE INDEX executions_workflow ON executions(workflow_id, created_at, id);
	CREATE INDEX executions_wait_till ON executions(status, wait_till, id);
	CREATE TABLE execution_data (
		execution_id TEXT PRIMARY KEY REFERENCES executions(id) ON DELETE CASCADE,
		workflow BLOB,
		input BLOB,
		result BLOB
	);`,
}

// migrate brings the database to the newest schema version in one immediate
// transaction, so processes opening the same new file at once apply each
// migration once. A database from a newer noderun is an error.
func migrate(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var version int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&version); err != nil {
		return fmt.Errorf("migrate: read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this noderun's %d; upgrade noderun", version, len(migrations))
	}
	if version == len(migrations) {
		return nil
	}
	for i := version; i < len(migrations); i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("migrate to schema version %d: %w", i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM schema_version`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version(version) VALUES (?)`, len(migrations)); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}
