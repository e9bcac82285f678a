package code

import (
	"encoding/json"
	"fmt"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// itemKeys are n8n's REQUIRED_N8N_ITEM_KEYS: the keys of an item object.
var itemKeys = map[string]bool{"json": true, "binary": true, "pairedItem": true, "error": true, "metadata": true, "index": true}

const (
	returnItemsMsg  = "Code doesn't return items properly"
	returnItemsDesc = "Please return an array of objects, one for each item you would like to output."
)

// isObject is the Code node's isObject: a non-null, non-array object
// (dates arrive as strings after serialization).
func isObject(v any) bool { _, ok := v.(map[string]any); return ok }

// validateAllItems is n8n's validateRunCodeAllItems followed by
// normalizeItems: the result of a runOnceForAllItems run (after the task
// runner turned null into []) becomes items or a validation error.
func validateAllItems(node string, result any, defined bool) ([]nodes.Item, error) {
	if !defined {
		return nil, validationError(node, returnItemsMsg, returnItemsDesc, -1)
	}
	if result == nil {
		return []nodes.Item{}, nil
	}
	var list []any
	switch t := result.(type) {
	case []any:
		for _, e := range t {
			if !isObject(e) {
				return nil, validationError(node, returnItemsMsg, returnItemsDesc, -1)
			}
		}
		mustHaveItemKey := false
		for _, e := range t {
			for k := range e.(map[string]any) {
				if itemKeys[k] {
					mustHaveItemKey = true
				}
			}
		}
		if mustHaveItemKey {
			for i, e := range t {
				if err := validateTopLevelKeys(node, e.(map[string]any), i); err != nil {
					return nil, err
				}
			}
		}
		list = t
	case map[string]any:
		if jsvalue.Truthy(t["json"]) {
			list = []any{t}
		} else {
			list = []any{map[string]any{"json": t}}
		}
	default:
		return nil, validationError(node, returnItemsMsg, returnItemsDesc, -1)
	}
	objs, err := normalizeItems(node, list)
	if err != nil {
		return nil, err
	}
	out := make([]nodes.Item, len(objs))
	for i, o := range objs {
		it, err := toItem(node, o, i)
		if err != nil {
			return nil, err
		}
		out[i] = it
	}
	return out, nil
}

// validateTopLevelKeys is n8n's check that an item object has only item
// keys.
func validateTopLevelKeys(node string, item map[string]any, i int) error {
	reserved, unknown := "", ""
	for _, k := range nodes.Keys(item) {
		if itemKeys[k] {
			if reserved == "" {
				reserved = k
			}
		} else if unknown == "" {
			unknown = k
		}
	}
	if unknown == "" {
		return nil
	}
	if reserved != "" {
		return validationError(node, "Invalid output format",
			fmt.Sprintf(`An output item contains the reserved key <code>%s</code>. To get around this, please wrap each item in an object, under a key called <code>json</code>. <a href="https://docs.n8n.io/data/data-structure/#data-structure" target="_blank">Example</a>`, reserved), i)
	}
	return validationError(node, "Unknown top-level item key: "+unknown, "Access the properties of an item under `.json`, e.g. `item.json`", i)
}

// normalizeItems is n8n-core's normalizeItems over a list of objects.
func normalizeItems(node string, list []any) ([]map[string]any, error) {
	has := func(key string) (all, some bool) {
		all = true
		for _, e := range list {
			_, ok := e.(map[string]any)[key]
			all = all && ok
			some = some || ok
		}
		return all, some
	}
	out := make([]map[string]any, len(list))
	if all, some := has("json"); all {
		for i, e := range list {
			out[i] = e.(map[string]any)
		}
		return out, nil
	} else if some {
		return nil, nodes.NewOperationError(node, "Inconsistent item format")
	}
	if all, some := has("binary"); all {
		for i, e := range list {
			m := e.(map[string]any)
			js := make(map[string]any, len(m))
			var order []string
			for _, k := range nodes.Keys(m) {
				if k != "binary" {
					js[k] = m[k]
					order = append(order, k)
				}
			}
			nodes.SetKeyOrder(js, order)
			out[i] = map[string]any{"json": js, "binary": m["binary"]}
		}
		return out, nil
	} else if some {
		return nil, nodes.NewOperationError(node, "Inconsistent item format")
	}
	for i, e := range list {
		out[i] = map[string]any{"json": e}
	}
	return out, nil
}

// toItem is n8n's validateItem plus the conversion to an item.
func toItem(node string, o map[string]any, i int) (nodes.Item, error) {
	js, ok := o["json"].(map[string]any)
	if !ok {
		return nodes.Item{}, validationError(node, "A 'json' property isn't an object", "In the returned data, every key named 'json' must point to an object.", i)
	}
	it := nodes.Item{JSON: js}
	if b, present := o["binary"]; present && b != nil {
		if !isObject(b) {
			return nodes.Item{}, validationError(node, "A 'binary' property isn't an object", "In the returned data, every key named 'binary' must point to an object.", i)
		}
		bin, err := binaryOf(b)
		if err != nil {
			return nodes.Item{}, validationError(node, "A 'binary' property isn't valid binary data", err.Error(), i)
		}
		it.Binary = bin
	}
	if p, present := o["pairedItem"]; present && p != nil {
		raw, _ := json.Marshal(p)
		var pi nodes.PairedItems
		if err := json.Unmarshal(raw, &pi); err == nil {
			it.PairedItem = pi
		}
	}
	return it, nil
}

// binaryOf decodes an item's binary object.
func binaryOf(b any) (map[string]*nodes.BinaryData, error) {
	raw, err := json.Marshal(b)
	if err != nil {
		return nil, err
	}
	var out map[string]*nodes.BinaryData
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// eachItemResult is what n8n's task runner makes of one runOnceForEachItem
// result: nil drops the item (null and every falsy value), else json is
// the result's json (when it has one), {} when it has only binary, or the
// result itself.
func eachItemResult(result any, defined bool) (map[string]any, bool) {
	if !defined || !jsvalue.Truthy(result) {
		return nil, false
	}
	o, ok := result.(map[string]any)
	if !ok {
		return map[string]any{"json": result}, true
	}
	out := map[string]any{}
	if j, has := o["json"]; has {
		out["json"] = j
	} else if _, hasBin := o["binary"]; hasBin {
		out["json"] = map[string]any{}
	} else {
		out["json"] = o
	}
	if b, has := o["binary"]; has && jsvalue.Truthy(b) {
		out["binary"] = b
	}
	return out, true
}
