package transform

import (
	"fmt"

	"github.com/noderun/noderun/nodes"
)

// Types returns every node type of the package.
func Types() []*nodes.Type {
	var ts []*nodes.Type
	ts = append(ts, mergeTypes()...)
	ts = append(ts, removeDuplicatesTypes()...)
	ts = append(ts, splitInBatchesTypes()...)
	ts = append(ts,
		splitOutType(),
		aggregateType(),
		limitType(),
		sortType(),
		summarizeType(),
		renameKeysType(),
		itemListsType(),
		waitType(),
		dateTimeType(),
	)
	return ts
}

// Register adds the item-transform nodes to r.
func Register(r *nodes.Registry) error {
	for _, t := range Types() {
		if err := r.Register(t); err != nil {
			return fmt.Errorf("transform: %w", err)
		}
	}
	return nil
}
