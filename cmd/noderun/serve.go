package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/internal/queue"
	"github.com/noderun/noderun/internal/server"
	"github.com/noderun/noderun/nodes/bundled"
)

func init() {
	commands["serve"] = command{summary: "serve webhooks, schedules and the HTTP API; run executions (queue mode)", run: runServe}
}

const serveUsage = `Usage: noderun serve [flags]

Activates the workflows in --workflows (webhooks, schedules), serves the HTTP
API and stores every execution in DATA/executions.db. Executions go through
a NATS JetStream queue: embedded in this process by default (stored in
DATA/nats), or the server given with --nats, where 'noderun worker'
processes can take work too. SIGINT or SIGTERM stops it gracefully: no new
requests, running executions drain (--shutdown-timeout).

HTTP API (see README.md):
  POST /api/v1/workflows/ID/run     run a workflow with input items
  GET  /api/v1/executions[?status=&workflowId=&limit=]
  GET  /api/v1/executions/ID
  ANY  /webhook/PATH                 production webhooks
  ANY  /webhook-waiting/ID           resume a waiting execution

Exit codes: 0 stopped cleanly, 1 failed while serving, 2 bad usage or
start-up failure.

Flags:
`

// serveConfig is serve's parsed flags.
type serveConfig struct {
	workflows       string
	addr            string
	data            string
	natsURL         string
	natsHost        string
	natsPort        int
	noWorker        bool
	concurrency     int
	baseURL         string
	activeOnly      bool
	credentials     string
	pruneMaxAge     time.Duration
	pruneMaxCount   int
	ackWait         time.Duration
	maxDeliver      int
	shutdownTimeout time.Duration
	logLevel        string
}

func runServe(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, cancel := stopOnSignal()
	defer cancel()
	return serve(ctx, args, stdout, stderr)
}

// stopOnSignal returns a context that ends on the first SIGINT or SIGTERM;
// a second one kills the process (it no longer waits for the drain).
func stopOnSignal() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx, stop
}

// serve is `noderun serve` until ctx ends.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var c serveConfig
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.workflows, "workflows", "workflows", "directory of workflow JSON files to serve (and for Execute Workflow)")
	fs.StringVar(&c.addr, "addr", ":5678", "HTTP listen address (port 0 picks a free one; the log says which)")
	fs.StringVar(&c.data, "data", "", "data directory: executions.db and the embedded broker's nats/ (default $NODERUN_DATA, else $NODERUN_HOME, else ~/.noderun)")
	fs.StringVar(&c.natsURL, "nats", "", "NATS server URL to use instead of the embedded one (nats://host:4222)")
	fs.StringVar(&c.natsHost, "nats-host", "127.0.0.1", "host the embedded NATS server listens on (0.0.0.0 lets workers on other machines connect)")
	fs.IntVar(&c.natsPort, "nats-port", -1, "port of the embedded NATS server (-1: a free one; 4222 to let workers connect)")
	fs.BoolVar(&c.noWorker, "no-worker", false, "run no executions in this process (workers do them)")
	fs.IntVar(&c.concurrency, "concurrency", 10, "executions this process runs at once")
	fs.StringVar(&c.baseURL, "base-url", "", "public URL of this server, for webhook and resume URLs (default http://localhost:PORT)")
	fs.BoolVar(&c.activeOnly, "active-only", false, `activate only workflows with "active": true (default: all)`)
	fs.StringVar(&c.credentials, "credentials", "", "credentials JSON file (default: the noderun credential store)")
	fs.DurationVar(&c.pruneMaxAge, "prune-max-age", 336*time.Hour, "delete finished executions older than this (0 keeps them)")
	fs.IntVar(&c.pruneMaxCount, "prune-max-count", 10000, "keep at most this many finished executions (0: no limit)")
	fs.DurationVar(&c.ackWait, "ack-wait", 5*time.Minute, "a job whose worker stops heartbeating is redelivered after this long")
	fs.IntVar(&c.maxDeliver, "max-deliver", 3, "deliveries of one job before its execution is marked failed")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 30*time.Second, "how long a shutdown waits for running executions")
	fs.StringVar(&c.logLevel, "log-level", "info", "debug, info, warn or error")
	fs.Usage = func() { fmt.Fprint(stderr, serveUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "noderun serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if err := c.check(); err != nil {
		fmt.Fprintf(stderr, "noderun serve: %v\n", err)
		return exitUsage
	}
	logger, err := newLogger(stderr, c.logLevel)
	if err != nil {
		fmt.Fprintf(stderr, "noderun serve: %v\n", err)
		return exitUsage
	}
	if err := c.serve(ctx, logger); err != nil {
		logger.Error("serve", "err", err)
		var se *startError
		if errors.As(err, &se) {
			return exitUsage
		}
		return exitFail
	}
	return exitOK
}

// check rejects flag values serve cannot use.
func (c *serveConfig) check() error {
	switch {
	case c.concurrency < 0:
		return fmt.Errorf("--concurrency %d: want 0 or more", c.concurrency)
	case c.maxDeliver < 1:
		return fmt.Errorf("--max-deliver %d: want 1 or more", c.maxDeliver)
	case c.ackWait <= 0:
		return fmt.Errorf("--ack-wait %s: want a positive duration", c.ackWait)
	case c.pruneMaxAge < 0 || c.pruneMaxCount < 0:
		return errors.New("--prune-max-age and --prune-max-count must not be negative")
	case c.natsURL != "" && c.natsPort != -1:
		return errors.New("--nats-port configures the embedded broker; it cannot go with --nats")
	}
	if st, err := os.Stat(c.workflows); err != nil || !st.IsDir() {
		return fmt.Errorf("--workflows %s: not a directory", c.workflows)
	}
	return nil
}

// startError is a failure before serving began (bad store, broker,
// workflows): exit code 2.
type startError struct{ err error }

func (e *startError) Error() string { return e.err.Error() }
func (e *startError) Unwrap() error { return e.err }

// serve starts the store, the broker, the engine and the server, serves
// until ctx ends and closes everything in reverse order.
func (c *serveConfig) serve(ctx context.Context, logger *slog.Logger) error {
	fail := func(format string, args ...any) error { return &startError{fmt.Errorf(format, args...)} }
	data, err := dataDir(c.data)
	if err != nil {
		return fail("data directory: %w", err)
	}
	if err := os.MkdirAll(data, 0o700); err != nil {
		return fail("data directory: %w", err)
	}
	dbPath := filepath.Join(data, executionsDBName)
	store, err := executions.OpenSQLite(dbPath)
	if err != nil {
		return fail("execution store %s: %w", dbPath, err)
	}
	defer store.Close()
	logger.Info("execution store", "path", dbPath)

	natsURL := c.natsURL
	if natsURL == "" {
		emb, err := queue.StartEmbedded(queue.EmbeddedOptions{
			StoreDir: filepath.Join(data, "nats"),
			Host:     c.natsHost,
			Port:     c.natsPort,
			Logger:   c.natsLogger(logger),
		})
		if err != nil {
			return fail("embedded NATS: %w", err)
		}
		defer emb.Shutdown()
		natsURL = emb.ClientURL()
		logger.Info("embedded NATS", "url", natsURL, "store", filepath.Join(data, "nats"))
	}
	q, err := queue.Connect(ctx, natsURL, queue.Options{Name: "main", AckWait: c.ackWait, MaxDeliver: c.maxDeliver, Logger: logger})
	if err != nil {
		return fail("queue %s: %w", natsURL, err)
	}
	defer q.Close()

	eng, err := bundled.NewEngine(bundled.Options{CredentialsFile: c.credentials, WorkflowsDir: c.workflows, Logger: logger})
	if err != nil {
		return fail("%w", err)
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fail("listen: %w", err)
	}
	defer ln.Close()
	baseURL := c.baseURL
	if baseURL == "" {
		baseURL = defaultBaseURL(ln.Addr())
	}
	workers := c.concurrency
	if c.noWorker {
		workers = 0
	}
	srv, err := server.New(server.Config{
		Engine:          eng,
		Store:           store,
		Queue:           q,
		WorkflowsDir:    c.workflows,
		ActiveOnly:      c.activeOnly,
		BaseURL:         baseURL,
		Workers:         workers,
		Prune:           executions.Prune{MaxAge: c.pruneMaxAge, MaxCount: c.pruneMaxCount},
		ShutdownTimeout: c.shutdownTimeout,
		Logger:          logger,
	})
	if err != nil {
		return fail("%w", err)
	}
	for _, hook := range srv.WebhookURLs() {
		logger.Info("webhook", "url", hook)
	}
	for _, sc := range srv.Schedules(time.Now()) {
		logger.Info("schedule", "workflow", sc.WorkflowID, "node", sc.Node, "next", sc.Next.Format(time.RFC3339))
	}
	logger.Info("listening", "addr", ln.Addr().String(), "url", baseURL, "workers", workers)
	if err := srv.Serve(ctx, ln); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	logger.Info("stopped")
	return nil
}

// natsLogger is the embedded NATS server's logger: its start-up banner
// and notices only at --log-level debug, else warnings and errors.
func (c *serveConfig) natsLogger(logger *slog.Logger) *slog.Logger {
	if logger.Enabled(context.Background(), slog.LevelDebug) {
		return logger
	}
	return slog.New(&minLevel{Handler: logger.Handler(), min: slog.LevelWarn})
}

// minLevel drops records below min.
type minLevel struct {
	slog.Handler
	min slog.Level
}

// Enabled reports whether level is at least min and enabled by the
// wrapped handler.
func (h *minLevel) Enabled(ctx context.Context, level slog.Level) bool {
	return level >= h.min && h.Handler.Enabled(ctx, level)
}

// WithAttrs keeps the level floor on derived handlers.
func (h *minLevel) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &minLevel{Handler: h.Handler.WithAttrs(attrs), min: h.min}
}

// WithGroup keeps the level floor on derived handlers.
func (h *minLevel) WithGroup(name string) slog.Handler {
	return &minLevel{Handler: h.Handler.WithGroup(name), min: h.min}
}

// defaultBaseURL is http://localhost:PORT for a listener.
func defaultBaseURL(addr net.Addr) string {
	port := "5678"
	if ta, ok := addr.(*net.TCPAddr); ok {
		port = fmt.Sprint(ta.Port)
	}
	return "http://localhost:" + port
}

// newLogger returns a text slog logger on w at level.
func newLogger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l})), nil
}
