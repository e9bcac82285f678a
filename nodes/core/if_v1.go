package core

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// ifV1Description is n8n's If v1 description: typed condition lists
// (boolean, dateTime, number, string) combined with ALL or ANY.
func ifV1Description() *nodes.Description {
	return v1ConditionsDescription("If", "n8n-nodes-base.if", "node:if", "Route items to different branches (true/false)",
		map[string]any{"name": "If", "color": "#408000"}, 2, []string{"true", "false"},
		&nodes.Property{DisplayName: "Combine", Name: "combineOperation", Type: nodes.TypeOptions, Default: "all",
			Description: "If multiple rules got set this settings decides if it is true as soon as ANY condition matches or only if ALL get meet",
			Options: []*nodes.Property{
				{Name: "ALL", Value: "all", Description: `Only if all conditions are met it goes into "true" branch`},
				{Name: "ANY", Value: "any", Description: `If any of the conditions is met it goes into "true" branch`},
			}})
}

// filterV1Description is n8n's Filter v1: If v1's conditions, combined
// with AND or OR, returning [kept, discarded].
func filterV1Description() *nodes.Description {
	return v1ConditionsDescription("Filter", "n8n-nodes-base.filter", "node:filter", "Keep only items matching a condition",
		map[string]any{"name": "Filter", "color": "#229eff"}, 1, []string{"Kept", "Discarded"},
		&nodes.Property{DisplayName: "Combine Conditions", Name: "combineConditions", Type: nodes.TypeOptions, Default: "AND",
			Description: "How to combine the conditions: AND requires all conditions to be true, OR requires at least one condition to be true",
			Options: []*nodes.Property{
				{Name: "AND", Value: "AND", Description: "Items are passed to the next node only if they meet all the conditions"},
				{Name: "OR", Value: "OR", Description: "Items are passed to the next node if they meet at least one condition"},
			}})
}

// v1ConditionsDescription builds the If v1 / Filter v1 description.
func v1ConditionsDescription(display, name, icon, description string, defaults map[string]any, outputs int, outputNames []string, combine *nodes.Property) *nodes.Description {
	group := func(name, display, typ string, def any, ops []*nodes.Property, opDefault string, value2 []*nodes.Property, noData bool) *nodes.Property {
		values := []*nodes.Property{
			{DisplayName: "Value 1", Name: "value1", Type: typ, Default: def, Description: "The value to compare with the second one"},
			{DisplayName: "Operation", Name: "operation", Type: nodes.TypeOptions, NoDataExpression: noData, Options: ops, Default: opDefault,
				Description: "Operation to decide where the data should be mapped to"},
		}
		return &nodes.Property{Name: name, DisplayName: display, Values: append(values, value2...)}
	}
	value2 := func(typ string, def any, d *nodes.DisplayOptions) *nodes.Property {
		return &nodes.Property{DisplayName: "Value 2", Name: "value2", Type: typ, Default: def, DisplayOptions: d, Description: "The value to compare with the first one"}
	}
	ops := func(pairs ...string) []*nodes.Property {
		var out []*nodes.Property
		for i := 0; i+1 < len(pairs); i += 2 {
			out = append(out, option(pairs[i], pairs[i+1], ""))
		}
		return out
	}
	return &nodes.Description{
		DisplayName:    display,
		Name:           name,
		Icon:           icon,
		Group:          []string{"transform"},
		Version:        nodes.Versions{1},
		DefaultVersion: 2.3,
		Description:    description,
		Defaults:       defaults,
		Inputs:         mainPorts(1),
		Outputs:        mainPorts(outputs),
		OutputNames:    outputNames,
		Properties: []*nodes.Property{
			{DisplayName: "Conditions", Name: "conditions", Placeholder: "Add Condition", Type: nodes.TypeFixedCollection,
				TypeOptions: map[string]any{"multipleValues": true, "sortable": true}, Description: "The type of values to compare", Default: map[string]any{},
				Options: []*nodes.Property{
					group("boolean", "Boolean", nodes.TypeBoolean, false, ops("Equal", "equal", "Not Equal", "notEqual"), "equal",
						[]*nodes.Property{value2(nodes.TypeBoolean, false, nil)}, false),
					group("dateTime", "Date & Time", nodes.TypeDateTime, "", ops("Occurred After", "after", "Occurred Before", "before"), "after",
						[]*nodes.Property{value2(nodes.TypeDateTime, "", nil)}, false),
					group("number", "Number", nodes.TypeNumber, 0, ops("Smaller", "smaller", "Smaller or Equal", "smallerEqual", "Equal", "equal",
						"Not Equal", "notEqual", "Larger", "larger", "Larger or Equal", "largerEqual", "Is Empty", "isEmpty", "Is Not Empty", "isNotEmpty"), "smaller",
						[]*nodes.Property{value2(nodes.TypeNumber, 0, hide("operation", list("isEmpty", "isNotEmpty")))}, true),
					group("string", "String", nodes.TypeString, "", ops("Contains", "contains", "Not Contains", "notContains", "Ends With", "endsWith",
						"Not Ends With", "notEndsWith", "Equal", "equal", "Not Equal", "notEqual", "Regex Match", "regex", "Regex Not Match", "notRegex",
						"Starts With", "startsWith", "Not Starts With", "notStartsWith", "Is Empty", "isEmpty", "Is Not Empty", "isNotEmpty"), "equal",
						[]*nodes.Property{
							value2(nodes.TypeString, "", hide("operation", list("isEmpty", "isNotEmpty", "regex", "notRegex"))),
							{DisplayName: "Regex", Name: "value2", Type: nodes.TypeString, Default: "", Placeholder: "/text/i",
								Description: "The regex which has to match", DisplayOptions: show("operation", list("regex", "notRegex"))},
						}, true),
				}},
			combine,
		},
	}
}

// executeIfV1 routes items by the v1 condition lists.
func executeIfV1(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	return executeV1Conditions(ctx, "combineOperation", "all", "any")
}

// executeFilterV1 keeps items by the v1 condition lists.
func executeFilterV1(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	return executeV1Conditions(ctx, "combineConditions", "AND", "OR")
}

// executeV1Conditions evaluates If v1 / Filter v1 conditions per item:
// allOp needs every condition, anyOp one.
func executeV1Conditions(ctx nodes.ExecuteContext, combineParam, allOp, anyOp string) (nodes.Outputs, error) {
	items := ctx.InputData(0)
	trueItems, falseItems := []nodes.Item{}, []nodes.Item{}
	name := ctx.Node().Name
itemLoop:
	for i, item := range items {
		combine, err := paramString(ctx, combineParam, i, allOp)
		if err != nil {
			return nil, itemError(ctx, err, i, "")
		}
		for _, dataType := range []string{"boolean", "dateTime", "number", "string"} {
			v, err := ctx.Param("conditions."+dataType, i, []any{})
			if err != nil {
				return nil, itemError(ctx, err, i, "")
			}
			conds, _ := v.([]any)
			for _, c := range conds {
				cm, _ := c.(map[string]any)
				v1, v2 := cm["value1"], cm["value2"]
				if dataType == "dateTime" {
					if v1, err = v1DateTime(v1); err != nil {
						return nil, nodes.NewOperationError(name, err.Error())
					}
					if v2, err = v1DateTime(v2); err != nil {
						return nil, nodes.NewOperationError(name, err.Error())
					}
				}
				op, _ := cm["operation"].(string)
				ok, err := v1Compare(op, v1, v2)
				if err != nil {
					// A JavaScript TypeError in n8n: not a node error.
					return nil, err
				}
				if ok && combine == anyOp {
					trueItems = append(trueItems, item)
					continue itemLoop
				}
				if !ok && combine == allOp {
					falseItems = append(falseItems, item)
					continue itemLoop
				}
			}
		}
		if combine == allOp {
			trueItems = append(trueItems, item)
		} else {
			falseItems = append(falseItems, item)
		}
	}
	return nodes.Outputs{trueItems, falseItems}, nil
}

// v1DateTime is IfV1's convertDateTime: strings through JavaScript's Date
// parser, numbers as epoch milliseconds.
func v1DateTime(v any) (any, error) {
	if s, ok := v.(string); ok {
		if t, ok := jsDate(s); ok {
			return float64(t.UnixMilli()), nil
		}
	} else if f, ok := jsvalue.ToFloat(v); ok && !math.IsNaN(f) {
		return f, nil
	}
	return nil, fmt.Errorf("The value \"%s\" is not a valid DateTime.", jsStringUndefined(v))
}

// jsDate parses s as new Date(s) does: ISO dates alone in UTC, ISO date
// times without an offset in local time, then the lenient formats.
func jsDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "T") {
		if t, ok := parseISO(s, time.UTC); ok && isoDateRe.MatchString(s) {
			return t, true
		}
	}
	if t, ok := parseISO(s, localZone); ok {
		return t, true
	}
	for _, layout := range httpLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return jsDateParse(s)
}

// jsStringUndefined is String(v) where a missing value is undefined.
func jsStringUndefined(v any) string {
	if v == nil {
		return "undefined"
	}
	return jsString(v)
}

// v1Compare runs one IfV1 compare operation with JavaScript semantics.
func v1Compare(op string, v1, v2 any) (bool, error) {
	orZero := func(v any) any {
		if !jsvalue.Truthy(v) {
			return float64(0)
		}
		return v
	}
	orEmpty := func(v any) string {
		if !jsvalue.Truthy(v) {
			return ""
		}
		return jsString(v)
	}
	str := func(v any, method string) (string, error) {
		s, ok := v.(string)
		if !ok {
			if v == nil {
				return "", fmt.Errorf("Cannot read properties of undefined (reading '%s')", method)
			}
			return "", fmt.Errorf("value1.%s is not a function", method)
		}
		return s, nil
	}
	switch op {
	case "after", "larger":
		return jsLess(orZero(v2), orZero(v1)), nil
	case "before", "smaller":
		return jsLess(orZero(v1), orZero(v2)), nil
	case "largerEqual":
		return jsLessEqual(orZero(v2), orZero(v1)), nil
	case "smallerEqual":
		return jsLessEqual(orZero(v1), orZero(v2)), nil
	case "contains":
		return strings.Contains(orEmpty(v1), orEmpty(v2)), nil
	case "notContains":
		return !strings.Contains(orEmpty(v1), orEmpty(v2)), nil
	case "endsWith", "notEndsWith", "startsWith", "notStartsWith":
		method := strings.TrimPrefix(op, "not")
		method = strings.ToLower(method[:1]) + method[1:]
		s, err := str(v1, method)
		if err != nil {
			return false, err
		}
		suffix := jsStringUndefined(v2)
		var ok bool
		if method == "endsWith" {
			ok = strings.HasSuffix(s, suffix)
		} else {
			ok = strings.HasPrefix(s, suffix)
		}
		return ok == !strings.HasPrefix(op, "not"), nil
	case "equal":
		return jsStrictEquals(v1, v2), nil
	case "notEqual":
		return !jsStrictEquals(v1, v2), nil
	case "isEmpty":
		return v1IsEmpty(v1), nil
	case "isNotEmpty":
		return !v1IsEmpty(v1), nil
	case "regex", "notRegex":
		ok, err := regexTest(orEmpty(v2), orEmpty(v1))
		if err != nil {
			return false, err
		}
		return ok == (op == "regex"), nil
	}
	return false, fmt.Errorf("compareOperationFunctions[compareData.operation] is not a function")
}

func v1IsEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case map[string]any:
		return len(x) == 0
	case []any:
		return len(x) == 0
	}
	if f, ok := jsvalue.ToFloat(v); ok {
		return math.IsNaN(f)
	}
	return false
}

// jsPrimitive is ToPrimitive for JSON-like values.
func jsPrimitive(v any) any {
	switch v.(type) {
	case []any, map[string]any:
		return jsString(v)
	}
	return v
}

// jsLess is JavaScript's a < b.
func jsLess(a, b any) bool {
	a, b = jsPrimitive(a), jsPrimitive(b)
	as, aok := a.(string)
	bs, bok := b.(string)
	if aok && bok {
		return utf16Less(as, bs)
	}
	af, aok := relationalNumber(a)
	bf, bok := relationalNumber(b)
	return aok && bok && af < bf
}

// jsLessEqual is JavaScript's a <= b.
func jsLessEqual(a, b any) bool {
	a, b = jsPrimitive(a), jsPrimitive(b)
	as, aok := a.(string)
	bs, bok := b.(string)
	if aok && bok {
		return !utf16Less(bs, as)
	}
	af, aok := relationalNumber(a)
	bf, bok := relationalNumber(b)
	return aok && bok && af <= bf
}

// utf16Less compares strings by UTF-16 code units, as JavaScript does.
func utf16Less(a, b string) bool {
	ar, br := []rune(a), []rune(b)
	key := func(r rune) []uint16 {
		if r >= 0x10000 {
			r -= 0x10000
			return []uint16{uint16(0xD800 + (r >> 10)), uint16(0xDC00 + (r & 0x3FF))}
		}
		return []uint16{uint16(r)}
	}
	var au, bu []uint16
	for _, r := range ar {
		au = append(au, key(r)...)
	}
	for _, r := range br {
		bu = append(bu, key(r)...)
	}
	for i := 0; i < len(au) && i < len(bu); i++ {
		if au[i] != bu[i] {
			return au[i] < bu[i]
		}
	}
	return len(au) < len(bu)
}
