package transform

import (
	"regexp"
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

func renameKeysType() *nodes.Type {
	d := baseDescription("Rename Keys", "renameKeys", 1)
	d.Description = "Update item field names"
	regexOptions := collection("Options", "options",
		prop("Case Insensitive", "caseInsensitive", nodes.TypeBoolean, false),
		prop("Max Depth", "depth", nodes.TypeNumber, -1),
	)
	d.Properties = []*nodes.Property{
		fixedList("Keys", "keys", map[string]any{}, "key",
			prop("Current Key Name", "currentKey", nodes.TypeString, ""),
			prop("New Key Name", "newKey", nodes.TypeString, ""),
		),
		func() *nodes.Property {
			p := prop("Additional Options", "additionalOptions", nodes.TypeCollection, map[string]any{})
			p.Options = []*nodes.Property{fixedList("Regex", "regexReplacement", map[string]any{}, "replacements",
				prop("Regular Expression", "searchRegex", nodes.TypeString, ""),
				prop("Replace With", "replaceRegex", nodes.TypeString, ""),
				regexOptions,
			)}
			return p
		}(),
	}
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeRenameKeys)}
}

func executeRenameKeys(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	in := ctx.InputData(0)
	out := make([]nodes.Item, 0, len(in))
	for i, src := range in {
		renames, err := paramList(ctx, "keys.key", i)
		if err != nil {
			return nil, err
		}
		regexes, err := paramList(ctx, "additionalOptions.regexReplacement.replacements", i)
		if err != nil {
			return nil, err
		}
		json := copyObject(src.JSON)
		var failed *nodes.NodeError
		for _, r := range renames {
			cur, next := strOf(r, "currentKey", ""), strOf(r, "newKey", "")
			if cur == "" || next == "" || cur == next {
				continue
			}
			v, ok := getField(src.JSON, cur, false)
			if !ok {
				continue
			}
			setField(json, next, jsvalue.Clone(v), false)
			unsetField(json, cur, false)
		}
		for _, r := range regexes {
			opts, _ := r["options"].(map[string]any)
			pattern := strOf(r, "searchRegex", "")
			if boolOf(opts, "caseInsensitive", false) {
				pattern = "(?i)" + pattern
			}
			re, err := regexp.Compile(pattern)
			if err != nil {
				e := opError(ctx, "Invalid regular expression: /"+strOf(r, "searchRegex", "")+"/: "+err.Error(), "").WithItem(i)
				if ctx.ContinueOnFail() {
					failed = e
					break
				}
				return nil, e
			}
			renameObjectKeys(json, re, strOf(r, "replaceRegex", ""), int(numOf(opts, "depth", -1)))
		}
		if failed != nil {
			out = append(out, nodes.Item{JSON: map[string]any{"error": failed.Message}, PairedItem: nodes.One(nodes.PairedItem{Item: i})})
			continue
		}
		out = append(out, nodes.Item{JSON: json, Binary: src.Binary, PairedItem: nodes.One(nodes.PairedItem{Item: i})})
	}
	return nodes.Outputs{out}, nil
}

// renameObjectKeys renames the keys of v's objects matching re (first
// match replaced) down to depth levels (-1: unlimited); array elements are
// one level deeper than their array, as in n8n.
func renameObjectKeys(v any, re *regexp.Regexp, repl string, depth int) {
	switch obj := v.(type) {
	case []any:
		if depth == 0 {
			return
		}
		for _, el := range obj {
			renameObjectKeys(el, re, repl, depth-1)
		}
	case map[string]any:
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		for _, k := range jsKeysOf(keys) {
			switch obj[k].(type) {
			case map[string]any, []any:
				if depth != 0 {
					renameObjectKeys(obj[k], re, repl, depth-1)
				}
			}
			loc := re.FindStringSubmatchIndex(k)
			if loc == nil {
				continue
			}
			newKey := k[:loc[0]] + string(re.ExpandString(nil, jsReplacement(repl), k, loc)) + k[loc[1]:]
			if newKey != k {
				obj[newKey] = obj[k]
				delete(obj, k)
			}
		}
	}
}

// jsKeysOf orders keys as jsKeys does.
func jsKeysOf(keys []string) []string {
	m := make(map[string]any, len(keys))
	for _, k := range keys {
		m[k] = nil
	}
	return jsKeys(m)
}

// jsReplacement converts a JavaScript replacement string ($1, $&, $$,
// $<name>) to Go's template syntax.
func jsReplacement(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '$' || i+1 == len(s) {
			if c == '$' {
				b.WriteString("$$")
			} else {
				b.WriteByte(c)
			}
			continue
		}
		n := s[i+1]
		switch {
		case n == '$':
			b.WriteString("$$")
			i++
		case n == '&':
			b.WriteString("${0}")
			i++
		case n >= '0' && n <= '9':
			j := i + 1
			for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			b.WriteString("${" + s[i+1:j] + "}")
			i = j - 1
		case n == '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				b.WriteString("$$")
				continue
			}
			b.WriteString("${" + s[i+2:i+end] + "}")
			i += end
		default:
			b.WriteString("$$")
		}
	}
	return b.String()
}
