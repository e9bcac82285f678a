package core

import (
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// setOptions are the Set node's options for one item.
type setOptions struct {
	include                string
	dotNotation            bool
	ignoreConversionErrors bool
	// includeBinary / stripBinary as stored (nil when absent: n8n does not
	// apply collection option defaults).
	includeBinary any
	stripBinary   any
}

// executeSet runs Edit Fields (Set) v3.x (n8n's SetV2.execute).
func executeSet(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	items := ctx.InputData(0)
	version := ctx.Node().TypeVersion
	mode, err := paramString(ctx, "mode", 0, "manual")
	if err != nil {
		return nil, itemError(ctx, err, 0, "")
	}
	duplicateItem, err := paramBool(ctx, "duplicateItem", 0, false)
	if err != nil {
		return nil, itemError(ctx, err, 0, "")
	}

	// Raw expressions kept for per-item substitution into JSON.
	var rawJSON *string
	rawObjects := map[string]string{}
	if mode == "raw" {
		if v, ok := ctx.RawParam("jsonOutput"); ok {
			if s, ok := v.(string); ok && strings.HasPrefix(s, "=") {
				s = strings.TrimLeft(s, "=")
				rawJSON = &s
			}
		}
	} else if v, ok := ctx.RawParam("fields.values"); ok {
		entries, _ := v.([]any)
		for _, e := range entries {
			m, _ := e.(map[string]any)
			if m == nil || m["type"] != "objectValue" {
				continue
			}
			name, _ := m["name"].(string)
			if s, ok := m["objectValue"].(string); ok && strings.HasPrefix(s, "=") {
				rawObjects[name] = strings.TrimLeft(s, "=")
			}
		}
	}

	var plan *assignmentPlan
	if mode != "raw" && version >= 3.3 {
		plan = newAssignmentPlan(ctx)
	}
	out := make([]nodes.Item, 0, len(items))
	for i := range items {
		if err := ctx.Context().Err(); err != nil {
			return nil, err
		}
		item, err := setItem(ctx, items[i], i, version, mode, rawJSON, rawObjects, plan)
		if err != nil {
			if ctx.ContinueOnFail() {
				item = nodes.Item{JSON: map[string]any{"error": errorMessage(err)}, PairedItem: nodes.One(nodes.Paired(i, 0))}
			} else {
				return nil, itemError(ctx, err, i, "")
			}
		}
		if duplicateItem && ctx.Mode() == "manual" {
			count, err := ctx.Param("duplicateCount", 0, 0)
			if err != nil {
				return nil, itemError(ctx, err, 0, "")
			}
			n, _ := jsNumber(count)
			for j := 0; j <= int(n); j++ {
				out = append(out, item)
			}
			continue
		}
		out = append(out, item)
	}
	return nodes.Outputs{out}, nil
}

// setItem builds the output item for input item i.
func setItem(ctx nodes.ExecuteContext, in nodes.Item, i int, version float64, mode string, rawJSON *string, rawObjects map[string]string, plan *assignmentPlan) (nodes.Item, error) {
	includeOther, err := paramBool(ctx, "includeOtherFields", i, false)
	if err != nil {
		return nodes.Item{}, err
	}
	include, err := paramString(ctx, "include", i, includeAll)
	if err != nil {
		return nodes.Item{}, err
	}
	om, err := paramMap(ctx, "options", i)
	if err != nil {
		return nodes.Item{}, err
	}
	opts := setOptions{
		include:                include,
		dotNotation:            om["dotNotation"] != false,
		ignoreConversionErrors: jsvalue.Truthy(om["ignoreConversionErrors"]),
		includeBinary:          om["includeBinary"],
		stripBinary:            om["stripBinary"],
	}
	if version >= 3.3 && !includeOther {
		opts.include = includeNone
	}
	var fields []setField
	var binaries []binaryField
	switch mode {
	case "raw":
		obj, err := setRawFields(ctx, i, rawJSON)
		if err != nil {
			return nodes.Item{}, err
		}
		fields = objectFields(obj)
	default:
		if version < 3.3 {
			fields, err = setFieldsV3(ctx, i, version, opts, rawObjects)
		} else {
			fields, binaries, err = setAssignments(ctx, in, i, version, opts, plan)
		}
		if err != nil {
			return nodes.Item{}, err
		}
	}
	out, err := composeReturnItem(ctx, i, in, fields, opts, version)
	if err != nil || len(binaries) == 0 {
		return out, err
	}
	merged := make(map[string]*nodes.BinaryData, len(out.Binary)+len(binaries))
	for k, v := range out.Binary {
		merged[k] = v
	}
	for _, b := range binaries {
		merged[b.name] = b.data
	}
	out.Binary = merged
	return out, nil
}

// setField is one name/value pair to write, in order.
type setField struct {
	name  string
	value any
}

func objectFields(m map[string]any) []setField {
	keys := sortedJSKeys(m)
	out := make([]setField, 0, len(keys))
	for _, k := range keys {
		out = append(out, setField{k, m[k]})
	}
	return out
}

// composeReturnItem is n8n's composeReturnItem: the kept input fields,
// then the new fields written with or without dot notation.
func composeReturnItem(ctx nodes.ExecuteContext, i int, in nodes.Item, fields []setField, o setOptions, version float64) (nodes.Item, error) {
	out := nodes.Item{PairedItem: nodes.One(nodes.Paired(i, 0))}
	includeBinary := (version >= 3.4 && !jsvalue.Truthy(o.stripBinary) && o.include != includeNone) ||
		(version < 3.4 && jsvalue.Truthy(o.includeBinary))
	if includeBinary && in.Binary != nil {
		out.Binary = make(map[string]*nodes.BinaryData, len(in.Binary))
		for k, v := range in.Binary {
			out.Binary[k] = v
		}
	}
	h := fieldHelper{dotNotation: o.dotNotation}
	inJSON := in.Object()
	if inJSON == nil {
		inJSON = map[string]any{}
	}
	var obj map[string]any
	switch o.include {
	case includeAll:
		obj = jsvalue.Clone(inJSON).(map[string]any)
	case includeSelected:
		obj = map[string]any{}
		list, err := paramString(ctx, "includeFields", i, "")
		if err != nil {
			return nodes.Item{}, err
		}
		for _, key := range splitFieldList(list) {
			v, ok := h.get(inJSON, key)
			if !ok {
				v = undefined
			}
			target := key
			if o.dotNotation && strings.Contains(key, ".") {
				target = key[strings.LastIndex(key, ".")+1:]
			}
			h.set(obj, target, jsvalue.Clone(v))
		}
	case includeExcept:
		list, err := paramString(ctx, "excludeFields", i, "")
		if err != nil {
			return nodes.Item{}, err
		}
		obj = jsvalue.Clone(inJSON).(map[string]any)
		for _, key := range splitFieldList(list) {
			h.unset(obj, key)
		}
	case includeNone:
		obj = map[string]any{}
	default:
		return nodes.Item{}, userErrorf("", "The include option \"%s\" is not known!", o.include)
	}
	for _, f := range fields {
		// Values may be maps or slices shared with input items (an
		// expression's $json.x): copy them so later writes stay local.
		h.set(obj, f.name, jsvalue.Clone(f.value))
	}
	nodes.SetKeyOrder(obj, outputKeyOrder(obj, inJSON, fields, o))
	out.JSON = obj
	return out, nil
}

// outputKeyOrder is the key order JavaScript gives the output object: the
// kept input keys in their order, then the assigned top-level keys in
// assignment order (n8n builds the item by copying, then setting).
func outputKeyOrder(obj, in map[string]any, fields []setField, o setOptions) []string {
	order := make([]string, 0, len(obj))
	seen := make(map[string]bool, len(obj))
	add := func(k string) {
		if _, ok := obj[k]; ok && !seen[k] {
			seen[k] = true
			order = append(order, k)
		}
	}
	if o.include == includeAll || o.include == includeExcept {
		for _, k := range nodes.Keys(in) {
			add(k)
		}
	}
	for _, f := range fields {
		top := f.name
		if o.dotNotation {
			if i := strings.IndexAny(top, ".["); i > 0 {
				top = top[:i]
			}
		}
		add(top)
	}
	return order
}

// splitFieldList splits a comma-separated field list, trimming blanks.
func splitFieldList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
