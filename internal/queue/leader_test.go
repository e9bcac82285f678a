package queue_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/internal/queue"
)

// ballot watches the leaders of one election: how many lead at once and
// the most that ever did.
type ballot struct {
	mu      sync.Mutex
	leading map[string]bool
	most    int
}

func newBallot() *ballot { return &ballot{leading: map[string]bool{}} }

func (b *ballot) set(name string, leader bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.leading[name] = leader
	b.most = max(b.most, len(b.leaders()))
}

// leaders lists the instances leading now (b.mu held).
func (b *ballot) leaders() []string {
	var out []string
	for name, on := range b.leading {
		if on {
			out = append(out, name)
		}
	}
	return out
}

// leader is the one instance leading now, or "" when none or several do.
func (b *ballot) leader() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if l := b.leaders(); len(l) == 1 {
		return l[0]
	}
	return ""
}

func (b *ballot) isLeading(name string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.leading[name]
}

func (b *ballot) maxLeaders() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.most
}

// candidate is one instance in the election.
type candidate struct {
	q      *queue.Queue
	cancel context.CancelFunc
	// done closes when Lead returns err.
	done chan struct{}
	err  error
	// changes lists what onChange reported, in order.
	mu      sync.Mutex
	changes []bool
}

func (c *candidate) history() []bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]bool(nil), c.changes...)
}

// stop ends the candidate's Lead and waits for it to return.
func (c *candidate) stop(t testing.TB) {
	t.Helper()
	c.cancel()
	select {
	case <-c.done:
		if c.err != nil {
			t.Errorf("Lead: %v", c.err)
		}
	case <-time.After(patience):
		t.Fatalf("Lead did not return within %s of its context ending", patience)
	}
}

// campaign connects a queue named name to url and runs Lead on it.
func campaign(t testing.TB, url, name string, b *ballot, ttl time.Duration) *candidate {
	t.Helper()
	c := &candidate{q: connect(t, url, queue.Options{Name: name}), done: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	go func() {
		defer close(c.done)
		c.err = c.q.Lead(ctx, queue.LeaderOptions{TTL: ttl, ID: name}, func(leader bool) {
			c.mu.Lock()
			c.changes = append(c.changes, leader)
			c.mu.Unlock()
			b.set(name, leader)
		})
	}()
	t.Cleanup(func() {
		cancel()
		<-c.done
	})
	return c
}

func TestLeadElectsOneLeader(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, "")
	b := newBallot()
	const ttl = 2 * time.Second
	names := []string{"main-a", "main-b", "main-c"}
	for _, name := range names {
		campaign(t, srv.ClientURL(), name, b, ttl)
	}
	waitFor(t, "a leader", func() bool { return b.leader() != "" })
	first := b.leader()
	// Several renewals later the same instance leads alone.
	time.Sleep(3 * ttl)
	if got := b.leader(); got != first {
		t.Errorf("leader after %s = %q, want %q still", 3*ttl, got, first)
	}
	if got := b.maxLeaders(); got != 1 {
		t.Errorf("most instances leading at once = %d, want 1", got)
	}
}

func TestLeadHandsOverOnStop(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, "")
	b := newBallot()
	// A long TTL: the handover must come from the deleted key, not from
	// its expiry.
	const ttl = time.Minute
	cands := map[string]*candidate{}
	for _, name := range []string{"main-a", "main-b"} {
		cands[name] = campaign(t, srv.ClientURL(), name, b, ttl)
	}
	waitFor(t, "a leader", func() bool { return b.leader() != "" })
	first := b.leader()
	other := "main-a"
	if first == "main-a" {
		other = "main-b"
	}
	stopped := time.Now()
	cands[first].stop(t)
	if diff := cmp.Diff([]bool{true, false}, cands[first].history()); diff != "" {
		t.Errorf("stopped leader's changes (-want +got):\n%s", diff)
	}
	deadline := time.Now().Add(ttl / 2)
	for !b.isLeading(other) {
		if time.Now().After(deadline) {
			t.Fatalf("%s did not take over within %s of the leader stopping (TTL %s)", other, ttl/2, ttl)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("handover took %s", time.Since(stopped))
	if got := b.maxLeaders(); got != 1 {
		t.Errorf("most instances leading at once = %d, want 1", got)
	}
}

func TestLeadTakesOverFromLostLeader(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, "")
	b := newBallot()
	const ttl = 2 * time.Second
	cands := map[string]*candidate{}
	for _, name := range []string{"main-a", "main-b"} {
		cands[name] = campaign(t, srv.ClientURL(), name, b, ttl)
	}
	waitFor(t, "a leader", func() bool { return b.leader() != "" })
	first := b.leader()
	other := "main-a"
	if first == "main-a" {
		other = "main-b"
	}
	// The leader loses NATS without resigning: it gives up before its key
	// expires, and the other takes over once the key has expired.
	cands[first].q.Close()
	waitFor(t, "the lost leader to step down", func() bool { return !b.isLeading(first) })
	waitFor(t, other+" to take over", func() bool { return b.isLeading(other) })
	if got := b.maxLeaders(); got != 1 {
		t.Errorf("most instances leading at once = %d, want 1", got)
	}
	if diff := cmp.Diff([]bool{true, false}, cands[first].history()); diff != "" {
		t.Errorf("lost leader's changes (-want +got):\n%s", diff)
	}
}

func TestLeadBucketTTLIsShared(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, "")
	b := newBallot()
	// The first instance creates the bucket with a long TTL; the second
	// asks for a short one but uses the bucket's, so it does not take
	// over while the first still renews.
	campaign(t, srv.ClientURL(), "main-a", b, time.Minute)
	waitFor(t, "main-a to lead", func() bool { return b.isLeading("main-a") })
	campaign(t, srv.ClientURL(), "main-b", b, 300*time.Millisecond)
	time.Sleep(2 * time.Second)
	if got, want := b.leader(), "main-a"; got != want {
		t.Errorf("leader = %q, want %q", got, want)
	}
	if got := b.maxLeaders(); got != 1 {
		t.Errorf("most instances leading at once = %d, want 1", got)
	}
}
