package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// EmbeddedOptions configure StartEmbedded.
type EmbeddedOptions struct {
	// StoreDir is where JetStream keeps its files (required). Starting
	// again on the same StoreDir finds every stream and message.
	StoreDir string
	// Host to listen on (default 127.0.0.1).
	Host string
	// Port to listen on; -1 picks a free port, 0 means NATS's 4222.
	Port int
	// Logger receives the server's log lines (nil: silent).
	Logger *slog.Logger
}

// Embedded is an in-process nats-server with JetStream on file storage.
type Embedded struct {
	srv *server.Server
}

// readyTimeout bounds how long StartEmbedded waits for the server.
const readyTimeout = 30 * time.Second

// StartEmbedded starts a nats-server with JetStream in this process and
// waits until it accepts connections.
func StartEmbedded(opts EmbeddedOptions) (*Embedded, error) {
	if opts.StoreDir == "" {
		return nil, errors.New("embedded nats: StoreDir is required")
	}
	host := opts.Host
	if host == "" {
		host = "127.0.0.1"
	}
	sopts := &server.Options{
		ServerName: "noderun",
		Host:       host,
		Port:       opts.Port,
		JetStream:  true,
		StoreDir:   opts.StoreDir,
		NoSigs:     true,
		NoLog:      opts.Logger == nil,
	}
	srv, err := server.NewServer(sopts)
	if err != nil {
		return nil, fmt.Errorf("embedded nats: %w", err)
	}
	if opts.Logger != nil {
		srv.SetLoggerV2(slogLogger{opts.Logger}, false, false, false)
	}
	srv.Start()
	if !srv.ReadyForConnections(readyTimeout) {
		srv.Shutdown()
		srv.WaitForShutdown()
		return nil, fmt.Errorf("embedded nats: not ready for connections after %s (store %s)", readyTimeout, opts.StoreDir)
	}
	return &Embedded{srv: srv}, nil
}

// ClientURL is the nats:// URL clients connect to.
func (e *Embedded) ClientURL() string { return e.srv.ClientURL() }

// Shutdown stops the server and waits until it has stopped and closed its
// store.
func (e *Embedded) Shutdown() {
	e.srv.Shutdown()
	e.srv.WaitForShutdown()
}

// slogLogger adapts a slog.Logger to nats-server's Logger.
type slogLogger struct{ l *slog.Logger }

func (s slogLogger) log(level slog.Level, format string, v []any) {
	s.l.Log(context.Background(), level, fmt.Sprintf(format, v...), "component", "nats-server")
}

// Noticef logs at info level.
func (s slogLogger) Noticef(format string, v ...any) { s.log(slog.LevelInfo, format, v) }

// Warnf logs at warn level.
func (s slogLogger) Warnf(format string, v ...any) { s.log(slog.LevelWarn, format, v) }

// Fatalf logs at error level (the server stops itself).
func (s slogLogger) Fatalf(format string, v ...any) { s.log(slog.LevelError, format, v) }

// Errorf logs at error level.
func (s slogLogger) Errorf(format string, v ...any) { s.log(slog.LevelError, format, v) }

// Debugf logs at debug level.
func (s slogLogger) Debugf(format string, v ...any) { s.log(slog.LevelDebug, format, v) }

// Tracef logs at debug level.
func (s slogLogger) Tracef(format string, v ...any) { s.log(slog.LevelDebug-4, format, v) }
