package transform

import (
	"math"

	"github.com/noderun/noderun/nodes"
)

// Keys of the Split in Batches / Loop Over Items node state (n8n's node
// context, readable in expressions as $node["Name"].context["key"]).
const (
	sibItems          = "items"
	sibProcessedItems = "processedItems"
	sibCurrentRun     = "currentRunIndex"
	sibMaxRun         = "maxRunIndex"
	sibDone           = "done"
	sibNoItemsLeft    = "noItemsLeft"
	sibSourceData     = "sourceData"
)

// sibStep is what one run of Split in Batches worked out: the next batch
// and, for versions 2 and 3, every item that came back through the loop.
type sibStep struct {
	batch     []nodes.Item
	processed []nodes.Item
}

// splitInBatchesStep runs the part every version shares (n8n's v1, v2 and
// v3 execute bodies are the same up to what they return): on the first
// run, or when options.reset is true, it stores the input and returns its
// first batch; on later runs it returns the next stored batch and, when
// track is set, appends the run's input to processedItems. defaultSize
// is the version's batchSize default.
func splitInBatchesStep(ctx nodes.ExecuteContext, defaultSize float64, track bool) (sibStep, error) {
	in := inputItems(ctx, 0)
	state := ctx.State()
	batchSize, err := paramNumber(ctx, "batchSize", 0, defaultSize)
	if err != nil {
		return sibStep{}, err
	}
	opts, err := paramMap(ctx, "options", 0)
	if err != nil {
		return sibStep{}, err
	}
	reset, _ := opts["reset"].(bool) // n8n: options.reset === true
	size := spliceCount(batchSize)

	var step sibStep
	stored, started := state[sibItems].([]nodes.Item)
	if !started || reset {
		state[sibCurrentRun] = 0
		state[sibMaxRun] = maxRunIndex(len(in), batchSize)
		// n8n: nodeContext.sourceData = deepCopy(getInputSourceData()),
		// kept as the JSON object expressions read from the context.
		if src := nodes.InputSource(ctx, 0); src != nil {
			state[sibSourceData] = src.Map()
		} else {
			delete(state, sibSourceData)
		}
		n := min(size, len(in))
		step.batch = append([]nodes.Item{}, in[:n]...)
		state[sibItems] = append([]nodes.Item{}, in[n:]...)
		if track {
			state[sibProcessedItems] = []nodes.Item{}
		}
	} else {
		run, _ := state[sibCurrentRun].(int)
		state[sibCurrentRun] = run + 1
		n := min(size, len(stored))
		first, _ := nodes.PairedSourceOf(state[sibSourceData])
		step.batch = make([]nodes.Item, n)
		for i, it := range stored[:n] {
			it.PairedItem = overwriteSource(it.PairedItem, first)
			step.batch[i] = it
		}
		state[sibItems] = append([]nodes.Item{}, stored[n:]...)
		if track {
			processed, _ := state[sibProcessedItems].([]nodes.Item)
			processed = append(make([]nodes.Item, 0, len(processed)+len(in)), processed...)
			// n8n: {...item, pairedItem: {sourceOverwrite:
			// getInputSourceData(), item: index}}.
			current := nodes.InputSource(ctx, 0)
			for i, it := range in {
				it.PairedItem = nodes.One(nodes.PairedItem{Item: i, SourceOverwrite: current})
				processed = append(processed, it)
			}
			state[sibProcessedItems] = processed
		}
	}
	rest, _ := state[sibItems].([]nodes.Item)
	state[sibNoItemsLeft] = len(rest) == 0
	if track {
		step.processed, _ = state[sibProcessedItems].([]nodes.Item)
		if step.processed == nil {
			step.processed = []nodes.Item{}
		}
		state[sibDone] = len(step.batch) == 0
	}
	return step, nil
}

// overwriteSource is n8n's getPairedItemInformation for an item returned
// by a later run: every paired item (a missing one is item 0) gets
// sourceOverwrite set to the source of the node's first run, so lineage
// leads to where the items came from rather than to the loop's last
// node. The result shares nothing with p.
func overwriteSource(p nodes.PairedItems, src *nodes.PairedSource) nodes.PairedItems {
	if len(p.Items) == 0 && !p.List {
		return nodes.One(nodes.PairedItem{Item: 0, SourceOverwrite: copySource(src)})
	}
	out := nodes.PairedItems{Items: make([]nodes.PairedItem, len(p.Items)), List: p.List}
	for i, pi := range p.Items {
		pi.SourceOverwrite = copySource(src)
		out.Items[i] = pi
	}
	return out
}

// copySource returns a copy of s (nil stays nil).
func copySource(s *nodes.PairedSource) *nodes.PairedSource {
	if s == nil {
		return nil
	}
	c := *s
	return &c
}

// spliceCount is how many items Array.prototype.splice(0, n) removes for a
// batch size n: the size truncated toward zero, none when it is not
// positive.
func spliceCount(batchSize float64) int {
	if math.IsNaN(batchSize) || batchSize < 1 {
		return 0
	}
	if batchSize > math.MaxInt32 {
		return math.MaxInt32
	}
	return int(batchSize)
}

// maxRunIndex is n8n's Math.ceil(items.length / batchSize). A batch size
// below one (which the parameter's minValue forbids) gives 0 here where
// n8n would store Infinity or NaN, which do not fit the int state value.
func maxRunIndex(n int, batchSize float64) int {
	if math.IsNaN(batchSize) || batchSize <= 0 {
		return 0
	}
	return int(math.Ceil(float64(n) / batchSize))
}
