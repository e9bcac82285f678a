package transform

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/nodes"
)

// view renders outputs as plain JSON values: per output, per item
// {"json": ..., "pairedItem": ...} (pairedItem omitted when unset).
func view(t *testing.T, outs nodes.Outputs) []any {
	t.Helper()
	res := []any{}
	for _, out := range outs {
		items := []any{}
		for _, it := range out {
			m := map[string]any{"json": roundTrip(t, it.JSON)}
			if !it.PairedItem.IsZero() {
				m["pairedItem"] = roundTrip(t, it.PairedItem)
			}
			items = append(items, m)
		}
		res = append(res, items)
	}
	return res
}

func roundTrip(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// stamp sets the engine's lineage on input items: {item: i, input}.
func stamp(input int, its []nodes.Item) []nodes.Item {
	out := make([]nodes.Item, len(its))
	for i, it := range its {
		it.PairedItem = nodes.One(nodes.Paired(i, input))
		out[i] = it
	}
	return out
}

// p is a pairedItem view {item: i} or {item: i, input: n}.
func p(item int, input ...int) obj {
	m := obj{"item": float64(item)}
	if len(input) > 0 && input[0] != 0 {
		m["input"] = float64(input[0])
	}
	return m
}

// it is an item view.
func it(json obj, paired any) obj {
	m := obj{"json": json}
	if paired != nil {
		m["pairedItem"] = paired
	}
	return m
}

// nodeCase is one table test of a handler.
type nodeCase struct {
	name    string
	version float64
	params  obj
	inputs  [][]nodes.Item
	want    []any  // one entry per output, each a []any of item views
	wantErr string // substring of the NodeError message
}

func runCases(t *testing.T, typ string, defVersion float64, h nodes.HandlerFunc, cases []nodeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := tc.version
			if v == 0 {
				v = defVersion
			}
			f := newFake(typ, v, copyObject(tc.params))
			for i, in := range tc.inputs {
				f.Inputs = append(f.Inputs, stamp(i, in))
			}
			got, err := h(f)
			if tc.wantErr != "" {
				var ne *nodes.NodeError
				if err == nil || !errors.As(err, &ne) {
					t.Fatalf("err = %v, want NodeError %q", err, tc.wantErr)
				}
				if ne.Message != tc.wantErr {
					t.Fatalf("message = %q, want %q", ne.Message, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("execute: %v", err)
			}
			if diff := cmp.Diff(tc.want, view(t, got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
