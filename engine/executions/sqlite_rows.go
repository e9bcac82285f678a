package executions

import (
	"database/sql"
	"strings"
	"time"
)

// finalList is the SQL list of the final statuses.
var finalList = "('" + strings.Join(finalStatuses, "', '") + "')"

// Column lists of the queries; scanAll reads them in this order.
const (
	summaryColumns = `id, workflow_id, workflow_name, mode, status, start_node, created_at, started_at, stopped_at, wait_till, error`
	selectSummary  = `SELECT ` + summaryColumns + ` FROM executions`
	selectFull     = `SELECT e.id, e.workflow_id, e.workflow_name, e.mode, e.status, e.start_node, e.created_at, e.started_at, e.stopped_at, e.wait_till, e.error,
		d.workflow, d.input, d.result FROM executions e LEFT JOIN execution_data d ON d.execution_id = e.id`
)

// scanAll reads and closes rows of selectSummary, or of selectFull when
// full.
func scanAll(rows *sql.Rows, full bool) ([]*Execution, error) {
	defer rows.Close()
	var out []*Execution
	for rows.Next() {
		var e Execution
		var created int64
		var started, stopped, waitTill sql.NullInt64
		dest := []any{&e.ID, &e.WorkflowID, &e.WorkflowName, &e.Mode, &e.Status, &e.StartNode,
			&created, &started, &stopped, &waitTill, &e.Error}
		var workflow, input, result []byte
		if full {
			dest = append(dest, &workflow, &input, &result)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		e.CreatedAt = time.UnixMilli(created).UTC()
		e.StartedAt = timeOrZero(started)
		e.StoppedAt = timeOrZero(stopped)
		if waitTill.Valid {
			t := time.UnixMilli(waitTill.Int64).UTC()
			e.WaitTill = &t
		}
		e.Workflow, e.Input, e.Result = cloneBytes(workflow), cloneBytes(input), cloneBytes(result)
		out = append(out, &e)
	}
	return out, rows.Err()
}

func timeOrZero(ms sql.NullInt64) time.Time {
	if !ms.Valid {
		return time.Time{}
	}
	return time.UnixMilli(ms.Int64).UTC()
}

// msOrNull is t in Unix milliseconds, or NULL for the zero time.
func msOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

func msPtrOrNull(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UnixMilli()
}

// blob is b for a BLOB column, NULL when empty.
func blob(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}
