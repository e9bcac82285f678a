package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/nodes"
)

func init() {
	commands["executions"] = command{summary: "list and show the executions noderun serve stored", run: runExecutions}
}

// envData names the environment variable with the default data directory
// of serve and executions.
const envData = "NODERUN_DATA"

// executionsDBName is the execution store's file in the data directory.
const executionsDBName = "executions.db"

const executionsUsage = `Usage: noderun executions <subcommand> [flags]

  list [--status S] [--workflow ID] [--limit N] [--before ID] [--json]
        id, workflow, status, mode, start and duration of stored executions,
        newest first
  show ID [--json]
        one execution: status, mode, times, error and, per node, runs, items
        out and errors; --json prints the whole execution with its run data
        (secrets are redacted when stored)

Both read the store of noderun serve and take --data DIR (default
$NODERUN_DATA, else $NODERUN_HOME, else ~/.noderun) or --db FILE (default
DIR/executions.db). They may run while serve writes.

Exit codes: 0 success, 1 failure (unknown id, no store), 2 bad usage.
`

// runExecutions implements `noderun executions`.
func runExecutions(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if code, done := groupHelp(args, executionsUsage, stderr); done {
		return code
	}
	sub, rest := args[0], args[1:]
	c := &execCmd{stdout: stdout, stderr: stderr, name: "noderun executions " + sub}
	switch sub {
	case "list", "ls":
		return c.list(rest)
	case "show", "get":
		return c.show(rest)
	}
	fmt.Fprintf(stderr, "noderun executions: unknown subcommand %q\n\n%s", sub, executionsUsage)
	return exitUsage
}

// execCmd carries one invocation's streams and store location.
type execCmd struct {
	stdout, stderr io.Writer
	name           string
	dataDir        string
	dbPath         string
}

func (c *execCmd) flags() *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.StringVar(&c.dataDir, "data", "", "data directory of noderun serve (default $NODERUN_DATA, else $NODERUN_HOME, else ~/.noderun)")
	fs.StringVar(&c.dbPath, "db", "", "execution store file (default DATA/executions.db)")
	fs.Usage = func() { fmt.Fprint(c.stderr, executionsUsage+"\nFlags:\n"); fs.PrintDefaults() }
	return fs
}

func (c *execCmd) failf(code int, format string, args ...any) int {
	return failf(c.stderr, c.name, code, format, args...)
}

// open opens the existing execution store; it never creates one.
func (c *execCmd) open() (executions.Store, error) {
	path := c.dbPath
	if path == "" {
		dir, err := dataDir(c.dataDir)
		if err != nil {
			return nil, err
		}
		path = filepath.Join(dir, executionsDBName)
	}
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no execution store at %s (noderun serve creates it; see --data and --db)", path)
		}
		return nil, err
	}
	s, err := executions.OpenSQLite(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// dataDir returns the data directory: flagValue, else $NODERUN_DATA, else
// the noderun home of the credential store ($NODERUN_HOME or ~/.noderun).
func dataDir(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if d := os.Getenv(envData); d != "" {
		return d, nil
	}
	return credentials.DefaultHome()
}

// statuses are the values --status accepts.
var statuses = []string{
	executions.StatusNew, executions.StatusRunning, executions.StatusWaiting, executions.StatusSuccess,
	executions.StatusError, executions.StatusCanceled, executions.StatusCrashed,
}

func (c *execCmd) list(args []string) int {
	fs := c.flags()
	status := fs.String("status", "", "only executions with this status: "+strings.Join(statuses, ", "))
	workflow := fs.String("workflow", "", "only executions of the workflow with this id")
	limit := fs.Int("limit", 50, "at most this many executions")
	before := fs.String("before", "", "page: only executions listed after the one with this id")
	jsonOut := fs.Bool("json", false, "print the executions as a JSON array")
	pos, ok := parseInterspersed(fs, args)
	if !ok {
		return exitUsage
	}
	if len(pos) != 0 {
		return c.failf(exitUsage, "unexpected argument %q", pos[0])
	}
	if *status != "" && !validStatus(*status) {
		return c.failf(exitUsage, "--status %q: want one of %s", *status, strings.Join(statuses, ", "))
	}
	if *limit < 1 {
		return c.failf(exitUsage, "--limit %d: want 1 or more", *limit)
	}
	store, err := c.open()
	if err != nil {
		return c.failf(exitFail, "%v", err)
	}
	defer store.Close()
	list, err := store.List(context.Background(), executions.Filter{Status: *status, WorkflowID: *workflow, Limit: *limit, BeforeID: *before})
	if err != nil {
		return c.failf(exitFail, "%v", err)
	}
	if *jsonOut {
		if list == nil {
			list = []*executions.Execution{}
		}
		if err := writeJSON(c.stdout, list); err != nil {
			return c.failf(exitFail, "%v", err)
		}
		return exitOK
	}
	writeExecutionTable(c.stdout, list)
	return exitOK
}

func validStatus(s string) bool {
	for _, v := range statuses {
		if s == v {
			return true
		}
	}
	return false
}

// timeLayout is how times are printed: UTC, to the second.
const timeLayout = "2006-01-02 15:04:05Z"

func formatTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(timeLayout)
}

func formatDuration(e *executions.Execution) string {
	if e.StartedAt.IsZero() || e.StoppedAt.IsZero() {
		return "-"
	}
	d := e.StoppedAt.Sub(e.StartedAt)
	switch {
	case d >= time.Second:
		return d.Round(time.Millisecond).String()
	case d >= time.Millisecond:
		return d.Round(time.Microsecond * 100).String()
	}
	return d.String()
}

// workflowLabel is an execution's workflow as "name (id)".
func workflowLabel(e *executions.Execution) string {
	switch {
	case e.WorkflowName == "":
		return e.WorkflowID
	case e.WorkflowID == "":
		return e.WorkflowName
	}
	return e.WorkflowName + " (" + e.WorkflowID + ")"
}

// writeExecutionTable prints one line per execution.
func writeExecutionTable(w io.Writer, list []*executions.Execution) {
	if len(list) == 0 {
		fmt.Fprintln(w, "no executions")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tWORKFLOW\tSTATUS\tMODE\tSTARTED\tDURATION")
	for _, e := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", e.ID, workflowLabel(e), e.Status, e.Mode, formatTime(e.StartedAt), formatDuration(e))
	}
	tw.Flush()
}

func (c *execCmd) show(args []string) int {
	fs := c.flags()
	jsonOut := fs.Bool("json", false, "print the whole execution (workflow, input, run data) as JSON")
	pos, ok := parseInterspersed(fs, args)
	if !ok {
		return exitUsage
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	store, err := c.open()
	if err != nil {
		return c.failf(exitFail, "%v", err)
	}
	defer store.Close()
	e, err := store.Get(context.Background(), pos[0])
	if errors.Is(err, executions.ErrNotFound) {
		return c.failf(exitFail, "no execution with id %q", pos[0])
	}
	if err != nil {
		return c.failf(exitFail, "execution %q: %v", pos[0], err)
	}
	if *jsonOut {
		if err := writeJSON(c.stdout, e); err != nil {
			return c.failf(exitFail, "%v", err)
		}
		return exitOK
	}
	if err := writeExecution(c.stdout, e); err != nil {
		return c.failf(exitFail, "execution %q: %v", pos[0], err)
	}
	return exitOK
}

// writeExecution prints a readable summary of one execution.
func writeExecution(w io.Writer, e *executions.Execution) error {
	var res *engine.Result
	if len(e.Result) > 0 && string(e.Result) != "null" {
		res = &engine.Result{}
		if err := json.Unmarshal(e.Result, res); err != nil {
			return fmt.Errorf("stored run data: %w", err)
		}
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "execution\t%s\n", e.ID)
	fmt.Fprintf(tw, "workflow\t%s\n", workflowLabel(e))
	fmt.Fprintf(tw, "status\t%s\n", e.Status)
	fmt.Fprintf(tw, "mode\t%s\n", e.Mode)
	fmt.Fprintf(tw, "created\t%s\n", formatTime(e.CreatedAt))
	fmt.Fprintf(tw, "started\t%s\n", formatTime(e.StartedAt))
	fmt.Fprintf(tw, "stopped\t%s\n", formatTime(e.StoppedAt))
	fmt.Fprintf(tw, "duration\t%s\n", formatDuration(e))
	if e.WaitTill != nil {
		fmt.Fprintf(tw, "wait till\t%s\n", formatWaitTill(*e.WaitTill))
	}
	if e.StartNode != "" {
		fmt.Fprintf(tw, "start node\t%s\n", e.StartNode)
	}
	if e.Error != "" {
		fmt.Fprintf(tw, "error\t%s\n", e.Error)
	}
	if res != nil && res.Error != nil {
		msg := res.Error.Message
		if res.LastNodeExecuted != "" {
			msg = fmt.Sprintf("in node %q: %s", res.LastNodeExecuted, msg)
		}
		if d := res.Error.DescriptionText(); d != "" {
			msg += " (" + d + ")"
		}
		fmt.Fprintf(tw, "error\t%s\n", msg)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if res == nil || len(res.RunData) == 0 {
		fmt.Fprintln(w, "\nno node has run")
		return nil
	}
	fmt.Fprintln(w)
	var table strings.Builder
	tw = tabwriter.NewWriter(&table, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NODE\tRUNS\tITEMS OUT\tTIME\tSTATUS\tERROR")
	for _, name := range res.Nodes() {
		runs := res.RunData[name]
		var out []string
		var ms int64
		status, errMsg := "", ""
		for _, task := range runs {
			ms += task.ExecutionTime
			out = append(out, itemsOut(task))
			status = task.ExecutionStatus
			if task.Error != nil {
				errMsg = task.Error.Message
				if d := task.Error.DescriptionText(); d != "" {
					errMsg += " (" + d + ")"
				}
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%dms\t%s\t%s\n", name, len(runs), strings.Join(out, ", "), ms, status, errMsg)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// Rows without an error would end in the padding of their status.
	for _, line := range strings.SplitAfter(table.String(), "\n") {
		if line == "" {
			continue
		}
		if _, err := fmt.Fprintln(w, strings.TrimRight(line, " \n")); err != nil {
			return err
		}
	}
	return nil
}

// formatWaitTill prints a waiting execution's resume time; n8n's
// "indefinitely" date says the execution waits for its webhook.
func formatWaitTill(t time.Time) string {
	if !t.Before(nodes.WaitIndefinitely) {
		return "until its webhook is called"
	}
	return formatTime(t)
}

// itemsOut is a run's item count per output ("3" or "2/1"), "-" without
// data.
func itemsOut(task *engine.TaskData) string {
	if task == nil || task.Data == nil {
		return "-"
	}
	counts := make([]string, len(task.Data.Main))
	for i, items := range task.Data.Main {
		counts[i] = fmt.Sprint(len(items))
	}
	if len(counts) == 0 {
		return "0"
	}
	return strings.Join(counts, "/")
}
