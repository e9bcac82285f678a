package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/noderun/noderun/internal/queue"
	"github.com/noderun/noderun/internal/server"
	"github.com/noderun/noderun/nodes/bundled"
)

func init() {
	commands["worker"] = command{summary: "run executions from the queue of a noderun serve", run: runWorker}
}

const workerUsage = `Usage: noderun worker --nats URL [flags]

Takes executions from the NATS JetStream queue that 'noderun serve' fills,
runs them and reports the outcome back to serve, which stores it. Start as
many workers as needed, on any machine that reaches the NATS server; they
need no database. SIGINT or SIGTERM stops taking jobs and waits for the
running ones.

Exit codes: 0 stopped cleanly, 1 failed while working, 2 bad usage or
start-up failure.

Flags:
`

func runWorker(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, cancel := stopOnSignal()
	defer cancel()
	return worker(ctx, args, stdout, stderr)
}

// worker is `noderun worker` until ctx ends.
func worker(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	natsURL := fs.String("nats", "", "NATS server URL of the queue (required; nats://host:4222)")
	concurrency := fs.Int("concurrency", 10, "executions run at once")
	credsFile := fs.String("credentials", "", "credentials JSON file (default: the noderun credential store)")
	name := fs.String("name", "", "worker name in logs and executions (default HOST-PID)")
	workflowsDir := fs.String("workflows", "", "directory of workflows that Execute Workflow may reference by id")
	ackWait := fs.Duration("ack-wait", 5*time.Minute, "must match serve's --ack-wait")
	maxDeliver := fs.Int("max-deliver", 3, "must match serve's --max-deliver")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	fs.Usage = func() { fmt.Fprint(stderr, workerUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	switch {
	case fs.NArg() != 0:
		fmt.Fprintf(stderr, "noderun worker: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	case *natsURL == "":
		fmt.Fprintln(stderr, "noderun worker: --nats URL is required (the NATS server of noderun serve)")
		return exitUsage
	case *concurrency < 1:
		fmt.Fprintf(stderr, "noderun worker: --concurrency %d: want 1 or more\n", *concurrency)
		return exitUsage
	}
	logger, err := newLogger(stderr, *logLevel)
	if err != nil {
		fmt.Fprintf(stderr, "noderun worker: %v\n", err)
		return exitUsage
	}
	if *name == "" {
		*name = defaultWorkerName()
	}
	logger = logger.With("worker", *name)
	eng, err := bundled.NewEngine(bundled.Options{CredentialsFile: *credsFile, WorkflowsDir: *workflowsDir, Logger: logger})
	if err != nil {
		logger.Error("engine", "err", err)
		return exitUsage
	}
	q, err := queue.Connect(ctx, *natsURL, queue.Options{Name: *name, AckWait: *ackWait, MaxDeliver: *maxDeliver, Logger: logger})
	if err != nil {
		logger.Error("queue", "url", *natsURL, "err", err)
		return exitUsage
	}
	defer q.Close()
	logger.Info("working", "nats", *natsURL, "concurrency", *concurrency)
	err = q.Work(ctx, server.NewRunner(eng, logger), queue.WorkerOptions{Concurrency: *concurrency, Name: *name})
	if err != nil && !errors.Is(err, context.Canceled) {
		logger.Error("work", "err", err)
		return exitFail
	}
	logger.Info("stopped")
	return exitOK
}

// defaultWorkerName is HOST-PID.
func defaultWorkerName() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "worker"
	}
	return fmt.Sprintf("%s-%d", host, os.Getpid())
}
