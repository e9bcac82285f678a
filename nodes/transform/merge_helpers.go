package transform

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// clashOptions is options.clashHandling.values.
type clashOptions struct {
	resolveClash  string
	mergeMode     string
	overrideEmpty bool
}

func readClash(ctx nodes.ExecuteContext) (clashOptions, error) {
	v, err := paramAny(ctx, "options.clashHandling.values", 0, map[string]any{})
	if err != nil {
		return clashOptions{}, err
	}
	m, _ := v.(map[string]any)
	return clashOptions{
		resolveClash:  strOf(m, "resolveClash", ""),
		mergeMode:     strOf(m, "mergeMode", ""),
		overrideEmpty: boolOf(m, "overrideEmpty", false),
	}, nil
}

// mergeFunc merges objects into a new one (n8n's selectMergeMethod).
type mergeFunc func(target map[string]any, sources ...map[string]any) map[string]any

func selectMergeMethod(c clashOptions) mergeFunc {
	if c.overrideEmpty {
		switch c.mergeMode {
		case "deepMerge":
			return func(t map[string]any, s ...map[string]any) map[string]any { return mergeWithEmpty(t, true, s...) }
		case "shallowMerge":
			return func(t map[string]any, s ...map[string]any) map[string]any { return mergeWithEmpty(t, false, s...) }
		}
	} else if c.mergeMode == "shallowMerge" {
		return assign
	}
	return lodashMerge
}

// addSuffix renames every top-level key of the items' JSON to key_suffix.
func addSuffix(items []nodes.Item, suffix string) []nodes.Item {
	out := make([]nodes.Item, len(items))
	for i, it := range items {
		json := map[string]any{}
		for k, v := range it.Object() {
			json[k+"_"+suffix] = v
		}
		it.JSON = json
		out[i] = it
	}
	return out
}

// addSourceField adds _source to copies of the items.
func addSourceField(items []nodes.Item, source string) []nodes.Item {
	out := make([]nodes.Item, len(items))
	for i, it := range items {
		json := assign(it.Object())
		json["_source"] = source
		it.JSON = json
		out[i] = it
	}
	return out
}

// mergeBinary merges binary maps as lodash merge does at the top level.
func mergeBinary(maps ...map[string]*nodes.BinaryData) map[string]*nodes.BinaryData {
	out := map[string]*nodes.BinaryData{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// fieldPair is one pair of fields to match.
type fieldPair struct{ field1, field2 string }

func checkMatchFields(ctx nodes.ExecuteContext, pairs []fieldPair) error {
	if len(pairs) == 1 && pairs[0].field1 == "" && pairs[0].field2 == "" {
		return opError(ctx, `You need to define at least one pair of fields in "Fields to Match" to match on`, "")
	}
	for i, p := range pairs {
		if p.field1 == "" || p.field2 == "" {
			return opError(ctx, fmt.Sprintf("You need to define both fields in \"Fields to Match\" for pair %d,\n\t\t\t\t field 1 = '%s'\n\t\t\t\t field 2 = '%s'", i+1, p.field1, p.field2), "")
		}
	}
	return nil
}

// checkInput is n8n's check (before 2.1) that each field exists somewhere.
func checkInput(ctx nodes.ExecuteContext, items []nodes.Item, fields []string, disableDot bool, label string) error {
	for _, f := range fields {
		present := false
		for _, it := range items {
			if _, ok := getField(it.JSON, f, disableDot); ok {
				present = true
				break
			}
		}
		if !present {
			return opError(ctx, fmt.Sprintf("Field '%s' is not present in any of items in '%s'", f, label), "")
		}
	}
	return nil
}

// matchOptions drive findMatches.
type matchOptions struct {
	joinMode        string
	outputDataFrom  string
	disableDot      bool
	fuzzy           bool
	multipleMatches string
}

type entryMatches struct {
	entry   nodes.Item
	matches []nodes.Item
}

type matchResult struct {
	matched    []entryMatches
	matched2   []nodes.Item
	unmatched1 []nodes.Item
	unmatched2 []nodes.Item
}

type lookupEntry struct {
	key   string
	value any
}

// findMatches pairs input 1 items with input 2 items on the fields.
func findMatches(input1, input2 []nodes.Item, pairs []fieldPair, o matchOptions) matchResult {
	var r matchResult
	equal := fuzzyCompare(o.fuzzy)
	matchedIn2 := map[int]bool{}
	// Without fuzzy compare, equality is structural: index input 2 by the
	// canonical JSON of its values for the match fields (in input order), so
	// the join is linear instead of n8n's input1 x input2 scan.
	var index map[string][]int
	var keys2 []string
	if !o.fuzzy {
		for _, p := range pairs {
			if !slices.Contains(keys2, p.field2) {
				keys2 = append(keys2, p.field2)
			}
		}
		index = map[string][]int{}
		for j, e2 := range input2 {
			vals := make([]any, len(keys2))
			ok := true
			for k, f := range keys2 {
				v, present := getField(e2.JSON, f, o.disableDot)
				if !present {
					ok = false
					break
				}
				vals[k] = v
			}
			if !ok {
				continue
			}
			key, err := canonicalKey(vals)
			if err != nil {
				index = nil // not representable (NaN): fall back to scanning
				break
			}
			index[key] = append(index[key], j)
		}
	}
	for _, e1 := range input1 {
		var lookup []lookupEntry
		missing := false
		for _, p := range pairs {
			v, ok := getField(e1.JSON, p.field1, o.disableDot)
			if !ok {
				missing = true
			}
			replaced := false
			for i := range lookup {
				if lookup[i].key == p.field2 {
					lookup[i].value, replaced = v, true
				}
			}
			if !replaced {
				lookup = append(lookup, lookupEntry{p.field2, v})
			}
		}
		if missing {
			r.unmatched1 = append(r.unmatched1, e1)
			continue
		}
		var found []nodes.Item
		if index != nil {
			vals := make([]any, len(keys2))
			for k, f := range keys2 {
				for _, l := range lookup {
					if l.key == f {
						vals[k] = l.value
					}
				}
			}
			if key, err := canonicalKey(vals); err == nil {
				for _, j := range index[key] {
					found = append(found, input2[j])
					matchedIn2[j] = true
					if o.multipleMatches == "first" {
						break
					}
				}
				if len(found) == 0 {
					r.unmatched1 = append(r.unmatched1, e1)
					continue
				}
				r.addMatched(e1, found, o)
				continue
			}
		}
		for j, e2 := range input2 {
			ok := true
			for _, l := range lookup {
				v, present := getField(e2.JSON, l.key, o.disableDot)
				if !equal(l.value, v, present) {
					ok = false
					break
				}
			}
			if ok {
				found = append(found, e2)
				matchedIn2[j] = true
				if o.multipleMatches == "first" {
					break
				}
			}
		}
		if len(found) == 0 {
			r.unmatched1 = append(r.unmatched1, e1)
			continue
		}
		r.addMatched(e1, found, o)
	}
	for j, e2 := range input2 {
		if matchedIn2[j] {
			r.matched2 = append(r.matched2, e2)
		} else {
			r.unmatched2 = append(r.unmatched2, e2)
		}
	}
	return r
}

// addMatched records entry e1's matches: one pair per match when the data
// of both inputs is merged, else one entry with every match.
func (r *matchResult) addMatched(e1 nodes.Item, found []nodes.Item, o matchOptions) {
	if o.outputDataFrom == "both" || o.joinMode == "enrichInput1" || o.joinMode == "enrichInput2" {
		for _, m := range found {
			r.matched = append(r.matched, entryMatches{entry: e1, matches: []nodes.Item{m}})
		}
		return
	}
	r.matched = append(r.matched, entryMatches{entry: e1, matches: found})
}

// canonicalKey renders values as JSON with numbers normalized, so equal
// values (lodash isEqual) give equal keys.
func canonicalKey(vals []any) (string, error) {
	b, err := json.Marshal(normalizeNumbers(vals))
	return string(b), err
}

func normalizeNumbers(v any) any {
	if f, ok := jsvalue.ToFloat(v); ok {
		return f
	}
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[k] = normalizeNumbers(x)
		}
		return m
	case []any:
		s := make([]any, len(t))
		for i, x := range t {
			s[i] = normalizeNumbers(x)
		}
		return s
	}
	return v
}

// fuzzyCompare returns n8n's comparison of a match value a (always
// defined) with b (bPresent false for undefined): lodash isEqual, or with
// fuzzy on n8n's fuzzyCompare (compareVersion 1).
func fuzzyCompare(fuzzy bool) func(a, b any, bPresent bool) bool {
	if !fuzzy {
		return func(a, b any, bPresent bool) bool { return bPresent && jsvalue.DeepEqual(a, b) }
	}
	return func(a, b any, bPresent bool) bool {
		if a != nil && bPresent && b != nil && jsTypeof(a) == jsTypeof(b) {
			return jsvalue.DeepEqual(a, b)
		}
		if isFalsyValue(a) && (!bPresent || isFalsyValue(b)) {
			return true
		}
		if !bPresent {
			return false
		}
		as, aStr := a.(string)
		bs, bStr := b.(string)
		ab, aBool := a.(bool)
		bb, bBool := b.(bool)
		switch {
		case jsvalue.IsNumber(a) && bStr:
			return jsString(a) == bs
		case aStr && jsvalue.IsNumber(b):
			return as == jsString(b)
		case a != nil && jsTypeof(a) == "object" && bStr:
			return parseAndCompare(bs, a)
		case b != nil && aStr && jsTypeof(b) == "object":
			return parseAndCompare(as, b)
		}
		if aBool && bStr {
			if (ab && strings.ToLower(bs) == "true") || (!ab && strings.ToLower(bs) == "false") || (ab && bs == "1") || (!ab && bs == "0") {
				return true
			}
		}
		if bBool && aStr {
			if (bb && strings.ToLower(as) == "true") || (!bb && strings.ToLower(as) == "false") || (bb && as == "1") || (!bb && as == "0") {
				return true
			}
		}
		if aBool && jsvalue.IsNumber(b) {
			f, _ := jsvalue.ToFloat(b)
			if (ab && f == 1) || (!ab && f == 0) {
				return true
			}
		}
		if bBool && jsvalue.IsNumber(a) {
			f, _ := jsvalue.ToFloat(a)
			if (bb && f == 1) || (!bb && f == 0) {
				return true
			}
		}
		return jsvalue.DeepEqual(a, b)
	}
}

// isFalsyValue is n8n's isFalsy: null, "" or [].
func isFalsyValue(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case string:
		return t == ""
	case []any:
		return len(t) == 0
	}
	return false
}

func parseAndCompare(s string, v any) bool {
	var parsed any
	if err := json.Unmarshal([]byte(s), &parsed); err != nil {
		return false
	}
	return jsvalue.DeepEqual(parsed, v)
}

// mergeMatched merges each entry with its matches (n8n's mergeMatched).
func mergeMatched(matched []entryMatches, c clashOptions, joinMode string) []nodes.Item {
	resolve := c.resolveClash
	mergeInto := selectMergeMethod(c)
	out := make([]nodes.Item, 0, len(matched))
	for _, m := range matched {
		entry, matches := m.entry, m.matches
		var item nodes.Item
		jsons := func(items []nodes.Item) []map[string]any {
			r := make([]map[string]any, len(items))
			for i, it := range items {
				r[i] = it.Object()
			}
			return r
		}
		bins := func(items []nodes.Item) []map[string]*nodes.BinaryData {
			r := make([]map[string]*nodes.BinaryData, len(items))
			for i, it := range items {
				r[i] = it.Binary
			}
			return r
		}
		if resolve == "addSuffix" {
			entry = addSuffix([]nodes.Item{entry}, "1")[0]
			matches = addSuffix(matches, "2")
			item.JSON = mergeInto(entry.Object(), jsons(matches)...)
			item.Binary = mergeBinary(append([]map[string]*nodes.BinaryData{entry.Binary}, bins(matches)...)...)
			item.PairedItem = pairedList(append([]nodes.Item{entry}, matches...)...)
		} else {
			if resolve == "" {
				if joinMode != "enrichInput2" {
					resolve = "preferLast" // v2 calls it preferInput2
				} else {
					resolve = "preferInput1"
				}
			}
			switch resolve {
			case "preferInput1":
				first, rest := matches[0], matches[1:]
				item.JSON = mergeInto(first.Object(), append(jsons(rest), entry.Object())...)
				item.Binary = mergeBinary(append(append([]map[string]*nodes.BinaryData{first.Binary}, bins(rest)...), entry.Binary)...)
				item.PairedItem = pairedList(append(append([]nodes.Item{first}, rest...), entry)...)
			case "preferLast", "preferInput2":
				item.JSON = mergeInto(entry.Object(), jsons(matches)...)
				item.Binary = mergeBinary(append([]map[string]*nodes.BinaryData{entry.Binary}, bins(matches)...)...)
				item.PairedItem = pairedList(append([]nodes.Item{entry}, matches...)...)
			default:
				item.JSON = map[string]any{}
				item.PairedItem = nodes.PairedItems{Items: []nodes.PairedItem{}, List: true}
			}
		}
		out = append(out, item)
	}
	return out
}
