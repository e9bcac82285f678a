package server

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/noderun/noderun/nodes"
)

// encodeInput is the stored Input of a new execution: the items as a
// list when they go to the start node's first input, else one list per
// input up to index (the start input of a Webhook node accepting several
// methods), so a job queued again after a restart starts on the same
// output. nil for no items.
func encodeInput(items []nodes.Item, index int) (json.RawMessage, error) {
	if index <= 0 {
		if len(items) == 0 {
			return nil, nil
		}
		return json.Marshal(items)
	}
	lists := make([][]nodes.Item, index+1)
	for i := range lists {
		lists[i] = []nodes.Item{}
	}
	lists[index] = items
	return json.Marshal(lists)
}

// decodeInput reads a stored Input written by encodeInput: the items and
// the start input they go to.
func decodeInput(raw json.RawMessage) ([]nodes.Item, int, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, 0, nil
	}
	if raw[0] != '[' {
		return nil, 0, fmt.Errorf("stored input: want a list, got %.20s", raw)
	}
	if first := bytes.TrimSpace(raw[1:]); len(first) == 0 || first[0] != '[' {
		var items []nodes.Item
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, 0, fmt.Errorf("stored input: %w", err)
		}
		return items, 0, nil
	}
	var lists [][]nodes.Item
	if err := json.Unmarshal(raw, &lists); err != nil {
		return nil, 0, fmt.Errorf("stored input: %w", err)
	}
	for i, items := range lists {
		if len(items) > 0 {
			return items, i, nil
		}
	}
	return []nodes.Item{}, len(lists) - 1, nil
}
