package transform

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
)

func TestSplitOut(t *testing.T) {
	t.Parallel()
	in := items(
		obj{"id": 1.0, "list": arr{obj{"a": 1.0}, obj{"a": 2.0}}, "tags": arr{"x", "y"}, "meta": obj{"k": "v"}},
		obj{"id": 2.0, "list": "solo"},
	)
	cases := []nodeCase{
		{name: "objects merged when no other fields", params: obj{"fieldToSplitOut": "$json.list"}, inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"a": 1.0}, p(0)), it(obj{"a": 2.0}, p(0)), it(obj{"list": "solo"}, p(1))}}},
		{name: "two fields zipped", params: obj{"fieldToSplitOut": "list, tags", "options": obj{"destinationFieldName": "l, t"}}, inputs: [][]nodes.Item{in[:1]},
			want: []any{[]any{it(obj{"l": obj{"a": 1.0}, "t": "x"}, p(0)), it(obj{"l": obj{"a": 2.0}, "t": "y"}, p(0))}}},
		{name: "destination count mismatch", params: obj{"fieldToSplitOut": "list, tags", "options": obj{"destinationFieldName": "l"}}, inputs: [][]nodes.Item{in},
			wantErr: "If multiple fields to split out are given, the same number of destination fields must be given"},
		{name: "object values and nested path", params: obj{"fieldToSplitOut": "meta", "include": "allOtherFields"}, inputs: [][]nodes.Item{in[:1]},
			want: []any{[]any{it(obj{"id": 1.0, "list": arr{obj{"a": 1.0}, obj{"a": 2.0}}, "tags": arr{"x", "y"}, "meta": "v"}, p(0))}}},
		{name: "missing field gives nothing", params: obj{"fieldToSplitOut": "nope"}, inputs: [][]nodes.Item{in}, want: []any{[]any{}}},
		{name: "selected fields required", params: obj{"fieldToSplitOut": "tags", "include": "selectedOtherFields"}, inputs: [][]nodes.Item{in[:1]},
			wantErr: "No fields specified"},
		{name: "disable dot notation", params: obj{"fieldToSplitOut": "a.b", "options": obj{"disableDotNotation": true}},
			inputs: [][]nodes.Item{items(obj{"a.b": arr{1.0}, "a": obj{"b": arr{2.0}}})},
			want:   []any{[]any{it(obj{"a.b": 1.0}, p(0))}}},
	}
	runCases(t, "splitOut", 1, executeSplitOut, cases)
}

func TestAggregate(t *testing.T) {
	t.Parallel()
	in := items(obj{"a": obj{"b": 1.0}, "l": arr{1.0, nil}}, obj{"a": obj{"b": nil}, "l": arr{2.0}}, obj{"c": 3.0})
	field := func(f ...obj) obj { return obj{"fieldToAggregate": toArr(f)} }
	cases := []nodeCase{
		{name: "nested field named by last key", params: obj{"fieldsToAggregate": field(obj{"fieldToAggregate": "a.b"})}, inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"b": arr{1.0}}, []any{p(0), p(1), p(2)})}}},
		{name: "keep missing", params: obj{"fieldsToAggregate": field(obj{"fieldToAggregate": "a.b"}), "options": obj{"keepMissing": true}}, inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"b": arr{1.0, nil, nil}}, []any{p(0), p(1), p(2)})}}},
		{name: "lists without merge drop nulls", params: obj{"fieldsToAggregate": field(obj{"fieldToAggregate": "l"})}, inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"l": arr{arr{1.0}, arr{2.0}}}, []any{p(0), p(1), p(2)})}}},
		{name: "missing field is an empty list", params: obj{"fieldsToAggregate": field(obj{"fieldToAggregate": "zz"}, obj{"fieldToAggregate": ""})}, inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"zz": arr{}}, []any{p(0), p(1), p(2)})}}},
		{name: "no fields", params: obj{}, inputs: [][]nodes.Item{in}, wantErr: "No fields specified"},
		{name: "duplicate output field", params: obj{"fieldsToAggregate": field(obj{"fieldToAggregate": "c"}, obj{"fieldToAggregate": "l", "renameField": true, "outputFieldName": "c"})}, inputs: [][]nodes.Item{in},
			wantErr: "The 'c' output field is used more than once"},
		{name: "all item data except", params: obj{"aggregate": "aggregateAllItemData", "include": "allFieldsExcept", "fieldsToExclude": "a, l"}, inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"data": arr{obj{"c": 3.0}}}, []any{p(2)})}}},
		{name: "all item data", params: obj{"aggregate": "aggregateAllItemData", "destinationFieldName": "all"}, inputs: [][]nodes.Item{in[2:]},
			want: []any{[]any{it(obj{"all": arr{obj{"c": 3.0}}}, []any{p(0)})}}},
	}
	runCases(t, "aggregate", 1, executeAggregate, cases)
}

func toArr(ms []obj) arr {
	out := arr{}
	for _, m := range ms {
		out = append(out, m)
	}
	return out
}

func TestLimit(t *testing.T) {
	t.Parallel()
	in := items(obj{"n": 0.0}, obj{"n": 1.0}, obj{"n": 2.0})
	cases := []nodeCase{
		{name: "default keeps first", params: obj{}, inputs: [][]nodes.Item{in}, want: []any{[]any{it(obj{"n": 0.0}, p(0))}}},
		{name: "more than items", params: obj{"maxItems": 10.0, "keep": "lastItems"}, inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"n": 0.0}, p(0)), it(obj{"n": 1.0}, p(1)), it(obj{"n": 2.0}, p(2))}}},
		{name: "last two", params: obj{"maxItems": 2.0, "keep": "lastItems"}, inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"n": 1.0}, p(1)), it(obj{"n": 2.0}, p(2))}}},
		{name: "expression-like string number", params: obj{"maxItems": "2"}, inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"n": 0.0}, p(0)), it(obj{"n": 1.0}, p(1))}}},
	}
	runCases(t, "limit", 1, executeLimit, cases)
}

func TestSort(t *testing.T) {
	t.Parallel()
	in := items(obj{"s": "b", "n": 2.0}, obj{"s": "A", "n": 10.0}, obj{"s": "a", "n": 1.0}, obj{"n": 3.0})
	sortBy := func(fields ...obj) obj { return obj{"sortFieldsUi": obj{"sortField": toArr(fields)}} }
	cases := []nodeCase{
		{name: "numbers descending", params: sortBy(obj{"fieldName": "n", "order": "descending"}), inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"s": "A", "n": 10.0}, p(1)), it(obj{"n": 3.0}, p(3)), it(obj{"s": "b", "n": 2.0}, p(0)), it(obj{"s": "a", "n": 1.0}, p(2))}}},
		{name: "strings ignore case, stable, missing last", params: sortBy(obj{"fieldName": "s"}), inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"s": "A", "n": 10.0}, p(1)), it(obj{"s": "a", "n": 1.0}, p(2)), it(obj{"s": "b", "n": 2.0}, p(0)), it(obj{"n": 3.0}, p(3))}}},
		{name: "missing field", params: sortBy(obj{"fieldName": "zz"}), inputs: [][]nodes.Item{in}, wantErr: "Couldn't find the field 'zz' in the input data"},
		{name: "no fields", params: obj{}, inputs: [][]nodes.Item{in}, wantErr: "No sorting specified. Please add a field to sort by"},
		{name: "code refused", params: obj{"type": "code"}, inputs: [][]nodes.Item{in}, wantErr: "Sorting with code is not supported by noderun"},
	}
	runCases(t, "sort", 1, executeSort, cases)
}

func TestSortRandomKeepsItems(t *testing.T) {
	t.Parallel()
	f := newFake("sort", 1, obj{"type": "random"}, stamp(0, items(obj{"n": 1.0}, obj{"n": 2.0}, obj{"n": 3.0})))
	out, err := executeSort(f)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[float64]bool{}
	for _, it := range out[0] {
		seen[it.Object()["n"].(float64)] = true
		if it.Object()["n"].(float64) != float64(it.PairedItem.Items[0].Item+1) {
			t.Errorf("lineage broken: %+v", it)
		}
	}
	if len(seen) != 3 {
		t.Errorf("random sort lost items: %v", out)
	}
}

func TestRemoveDuplicates(t *testing.T) {
	t.Parallel()
	in := items(obj{"a": 1.0, "b": obj{"c": "x"}}, obj{"a": 1.0, "b": obj{"c": "y"}}, obj{"a": 1.0, "b": obj{"c": "x"}}, obj{"a": 2.0, "b": obj{"c": "x"}})
	cases := []nodeCase{
		{name: "all fields", params: obj{}, inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"a": 1.0, "b": obj{"c": "x"}}, p(0)), it(obj{"a": 1.0, "b": obj{"c": "y"}}, p(1)), it(obj{"a": 2.0, "b": obj{"c": "x"}}, p(3))}}},
		{name: "selected nested field, remove others", params: obj{"compare": "selectedFields", "fieldsToCompare": "b.c", "options": obj{"removeOtherFields": true}}, inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"b": obj{"c": "x"}}, p(0)), it(obj{"b": obj{"c": "y"}}, p(1))}}},
		{name: "all except", params: obj{"compare": "allFieldsExcept", "fieldsToExclude": "b.c"}, inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"a": 1.0, "b": obj{"c": "x"}}, p(0)), it(obj{"a": 2.0, "b": obj{"c": "x"}}, p(3))}}},
		{name: "type mismatch", params: obj{"compare": "selectedFields", "fieldsToCompare": "a"}, inputs: [][]nodes.Item{items(obj{"a": 1.0}, obj{"a": "1"})},
			wantErr: "'a' isn't always the same type"},
		{name: "v1 null is a type change", version: 1, params: obj{"compare": "selectedFields", "fieldsToCompare": "a"}, inputs: [][]nodes.Item{items(obj{"a": nil}, obj{"a": 1.0})},
			wantErr: "'a' isn't always the same type"},
		{name: "v2 skips nulls", params: obj{"compare": "selectedFields", "fieldsToCompare": "a"}, inputs: [][]nodes.Item{items(obj{"a": nil}, obj{"a": 1.0}, obj{"a": nil})},
			want: []any{[]any{it(obj{"a": nil}, p(0)), it(obj{"a": 1.0}, p(1))}}},
		{name: "missing field", params: obj{"compare": "selectedFields", "fieldsToCompare": "z"}, inputs: [][]nodes.Item{in},
			wantErr: "'z' field is missing from some input items"},
		{name: "v1 has no operation", version: 1, params: obj{"operation": "clearDeduplicationHistory"}, inputs: [][]nodes.Item{items(obj{"a": 1.0}, obj{"a": 1.0})},
			want: []any{[]any{it(obj{"a": 1.0}, p(0))}}},
		{name: "persistent dedup refused", params: obj{"operation": "removeItemsSeenInPreviousExecutions"}, inputs: [][]nodes.Item{in},
			wantErr: `The operation "removeItemsSeenInPreviousExecutions" needs persistent deduplication storage, which noderun does not support`},
	}
	runCases(t, "removeDuplicates", 2, executeRemoveDuplicates, cases)
}

func TestSummarize(t *testing.T) {
	t.Parallel()
	in := items(
		obj{"g": 2.0, "v": 5.0, "s": "x", "o": obj{"k": 1.0}},
		obj{"g": "b", "v": "7", "s": ""},
		obj{"g": 1.0, "v": 1.0, "s": "y"},
		obj{"g": 2.0, "v": nil, "s": "x"},
	)
	agg := func(a ...obj) obj { return obj{"values": toArr(a)} }
	cases := []nodeCase{
		{name: "no split, numeric filters", params: obj{"fieldsToSummarize": agg(obj{"aggregation": "sum", "field": "v"}, obj{"aggregation": "average", "field": "v"},
			obj{"field": "s"}, obj{"aggregation": "max", "field": "v"}, obj{"aggregation": "countUnique", "field": "o"})}, inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"sum_v": 6.0, "average_v": 3.0, "count_s": 3.0, "max_v": "7", "unique_count_o": 1.0}, []any{p(0), p(1), p(2), p(3)})}}},
		{name: "groups keep first-seen order and types", params: obj{"fieldsToSummarize": agg(obj{"aggregation": "append", "field": "s", "includeEmpty": true}), "fieldsToSplitBy": "g"},
			inputs: [][]nodes.Item{in},
			want: []any{[]any{
				it(obj{"g": 2.0, "appended_s": arr{"x", "x"}}, []any{p(0), p(3)}),
				it(obj{"g": "b", "appended_s": arr{""}}, []any{p(1)}),
				it(obj{"g": 1.0, "appended_s": arr{"y"}}, []any{p(2)}),
			}}},
		{name: "v1 groups by string", version: 1, params: obj{"fieldsToSummarize": agg(obj{"field": "s"}), "fieldsToSplitBy": "v"},
			inputs: [][]nodes.Item{items(obj{"v": 1.0, "s": "a"}, obj{"v": "1", "s": "b"}, obj{"s": "c"})},
			want: []any{[]any{
				it(obj{"v": "1", "count_s": 2.0}, []any{p(0), p(1)}),
				it(obj{"v": "undefined", "count_s": 1.0}, []any{p(2)}),
			}}},
		{name: "skip empty split values", params: obj{"fieldsToSummarize": agg(obj{"field": "s"}), "fieldsToSplitBy": "v", "options": obj{"skipEmptySplitFields": true}},
			inputs: [][]nodes.Item{items(obj{"v": 0.0, "s": "a"}, obj{"v": "", "s": "b"}, obj{"s": "c"})},
			want:   []any{[]any{it(obj{"v": 0.0, "count_s": 1.0}, []any{p(0)})}}},
		{name: "single item output", params: obj{"fieldsToSummarize": agg(obj{"aggregation": "concatenate", "field": "s", "separateBy": "other", "customSeparator": "|"}),
			"fieldsToSplitBy": "g", "options": obj{"outputFormat": "singleItem"}}, inputs: [][]nodes.Item{in[:2]},
			want: []any{[]any{it(obj{"2": obj{"concatenated_s": "x"}, "b": obj{"concatenated_s": ""}}, []any{p(0), p(1)})}}},
		{name: "field missing v1", version: 1, params: obj{"fieldsToSummarize": agg(obj{"field": "nope"})}, inputs: [][]nodes.Item{in},
			wantErr: "The field 'nope' does not exist in any items"},
		{name: "field missing v1.1 is a hint", params: obj{"fieldsToSummarize": agg(obj{"field": "nope"})}, inputs: [][]nodes.Item{in[:1]},
			want: []any{[]any{it(obj{"count_nope": 0.0}, []any{p(0)})}}},
		{name: "empty field list", params: obj{}, inputs: [][]nodes.Item{in},
			wantErr: "You need to add at least one aggregation to 'Fields to Summarize' with non empty 'Field'"},
		{name: "min of nothing is null, dotted key renamed", params: obj{"fieldsToSummarize": agg(obj{"aggregation": "min", "field": "o.k"}, obj{"aggregation": "min", "field": "zz"})},
			inputs: [][]nodes.Item{in}, want: []any{[]any{it(obj{"min_o_k": 1.0, "min_zz": nil}, []any{p(0), p(1), p(2), p(3)})}}},
	}
	runCases(t, "summarize", 1.1, executeSummarize, cases)
}

func TestRenameKeys(t *testing.T) {
	t.Parallel()
	in := items(obj{"Name": "a", "nested": obj{"Name_x": 1.0, "deep": obj{"Name": 2.0}}, "list": arr{obj{"Name": 3.0}}})
	regex := func(search, repl string, opts obj) obj {
		return obj{"additionalOptions": obj{"regexReplacement": obj{"replacements": arr{obj{"searchRegex": search, "replaceRegex": repl, "options": opts}}}}}
	}
	cases := []nodeCase{
		{name: "rename to nested path", params: obj{"keys": obj{"key": arr{obj{"currentKey": "nested.deep", "newKey": "d"}, obj{"currentKey": "missing", "newKey": "m"}}}},
			inputs: [][]nodes.Item{in},
			want:   []any{[]any{it(obj{"Name": "a", "nested": obj{"Name_x": 1.0}, "d": obj{"Name": 2.0}, "list": arr{obj{"Name": 3.0}}}, p(0))}}},
		{name: "regex capture groups, all depths, into arrays", params: regex("^name(_?)(.*)$", "n$1$2!", obj{"caseInsensitive": true}),
			inputs: [][]nodes.Item{in},
			want:   []any{[]any{it(obj{"n!": "a", "nested": obj{"n_x!": 1.0, "deep": obj{"n!": 2.0}}, "list": arr{obj{"n!": 3.0}}}, p(0))}}},
		{name: "regex depth one stops inside arrays", params: regex("Name", "N", obj{"depth": 1.0}), inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"N": "a", "nested": obj{"N_x": 1.0, "deep": obj{"Name": 2.0}}, "list": arr{obj{"Name": 3.0}}}, p(0))}}},
		{name: "regex depth zero", params: regex("Name", "N", obj{"depth": 0.0}), inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"N": "a", "nested": obj{"Name_x": 1.0, "deep": obj{"Name": 2.0}}, "list": arr{obj{"Name": 3.0}}}, p(0))}}},
		{name: "bad regex", params: regex("(", "x", obj{}), inputs: [][]nodes.Item{in}, wantErr: "Invalid regular expression: /(/: error parsing regexp: missing closing ): `(`"},
	}
	runCases(t, "renameKeys", 1, executeRenameKeys, cases)
}

func TestItemListsDelegates(t *testing.T) {
	t.Parallel()
	in := items(obj{"l": arr{1.0, 2.0}}, obj{"l": arr{3.0}})
	cases := []nodeCase{
		{name: "split out items", params: obj{"fieldToSplitOut": "l"}, inputs: [][]nodes.Item{in},
			want: []any{[]any{it(obj{"l": 1.0}, p(0)), it(obj{"l": 2.0}, p(0)), it(obj{"l": 3.0}, p(1))}}},
		{name: "concatenate items", params: obj{"operation": "concatenateItems", "fieldsToAggregate": obj{"fieldToAggregate": arr{obj{"fieldToAggregate": "l"}}}, "options": obj{"mergeLists": true}},
			inputs: [][]nodes.Item{in}, want: []any{[]any{it(obj{"l": arr{1.0, 2.0, 3.0}}, []any{p(0), p(1)})}}},
		{name: "limit", params: obj{"operation": "limit"}, inputs: [][]nodes.Item{in}, want: []any{[]any{it(obj{"l": arr{1.0, 2.0}}, p(0))}}},
		{name: "summarize groups as object keys", params: obj{"operation": "summarize", "fieldsToSummarize": obj{"values": arr{obj{"field": "k"}}}, "fieldsToSplitBy": "k"},
			inputs: [][]nodes.Item{items(obj{"k": "b"}, obj{"k": 2.0}, obj{"k": nil}, obj{"k": 1.0})},
			want: []any{[]any{
				it(obj{"k": "1", "count_k": 1.0}, []any{p(3)}),
				it(obj{"k": "2", "count_k": 1.0}, []any{p(1)}),
				it(obj{"k": "b", "count_k": 1.0}, []any{p(0)}),
				it(obj{"k": "null", "count_k": 0.0}, []any{p(2)}),
			}}},
		{name: "remove duplicates 3.1 mixes types", version: 3.1, params: obj{"operation": "removeDuplicates", "compare": "selectedFields", "fieldsToCompare": "v"},
			inputs: [][]nodes.Item{items(obj{"v": 1.0}, obj{"v": "1"}, obj{"v": 1.0})},
			want:   []any{[]any{it(obj{"v": 1.0}, p(0)), it(obj{"v": "1"}, p(1))}}},
		{name: "remove duplicates 3 checks types", params: obj{"operation": "removeDuplicates", "compare": "selectedFields", "fieldsToCompare": "v"},
			inputs: [][]nodes.Item{items(obj{"v": 1.0}, obj{"v": "1"})}, wantErr: "'v' isn't always the same type"},
		{name: "unknown", params: obj{"operation": "nope"}, inputs: [][]nodes.Item{in}, wantErr: `The operation "nope" is not supported`},
	}
	runCases(t, "itemLists", 3, executeItemLists, cases)
}

func TestAggregateBinaries(t *testing.T) {
	t.Parallel()
	bin := func(mime, size string) *nodes.BinaryData {
		return &nodes.BinaryData{Data: "eA==", MimeType: mime, FileSize: size}
	}
	in := []nodes.Item{
		{JSON: obj{"a": 1.0}, Binary: map[string]*nodes.BinaryData{"data": bin("text/plain", "1 B")}},
		{JSON: obj{"a": 2.0}, Binary: map[string]*nodes.BinaryData{"data": bin("text/plain", "1 B"), "img": bin("image/png", "2 B")}},
		{JSON: obj{"b": 3.0}},
	}
	tests := []struct {
		name   string
		params obj
		want   []string
	}{
		{"all, renamed on clash", obj{"fieldsToAggregate": obj{"fieldToAggregate": arr{obj{"fieldToAggregate": "a"}}}, "options": obj{"includeBinaries": true}}, []string{"data", "data_1", "img"}},
		{"unique only", obj{"fieldsToAggregate": obj{"fieldToAggregate": arr{obj{"fieldToAggregate": "a"}}}, "options": obj{"includeBinaries": true, "keepOnlyUnique": true}}, []string{"data", "img"}},
		{"only kept items", obj{"aggregate": "aggregateAllItemData", "include": "specifiedFields", "fieldsToInclude": "b", "options": obj{"includeBinaries": true}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, err := executeAggregate(newFake("aggregate", 1, tc.params, stamp(0, in)))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for k := range out[0][0].Binary {
				got = append(got, k)
			}
			slices.Sort(got)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("binary keys (-want +got):\n%s", diff)
			}
		})
	}
}
