package queue

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// LeaderBucket is the KV bucket of the leader elections: one key per
// election, holding the leader's id, that expires when it is not renewed.
const LeaderBucket = "noderun-leader"

// DefaultLeaderTTL is how long a leader that stopped renewing (it crashed
// or lost NATS) stays leader before another instance takes over.
const DefaultLeaderTTL = 6 * time.Second

// DefaultElection names the election of the main instances.
const DefaultElection = "main"

// LeaderOptions configure Lead.
type LeaderOptions struct {
	// Election names what is led (a key in LeaderBucket; default
	// DefaultElection). Instances lead one election at a time each.
	Election string
	// TTL is the lifetime of the leader key (default DefaultLeaderTTL).
	// It is the bucket's: the instance that creates the bucket sets it and
	// every other instance uses the bucket's TTL, so all agree.
	TTL time.Duration
	// ID identifies this instance in the key (default: the queue's name
	// and a unique suffix). Two instances must never share an id.
	ID string
}

// Lead takes part in the leader election opts.Election until ctx ends,
// calling onChange(true) when this instance becomes the leader and
// onChange(false) when it stops being it (also at the end, when ctx ends
// while leading). At most one instance on the NATS server leads at a time:
//
//   - every candidate tries kv.Create on the election's key, which
//     succeeds for one;
//   - the leader renews the key with kv.Update on its revision every
//     TTL/3; when the update finds another revision it has lost the key
//     (it stalled for a TTL) and steps down at once, and when updates fail
//     (NATS unreachable) it steps down 2/3 of a TTL after its last renewal,
//     before the key can expire and another take over;
//   - the others try again every TTL/3 and as soon as the key is deleted;
//   - when ctx ends the leader deletes the key, so another takes over
//     without waiting for it to expire.
//
// onChange runs on Lead's goroutine, in order, and may block (the leader
// neither renews nor steps down meanwhile, so it should stop its leader
// work promptly). Lead returns nil when ctx ends, or an error when the
// election's bucket cannot be opened.
func (q *Queue) Lead(ctx context.Context, opts LeaderOptions, onChange func(leader bool)) error {
	if opts.Election == "" {
		opts.Election = DefaultElection
	}
	if opts.TTL <= 0 {
		opts.TTL = DefaultLeaderTTL
	}
	if opts.ID == "" {
		name := q.opts.Name
		if name == "" {
			name = "noderun"
		}
		opts.ID = name + "-" + rand.Text()
	}
	kv, ttl, err := q.leaderBucket(ctx, opts.TTL)
	if err != nil {
		return err
	}
	e := &election{
		kv:       kv,
		key:      opts.Election,
		id:       []byte(opts.ID),
		ttl:      ttl,
		log:      q.log.With("election", opts.Election, "id", opts.ID),
		onChange: onChange,
	}
	e.run(ctx)
	return nil
}

// leaderBucket opens LeaderBucket, creating it with ttl when it does not
// exist, and returns it with its TTL.
func (q *Queue) leaderBucket(ctx context.Context, ttl time.Duration) (jetstream.KeyValue, time.Duration, error) {
	kv, err := q.js.KeyValue(ctx, LeaderBucket)
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		kv, err = q.js.CreateKeyValue(ctx, jetstream.KeyValueConfig{
			Bucket:      LeaderBucket,
			Description: "noderun leader elections",
			TTL:         ttl,
			History:     1,
			Storage:     jetstream.MemoryStorage,
		})
		if errors.Is(err, jetstream.ErrBucketExists) {
			kv, err = q.js.KeyValue(ctx, LeaderBucket)
		}
	}
	if err != nil {
		return nil, 0, fmt.Errorf("queue: kv %s: %w", LeaderBucket, err)
	}
	st, err := kv.Status(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("queue: kv %s: status: %w", LeaderBucket, err)
	}
	if st.TTL() > 0 {
		ttl = st.TTL()
	}
	return kv, ttl, nil
}

// election is one instance's part in a leader election.
type election struct {
	kv       jetstream.KeyValue
	key      string
	id       []byte
	ttl      time.Duration
	log      *slog.Logger
	onChange func(bool)

	leading bool
	// rev is the key's revision this instance wrote last while leading.
	rev uint64
	// renewed is when the last successful write was sent.
	renewed time.Time
}

// resignTimeout bounds deleting the key when the leader stops.
const resignTimeout = 5 * time.Second

// run campaigns and leads until ctx ends.
func (e *election) run(ctx context.Context) {
	// Deletions wake the candidates at once; a watch that cannot start
	// leaves them polling every TTL/3.
	var updates <-chan jetstream.KeyValueEntry
	if w, err := e.kv.Watch(ctx, e.key, jetstream.UpdatesOnly()); err != nil {
		e.log.Warn("queue: watching the leader key; polling only", "err", err)
	} else {
		defer func() { _ = w.Stop() }()
		updates = w.Updates()
	}
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			e.resign(ctx)
			return
		case entry, ok := <-updates:
			if !ok {
				updates = nil
				continue
			}
			if e.leading || entry == nil || entry.Operation() == jetstream.KeyValuePut {
				continue
			}
			if !timer.Stop() {
				select {
				case <-timer.C:
				default:
				}
			}
		case <-timer.C:
		}
		e.step(ctx)
		timer.Reset(e.ttl / 3)
	}
}

// step renews the key when leading, else tries to take it.
func (e *election) step(ctx context.Context) {
	opCtx, cancel := context.WithTimeout(ctx, e.ttl/3)
	defer cancel()
	sent := time.Now()
	if e.leading {
		rev, err := e.kv.Update(opCtx, e.key, e.id, e.rev)
		switch {
		case err == nil:
			e.rev, e.renewed = rev, sent
		case lostKey(err):
			e.log.Warn("queue: leadership lost: the key changed", "err", err)
			e.setLeading(false)
		case time.Since(e.renewed) >= e.ttl*2/3:
			e.log.Warn("queue: leadership given up: cannot renew the key", "err", err, "renewed", e.renewed)
			e.setLeading(false)
		default:
			e.log.Debug("queue: renewing the leader key", "err", err)
		}
		return
	}
	rev, err := e.kv.Create(opCtx, e.key, e.id)
	if errors.Is(err, jetstream.ErrKeyExists) {
		// The key may still be this instance's own, from before it gave up
		// on a failing connection: take it back on its revision.
		entry, gerr := e.kv.Get(opCtx, e.key)
		if gerr != nil || string(entry.Value()) != string(e.id) {
			return
		}
		rev, err = e.kv.Update(opCtx, e.key, e.id, entry.Revision())
	}
	if err != nil {
		if ctx.Err() == nil && !lostKey(err) {
			e.log.Debug("queue: campaigning for leader", "err", err)
		}
		return
	}
	e.rev, e.renewed = rev, sent
	e.setLeading(true)
}

// setLeading records a change and reports it.
func (e *election) setLeading(leading bool) {
	if e.leading == leading {
		return
	}
	e.leading = leading
	if leading {
		e.log.Info("queue: this instance leads")
	}
	e.onChange(leading)
}

// resign steps down and deletes the key (only at the revision this
// instance wrote, so never another leader's) for another to take over.
func (e *election) resign(ctx context.Context) {
	if !e.leading {
		return
	}
	e.setLeading(false)
	delCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), resignTimeout)
	defer cancel()
	if err := e.kv.Delete(delCtx, e.key, jetstream.LastRevision(e.rev)); err != nil {
		e.log.Warn("queue: deleting the leader key; it expires instead", "err", err)
		return
	}
	e.log.Info("queue: leadership handed over")
}

// lostKey reports whether a write failed because the key is not at the
// expected revision (another instance holds it, or it expired).
func lostKey(err error) bool {
	if errors.Is(err, jetstream.ErrKeyExists) || errors.Is(err, jetstream.ErrKeyNotFound) {
		return true
	}
	var apiErr *jetstream.APIError
	return errors.As(err, &apiErr) && apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequence
}
