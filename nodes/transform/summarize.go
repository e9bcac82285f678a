package transform

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/noderun/noderun/internal/fieldpath"
	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

func summarizeType() *nodes.Type {
	d := baseDescription("Summarize", "summarize", 1, 1.1)
	d.Description = "Sum, count, max, etc. across items"
	numerical := vals("average", "sum")
	field := func(p *nodes.Property) *nodes.Property { return p }
	agg := optionsProp("Aggregation", "aggregation", "count", "Append", "append", "Average", "average",
		"Concatenate", "concatenate", "Count", "count", "Count Unique", "countUnique", "Max", "max", "Min", "min", "Sum", "sum")
	sep := withShow(optionsProp("Separator", "separateBy", ",", "Comma", ",", "Comma and Space", ", ",
		"New Line", "\n", "None", "", "Space", " ", "Other", "other"), "aggregation", vals("concatenate"))
	d.Properties = []*nodes.Property{
		fixedList("Fields to Summarize", "fieldsToSummarize",
			map[string]any{"values": []any{map[string]any{"aggregation": "count", "field": ""}}}, "values",
			agg,
			field(withHide(prop("Field", "field", nodes.TypeString, ""), "aggregation", vals("average", "sum", "countUnique", "count", "max", "min"))),
			field(withShow(prop("Field", "field", nodes.TypeString, ""), "aggregation", numerical)),
			field(withShow(prop("Field", "field", nodes.TypeString, ""), "aggregation", vals("countUnique", "count", "max", "min"))),
			withShow(prop("Include Empty Values", "includeEmpty", nodes.TypeBoolean, false), "aggregation", vals("append", "concatenate", "count", "countUnique")),
			sep,
			withShow(prop("Custom Separator", "customSeparator", nodes.TypeString, ""), "aggregation", vals("concatenate"), "separateBy", vals("other")),
		),
		withHide(prop("Fields to Split By", "fieldsToSplitBy", nodes.TypeString, ""), "/options.outputFormat", vals("singleItem")),
		withShow(prop("Fields to Group By", "fieldsToSplitBy", nodes.TypeString, ""), "/options.outputFormat", vals("singleItem")),
		collection("Options", "options",
			withHide(prop("Continue if Field Not Found", "continueIfFieldNotFound", nodes.TypeBoolean, false), "@version", vals(map[string]any{"_cnd": map[string]any{"gte": 1.1}})),
			disableDotNotationOption(),
			optionsProp("Output Format", "outputFormat", "separateItems", "Each Split in a Separate Item", "separateItems", "All Splits in a Single Item", "singleItem"),
			prop("Ignore items without valid fields to group by", "skipEmptySplitFields", nodes.TypeBoolean, false),
		),
	}
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeSummarize)}
}

var aggregationPrefix = map[string]string{
	"append": "appended_", "average": "average_", "concatenate": "concatenated_", "count": "count_",
	"countUnique": "unique_count_", "max": "max_", "min": "min_", "sum": "sum_",
}

type summaryAggregation struct {
	aggregation, field, separateBy, customSeparator string
	includeEmpty                                    bool
}

// summaryRow is one input item with its index.
type summaryRow struct {
	json  any
	index int
}

// groupKey is a split value as a JavaScript Map key: its identity (type
// and value) and the value itself (absent for undefined).
type groupKey struct {
	id      string
	value   any
	present bool
}

// orderedGroups keeps groups in insertion order, as a JavaScript Map.
type orderedGroups struct {
	keys   []groupKey
	groups map[string][]summaryRow
}

func (g *orderedGroups) add(key groupKey, r summaryRow) {
	if g.groups == nil {
		g.groups = map[string][]summaryRow{}
	}
	if _, ok := g.groups[key.id]; !ok {
		g.keys = append(g.keys, key)
	}
	g.groups[key.id] = append(g.groups[key.id], r)
}

func executeSummarize(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	in := ctx.InputData(0)
	options, err := paramMap(ctx, "options", 0)
	if err != nil {
		return nil, err
	}
	splitBy, err := paramString(ctx, "fieldsToSplitBy", 0, "")
	if err != nil {
		return nil, err
	}
	splitFields := splitFieldList(splitBy)
	list, err := paramList(ctx, "fieldsToSummarize.values", 0)
	if err != nil {
		return nil, err
	}
	var aggs []summaryAggregation
	nonEmpty := 0
	for _, e := range list {
		a := summaryAggregation{
			aggregation: strOf(e, "aggregation", "count"), field: strOf(e, "field", ""),
			separateBy: strOf(e, "separateBy", ","), customSeparator: strOf(e, "customSeparator", ""),
			includeEmpty: boolOf(e, "includeEmpty", false),
		}
		if a.field != "" {
			nonEmpty++
		}
		aggs = append(aggs, a)
	}
	if nonEmpty == 0 {
		return nil, opError(ctx, "You need to add at least one aggregation to 'Fields to Summarize' with non empty 'Field'", "")
	}
	disableDot := boolOf(options, "disableDotNotation", false)
	legacy := strings.HasSuffix(ctx.Node().Type, ".itemLists")
	rows := make([]summaryRow, len(in))
	for i, it := range in {
		rows[i] = summaryRow{json: it.JSON, index: i}
	}
	for _, a := range aggs {
		if a.field == "" {
			continue
		}
		exists := false
		for _, r := range rows {
			if _, ok := getField(r.json, a.field, disableDot); ok {
				exists = true
				break
			}
		}
		if !exists && !legacy && versionOf(ctx) <= 1 && !boolOf(options, "continueIfFieldNotFound", false) {
			return nil, opError(ctx, fmt.Sprintf("The field '%s' does not exist in any items", a.field), "")
		}
	}
	s := summarizer{aggs: aggs, disableDot: disableDot, skipEmpty: boolOf(options, "skipEmptySplitFields", false),
		single:       strOf(options, "outputFormat", "separateItems") == "singleItem",
		keysToString: versionOf(ctx) == 1 || legacy, legacy: legacy}
	if s.single {
		json := s.split(splitFields, rows)
		return nodes.Outputs{{{JSON: json, PairedItem: pairedAll(len(in))}}}, nil
	}
	if len(splitFields) == 0 {
		json, idx := s.aggregate(rows)
		return nodes.Outputs{{{JSON: json, PairedItem: pairedIndexes(idx)}}}, nil
	}
	var out []nodes.Item
	s.toItems(splitFields, rows, map[string]any{}, &out)
	return nodes.Outputs{out}, nil
}

func pairedIndexes(idx []int) nodes.PairedItems {
	p := nodes.PairedItems{Items: make([]nodes.PairedItem, len(idx)), List: true}
	for i, n := range idx {
		p.Items[i] = nodes.PairedItem{Item: n}
	}
	return p
}

type summarizer struct {
	aggs         []summaryAggregation
	disableDot   bool
	skipEmpty    bool
	single       bool
	keysToString bool
	// legacy is Item Lists' summarize: groups are the keys of a plain
	// object (strings, integer-like keys first) and undefined is skipped
	// before the key is made.
	legacy bool
}

// group splits rows on the first field (n8n's aggregateAndSplitData):
// objects group by their JSON text; v1 converts every key to a string.
func (s summarizer) group(field string, rows []summaryRow) *orderedGroups {
	g := &orderedGroups{}
	for _, r := range rows {
		v, ok := getField(r.json, field, s.disableDot)
		switch v.(type) {
		case map[string]any, []any:
			v = jsonString(v)
		case nil:
			if ok && s.legacy {
				v = "null" // typeof null is "object": JSON.stringify(null)
			}
		}
		if s.legacy && s.skipEmpty && (!ok || v == "") {
			continue
		}
		if s.keysToString {
			if !ok {
				v, ok = "undefined", true
			} else {
				v = jsString(v)
			}
		}
		if s.skipEmpty && !jsvalue.IsNumber(v) && (!ok || !jsvalue.Truthy(v)) {
			continue
		}
		var id string
		switch {
		case !ok:
			id = "u"
		case v == nil:
			id = "n"
		case jsvalue.IsNumber(v):
			id = "d:" + jsString(v)
		default:
			id = jsTypeof(v) + ":" + jsString(v)
		}
		g.add(groupKey{id: id, value: v, present: ok}, r)
	}
	return g
}

// ordered returns the group keys in iteration order: insertion order for
// a Map, integer-like keys first for the legacy plain object.
func (g *orderedGroups) ordered(legacy bool) []groupKey {
	if !legacy {
		return g.keys
	}
	var ints, rest []groupKey
	for _, k := range g.keys {
		if _, ok := fieldpath.Index(k.keyString()); ok {
			ints = append(ints, k)
		} else {
			rest = append(rest, k)
		}
	}
	slices.SortStableFunc(ints, func(a, b groupKey) int {
		x, y := a.keyString(), b.keyString()
		if len(x) != len(y) {
			return len(x) - len(y)
		}
		return strings.Compare(x, y)
	})
	return append(ints, rest...)
}

// keyString is String(key), as Object.fromEntries names a Map key.
func (k groupKey) keyString() string {
	if !k.present {
		return "undefined"
	}
	return jsString(k.value)
}

// split returns the nested single-item result.
func (s summarizer) split(fields []string, rows []summaryRow) map[string]any {
	if len(fields) == 0 {
		json, _ := s.aggregate(rows)
		return json
	}
	g := s.group(fields[0], rows)
	out := map[string]any{}
	for _, k := range g.ordered(s.legacy) {
		out[k.keyString()] = s.split(fields[1:], g.groups[k.id])
	}
	return out
}

// toItems flattens the split result into one item per leaf group, each
// carrying its split values (flattenAggregationResultToArray).
func (s summarizer) toItems(fields []string, rows []summaryRow, prev map[string]any, out *[]nodes.Item) {
	g := s.group(fields[0], rows)
	name := cleanFieldName(fields[0])
	for _, k := range g.ordered(s.legacy) {
		stage := assign(prev)
		if k.present {
			stage[name] = k.value
		} else {
			delete(stage, name)
		}
		if len(fields) == 1 {
			json, idx := s.aggregate(g.groups[k.id])
			*out = append(*out, nodes.Item{JSON: assign(json, stage), PairedItem: pairedIndexes(idx)})
			continue
		}
		s.toItems(fields[1:], g.groups[k.id], stage, out)
	}
}

var (
	fieldBrackets = regexp.MustCompile(`[\]\["]`)
	fieldSpaces   = regexp.MustCompile(`[ .]`)
)

func cleanFieldName(f string) string {
	return fieldSpaces.ReplaceAllString(fieldBrackets.ReplaceAllString(f, ""), "_")
}

// aggregate computes every aggregation over rows; it also returns the
// rows' input indexes for pairedItem.
func (s summarizer) aggregate(rows []summaryRow) (map[string]any, []int) {
	out := map[string]any{}
	for _, a := range s.aggs {
		out[cleanFieldName(aggregationPrefix[a.aggregation]+a.field)] = s.compute(rows, a)
	}
	idx := make([]int, len(rows))
	for i, r := range rows {
		idx[i] = r.index
	}
	return out, idx
}

func (s summarizer) compute(rows []summaryRow, a summaryAggregation) any {
	type val struct {
		v  any
		ok bool
	}
	var data []val
	for _, r := range rows {
		v, ok := getField(r.json, a.field, s.disableDot)
		if (a.aggregation == "average" || a.aggregation == "sum") && !(ok && jsvalue.IsNumber(v)) {
			continue
		}
		data = append(data, val{v, ok})
	}
	nonEmpty := func() []val {
		var out []val
		for _, d := range data {
			if !isEmptyValue(d.v, d.ok) {
				out = append(out, d)
			}
		}
		return out
	}
	switch a.aggregation {
	case "append":
		if !a.includeEmpty {
			data = nonEmpty()
		}
		out := []any{}
		for _, d := range data {
			out = append(out, jsvalue.Clone(d.v))
		}
		return out
	case "concatenate":
		sep := a.separateBy
		if sep == "other" {
			sep = a.customSeparator
		}
		if !a.includeEmpty {
			data = nonEmpty()
		}
		parts := make([]string, len(data))
		for i, d := range data {
			switch {
			case !d.ok:
				parts[i] = "undefined"
			case d.v == nil:
				parts[i] = "null"
			default:
				switch d.v.(type) {
				case map[string]any, []any:
					parts[i] = jsonString(d.v)
				default:
					parts[i] = jsString(d.v)
				}
			}
		}
		return strings.Join(parts, sep)
	case "average", "sum":
		sum := 0.0
		for _, d := range data {
			f, _ := jsvalue.ToFloat(d.v)
			sum += f
		}
		if a.aggregation == "sum" {
			return sum
		}
		avg := sum / float64(len(data))
		if math.IsNaN(avg) || math.IsInf(avg, 0) {
			return nil // NaN serializes as null
		}
		return avg
	case "min", "max":
		var best any
		have := false
		for _, d := range data {
			if isEmptyValue(d.v, d.ok) {
				continue
			}
			if !have || (a.aggregation == "min" && jsLess(d.v, best, true, true)) || (a.aggregation == "max" && jsLess(best, d.v, true, true)) {
				best, have = d.v, true
			}
		}
		if !have {
			return nil
		}
		return jsvalue.Clone(best)
	case "countUnique":
		seen := map[string]bool{}
		n := 0
		for _, d := range data {
			if !a.includeEmpty && isEmptyValue(d.v, d.ok) {
				continue
			}
			var key string
			switch d.v.(type) {
			case map[string]any, []any:
				n++ // objects are unique by reference
				continue
			}
			if !d.ok {
				key = "u:"
			} else {
				key = jsTypeof(d.v) + ":" + jsString(d.v)
			}
			if !seen[key] {
				seen[key] = true
				n++
			}
		}
		return float64(n)
	default:
		if !a.includeEmpty {
			return float64(len(nonEmpty()))
		}
		return float64(len(data))
	}
}
