package transform

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/nodes"
)

func TestMergeV3(t *testing.T) {
	t.Parallel()
	left := items(obj{"id": 1.0, "a": "x"}, obj{"id": 2.0, "a": "y"}, obj{"id": 3.0, "a": "z"})
	right := items(obj{"id": 2.0, "b": "B2"}, obj{"id": 1.0, "b": "B1"}, obj{"id": 1.0, "b": "B1bis"}, obj{"id": 7.0, "b": "B7"})
	byFields := func(extra obj) obj {
		m := obj{"mode": "combine", "fieldsToMatchString": "id"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	cases := []nodeCase{
		{name: "append three inputs", params: obj{"numberInputs": 3.0},
			inputs: [][]nodes.Item{items(obj{"n": 1.0}), nil, items(obj{"n": 3.0})},
			want:   []any{[]any{it(obj{"n": 1.0}, p(0)), it(obj{"n": 3.0}, p(0, 2))}}},
		{name: "append empty", params: obj{}, inputs: [][]nodes.Item{nil, nil}, want: []any{[]any{}}},
		{name: "keep matches with multiple matches", params: byFields(nil), inputs: [][]nodes.Item{left, right},
			want: []any{[]any{
				it(obj{"id": 1.0, "a": "x", "b": "B1"}, []any{p(0), p(1, 1)}),
				it(obj{"id": 1.0, "a": "x", "b": "B1bis"}, []any{p(0), p(2, 1)}),
				it(obj{"id": 2.0, "a": "y", "b": "B2"}, []any{p(1), p(0, 1)}),
			}}},
		{name: "first match only", params: byFields(obj{"options": obj{"multipleMatches": "first"}}), inputs: [][]nodes.Item{left, right},
			want: []any{[]any{
				it(obj{"id": 1.0, "a": "x", "b": "B1"}, []any{p(0), p(1, 1)}),
				it(obj{"id": 2.0, "a": "y", "b": "B2"}, []any{p(1), p(0, 1)}),
			}}},
		{name: "keep non matches both", params: byFields(obj{"joinMode": "keepNonMatches"}), inputs: [][]nodes.Item{left, right},
			want: []any{[]any{
				it(obj{"id": 3.0, "a": "z", "_source": "input1"}, p(2)),
				it(obj{"id": 7.0, "b": "B7", "_source": "input2"}, p(3, 1)),
			}}},
		{name: "keep non matches input2", params: byFields(obj{"joinMode": "keepNonMatches", "outputDataFrom": "input2"}), inputs: [][]nodes.Item{left, right},
			want: []any{[]any{it(obj{"id": 7.0, "b": "B7"}, p(3, 1))}}},
		{name: "keep matches input1 data", params: byFields(obj{"outputDataFrom": "input1"}), inputs: [][]nodes.Item{left, right},
			want: []any{[]any{it(obj{"id": 1.0, "a": "x"}, p(0)), it(obj{"id": 2.0, "a": "y"}, p(1))}}},
		{name: "keep everything with suffix", params: byFields(obj{"joinMode": "keepEverything", "options": obj{"multipleMatches": "first", "clashHandling": obj{"values": obj{"resolveClash": "addSuffix"}}}}),
			inputs: [][]nodes.Item{left[:2], right[:1]},
			want: []any{[]any{
				it(obj{"id_1": 2.0, "a_1": "y", "id_2": 2.0, "b_2": "B2"}, []any{p(1), p(0, 1)}),
				it(obj{"id_1": 1.0, "a_1": "x"}, p(0)),
			}}},
		{name: "enrich input 2 prefers input 1 by default", params: byFields(obj{"joinMode": "enrichInput2"}),
			inputs: [][]nodes.Item{items(obj{"id": 1.0, "v": "from1"}), items(obj{"id": 1.0, "v": "from2"}, obj{"id": 5.0})},
			want: []any{[]any{
				it(obj{"id": 1.0, "v": "from1"}, []any{p(0, 1), p(0)}),
				it(obj{"id": 5.0}, p(1, 1)),
			}}},
		{name: "advanced field names and fuzzy compare",
			params: obj{"mode": "combine", "advanced": true, "joinMode": "enrichInput1",
				"mergeByFields": obj{"values": arr{obj{"field1": "user.id", "field2": "uid"}}}, "options": obj{"fuzzyCompare": true}},
			inputs: [][]nodes.Item{items(obj{"user": obj{"id": 4.0}}, obj{"user": obj{}}), items(obj{"uid": "4", "ok": true})},
			want: []any{[]any{
				it(obj{"user": obj{"id": 4.0}, "uid": "4", "ok": true}, []any{p(0), p(0, 1)}),
				it(obj{"user": obj{}}, p(1)),
			}}},
		{name: "keep matches with an empty input", params: byFields(nil), inputs: [][]nodes.Item{left, nil}, want: []any{[]any{}}},
		{name: "keep everything with an empty input", params: byFields(obj{"joinMode": "keepEverything"}), inputs: [][]nodes.Item{nil, right[:1]},
			want: []any{[]any{it(obj{"id": 2.0, "b": "B2"}, p(0, 1))}}},
		{name: "no fields to match", params: obj{"mode": "combine"}, inputs: [][]nodes.Item{left, right},
			wantErr: `You need to define at least one pair of fields in "Fields to Match" to match on`},
		{name: "by position without unpaired", params: obj{"mode": "combine", "combineBy": "combineByPosition"},
			inputs: [][]nodes.Item{items(obj{"a": 1.0, "s": "l"}, obj{"a": 2.0}), items(obj{"s": "r"})},
			want:   []any{[]any{it(obj{"a": 1.0, "s": "r"}, []any{p(0), p(0, 1), p(0, 1)})}}},
		{name: "by position include unpaired prefer input 1", params: obj{"mode": "combine", "combineBy": "combineByPosition",
			"options": obj{"includeUnpaired": true, "clashHandling": obj{"values": obj{"resolveClash": "preferInput1"}}}},
			inputs: [][]nodes.Item{items(obj{"s": "l"}, obj{"a": 2.0}), items(obj{"s": "r"})},
			want: []any{[]any{
				it(obj{"s": "l"}, []any{p(0), p(0, 1), p(0)}),
				it(obj{"a": 2.0}, []any{p(1), p(1)}),
			}}},
		{name: "combine all shallow", params: obj{"mode": "combine", "combineBy": "combineAll",
			"options": obj{"clashHandling": obj{"values": obj{"resolveClash": "preferLast", "mergeMode": "shallowMerge"}}}},
			inputs: [][]nodes.Item{items(obj{"o": obj{"x": 1.0}}, obj{"k": 1.0}), items(obj{"o": obj{"y": 2.0}})},
			want: []any{[]any{
				it(obj{"o": obj{"y": 2.0}}, []any{p(0), p(0, 1)}),
				it(obj{"k": 1.0, "o": obj{"y": 2.0}}, []any{p(1), p(0, 1)}),
			}}},
		{name: "choose branch empty item", params: obj{"mode": "chooseBranch", "output": "empty"},
			inputs: [][]nodes.Item{items(obj{"a": 1.0}), items(obj{"b": 1.0}, obj{"b": 2.0})},
			want:   []any{[]any{it(obj{}, []any{p(0), p(0, 1), p(1, 1)})}}},
		{name: "choose branch missing input", params: obj{"mode": "chooseBranch", "useDataOfInput": 3.0},
			inputs: [][]nodes.Item{items(obj{"a": 1.0}), items(obj{"b": 1.0})}, wantErr: "Input 3 doesn't exist"},
		{name: "sql is refused", params: obj{"mode": "combineBySql"}, inputs: [][]nodes.Item{left, right},
			wantErr: "The SQL Query mode of the Merge node is not supported by noderun"},
	}
	runCases(t, "merge", 3.2, executeMergeV3, cases)
}

func TestMergeV2(t *testing.T) {
	t.Parallel()
	cases := []nodeCase{
		{name: "append", params: obj{}, inputs: [][]nodes.Item{items(obj{"a": 1.0}), items(obj{"b": 1.0})},
			want: []any{[]any{it(obj{"a": 1.0}, p(0)), it(obj{"b": 1.0}, p(0, 1))}}},
		{name: "merge by position", params: obj{"mode": "combine", "combinationMode": "mergeByPosition"},
			inputs: [][]nodes.Item{items(obj{"a": 1.0}, obj{"a": 2.0}), items(obj{"b": 1.0})},
			want:   []any{[]any{it(obj{"a": 1.0, "b": 1.0}, []any{p(0), p(0, 1)})}}},
		{name: "multiplex", params: obj{"mode": "combine", "combinationMode": "multiplex"},
			inputs: [][]nodes.Item{items(obj{"a": 1.0}, obj{"a": 2.0}), items(obj{"b": 1.0})},
			want: []any{[]any{
				it(obj{"a": 1.0, "b": 1.0}, []any{p(0), p(0, 1)}),
				it(obj{"a": 2.0, "b": 1.0}, []any{p(1), p(0, 1)}),
			}}},
		{name: "merge by fields v2 checks presence", version: 2,
			params:  obj{"mode": "combine", "mergeByFields": obj{"values": arr{obj{"field1": "id", "field2": "nope"}}}},
			inputs:  [][]nodes.Item{items(obj{"id": 1.0}), items(obj{"id": 1.0})},
			wantErr: "Field 'nope' is not present in any of items in 'Input 2'"},
		{name: "merge by fields v2.1", version: 2.1,
			params: obj{"mode": "combine", "mergeByFields": obj{"values": arr{obj{"field1": "id", "field2": "id"}}}},
			inputs: [][]nodes.Item{items(obj{"id": 1.0, "a": 1.0}), items(obj{"id": 1.0, "b": 2.0})},
			want:   []any{[]any{it(obj{"id": 1.0, "a": 1.0, "b": 2.0}, []any{p(0), p(0, 1)})}}},
		{name: "choose input 2", params: obj{"mode": "chooseBranch", "output": "input2"},
			inputs: [][]nodes.Item{items(obj{"a": 1.0}), items(obj{"b": 1.0})},
			want:   []any{[]any{it(obj{"b": 1.0}, p(0, 1))}}},
	}
	runCases(t, "merge", 2.1, executeMergeV2, cases)
}

func TestMergeInputsAndRequiredInputs(t *testing.T) {
	t.Parallel()
	ts := mergeTypes()
	v3, v2 := ts[0], ts[1]
	tests := []struct {
		name     string
		typ      *nodes.Type
		params   obj
		inputs   int
		required []int
	}{
		{"v3 default", v3, obj{}, 2, nil},
		{"v3 four inputs append", v3, obj{"numberInputs": 4.0}, 4, nil},
		{"v3 choose branch waits for all", v3, obj{"mode": "chooseBranch", "numberInputs": 3.0}, 3, []int{0, 1, 2}},
		{"v2 choose branch", v2, obj{"mode": "chooseBranch"}, 2, []int{0, 1}},
		{"v2 combine", v2, obj{"mode": "combine"}, 2, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := tc.typ.InputCount(tc.params); got != tc.inputs {
				t.Errorf("inputs = %d, want %d", got, tc.inputs)
			}
			if diff := cmp.Diff(tc.required, tc.typ.RequiredInputs(tc.params)); diff != "" {
				t.Errorf("required (-want +got):\n%s", diff)
			}
		})
	}
}
