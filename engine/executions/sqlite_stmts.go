package executions

import (
	"database/sql"
	"errors"
)

// writeStmts are the statements of Create and Update, prepared once on
// the write connection (parsing SQL is a good part of a small write).
type writeStmts struct {
	insert, insertData, update, exists, updateResult *sql.Stmt
}

// prepareWrites prepares the write statements on db.
func prepareWrites(db *sql.DB) (writeStmts, error) {
	var ws writeStmts
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&ws.insert, `INSERT INTO executions
			(id, workflow_id, workflow_name, mode, status, start_node, created_at, started_at, stopped_at, wait_till, error)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`},
		{&ws.insertData, `INSERT INTO execution_data (execution_id, workflow, input, result) VALUES (?, ?, ?, ?)`},
		// Guarded by the status: a final execution never changes again.
		{&ws.update, `UPDATE executions SET
			status = ?,
			started_at = COALESCE(?, started_at),
			stopped_at = COALESCE(?, stopped_at),
			wait_till = ?,
			error = CASE WHEN ? = '' THEN error ELSE ? END
			WHERE id = ? AND status NOT IN ` + finalList},
		{&ws.exists, `SELECT 1 FROM executions WHERE id = ?`},
		{&ws.updateResult, `UPDATE execution_data SET result = ? WHERE execution_id = ?`},
	} {
		stmt, err := db.Prepare(p.sql)
		if err != nil {
			ws.close()
			return writeStmts{}, err
		}
		*p.dst = stmt
	}
	return ws, nil
}

// close closes the prepared statements.
func (ws writeStmts) close() error {
	var errs []error
	for _, stmt := range []*sql.Stmt{ws.insert, ws.insertData, ws.update, ws.exists, ws.updateResult} {
		if stmt != nil {
			errs = append(errs, stmt.Close())
		}
	}
	return errors.Join(errs...)
}
