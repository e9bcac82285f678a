package queue

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Names of the JetStream resources the queue uses.
const (
	// JobsStream holds the jobs (a work queue on JobsSubject).
	JobsStream = "NODERUN_JOBS"
	// JobsSubject is where Enqueue publishes jobs.
	JobsSubject = "noderun.jobs"
	// JobsConsumer is the durable consumer all workers share.
	JobsConsumer = "noderun-workers"
	// ResultsStream holds the outcomes (a work queue on ResultsSubject).
	ResultsStream = "NODERUN_RESULTS"
	// ResultsSubject is where workers publish outcomes.
	ResultsSubject = "noderun.results"
	// ExhaustedStream captures the MAX_DELIVERIES advisories of the jobs
	// consumer, so none is lost while no main instance listens.
	ExhaustedStream = "NODERUN_JOBS_EXHAUSTED"
	// ResponsesPrefix starts the core subject of an execution's webhook
	// responses: ResponsesPrefix + "." + executionID (escaped).
	ResponsesPrefix = "noderun.responses"
	// BinaryBucket is the object store of big binaries and big messages.
	BinaryBucket = "noderun-binaries"
	// FinishedBucket is the KV bucket recording finished jobs.
	FinishedBucket = "noderun-finished"
)

// Defaults of Options.
const (
	// DefaultAckWait is n8n's lock duration: a job without a heartbeat
	// for this long is delivered again.
	DefaultAckWait = 5 * time.Minute
	// DefaultMaxDeliver bounds the deliveries of one job.
	DefaultMaxDeliver = 3
	// DefaultBinaryThreshold is the binary size (base64 bytes) above which
	// payloads travel through the object store.
	DefaultBinaryThreshold = 256 << 10
	// DefaultGroup names the main instances' durable consumers.
	DefaultGroup = "noderun-main"
	// DefaultBinaryTTL is how long big binaries stay in the object store.
	DefaultBinaryTTL = 7 * 24 * time.Hour
	// finishedTTL is how long a finished job is remembered: far longer
	// than any redelivery of an acknowledged job can take.
	finishedTTL = 24 * time.Hour
	// duplicateWindow is how long a republished job id is dropped.
	duplicateWindow = time.Hour
	// resultsAckWait is how long the main instance may take to store one
	// outcome before it is delivered again.
	resultsAckWait = time.Minute
)

// exhaustedSubject is the advisory JetStream publishes when a job has been
// delivered MaxDeliver times.
const exhaustedSubject = "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES." + JobsStream + "." + JobsConsumer

// Queue is a connection to the jobs and results streams.
type Queue struct {
	opts Options
	url  string
	*link
}

// link is one NATS connection with its JetStream handles; the Queue has
// one and each Worker its own, so a worker can die alone.
type link struct {
	opts     Options
	log      *slog.Logger
	nc       *nats.Conn
	js       jetstream.JetStream
	objects  jetstream.ObjectStore
	finished jetstream.KeyValue
}

func (o Options) withDefaults() Options {
	if o.AckWait <= 0 {
		o.AckWait = DefaultAckWait
	}
	if o.MaxDeliver <= 0 {
		o.MaxDeliver = DefaultMaxDeliver
	}
	if o.BinaryThreshold <= 0 {
		o.BinaryThreshold = DefaultBinaryThreshold
	}
	if o.Group == "" {
		o.Group = DefaultGroup
	}
	if o.BinaryTTL <= 0 {
		o.BinaryTTL = DefaultBinaryTTL
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// Connect connects to the NATS server at url and creates or updates the
// queue's streams, consumers and buckets (idempotent: every main instance
// and worker may call it).
func Connect(ctx context.Context, url string, opts Options) (*Queue, error) {
	opts = opts.withDefaults()
	l, err := dial(url, opts, opts.Name)
	if err != nil {
		return nil, err
	}
	if err := l.setup(ctx); err != nil {
		l.nc.Close()
		return nil, err
	}
	if err := l.open(ctx); err != nil {
		l.nc.Close()
		return nil, err
	}
	return &Queue{opts: opts, url: url, link: l}, nil
}

// dial opens a connection that reconnects forever.
func dial(url string, opts Options, name string) (*link, error) {
	if name == "" {
		name = "noderun"
	}
	log := opts.Logger.With("nats", name)
	nc, err := nats.Connect(url,
		nats.Name(name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				log.Warn("queue: disconnected from nats", "err", err)
			}
		}),
		nats.ReconnectHandler(func(*nats.Conn) { log.Info("queue: reconnected to nats") }),
	)
	if err != nil {
		return nil, fmt.Errorf("queue: connect to %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: jetstream on %s: %w", url, err)
	}
	return &link{opts: opts, log: log, nc: nc, js: js}, nil
}

// setup creates or updates the streams, consumers and buckets.
func (l *link) setup(ctx context.Context) error {
	streams := []jetstream.StreamConfig{
		{
			Name:        JobsStream,
			Description: "noderun jobs: executions to run",
			Subjects:    []string{JobsSubject},
			Retention:   jetstream.WorkQueuePolicy,
			Storage:     jetstream.FileStorage,
			Duplicates:  duplicateWindow,
		},
		{
			Name:        ResultsStream,
			Description: "noderun outcomes: what workers report",
			Subjects:    []string{ResultsSubject},
			Retention:   jetstream.WorkQueuePolicy,
			Storage:     jetstream.FileStorage,
		},
		{
			Name:        ExhaustedStream,
			Description: "noderun jobs delivered MaxDeliver times",
			Subjects:    []string{exhaustedSubject},
			Retention:   jetstream.WorkQueuePolicy,
			Storage:     jetstream.FileStorage,
		},
	}
	for _, cfg := range streams {
		if _, err := l.js.CreateOrUpdateStream(ctx, cfg); err != nil {
			return fmt.Errorf("queue: stream %s: %w", cfg.Name, err)
		}
	}
	consumers := []struct {
		stream string
		cfg    jetstream.ConsumerConfig
	}{
		{JobsStream, jetstream.ConsumerConfig{
			Durable:       JobsConsumer,
			Description:   "noderun workers",
			AckPolicy:     jetstream.AckExplicitPolicy,
			AckWait:       l.opts.AckWait,
			MaxDeliver:    l.opts.MaxDeliver,
			MaxAckPending: -1,
		}},
		{ResultsStream, jetstream.ConsumerConfig{
			Durable:       l.opts.Group,
			Description:   "noderun main instances: outcomes",
			AckPolicy:     jetstream.AckExplicitPolicy,
			AckWait:       resultsAckWait,
			MaxDeliver:    -1,
			MaxAckPending: 1000,
		}},
		{ExhaustedStream, jetstream.ConsumerConfig{
			Durable:     l.opts.Group + "-exhausted",
			Description: "noderun main instances: exhausted jobs",
			AckPolicy:   jetstream.AckExplicitPolicy,
			AckWait:     resultsAckWait,
			MaxDeliver:  -1,
		}},
	}
	for _, c := range consumers {
		if _, err := l.js.CreateOrUpdateConsumer(ctx, c.stream, c.cfg); err != nil {
			return fmt.Errorf("queue: consumer %s on %s: %w", c.cfg.Durable, c.stream, err)
		}
	}
	if _, err := l.js.CreateOrUpdateObjectStore(ctx, jetstream.ObjectStoreConfig{
		Bucket:      BinaryBucket,
		Description: "noderun binary data too big for messages",
		TTL:         l.opts.BinaryTTL,
		Storage:     jetstream.FileStorage,
	}); err != nil {
		return fmt.Errorf("queue: object store %s: %w", BinaryBucket, err)
	}
	if _, err := l.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      FinishedBucket,
		Description: "noderun finished jobs",
		TTL:         finishedTTL,
		Storage:     jetstream.FileStorage,
	}); err != nil {
		return fmt.Errorf("queue: kv %s: %w", FinishedBucket, err)
	}
	return nil
}

// open binds the link to the object store and KV bucket.
func (l *link) open(ctx context.Context) error {
	var err error
	if l.objects, err = l.js.ObjectStore(ctx, BinaryBucket); err != nil {
		return fmt.Errorf("queue: object store %s: %w", BinaryBucket, err)
	}
	if l.finished, err = l.js.KeyValue(ctx, FinishedBucket); err != nil {
		return fmt.Errorf("queue: kv %s: %w", FinishedBucket, err)
	}
	return nil
}

// maxPayload is the largest message the server accepts, less room for
// headers.
func (l *link) maxPayload() int {
	m := int(l.nc.MaxPayload())
	if m <= 0 {
		m = 1 << 20
	}
	return m - 4<<10
}

// Close closes the queue's connection (workers have their own).
func (q *Queue) Close() {
	if q == nil || q.link == nil {
		return
	}
	q.nc.Close()
}
