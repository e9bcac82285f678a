package core

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// setRawFields reads the JSON output of item i (raw mode). An expression
// is resolved chunk by chunk into the JSON text, objects as JSON, before
// it is parsed (n8n's resolveRawData).
func setRawFields(ctx nodes.ExecuteContext, i int, rawJSON *string) (map[string]any, error) {
	if rawJSON != nil {
		resolved, err := resolveRawData(ctx, *rawJSON, i)
		if err != nil {
			return nil, err
		}
		return parseJSONParameter(resolved, i, "")
	}
	v, err := ctx.Param("jsonOutput", i, "")
	if err != nil {
		return nil, err
	}
	return parseJSONParameter(v, i, "")
}

var resolvableRe = regexp.MustCompile(`{{[\s\S]*?}}`)

// resolveRawData replaces each {{ }} chunk of raw with its value for item
// i: objects and arrays as JSON, everything else as JavaScript's String().
func resolveRawData(ctx nodes.ExecuteContext, raw string, i int) (string, error) {
	out := raw
	for _, chunk := range resolvableRe.FindAllString(raw, -1) {
		v, err := ctx.Evaluate("="+chunk, i, nil)
		if err != nil {
			return "", err
		}
		var text string
		switch v.(type) {
		case nil:
			// n8n cannot tell undefined from null here either way: an
			// unset field (the common case) prints "undefined".
			text = "undefined"
		case map[string]any, []any:
			text = jsonStringify(v)
		default:
			if jsTypeof(v) == "object" {
				if _, isTime := v.(timeValue); !isTime {
					text = jsonStringify(v)
					break
				}
			}
			text = jsString(v)
		}
		out = strings.Replace(out, chunk, text, 1)
	}
	return out, nil
}

// parseJSONParameter is n8n's parseJsonParameter: a JSON string (repaired
// when slightly malformed) or a value that must be an object.
func parseJSONParameter(data any, i int, entryName string) (map[string]any, error) {
	location := "'JSON Output'"
	if entryName != "" {
		location = "entry \"" + entryName + "\" inside 'Fields to Set'"
	}
	value := data
	if s, ok := data.(string); ok {
		var parsed any
		if err := json.Unmarshal([]byte(s), &parsed); err != nil {
			repaired, ok := repairJSON(s)
			if !ok {
				return nil, userErrorf(s, "The %s in item %d contains invalid JSON", location, i).withoutItem()
			}
			parsed = repaired
		}
		value = parsed
	}
	m, ok := value.(map[string]any)
	if !ok {
		return nil, userErrorf("", "The %s in item %d does not contain a valid JSON object", location, i).withoutItem()
	}
	return m, nil
}
