package core

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// setAssignments reads the v3.3+ assignments of item i and validates each
// value against its type (n8n's prepareReturnItem).
// plan, when not nil, evaluates only the expressions of the stored
// parameter (see assignmentPlan); the result is the same.
func setAssignments(ctx nodes.ExecuteContext, in nodes.Item, i int, version float64, o setOptions, plan *assignmentPlan) ([]setField, []binaryField, error) {
	var list []any
	var vals assignmentValues
	ok := false
	if plan != nil {
		vals, ok = plan.resolve(ctx, i)
		list = plan.list
	}
	if !ok {
		v, err := ctx.Param("assignments", i, map[string]any{})
		if err != nil {
			return nil, nil, err
		}
		coll, _ := v.(map[string]any)
		list, _ = coll["assignments"].([]any)
		vals = assignmentValues{}
	}
	var binaries []binaryField
	fields := make([]setField, 0, len(list))
	for j, raw := range list {
		a, _ := raw.(map[string]any)
		if a == nil {
			continue
		}
		name := jsStringOrEmpty(vals.get(j, a, "name"))
		typ := jsStringOrEmpty(vals.get(j, a, "type"))
		if typ == "" {
			typ = "string"
		}
		value := vals.get(j, a, "value")
		if typ == "binary" {
			data, err := assertBinaryData(in, i, value)
			if err != nil {
				return nil, nil, err
			}
			binaries = append(binaries, binaryField{name, data})
			continue
		}
		name, value, err := validateEntry(name, typ, value, i, o.ignoreConversionErrors, version)
		if err != nil {
			return nil, nil, err
		}
		fields = appendField(fields, name, value)
	}
	return fields, binaries, nil
}

// binaryField is a binary assignment: an entry of the output's binary map.
type binaryField struct {
	name string
	data *nodes.BinaryData
}

// assertBinaryData is n8n's assertBinaryData (separate binary mode): the
// value names a binary property of the input item, or is binary data.
func assertBinaryData(in nodes.Item, i int, value any) (*nodes.BinaryData, error) {
	if m, ok := value.(map[string]any); ok && isBinaryValue(m) {
		var bd nodes.BinaryData
		b, _ := json.Marshal(m)
		if err := json.Unmarshal(b, &bd); err != nil {
			return nil, err
		}
		return &bd, nil
	}
	name, ok := value.(string)
	if !ok {
		return nil, userErrorf(`Specify the property name of the binary data in input item or use an expression to access the binary data in previous nodes, e.g. "{{ $(_target_node_).item.binary[_binary_property_name_] }}"`,
			"Provided parameter is not a string or binary data object.")
	}
	if in.Binary == nil {
		return nil, userErrorf("Make sure that the previous node outputs a binary file",
			"This operation expects the node's input data to contain a binary file '%s', but none was found [item %d]", name, i)
	}
	bd, ok := in.Binary[name]
	if !ok || bd == nil {
		return nil, userErrorf("Check that the parameter where you specified the input binary field name is correct, and that it matches a field in the binary input",
			"The item has no binary field '%s' [item %d]", name, i)
	}
	return bd, nil
}

// appendField adds a field, replacing an earlier one of the same name in
// place (as Object.fromEntries does).
func appendField(fields []setField, name string, value any) []setField {
	for k := range fields {
		if fields[k].name == name {
			fields[k].value = value
			return fields
		}
	}
	return append(fields, setField{name, value})
}

func jsStringOrEmpty(v any) string {
	if v == nil {
		return ""
	}
	return jsString(v)
}

// setFieldsV3 reads the v3.0–3.2 fields.values list of item i.
func setFieldsV3(ctx nodes.ExecuteContext, i int, version float64, o setOptions, rawObjects map[string]string) ([]setField, error) {
	v, err := ctx.Param("fields.values", i, []any{})
	if err != nil {
		return nil, err
	}
	entries, _ := v.([]any)
	fields := make([]setField, 0, len(entries))
	for _, raw := range entries {
		e, _ := raw.(map[string]any)
		if e == nil {
			continue
		}
		name := jsStringOrEmpty(e["name"])
		typ := jsStringOrEmpty(e["type"])
		if typ == "" {
			typ = "stringValue"
		}
		value := e[typ]
		if typ == "objectValue" && value != nil {
			if rawExpr, ok := rawObjects[name]; ok {
				resolved, err := resolveRawData(ctx, rawExpr, i)
				if err != nil {
					return nil, err
				}
				obj, err := parseJSONParameter(resolved, i, name)
				if err != nil {
					return nil, err
				}
				value = obj
			}
		}
		name, value, err := validateEntry(name, strings.TrimSuffix(typ, "Value"), value, i, o.ignoreConversionErrors, version)
		if err != nil {
			return nil, err
		}
		fields = appendField(fields, name, value)
	}
	return fields, nil
}

// validateEntry is n8n's Set validateEntry: the value converted to the
// field's type, or the "'x' expects a number but we got 'y' [item i]" error.
func validateEntry(name, typ string, value any, i int, ignoreErrors bool, version float64) (string, any, error) {
	if version >= 3.2 && value == nil {
		return name, nil, nil
	}
	description := func() string {
		return fmt.Sprintf("To fix the error try to change the type for the field \"%s\" or activate the option “Ignore Type Conversion Errors” to apply a less strict type validation", name)
	}
	if typ == "string" {
		switch {
		case version > 3 && value == nil:
			if ignoreErrors {
				return name, nil, nil
			}
			// n8n's getValueDescription(undefined): an unset value.
			return "", nil, userErrorf(description(), "'%s' expects a %s but we got 'undefined' [item %d]", name, typ, i).withoutItem()
		case value == nil:
			// Expressions hand over undefined for unset fields.
			value = "undefined"
		case jsTypeof(value) == "object":
			value = jsonStringify(value)
		default:
			if _, isString := value.(string); !isString {
				value = jsString(value)
			}
		}
	}
	r := validateFieldType(name, value, typ, validateOptions{})
	if !r.Valid {
		if ignoreErrors {
			return name, value, nil
		}
		return "", nil, userErrorf(description(), "%s [item %d]", r.Message, i)
	}
	return name, r.NewValue, nil
}

var intKeyRe = regexp.MustCompile(`^(0|[1-9][0-9]*)$`)

// sortedJSKeys orders object keys as JavaScript enumerates a parsed object
// whose insertion order is unknown: integer keys ascending, then the rest
// sorted.
func sortedJSKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		ia, ib := intKeyRe.MatchString(keys[a]), intKeyRe.MatchString(keys[b])
		if ia != ib {
			return ia
		}
		if ia {
			na, _ := strconv.ParseUint(keys[a], 10, 64)
			nb, _ := strconv.ParseUint(keys[b], 10, 64)
			return na < nb
		}
		return keys[a] < keys[b]
	})
	return keys
}
