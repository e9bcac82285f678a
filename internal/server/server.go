package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/internal/queue"
)

// Config configures a Server.
type Config struct {
	// Engine runs the in-process workers' jobs and gives node types and
	// credentials (webhook authentication).
	Engine *engine.Engine
	// Store keeps the executions (the main instance owns it).
	Store executions.Store
	// Queue carries jobs to workers and outcomes back.
	Queue *queue.Queue
	// WorkflowsDir holds the workflow JSON files served (by id, else by
	// file name without .json).
	WorkflowsDir string
	// ActiveOnly activates only workflows whose "active" is true; by
	// default every workflow in WorkflowsDir is activated.
	ActiveOnly bool
	// BaseURL is the public URL of the server, for webhookUrl and
	// $execution.resumeUrl (default http://localhost:5678).
	BaseURL string
	// Workers is the concurrency of the in-process worker; 0 runs none
	// (--no-worker: separate noderun worker processes do the work).
	Workers int
	// Prune bounds the history; checked hourly and at start.
	Prune executions.Prune
	// ShutdownTimeout bounds the drain of running executions (default 30 s).
	ShutdownTimeout time.Duration
	// Logger (default: discard).
	Logger *slog.Logger
	// WaitPoll is how often waiting executions are checked for a WaitTill
	// that has come (default 1 s).
	WaitPoll time.Duration
	// LeaderTTL is the lifetime of the leader key of the main instances'
	// election (default queue.DefaultLeaderTTL): only the leader fires
	// schedules, resumes waiting executions on time and prunes, and
	// another main takes over at most about this long after the leader
	// is lost (at once when it stops).
	LeaderTTL time.Duration
}

// Server is a running main instance.
type Server struct {
	cfg       Config
	logger    *slog.Logger
	baseURL   string
	workflows map[string]*workflow
	order     []string
	router    *router
	mux       *http.ServeMux
	hub       *hub
	drain     *drain

	// resuming records the generation of the resume job enqueued per
	// waiting execution, so a pause is resumed once.
	mu       sync.Mutex
	resuming map[string]int
	// wake nudges the wait tracker when an execution starts waiting.
	wake chan struct{}
	// leading is whether this main instance leads (runs the schedules,
	// the wait tracker and pruning).
	leading atomic.Bool
}

// New loads the workflows and prepares the server; Serve starts it.
func New(cfg Config) (*Server, error) {
	if cfg.Engine == nil {
		return nil, errors.New("server: no engine")
	}
	if cfg.Store == nil {
		return nil, errors.New("server: no execution store")
	}
	if cfg.Queue == nil {
		return nil, errors.New("server: no queue")
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://localhost:5678"
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = 30 * time.Second
	}
	if cfg.WaitPoll <= 0 {
		cfg.WaitPoll = time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		cfg:      cfg,
		logger:   cfg.Logger,
		baseURL:  strings.TrimRight(cfg.BaseURL, "/"),
		router:   newRouter(),
		hub:      newHub(),
		drain:    newDrain(),
		resuming: map[string]int{},
		wake:     make(chan struct{}, 1),
	}
	s.workflows = map[string]*workflow{}
	if cfg.WorkflowsDir != "" {
		wfs, order, err := loadWorkflows(cfg.WorkflowsDir)
		if err != nil {
			return nil, fmt.Errorf("server: %w", err)
		}
		s.workflows, s.order = wfs, order
	}
	for _, id := range s.order {
		w := s.workflows[id]
		if err := s.activate(w); err != nil {
			return nil, fmt.Errorf("server: %w", err)
		}
		for _, ep := range w.Webhooks {
			if err := s.router.add(ep); err != nil {
				return nil, fmt.Errorf("server: %w", err)
			}
		}
	}
	s.mux = s.routes()
	return s, nil
}

// Handler is the HTTP API and webhook handler.
func (s *Server) Handler() http.Handler { return s.mux }

// WebhookURLs lists the production webhook URLs registered, as
// "METHOD URL" (for start-up logs).
func (s *Server) WebhookURLs() []string {
	var out []string
	for _, id := range s.order {
		for _, ep := range s.workflows[id].Webhooks {
			for _, m := range ep.hook.Methods {
				out = append(out, strings.ToUpper(m)+" "+s.baseURL+"/webhook/"+ep.urlPath())
			}
		}
	}
	return out
}

// Serve runs the server on ln until ctx ends, then shuts down gracefully:
// stops accepting requests and schedules, drains running executions, and
// returns.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	// consumers apply outcomes until the very end of the drain.
	consumeCtx, stopConsumers := context.WithCancel(context.WithoutCancel(ctx))
	defer stopConsumers()
	var consumers sync.WaitGroup
	consumers.Add(3)
	go func() { defer consumers.Done(); s.watchStored(consumeCtx) }()
	go func() {
		defer consumers.Done()
		s.keep(consumeCtx, "consuming outcomes", func(ctx context.Context) error {
			return s.cfg.Queue.ConsumeOutcomes(ctx, s.applyOutcome)
		})
	}()
	go func() {
		defer consumers.Done()
		s.keep(consumeCtx, "watching exhausted jobs", func(ctx context.Context) error {
			return s.cfg.Queue.OnExhausted(ctx, s.exhausted)
		})
	}()

	// background loops stop as soon as ctx ends. Every main requeues the
	// executions left new (the queue drops jobs it holds already); only
	// the elected leader runs schedules, the wait tracker and pruning.
	var loops sync.WaitGroup
	if err := s.recover(ctx); err != nil {
		s.logger.Error("requeueing executions after start", "error", err)
	}
	loops.Add(1)
	go func() { defer loops.Done(); s.lead(ctx) }()

	// in-process workers drain on their own context.
	workCtx, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	workDone := make(chan struct{})
	if s.cfg.Workers > 0 {
		runner := s.drain.wrap(NewRunner(s.cfg.Engine, s.logger))
		go func() {
			defer close(workDone)
			s.keep(workCtx, "in-process worker", func(ctx context.Context) error {
				return s.cfg.Queue.Work(ctx, runner, queue.WorkerOptions{Concurrency: s.cfg.Workers, Name: "main"})
			})
		}()
	} else {
		close(workDone)
	}

	// requests wait on executions with this context, cancelled when the
	// drain time is over.
	reqCtx, stopRequests := context.WithCancel(context.WithoutCancel(ctx))
	defer stopRequests()
	srv := &http.Server{
		Handler:           s.mux,
		ReadHeaderTimeout: 30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return reqCtx },
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	s.logger.Info("serving", "addr", ln.Addr().String(), "workflows", len(s.order))

	var result error
	select {
	case <-ctx.Done():
	case err := <-serveErr:
		if !errors.Is(err, http.ErrServerClosed) {
			result = fmt.Errorf("server: %w", err)
		}
	}
	deadline := time.Now().Add(s.cfg.ShutdownTimeout)
	shutdownCtx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	s.logger.Info("shutting down: draining requests and running executions")
	if err := srv.Shutdown(shutdownCtx); err != nil {
		s.logger.Warn("requests still open at the end of the drain", "error", err)
		// Requests waiting on executions answer 503 now; give them a
		// moment to write it before the connections close.
		stopRequests()
		graceCtx, cancelGrace := context.WithTimeout(context.Background(), answerGrace)
		if err := srv.Shutdown(graceCtx); err != nil {
			_ = srv.Close()
		}
		cancelGrace()
	}
	loops.Wait()
	stopWork()
	select {
	case <-workDone:
	case <-shutdownCtx.Done():
		s.logger.Warn("executions still running at the end of the drain; the queue redelivers them")
	}
	if !s.drainWait(shutdownCtx) {
		s.logger.Warn("outcomes not stored at the end of the drain; they stay in the queue")
	}
	stopConsumers()
	consumers.Wait()
	return result
}

// keepBackoff bounds the pause before keep runs a stopped loop again.
const keepBackoff = 30 * time.Second

// keep runs loop until ctx ends, starting it again (after a pause that
// doubles up to keepBackoff) whenever it stops early: a main instance
// that stopped consuming outcomes would answer no webhook call again.
func (s *Server) keep(ctx context.Context, what string, loop func(context.Context) error) {
	pause := 100 * time.Millisecond
	for ctx.Err() == nil {
		started := time.Now()
		err := loop(ctx)
		if ctx.Err() != nil {
			return
		}
		if time.Since(started) > keepBackoff {
			pause = 100 * time.Millisecond
		}
		s.logger.Error(what+" stopped; starting again", "error", err, "in", pause)
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		pause = min(2*pause, keepBackoff)
	}
}

// answerGrace is how long requests still waiting on executions at the
// end of the drain get to write their 503 before their connections close.
const answerGrace = 2 * time.Second

// resumeURL is $execution.resumeUrl of execution id.
func (s *Server) resumeURL(id string) string { return s.baseURL + "/webhook-waiting/" + id }

// nudge wakes the wait tracker.
func (s *Server) nudge() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}
