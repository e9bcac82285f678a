package routing

import (
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// DefaultConcurrency bounds the requests in flight for a node run without
// batching. n8n starts every item's request at once; a bound keeps a
// 10,000-item run from opening 10,000 connections, and on a loopback
// server more than a few in flight on 2 cores only adds scheduling. The
// output keeps item order whatever the concurrency.
const DefaultConcurrency = 4

// Handler runs declarative node types: any Type whose Handler is nil. It
// implements nodes.Handler and is safe for concurrent use.
type Handler struct {
	// Concurrency bounds in-flight requests when batching is off; <= 0
	// means DefaultConcurrency. With batching, a batch's requests all run
	// at once.
	Concurrency int
	// Sleep waits between batches; nil uses time.Sleep bounded by the
	// run's context. Tests may replace it.
	Sleep func(d time.Duration)

	plans     sync.Map // planKey -> *plan
	planCount atomic.Int64
}

// maxCachedPlans bounds the plan cache; past it the cache starts over.
const maxCachedPlans = 4096

// planKey identifies a plan: the description, the node's typeVersion and
// its parameters (canonical JSON), everything displayOptions, options,
// collections and fixedCollections can read.
type planKey struct {
	desc    *nodes.Description
	version float64
	params  string
}

// planFor returns the plan for a node's parameters, cached per
// description, version and parameters so that nodes that run many times
// (one item per loop iteration) do not walk the description every time.
func (h *Handler) planFor(desc *nodes.Description, params map[string]any, version float64) *plan {
	fp, err := json.Marshal(params)
	if err != nil {
		return buildPlan(desc, params, version)
	}
	key := planKey{desc: desc, version: version, params: string(fp)}
	if p, ok := h.plans.Load(key); ok {
		return p.(*plan)
	}
	p := buildPlan(desc, params, version)
	if h.planCount.Add(1) > maxCachedPlans {
		h.plans.Clear()
		h.planCount.Store(1)
	}
	h.plans.Store(key, p)
	return p
}

// New returns a routing handler with default settings.
func New() *Handler { return &Handler{} }

// run is the state of one node run.
type run struct {
	h           *Handler
	ctx         nodes.ExecuteContext
	desc        *nodes.Description
	node        *nodes.Node
	params      map[string]any
	version     float64
	plan        *plan
	credType    string
	credentials map[string]any
	reqOpts     requestOptions
	runIndex    int
}

// requestOptions is the node's "Request Options" collection.
type requestOptions struct {
	batchSize              int
	batchInterval          time.Duration
	proxy                  string
	timeout                float64
	allowUnauthorizedCerts bool
}

// result is one item's outcome.
type result struct {
	items []nodes.Item
	err   error
}

// Execute runs the node: one request (or paginated series) per input item,
// output on main output 0.
func (h *Handler) Execute(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	t := ctx.Type()
	if t == nil || t.Description == nil {
		return nil, fmt.Errorf("routing: node %q has no type description", ctx.Node().Name)
	}
	node := ctx.Node()
	r := &run{
		h: h, ctx: ctx, desc: t.Description, node: node, params: node.Parameters,
		version: node.TypeVersion, runIndex: ctx.RunIndex(),
	}
	if r.version == 0 {
		r.version = t.Description.Version.Latest()
	}
	if r.params == nil {
		r.params = map[string]any{}
	}
	slot, err := selectCredential(ctx, r.desc)
	if err != nil {
		return nil, nodes.AsNodeError(node.Name, err)
	}
	wanted := slot
	slot, r.credentials, err = loadCredential(ctx, slot)
	if err != nil {
		return nil, nodes.AsNodeError(node.Name, fmt.Errorf("credential %s: %w", slotName(wanted), err))
	}
	if slot != nil {
		r.credType = slot.Name
	}
	if err := r.readRequestOptions(); err != nil {
		return nil, err
	}
	r.plan = h.planFor(r.desc, r.params, r.version)

	items := ctx.InputData(0)
	results := make([]result, len(items))
	if err := r.runItems(items, results); err != nil {
		return nil, err
	}
	if err := ctx.Context().Err(); err != nil {
		return nil, fmt.Errorf("node %q: %w", node.Name, err)
	}
	out := make([]nodes.Item, 0, len(items))
	for i, res := range results {
		if res.err != nil {
			ne := r.requestError(i, res.err)
			if ctx.ContinueOnFail() {
				out = append(out, nodes.Item{JSON: map[string]any{"error": ne.Message}, Error: ne})
				continue
			}
			return nil, ne
		}
		out = append(out, res.items...)
	}
	// pairedItem is left unset, as RoutingNode leaves it: the engine's
	// assignPairedItems stamps it when n8n would (one input item, equal
	// counts, or a single output item), and a run that turns 2 items into
	// 4 has none, exactly as in n8n 2.41 (checked with the n8n peer).
	return nodes.Outputs{out}, nil
}

func slotName(s *nodes.CredentialSlot) string {
	if s == nil {
		return ""
	}
	return s.Name
}

// runItems assembles every item's request and sends them. With batching
// (batchSize and a batchInterval), as in RoutingNode, a batch's requests
// start together and the next batch starts batchInterval later, whether
// or not the previous one has finished; without it up to Concurrency
// requests are in flight. Assembly errors stop the run (n8n throws them
// outside the request promises); request errors are kept per item.
func (r *run) runItems(items []nodes.Item, results []result) error {
	batch := r.reqOpts.batchSize
	interval := r.reqOpts.batchInterval
	if interval <= 0 || batch <= 0 {
		limit := r.h.Concurrency
		if limit <= 0 {
			limit = DefaultConcurrency
		}
		return r.runConcurrent(0, len(items), limit, results)
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	for i := range items {
		if i > 0 && i%batch == 0 {
			r.sleep(interval)
			if err := r.ctx.Context().Err(); err != nil {
				return err
			}
		}
		rd, err := r.assemble(i)
		if err != nil {
			return err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = r.request(rd, i)
		}()
	}
	return nil
}

// runConcurrent handles items [start, end) with at most limit in flight.
func (r *run) runConcurrent(start, end, limit int, results []result) error {
	if limit <= 1 || end-start <= 1 {
		for i := start; i < end; i++ {
			rd, err := r.assemble(i)
			if err != nil {
				return err
			}
			results[i] = r.request(rd, i)
		}
		return nil
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, limit)
	var firstErr error
	for i := start; i < end; i++ {
		rd, err := r.assemble(i)
		if err != nil {
			firstErr = err
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func(i int, rd *requestData) {
			defer func() { <-sem; wg.Done() }()
			results[i] = r.request(rd, i)
		}(i, rd)
	}
	wg.Wait()
	return firstErr
}

// request sends item i's request and truncates its items to maxResults.
func (r *run) request(rd *requestData, i int) result {
	items, err := r.makeRequest(rd, i)
	if err != nil {
		return result{err: err}
	}
	if rd.maxResults != nil {
		if n, ok := toInt(rd.maxResults); ok && n >= 0 && n < len(items) {
			items = items[:n]
		}
	}
	return result{items: items}
}

// sleep waits d, or until the run is cancelled.
func (r *run) sleep(d time.Duration) {
	if r.h.Sleep != nil {
		r.h.Sleep(d)
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.ctx.Context().Done():
	}
}

// readRequestOptions reads the "Request Options" collection once per run
// (n8n reads it with item index 0) and validates the proxy.
func (r *run) readRequestOptions() error {
	v, err := r.ctx.Param("requestOptions", 0, map[string]any{})
	if err != nil {
		return nodes.AsNodeError(r.node.Name, fmt.Errorf("parameter requestOptions: %w", err))
	}
	m, _ := v.(map[string]any)
	if b, ok := m["batching"].(map[string]any); ok {
		if bb, ok := b["batch"].(map[string]any); ok {
			if n, ok := toInt(bb["batchSize"]); ok && n > 0 {
				r.reqOpts.batchSize = n
			} else {
				r.reqOpts.batchSize = 1
			}
			if ms, ok := jsvalue.ToFloat(bb["batchInterval"]); ok && ms > 0 {
				r.reqOpts.batchInterval = time.Duration(ms * float64(time.Millisecond))
			}
		}
	}
	if p, ok := m["proxy"].(string); ok && p != "" {
		if err := validateProxy(r.node.Name, p); err != nil {
			return err
		}
		r.reqOpts.proxy = p
	}
	if t, ok := jsvalue.ToFloat(m["timeout"]); ok && t > 0 {
		r.reqOpts.timeout = t
	}
	r.reqOpts.allowUnauthorizedCerts = jsvalue.Truthy(m["allowUnauthorizedCerts"])
	return nil
}
