// Command noderun authors, validates and runs n8n workflows from the shell,
// and serves them (webhooks, schedules, an HTTP API, queue-mode workers).
//
//	noderun run [--json] [--credentials FILE] [--input items.json] [--no-pin] WORKFLOW
//	noderun nodes [--json] | noderun nodes describe NODE [--resource R] [--operation O]
//	noderun validate [--json] WORKFLOW
//	noderun credentials add|list|test|import|remove ...
//	noderun gen openapi --name NAME spec.json -o DIR
//	noderun schema -o schemas/
//	noderun serve [--workflows DIR] [--addr :5678] [--nats URL] [--no-worker]
//	noderun worker --nats URL [--concurrency N]
//	noderun executions list [--status S] [--json] | noderun executions show ID [--json]
//
// Exit codes: 0 success, 1 the workflow (or check) failed, 2 bad usage or
// unreadable input.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit codes shared by every subcommand.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// command is one subcommand.
type command struct {
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

// commands is filled by each subcommand's file in init.
var commands = map[string]command{}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches to a subcommand; it is main without the process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "noderun: unknown command %q\n\n", args[0])
		usage(stderr)
		return exitUsage
	}
	return cmd.run(args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "noderun runs n8n workflows and declarative n8n nodes.")
	fmt.Fprintln(w, "\nUsage: noderun <command> [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'noderun <command> -h' for a command's flags.")
}

// multiFlag collects a repeated string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// parseInterspersed parses flags wherever they appear among the arguments
// and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, bool) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, false
		}
		if fs.NArg() == 0 {
			return pos, true
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// failf prints "command: message" to w and returns code.
func failf(w io.Writer, command string, code int, format string, args ...any) int {
	fmt.Fprintf(w, command+": "+format+"\n", args...)
	return code
}

// groupHelp handles a command with subcommands called without one or
// with -h/--help/help: it prints usage and reports the exit code (2
// without arguments, 0 when help was asked for); done is false otherwise.
func groupHelp(args []string, usage string, stderr io.Writer) (code int, done bool) {
	if len(args) > 0 && args[0] != "-h" && args[0] != "--help" && args[0] != "help" {
		return 0, false
	}
	fmt.Fprint(stderr, usage)
	if len(args) == 0 {
		return exitUsage, true
	}
	return exitOK, true
}
