package core

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/dlclark/regexp2/v2"

	"github.com/noderun/noderun/internal/jsvalue"
)

// This file ports n8n-workflow's filter-parameter.ts: the "filter" parameter
// type that If v2, Filter v2 and Switch v3 evaluate per item.

// filterValue is n8n's FilterValue: conditions joined by a combinator.
type filterValue struct {
	Conditions []filterCondition
	Combinator string
	Options    filterOptions
}

// filterOptions are the stored filter options. Absent options behave as in
// n8n: case-insensitive, loose validation, version 1.
type filterOptions struct {
	CaseSensitive  bool
	TypeValidation string
	Version        float64
}

// filterCondition is one condition of a filter value.
type filterCondition struct {
	ID         string
	LeftValue  any
	RightValue any
	Operator   filterOperator
}

// filterOperator is a condition's operator.
type filterOperator struct {
	Type        string
	Operation   string
	SingleValue bool
	RightType   string
}

// filterError is n8n's FilterError: a type problem in one condition.
type filterError struct {
	Message     string
	Description string
}

func (e *filterError) Error() string { return e.Message }

// parseFilterValue reads a resolved filter parameter ({conditions,
// combinator, options}).
func parseFilterValue(v any) (*filterValue, error) {
	m, ok := v.(map[string]any)
	if !ok {
		if v == nil {
			return &filterValue{Combinator: "and", Options: filterOptions{Version: 1}}, nil
		}
		return nil, fmt.Errorf("filter value is %s, not an object", jsTypeof(v))
	}
	fv := &filterValue{Combinator: "and", Options: filterOptions{Version: 1}}
	if c, ok := m["combinator"].(string); ok {
		fv.Combinator = c
	}
	if o, ok := m["options"].(map[string]any); ok {
		fv.Options.CaseSensitive = jsvalue.Truthy(o["caseSensitive"])
		fv.Options.TypeValidation, _ = o["typeValidation"].(string)
		if n, ok := jsvalue.ToFloat(o["version"]); ok && n != 0 {
			fv.Options.Version = n
		}
	}
	conds, _ := m["conditions"].([]any)
	for i, raw := range conds {
		cm, ok := raw.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("filter condition %d is %s, not an object", i, jsTypeof(raw))
		}
		c := filterCondition{LeftValue: cm["leftValue"], RightValue: cm["rightValue"]}
		c.ID, _ = cm["id"].(string)
		if op, ok := cm["operator"].(map[string]any); ok {
			c.Operator.Type, _ = op["type"].(string)
			c.Operator.Operation, _ = op["operation"].(string)
			c.Operator.SingleValue = jsvalue.Truthy(op["singleValue"])
			c.Operator.RightType, _ = op["rightType"].(string)
		}
		fv.Conditions = append(fv.Conditions, c)
	}
	return fv, nil
}

// execute evaluates the filter for item itemIndex (n8n's executeFilter).
// zone is the default zone for date strings without an offset.
func (fv *filterValue) execute(itemIndex int, zone *time.Location) (bool, error) {
	switch fv.Combinator {
	case "and":
		for i := range fv.Conditions {
			ok, err := fv.Conditions[i].execute(fv.Options, i, itemIndex, zone)
			if err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	case "or":
		for i := range fv.Conditions {
			ok, err := fv.Conditions[i].execute(fv.Options, i, itemIndex, zone)
			if err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	}
	return false, nil
}

func withIndefiniteArticle(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

// parseSingleFilterValue converts one side of a condition to the
// operator's type.
func parseSingleFilterValue(v any, typ string, strict bool, version float64, zone *time.Location) validation {
	if typ == "any" || v == nil {
		return validation{Valid: true, NewValue: v}
	}
	if typ == "boolean" && !strict {
		if version >= 2 {
			if r := validateFieldType("filter", v, typ, validateOptions{}); r.Valid {
				return r
			}
		}
		return validation{Valid: true, NewValue: jsvalue.Truthy(v)}
	}
	if typ == "number" && version >= 3 {
		if s, ok := v.(string); ok && strings.TrimFunc(s, jsvalue.IsWhitespace) == "" {
			return validation{Valid: true}
		}
		if a, ok := v.([]any); ok && len(a) == 0 {
			return validation{Valid: true}
		}
	}
	return validateFieldType("filter", v, typ, validateOptions{Strict: strict, ParseStrings: true, Zone: zone})
}

// parseValues is parseFilterConditionValues: both sides converted, or a
// filterError with n8n's texts.
func (c *filterCondition) parseValues(o filterOptions, index, itemIndex int, zone *time.Location) (left, right any, err error) {
	strict := o.TypeValidation == "strict"
	rightType := c.Operator.RightType
	if rightType == "" {
		rightType = c.Operator.Type
	}
	pl := parseSingleFilterValue(c.LeftValue, c.Operator.Type, strict, o.Version, zone)
	pr := parseSingleFilterValue(c.RightValue, rightType, strict, o.Version, zone)
	leftValid := pl.Valid
	rightValid := pr.Valid || c.Operator.SingleValue
	// The message suffix is only built for an error.
	suffix := func() string { return fmt.Sprintf("[condition %d, item %d]", index, itemIndex) }
	invalidMessage := func(typ, fromType, value string) string {
		fromType = strings.ToLower(fromType)
		if strict {
			return fmt.Sprintf("Wrong type: '%s' is %s but was expecting %s %s", value, withIndefiniteArticle(fromType), withIndefiniteArticle(typ), suffix())
		}
		return fmt.Sprintf("Conversion error: the %s '%s' can't be converted to %s %s", fromType, value, withIndefiniteArticle(typ), suffix())
	}
	typeDescription := func() string {
		if strict {
			return "Try changing the type of comparison. Alternatively you can enable 'Convert types where required'."
		}
		return "Try changing the type of the comparison."
	}
	invalidDescription := func(typ, position string) string {
		fn := ""
		switch typ {
		case "string":
			fn = ".toString()"
		case "number":
			fn = ".toNumber()"
		case "boolean":
			fn = ".toBoolean()"
		}
		if strict && fn != "" {
			return "\n<p>Try either:</p>\n<ol>\n  <li>Enabling 'Convert types where required'</li>\n  <li>Converting the " +
				position + " field to " + withIndefiniteArticle(typ) + " by adding <code>" + fn + "</code></li>\n</ol>\n\t\t\t"
		}
		return typeDescription()
	}
	switch {
	case !leftValid && !rightValid && jsTypeof(c.LeftValue) == jsTypeof(c.RightValue):
		return nil, nil, &filterError{
			Message:     fmt.Sprintf("Comparison type expects %s but both fields are %s", withIndefiniteArticle(c.Operator.Type), withIndefiniteArticle(jsTypeof(c.LeftValue))),
			Description: typeDescription(),
		}
	case !leftValid:
		return nil, nil, &filterError{
			Message:     invalidMessage(c.Operator.Type, jsTypeof(c.LeftValue), jsString(c.LeftValue)),
			Description: invalidDescription(c.Operator.Type, "first"),
		}
	case !rightValid:
		return nil, nil, &filterError{
			Message:     invalidMessage(rightType, jsTypeof(c.RightValue), jsString(c.RightValue)),
			Description: invalidDescription(rightType, "second"),
		}
	}
	if pl.Valid {
		left = pl.NewValue
	}
	if pr.Valid {
		right = pr.NewValue
	}
	return left, right, nil
}

// execute evaluates one condition (executeFilterCondition).
func (c *filterCondition) execute(o filterOptions, index, itemIndex int, zone *time.Location) (bool, error) {
	left, right, err := c.parseValues(o, index, itemIndex, zone)
	if err != nil {
		return false, err
	}
	ignoreCase := !o.CaseSensitive
	exists := left != nil
	if f, ok := left.(float64); ok && math.IsNaN(f) {
		exists = false
	}
	op := c.Operator.Operation
	switch op {
	case "exists":
		return exists, nil
	case "notExists":
		return !exists, nil
	}
	switch c.Operator.Type {
	case "string":
		l, r := stringOperands(left, right, ignoreCase, op)
		switch op {
		case "empty":
			return len(l) == 0, nil
		case "notEmpty":
			return len(l) != 0, nil
		case "equals":
			return l == r, nil
		case "notEquals":
			return l != r, nil
		case "contains":
			return strings.Contains(l, r), nil
		case "notContains":
			return !strings.Contains(l, r), nil
		case "startsWith":
			return strings.HasPrefix(l, r), nil
		case "notStartsWith":
			return !strings.HasPrefix(l, r), nil
		case "endsWith":
			return strings.HasSuffix(l, r), nil
		case "notEndsWith":
			return !strings.HasSuffix(l, r), nil
		case "regex", "notRegex":
			ok, err := regexTest(r, l)
			if err != nil {
				return false, err
			}
			return ok == (op == "regex"), nil
		}
	case "number":
		switch op {
		case "empty":
			return !exists, nil
		case "notEmpty":
			return exists, nil
		case "equals":
			return jsStrictEquals(left, right), nil
		case "notEquals":
			return !jsStrictEquals(left, right), nil
		case "gt", "lt", "gte", "lte":
			return jsCompare(left, right, op), nil
		}
	case "dateTime":
		switch op {
		case "empty":
			return !exists, nil
		case "notEmpty":
			return exists, nil
		}
		lt, lok := left.(time.Time)
		rt, rok := right.(time.Time)
		if !lok || !rok {
			return false, nil
		}
		l, r := lt.UnixMilli(), rt.UnixMilli()
		switch op {
		case "equals":
			return l == r, nil
		case "notEquals":
			return l != r, nil
		case "after":
			return l > r, nil
		case "before":
			return l < r, nil
		case "afterOrEquals":
			return l >= r, nil
		case "beforeOrEquals":
			return l <= r, nil
		}
	case "boolean":
		switch op {
		case "empty":
			return !exists, nil
		case "notEmpty":
			return exists, nil
		case "true":
			return jsvalue.Truthy(left), nil
		case "false":
			return !jsvalue.Truthy(left), nil
		case "equals":
			return jsStrictEquals(left, right), nil
		case "notEquals":
			return !jsStrictEquals(left, right), nil
		}
	case "array":
		arr, _ := left.([]any)
		switch op {
		case "contains":
			return arrayContainsValue(arr, right, ignoreCase), nil
		case "notContains":
			return !arrayContainsValue(arr, right, ignoreCase), nil
		case "lengthEquals":
			return jsStrictEquals(float64(len(arr)), right), nil
		case "lengthNotEquals":
			return !jsStrictEquals(float64(len(arr)), right), nil
		case "lengthGt":
			return jsCompare(float64(len(arr)), right, "gt"), nil
		case "lengthLt":
			return jsCompare(float64(len(arr)), right, "lt"), nil
		case "lengthGte":
			return jsCompare(float64(len(arr)), right, "gte"), nil
		case "lengthLte":
			return jsCompare(float64(len(arr)), right, "lte"), nil
		case "empty":
			return len(arr) == 0, nil
		case "notEmpty":
			return len(arr) != 0, nil
		}
	case "object":
		switch op {
		case "empty":
			return !jsvalue.Truthy(left) || objectKeyCount(left) == 0, nil
		case "notEmpty":
			return jsvalue.Truthy(left) && objectKeyCount(left) != 0, nil
		}
	}
	// n8n logs "Unknown filter parameter operator" and fails the condition.
	return false, nil
}

// stringOperands prepares string operands (prepareStringFilterValues):
// lower-cased when ignoring case, except a regex pattern.
func stringOperands(left, right any, ignoreCase bool, op string) (string, string) {
	l, r := "", ""
	if left != nil {
		l = jsString(left)
	}
	if right != nil {
		r = jsString(right)
	}
	if ignoreCase {
		if _, ok := left.(string); ok {
			l = strings.ToLower(l)
		}
		if _, ok := right.(string); ok && op != "regex" && op != "notRegex" {
			r = strings.ToLower(r)
		}
	}
	return l, r
}

// jsStrictEquals is JavaScript's === on JSON-like values: primitives by
// value; objects and arrays are never equal.
func jsStrictEquals(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if af, ok := jsvalue.ToFloat(a); ok {
		bf, ok := jsvalue.ToFloat(b)
		return ok && af == bf
	}
	switch av := a.(type) {
	case string:
		bv, ok := b.(string)
		return ok && av == bv
	case bool:
		bv, ok := b.(bool)
		return ok && av == bv
	}
	// Objects and arrays compare by identity in JavaScript; values reaching
	// a node come from separate parameter resolutions, so two of them are
	// never the same object.
	return false
}

// jsCompare is JavaScript's relational comparison on numbers, where null
// counts as 0 and anything non-numeric compares false.
func jsCompare(a, b any, op string) bool {
	af, aok := relationalNumber(a)
	bf, bok := relationalNumber(b)
	if !aok || !bok {
		return false
	}
	switch op {
	case "gt":
		return af > bf
	case "lt":
		return af < bf
	case "gte":
		return af >= bf
	case "lte":
		return af <= bf
	}
	return false
}

func relationalNumber(v any) (float64, bool) {
	if v == nil {
		return 0, true
	}
	f, ok := jsNumber(v)
	return f, ok
}

// arrayContainsValue is n8n's arrayContainsValue (Array#includes, with an
// optional case-insensitive string match).
func arrayContainsValue(arr []any, v any, ignoreCase bool) bool {
	if s, ok := v.(string); ok && ignoreCase {
		s = strings.ToLower(s)
		for _, e := range arr {
			if es, ok := e.(string); ok && strings.ToLower(es) == s {
				return true
			}
		}
		return false
	}
	for _, e := range arr {
		if jsStrictEquals(e, v) {
			return true
		}
		// Array#includes uses SameValueZero: NaN matches NaN.
		if ef, ok := e.(float64); ok && math.IsNaN(ef) {
			if vf, ok := v.(float64); ok && math.IsNaN(vf) {
				return true
			}
		}
	}
	return false
}

func objectKeyCount(v any) int {
	switch x := v.(type) {
	case map[string]any:
		return len(x)
	case []any:
		return len(x)
	case string:
		return len([]rune(x))
	}
	return 0
}

// regexTest parses a /source/flags literal (or a bare pattern) and tests
// s against it with JavaScript regex semantics.
func regexTest(literal, s string) (bool, error) {
	source, flags := literal, ""
	if len(literal) >= 2 && literal[0] == '/' {
		if end := strings.LastIndexByte(literal, '/'); end > 0 {
			f := literal[end+1:]
			if strings.Trim(f, "gimusy") == "" {
				// n8n's /^\/(.*?)\/([gimusy]*)$/ takes the first slash that
				// is followed only by flags, which is the last one.
				source, flags = literal[1:end], f
			}
		}
	}
	opts := regexp2.ECMAScript
	if strings.ContainsRune(flags, 'i') {
		opts |= regexp2.IgnoreCase
	}
	if strings.ContainsRune(flags, 'm') {
		opts |= regexp2.Multiline
	}
	if strings.ContainsRune(flags, 's') {
		opts |= regexp2.Singleline
	}
	re, err := regexp2.Compile(source, opts)
	if err != nil {
		// n8n's safe regex reports an invalid pattern with an empty message.
		return false, &filterError{}
	}
	re.MatchTimeout = 5 * time.Second
	ok, err := re.MatchString(s)
	if err != nil {
		return false, &filterError{Message: "Regular expression timed out: " + err.Error()}
	}
	return ok, nil
}
