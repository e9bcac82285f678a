package transform

import (
	"github.com/noderun/noderun/nodes"
)

// splitInBatchesTypes returns Split in Batches 1 and 2 and Loop Over
// Items 3 (one node name, three behaviours).
func splitInBatchesTypes() []*nodes.Type {
	return []*nodes.Type{
		{Description: splitInBatchesDescription(1), Handler: nodes.HandlerFunc(executeSplitInBatchesV1)},
		{Description: splitInBatchesDescription(2), Handler: nodes.HandlerFunc(executeSplitInBatchesV2)},
		{Description: splitInBatchesDescription(3), Handler: nodes.HandlerFunc(executeSplitInBatches)},
	}
}

// splitInBatchesDescription is n8n's description of version v: "Split In
// Batches" with one output (1) or [loop, done] (2), and "Loop Over Items"
// with [done, loop] (3).
func splitInBatchesDescription(v float64) *nodes.Description {
	notice := prop(`You may not need this node — n8n nodes automatically run once for each input item. <a href="https://docs.n8n.io/getting-started/key-concepts/looping.html#using-loops-in-n8n" target="_blank">More info</a>`,
		"splitInBatchesNotice", nodes.TypeNotice, "")
	batch := prop("Batch Size", "batchSize", nodes.TypeNumber, 10)
	batch.TypeOptions = map[string]any{"minValue": 1}
	batch.Description = "The number of items to return with each call"
	reset := prop("Reset", "reset", nodes.TypeBoolean, false)
	reset.Description = "Whether the node will be reset and so with the current input-data newly initialized"
	options := collection("Options", "options", reset)
	options.Placeholder = "Add option"

	d := baseDescription("Split In Batches", "splitInBatches", v)
	d.Group = []string{"organization"}
	d.Description = "Split data into batches and iterate over each batch"
	d.Defaults = map[string]any{"name": "Split In Batches", "color": "#007755"}
	switch v {
	case 2:
		d.Outputs = []any{"main", "main"}
		d.OutputNames = []string{"loop", "done"}
	case 3:
		d.DisplayName = "Loop Over Items (Split in Batches)"
		d.Defaults = map[string]any{"name": "Loop Over Items"}
		d.Outputs = []any{"main", "main"}
		d.OutputNames = []string{"done", "loop"}
		batch.Default = 1
		reset.Description = "Whether the node starts again from the beginning of the input items. This will treat incoming data as a new set rather than continuing with the previous items."
	}
	d.Properties = []*nodes.Property{notice, batch, options}
	return d
}

// executeSplitInBatchesV1 returns the next batch on its single output, and
// nil (n8n's null: no run is recorded and nothing downstream runs) once no
// items are left. Old workflows end the loop with an If on
// $node["Split In Batches"].context["noItemsLeft"].
func executeSplitInBatchesV1(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	step, err := splitInBatchesStep(ctx, 10, false)
	if err != nil {
		return nil, err
	}
	if len(step.batch) == 0 {
		return nil, nil
	}
	return nodes.Outputs{step.batch}, nil
}

// executeSplitInBatchesV2 returns [loop, done]: each run emits the next
// batch on loop; when nothing is left, every item that came back through
// the loop goes out on done.
func executeSplitInBatchesV2(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	step, err := splitInBatchesStep(ctx, 10, true)
	if err != nil {
		return nil, err
	}
	if len(step.batch) == 0 {
		return nodes.Outputs{{}, step.processed}, nil
	}
	return nodes.Outputs{step.batch, {}}, nil
}

// executeSplitInBatches runs Loop Over Items 3: [done, loop], version
// 2's outputs swapped.
func executeSplitInBatches(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	step, err := splitInBatchesStep(ctx, 1, true)
	if err != nil {
		return nil, err
	}
	if len(step.batch) == 0 {
		return nodes.Outputs{step.processed, {}}, nil
	}
	return nodes.Outputs{{}, step.batch}, nil
}
