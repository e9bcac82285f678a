package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/engine/validate"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/bundled"
)

func init() {
	commands["validate"] = command{summary: "check a workflow file and list every problem", run: runValidate}
}

// validateReport is what `noderun validate --json` prints.
type validateReport struct {
	File        string                `json:"file"`
	Valid       bool                  `json:"valid"`
	Errors      int                   `json:"errors"`
	Warnings    int                   `json:"warnings"`
	Diagnostics []validate.Diagnostic `json:"diagnostics"`
}

func runValidate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	jsonOut := fs.Bool("json", false, "print {file, valid, errors, warnings, diagnostics: [{severity, path, node, message}]} as JSON")
	wfID := fs.String("workflow-id", "", "in an export array, validate the workflow with this id")
	wfName := fs.String("workflow-name", "", "in an export array, validate the workflow with this name")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: noderun validate [flags] WORKFLOW.json (or - for stdin)\n\nChecks the workflow against the bundled node types and lists every problem\nwith its JSON path. Exit codes: 0 no errors (warnings allowed), 1 errors,\n2 bad usage or unreadable file.\n\nFlags:")
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
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		fmt.Fprintf(stderr, "noderun validate: %v\n", err)
		return exitUsage
	}
	reg, err := bundled.Registry()
	if err != nil {
		fmt.Fprintf(stderr, "noderun validate: %v\n", err)
		return exitFail
	}
	_, diags := validate.File(reg, data, path, engine.Selector{ID: *wfID, Name: *wfName})
	errs, warns := validate.Count(diags)
	if *jsonOut {
		if diags == nil {
			diags = []validate.Diagnostic{}
		}
		rep := validateReport{File: path, Valid: errs == 0, Errors: errs, Warnings: warns, Diagnostics: diags}
		if err := writeJSON(stdout, rep); err != nil {
			fmt.Fprintf(stderr, "noderun validate: %v\n", err)
			return exitFail
		}
	} else {
		for _, d := range diags {
			loc := path
			if d.Line > 0 {
				loc = fmt.Sprintf("%s:%d:%d", path, d.Line, d.Column)
			}
			fmt.Fprintf(stdout, "%s: %s\n", loc, d)
		}
		fmt.Fprintf(stderr, "%s: %d error(s), %d warning(s)\n", path, errs, warns)
	}
	if errs > 0 {
		return exitFail
	}
	return exitOK
}

// refuseInvalid validates wf before a run and prints its errors; it
// returns false when the run must not start.
func refuseInvalid(reg *nodes.Registry, wf *engine.Workflow, path string, stderr io.Writer) bool {
	diags := validate.Workflow(reg, wf, validate.Options{})
	if !validate.HasErrors(diags) {
		return true
	}
	for _, d := range diags {
		if d.Severity == validate.Error {
			fmt.Fprintf(stderr, "%s: %s\n", path, d)
		}
	}
	fmt.Fprintf(stderr, "noderun run: %s is not valid (see above); fix it or pass --no-validate\n", path)
	return false
}
