package transform

import (
	"github.com/noderun/noderun/nodes"
)

// Keys of the Loop Over Items node state (n8n's node context).
const (
	sibItems          = "items"
	sibProcessedItems = "processedItems"
	sibCurrentRun     = "currentRunIndex"
	sibMaxRun         = "maxRunIndex"
	sibDone           = "done"
	sibNoItemsLeft    = "noItemsLeft"
)

func splitInBatchesType() *nodes.Type {
	d := baseDescription("Loop Over Items", "splitInBatches", 3)
	d.Description = "Split data into batches and iterate over each batch"
	d.Outputs = []any{"main", "main"}
	d.OutputNames = []string{"done", "loop"}
	batch := prop("Batch Size", "batchSize", nodes.TypeNumber, 1)
	batch.TypeOptions = map[string]any{"minValue": 1}
	d.Properties = []*nodes.Property{
		batch,
		collection("Options", "options", prop("Reset", "reset", nodes.TypeBoolean, false)),
	}
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeSplitInBatches)}
}

// executeSplitInBatches returns [done, loop]: each run emits the next batch
// on loop; when nothing is left, every item that came back through the
// loop goes out on done.
func executeSplitInBatches(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	in := inputItems(ctx, 0)
	state := ctx.State()
	sizeF, err := paramNumber(ctx, "batchSize", 0, 1)
	if err != nil {
		return nil, err
	}
	size := int(sizeF)
	if size < 1 {
		size = 1
	}
	reset, err := paramBool(ctx, "options.reset", 0, false)
	if err != nil {
		return nil, err
	}
	var batch []nodes.Item
	stored, started := state[sibItems].([]nodes.Item)
	if !started || reset {
		state[sibCurrentRun] = 0
		state[sibMaxRun] = (len(in) + size - 1) / size
		n := min(size, len(in))
		batch = append([]nodes.Item{}, in[:n]...)
		state[sibItems] = append([]nodes.Item{}, in[n:]...)
		state[sibProcessedItems] = []nodes.Item{}
	} else {
		run, _ := state[sibCurrentRun].(int)
		state[sibCurrentRun] = run + 1
		n := min(size, len(stored))
		batch = append([]nodes.Item{}, stored[:n]...)
		state[sibItems] = append([]nodes.Item{}, stored[n:]...)
		processed, _ := state[sibProcessedItems].([]nodes.Item)
		for i, it := range in {
			it.PairedItem = nodes.One(nodes.PairedItem{Item: i})
			processed = append(processed, it)
		}
		state[sibProcessedItems] = processed
	}
	rest, _ := state[sibItems].([]nodes.Item)
	state[sibNoItemsLeft] = len(rest) == 0
	if len(batch) == 0 {
		state[sibDone] = true
		processed, _ := state[sibProcessedItems].([]nodes.Item)
		if processed == nil {
			processed = []nodes.Item{}
		}
		return nodes.Outputs{processed, {}}, nil
	}
	state[sibDone] = false
	return nodes.Outputs{{}, batch}, nil
}
