package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/bundled"
)

func init() {
	commands["run"] = command{summary: "run a workflow file and print its result", run: runRun}
}

func runRun(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	jsonOut := fs.Bool("json", false, "print the whole run ({status, finished, mode, lastNodeExecuted, error, runData}) as JSON on stdout")
	credsFile := fs.String("credentials", "", "credentials JSON file {\"<id>\": {name, type, data}} (default: the noderun credential store)")
	inputFile := fs.String("input", "", "JSON file with the start node's input items ([{json: {...}}] or [{...}]; - for stdin)")
	noPin := fs.Bool("no-pin", false, "ignore pinData and run pinned nodes for real")
	wfID := fs.String("workflow-id", "", "in an export array, run the workflow with this id")
	wfName := fs.String("workflow-name", "", "in an export array, run the workflow with this name")
	timeout := fs.Duration("timeout", 0, "stop the run after this long (default: settings.executionTimeout, else none)")
	workflowsDir := fs.String("workflows", "", "directory of workflows that Execute Workflow may reference by id")
	noValidate := fs.Bool("no-validate", false, "run even when validation finds errors")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: noderun run [flags] WORKFLOW.json\n\nRuns the workflow like a manual run in the n8n editor (pinData applies).\nExit codes: 0 success, 1 the workflow ended in error, 2 bad usage or input.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	path := fs.Arg(0)
	wf, err := engine.LoadFile(path, engine.Selector{ID: *wfID, Name: *wfName})
	if err != nil {
		fmt.Fprintf(stderr, "noderun run: %v\n", err)
		return exitUsage
	}
	var input []nodes.Item
	if *inputFile != "" {
		input, err = readItems(*inputFile, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "noderun run: --input %s: %v\n", *inputFile, err)
			return exitUsage
		}
	}
	reg, err := bundled.Registry()
	if err != nil {
		fmt.Fprintf(stderr, "noderun run: %v\n", err)
		return exitUsage
	}
	if !*noValidate && !refuseInvalid(reg, wf, path, stderr) {
		return exitUsage
	}
	eng, err := bundled.NewEngine(bundled.Options{Registry: reg, CredentialsFile: *credsFile, WorkflowsDir: *workflowsDir})
	if err != nil {
		fmt.Fprintf(stderr, "noderun run: %v\n", err)
		return exitUsage
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	defer cancel()
	res, err := eng.Run(ctx, wf, engine.RunOptions{IgnorePinData: *noPin, Input: input, Timeout: *timeout})
	if err != nil && res == nil {
		fmt.Fprintf(stderr, "noderun run: %s: %v\n", path, err)
		return exitUsage
	}
	if *jsonOut {
		if err := writeJSON(stdout, res); err != nil {
			fmt.Fprintf(stderr, "noderun run: %v\n", err)
			return exitFail
		}
	} else {
		printSummary(stderr, wf, res)
		if err := writeJSON(stdout, res.LastOutput()); err != nil {
			fmt.Fprintf(stderr, "noderun run: %v\n", err)
			return exitFail
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "noderun run: %v\n", err)
		return exitFail
	}
	if res.Status != engine.StatusSuccess {
		return exitFail
	}
	return exitOK
}

// readItems reads start items: n8n items ([{json:{...}}]) or plain objects.
func readItems(path string, stdin io.Reader) ([]nodes.Item, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, err
	}
	var raw []map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		var one map[string]any
		if err2 := json.Unmarshal(data, &one); err2 != nil {
			return nil, fmt.Errorf("want a JSON array of items or objects: %w", err)
		}
		raw = []map[string]any{one}
	}
	items := make([]nodes.Item, len(raw))
	for i, m := range raw {
		if j, ok := m["json"].(map[string]any); ok {
			items[i] = nodes.Item{JSON: j}
			continue
		}
		items[i] = nodes.Item{JSON: m}
	}
	return items, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// printSummary writes one line per node run: name, items in and out, time
// and error.
func printSummary(w io.Writer, wf *engine.Workflow, res *engine.Result) {
	fmt.Fprintf(w, "workflow %q: %s", wf.Name, res.Status)
	if !res.StoppedAt.IsZero() {
		fmt.Fprintf(w, " in %s", res.StoppedAt.Sub(res.StartedAt).Round(time.Microsecond))
	}
	fmt.Fprintln(w)
	runs := map[string]int{}
	for _, name := range res.Order {
		i := runs[name]
		runs[name]++
		task := res.RunData[name][i]
		in := 0
		for _, s := range task.Source {
			if s == nil {
				continue
			}
			items, _ := res.Output(s.PreviousNode, s.PreviousNodeOutput, s.PreviousNodeRun)
			in += len(items)
		}
		outs := ""
		if task.Data != nil {
			for o, items := range task.Data.Main {
				if o > 0 {
					outs += "/"
				}
				outs += fmt.Sprint(len(items))
			}
		} else {
			outs = "-"
		}
		label := name
		if i > 0 {
			label = fmt.Sprintf("%s (run %d)", name, i)
		}
		fmt.Fprintf(w, "  %-32s in %-5d out %-9s %5dms  %s", label, in, outs, task.ExecutionTime, task.ExecutionStatus)
		if task.Error != nil {
			fmt.Fprintf(w, ": %s", task.Error.Message)
			if d := task.Error.DescriptionText(); d != "" {
				fmt.Fprintf(w, " (%s)", d)
			}
		}
		fmt.Fprintln(w)
	}
	if res.Error != nil {
		fmt.Fprintf(w, "error in node %q: %s\n", res.LastNodeExecuted, res.Error.Message)
	}
}
