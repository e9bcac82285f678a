package transform

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// paramError wraps a parameter read failure with the node, parameter and item.
func paramError(ctx nodes.ExecuteContext, name string, item int, err error) error {
	return fmt.Errorf("node %q: parameter %q (item %d): %w", ctx.Node().Name, name, item, err)
}

// opError builds a NodeOperationError for the running node.
func opError(ctx nodes.ExecuteContext, message, description string) *nodes.NodeError {
	e := nodes.NewOperationError(ctx.Node().Name, message)
	if description != "" {
		e.SetDescription(description)
	}
	return e
}

func paramAny(ctx nodes.ExecuteContext, name string, item int, def any) (any, error) {
	v, err := ctx.Param(name, item, def)
	if err != nil {
		return nil, paramError(ctx, name, item, err)
	}
	return v, nil
}

// paramString reads a string parameter (numbers and booleans are rendered).
func paramString(ctx nodes.ExecuteContext, name string, item int, def string) (string, error) {
	v, err := paramAny(ctx, name, item, def)
	if err != nil {
		return "", err
	}
	switch t := v.(type) {
	case nil:
		return def, nil
	case string:
		return t, nil
	}
	return jsString(v), nil
}

// paramBool reads a boolean parameter ("true"/"false" strings accepted).
func paramBool(ctx nodes.ExecuteContext, name string, item int, def bool) (bool, error) {
	v, err := paramAny(ctx, name, item, def)
	if err != nil {
		return false, err
	}
	return asBool(v, def), nil
}

func asBool(v any, def bool) bool {
	switch t := v.(type) {
	case bool:
		return t
	case string:
		if b, err := strconv.ParseBool(strings.TrimSpace(t)); err == nil {
			return b
		}
	case nil:
		return def
	}
	return jsvalue.Truthy(v)
}

// paramNumber reads a number parameter (numeric strings accepted).
func paramNumber(ctx nodes.ExecuteContext, name string, item int, def float64) (float64, error) {
	v, err := paramAny(ctx, name, item, def)
	if err != nil {
		return 0, err
	}
	if v == nil {
		return def, nil
	}
	if f, ok := jsvalue.ToFloat(v); ok {
		return f, nil
	}
	if s, ok := v.(string); ok {
		if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			return f, nil
		}
	}
	return 0, paramError(ctx, name, item, fmt.Errorf("want a number, got %T %v", v, v))
}

// paramMap reads a collection parameter ({} when absent).
func paramMap(ctx nodes.ExecuteContext, name string, item int) (map[string]any, error) {
	v, err := paramAny(ctx, name, item, map[string]any{})
	if err != nil {
		return nil, err
	}
	m, _ := v.(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	return m, nil
}

// paramList reads a fixedCollection list of entries.
func paramList(ctx nodes.ExecuteContext, name string, item int) ([]map[string]any, error) {
	v, err := paramAny(ctx, name, item, []any{})
	if err != nil {
		return nil, err
	}
	return asList(v), nil
}

func asList(v any) []map[string]any {
	var out []map[string]any
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
	case []map[string]any:
		out = t
	case map[string]any:
		out = append(out, t)
	}
	return out
}

// strOf reads a string entry of a collection value.
func strOf(m map[string]any, key, def string) string {
	v, ok := m[key]
	if !ok || v == nil {
		return def
	}
	if s, ok := v.(string); ok {
		return s
	}
	return jsString(v)
}

// boolOf reads a boolean entry of a collection value.
func boolOf(m map[string]any, key string, def bool) bool {
	v, ok := m[key]
	if !ok {
		return def
	}
	return asBool(v, def)
}

// numOf reads a number entry of a collection value.
func numOf(m map[string]any, key string, def float64) float64 {
	v, ok := m[key]
	if !ok || v == nil {
		return def
	}
	if f, ok := jsvalue.ToFloat(v); ok {
		return f
	}
	if s, ok := v.(string); ok {
		if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			return f
		}
	}
	return def
}

// inputItems returns input's items with their lineage pointing at their
// position on that input, as the engine stamps it before a node runs.
func inputItems(ctx nodes.ExecuteContext, input int) []nodes.Item {
	in := ctx.InputData(input)
	out := make([]nodes.Item, len(in))
	for i, it := range in {
		it.PairedItem = nodes.One(nodes.Paired(i, input))
		out[i] = it
	}
	return out
}

// pairedAll returns a pairedItem list naming every index of n items on input 0.
func pairedAll(n int) nodes.PairedItems {
	p := nodes.PairedItems{Items: make([]nodes.PairedItem, n), List: true}
	for i := range n {
		p.Items[i] = nodes.PairedItem{Item: i}
	}
	return p
}

// pairedList flattens items' lineage into one list (n8n's
// preparePairedItemDataArray over several items).
func pairedList(items ...nodes.Item) nodes.PairedItems {
	p := nodes.PairedItems{Items: []nodes.PairedItem{}, List: true}
	for _, it := range items {
		p.Items = append(p.Items, it.PairedItem.Items...)
	}
	return p
}

// versionOf returns the node's typeVersion.
func versionOf(ctx nodes.ExecuteContext) float64 { return ctx.Node().TypeVersion }
