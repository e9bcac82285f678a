package files

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// param reads a parameter for item, wrapping failures with node, parameter
// and item.
func param(ctx nodes.ExecuteContext, name string, item int, def any) (any, error) {
	v, err := ctx.Param(name, item, def)
	if err != nil {
		return nil, fmt.Errorf("node %q: parameter %q (item %d): %w", ctx.Node().Name, name, item, err)
	}
	return v, nil
}

// paramString reads a string parameter; other scalars are rendered as JS does.
func paramString(ctx nodes.ExecuteContext, name string, item int, def string) (string, error) {
	v, err := param(ctx, name, item, def)
	if err != nil {
		return "", err
	}
	if v == nil {
		return def, nil
	}
	return jsString(v), nil
}

// paramBool reads a boolean parameter.
func paramBool(ctx nodes.ExecuteContext, name string, item int, def bool) (bool, error) {
	v, err := param(ctx, name, item, def)
	if err != nil {
		return false, err
	}
	return truthyOr(v, def), nil
}

// paramNumber reads a number parameter.
func paramNumber(ctx nodes.ExecuteContext, name string, item int, def float64) (float64, error) {
	v, err := param(ctx, name, item, def)
	if err != nil {
		return 0, err
	}
	switch t := v.(type) {
	case float64:
		return t, nil
	case int:
		return float64(t), nil
	case string:
		if f, err := strconv.ParseFloat(strings.TrimSpace(t), 64); err == nil {
			return f, nil
		}
		return 0, fmt.Errorf("node %q: parameter %q (item %d): %q is not a number", ctx.Node().Name, name, item, t)
	}
	return def, nil
}

// paramMap reads a collection parameter ({} when absent).
func paramMap(ctx nodes.ExecuteContext, name string, item int) (opts, error) {
	v, err := param(ctx, name, item, map[string]any{})
	if err != nil {
		return nil, err
	}
	m, _ := v.(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	return opts(m), nil
}

// opts is a resolved collection parameter.
type opts map[string]any

// str returns the option as a string, def when unset.
func (o opts) str(key, def string) string {
	v, ok := o[key]
	if !ok || v == nil {
		return def
	}
	return jsString(v)
}

// boolean returns the option's truthiness, def when unset.
func (o opts) boolean(key string, def bool) bool {
	v, ok := o[key]
	if !ok {
		return def
	}
	return truthyOr(v, def)
}

// has reports whether the option is set.
func (o opts) has(key string) bool {
	_, ok := o[key]
	return ok
}

func truthyOr(v any, def bool) bool {
	switch t := v.(type) {
	case nil:
		return def
	case bool:
		return t
	case string:
		if t == "true" {
			return true
		}
		if t == "false" {
			return false
		}
		return t != ""
	case float64:
		return t != 0 && !math.IsNaN(t)
	}
	return true
}

// jsString renders a value as JavaScript's String() does; other Go
// values render with fmt.
func jsString(v any) string {
	return jsvalue.StringWith(v, func(x any) string { return fmt.Sprint(x) })
}

// jsNumber formats a float as JavaScript's Number#toString does.
func jsNumber(f float64) string { return jsvalue.FormatNumber(f) }

// itemFailure turns an error for item i into n8n's continue-on-fail item,
// or into the node error to return. ok is true when the run continues.
func itemFailure(ctx nodes.ExecuteContext, i int, err error) (nodes.Item, error) {
	if ctx.ContinueOnFail() {
		return nodes.Item{JSON: map[string]any{"error": errorMessage(err)}, PairedItem: nodes.One(nodes.Paired(i, 0))}, nil
	}
	return nodes.Item{}, asItemError(ctx, i, err)
}

// asItemError makes err a NodeOperationError of the node carrying item i.
func asItemError(ctx nodes.ExecuteContext, i int, err error) error {
	var ne *nodes.NodeError
	if errors.As(err, &ne) {
		return ne
	}
	return nodes.NewOperationError(ctx.Node().Name, err.Error()).WithItem(i)
}

// errorMessage is the message n8n shows for err (a NodeError's own message).
func errorMessage(err error) string {
	var ne *nodes.NodeError
	if errors.As(err, &ne) {
		return ne.Message
	}
	return err.Error()
}

// paired is the lineage of output items made from item i.
func paired(i int) nodes.PairedItems { return nodes.One(nodes.Paired(i, 0)) }

// pairedAll is n8n's generatePairedItemData(n): one entry per input item.
func pairedAll(n int) nodes.PairedItems {
	items := make([]nodes.PairedItem, n)
	for i := range items {
		items[i] = nodes.Paired(i, 0)
	}
	return nodes.PairedItems{Items: items, List: true}
}
