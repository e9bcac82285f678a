package core

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
)

// validateOptions are validateFieldType's options.
type validateOptions struct {
	Strict       bool
	ParseStrings bool
	// Zone is the default zone for date strings without an offset.
	Zone *time.Location
}

// validation is validateFieldType's result.
type validation struct {
	Valid    bool
	NewValue any
	Message  string
}

// valueDescription is n8n's getValueDescription.
func valueDescription(v any) string {
	if jsTypeof(v) == "object" {
		switch v.(type) {
		case nil:
			return "'null'"
		case []any:
			return "array"
		}
		return "object"
	}
	return "'" + jsString(v) + "'"
}

// validateFieldType ports n8n-workflow's validateFieldType for the types the
// core nodes use: string, number, boolean, dateTime, object, array, binary.
// A nil value is always valid and stays nil.
func validateFieldType(field string, value any, typ string, o validateOptions) validation {
	if value == nil {
		return validation{Valid: true}
	}
	// The message is only built on failure: this runs for every value.
	defaultMsg := func() string {
		return fmt.Sprintf("'%s' expects a %s but we got %s", field, typ, valueDescription(value))
	}
	fail := func() validation { return validation{Message: defaultMsg()} }
	switch typ {
	case "string":
		if !o.ParseStrings {
			return validation{Valid: true, NewValue: value}
		}
		if o.Strict && jsTypeof(value) != "string" {
			return fail()
		}
		s := parseString(value)
		if vs, ok := value.(string); ok && vs == s {
			return validation{Valid: true, NewValue: value} // no new box
		}
		return validation{Valid: true, NewValue: s}
	case "number":
		if o.Strict && jsTypeof(value) != "number" {
			return fail()
		}
		f, ok := jsNumber(value)
		if !ok {
			return fail()
		}
		if vf, ok := value.(float64); ok && math.Float64bits(vf) == math.Float64bits(f) {
			return validation{Valid: true, NewValue: value} // no new box
		}
		return validation{Valid: true, NewValue: f}
	case "boolean":
		if o.Strict {
			if _, ok := value.(bool); !ok {
				return fail()
			}
		}
		b, ok := parseBoolean(value)
		if !ok {
			return fail()
		}
		return validation{Valid: true, NewValue: b}
	case "datetime", "dateTime":
		t, ok := parseDateTime(value, o.Zone)
		if !ok {
			return validation{Message: defaultMsg() + ` <br/><br/> Consider using <a href="https://moment.github.io/luxon/api-docs/index.html#datetimefromformat" target="_blank"><code>DateTime.fromFormat</code></a> to work with custom date formats.`}
		}
		return validation{Valid: true, NewValue: t}
	case "object":
		if o.Strict {
			switch value.(type) {
			case map[string]any, []any:
			default:
				if jsTypeof(value) != "object" {
					return fail()
				}
			}
		}
		m, ok := parseObject(value)
		if !ok {
			return fail()
		}
		return validation{Valid: true, NewValue: m}
	case "array":
		if _, isArr := value.([]any); o.Strict && !isArr {
			return fail()
		}
		a, ok := parseArray(value)
		if !ok {
			return fail()
		}
		if _, ok := value.([]any); ok {
			return validation{Valid: true, NewValue: value} // parseArray kept it: no new box
		}
		return validation{Valid: true, NewValue: a}
	case "binary":
		m, ok := value.(map[string]any)
		if !ok || !isBinaryValue(m) {
			return validation{Message: defaultMsg() + ". Make sure the value is a valid binary data object with 'mimeType' and 'data' or 'id' property."}
		}
		return validation{Valid: true, NewValue: m}
	}
	if lower := strings.ToLower(typ); lower != typ {
		return validateFieldType(field, value, lower, o)
	}
	return validation{Valid: true, NewValue: value}
}

// parseString is tryToParseString: objects become JSON.
func parseString(v any) string {
	switch v.(type) {
	case map[string]any, []any, nil:
		return jsonStringify(v)
	}
	if jsTypeof(v) == "object" {
		return jsonStringify(v)
	}
	return jsString(v)
}

// parseBoolean is tryToParseBoolean.
func parseBoolean(v any) (bool, bool) {
	if b, ok := v.(bool); ok {
		return b, true
	}
	if s, ok := v.(string); ok {
		switch strings.ToLower(s) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
		if strings.TrimSpace(s) == "" {
			return false, false
		}
	}
	f, ok := jsNumber(v)
	if ok && f == 0 {
		return false, true
	}
	if ok && f == 1 {
		return true, true
	}
	return false, false
}

// parseArray is tryToParseArray: arrays pass, strings are parsed as JSON
// (retrying with single quotes replaced by double quotes).
func parseArray(v any) ([]any, bool) {
	if a, ok := v.([]any); ok {
		return a, true
	}
	s := jsString(v)
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		if err := json.Unmarshal([]byte(strings.ReplaceAll(s, "'", `"`)), &out); err != nil {
			return nil, false
		}
	}
	a, ok := out.([]any)
	return a, ok
}

// parseObject is tryToParseObject: objects pass, strings are parsed as JSON
// or as a JavaScript object literal.
func parseObject(v any) (map[string]any, bool) {
	if m, ok := v.(map[string]any); ok {
		return m, true
	}
	s := jsString(v)
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		obj, ok := parseJSObject(s)
		if !ok {
			return nil, false
		}
		out = obj
	}
	m, ok := out.(map[string]any)
	return m, ok
}

// isBinaryValue reports whether m looks like n8n binary data.
func isBinaryValue(m map[string]any) bool {
	if _, ok := m["mimeType"].(string); !ok {
		return false
	}
	_, hasData := m["data"].(string)
	_, hasID := m["id"].(string)
	return hasData || hasID
}
