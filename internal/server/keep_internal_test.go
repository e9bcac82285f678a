package server

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"
)

// TestKeepRestartsStoppedLoops: a consumer loop that stops early (its
// connection closed) is started again until the context ends.
func TestKeepRestartsStoppedLoops(t *testing.T) {
	t.Parallel()
	s := &Server{logger: slog.New(slog.DiscardHandler)}
	ctx, cancel := context.WithCancel(context.Background())
	var runs atomic.Int32
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.keep(ctx, "test loop", func(ctx context.Context) error {
			if runs.Add(1) < 3 {
				return errors.New("connection closed")
			}
			<-ctx.Done()
			return nil
		})
	}()
	end := time.Now().Add(time.Minute)
	for runs.Load() < 3 && time.Now().Before(end) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("keep did not return after the context ended")
	}
	if n := runs.Load(); n != 3 {
		t.Errorf("loop ran %d times, want 3", n)
	}
}
