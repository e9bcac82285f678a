// Package server is noderun's long-running mode (noderun serve): an HTTP
// API, webhooks, schedules and waiting executions, on an execution store
// and a job queue that workers consume.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
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
}

// Server is a running main instance.
type Server struct {
	cfg Config
}

// New loads the workflows and prepares the server; Serve starts it.
func New(cfg Config) (*Server, error) {
	return nil, errors.New("server: not implemented yet")
}

// Handler is the HTTP API and webhook handler.
func (s *Server) Handler() http.Handler { return http.NotFoundHandler() }

// Serve runs the server on ln until ctx ends, then shuts down gracefully:
// stops accepting requests and schedules, drains running executions, and
// returns.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	return errors.New("server: not implemented yet")
}

// NewRunner returns the queue.Runner a worker uses: it runs or resumes a
// job's workflow on eng and reports the outcome with secrets redacted.
func NewRunner(eng *engine.Engine, logger *slog.Logger) queue.Runner {
	return nil
}
