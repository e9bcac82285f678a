package server

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/nodes"
)

func TestStoredInput(t *testing.T) {
	t.Parallel()
	item := nodes.Item{JSON: map[string]any{"a": 1.0}}
	tests := []struct {
		name   string
		items  []nodes.Item
		index  int
		stored string
		want   []nodes.Item
	}{
		{"no items", nil, 0, "", nil},
		{"first input", []nodes.Item{item}, 0, `[{"json":{"a":1}}]`, []nodes.Item{item}},
		{"second input", []nodes.Item{item}, 1, `[[],[{"json":{"a":1}}]]`, []nodes.Item{item}},
		{"third input, no items", []nodes.Item{}, 2, `[[],[],[]]`, []nodes.Item{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := encodeInput(tt.items, tt.index)
			if err != nil {
				t.Fatal(err)
			}
			if string(raw) != tt.stored {
				t.Errorf("stored %s, want %s", raw, tt.stored)
			}
			got, index, err := decodeInput(raw)
			if err != nil {
				t.Fatal(err)
			}
			if index != tt.index {
				t.Errorf("index %d, want %d", index, tt.index)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
		})
	}
	// What earlier versions stored (a list of items) still reads.
	got, index, err := decodeInput(json.RawMessage(` [ {"json":{"a":1}} ]`))
	if err != nil || index != 0 || !cmp.Equal(got, []nodes.Item{item}) {
		t.Errorf("legacy input: %v %d %v", got, index, err)
	}
	for _, bad := range []string{`{"json":{}}`, `[1]`, `[[1]]`} {
		if _, _, err := decodeInput(json.RawMessage(bad)); err == nil {
			t.Errorf("decodeInput(%s): no error", bad)
		}
	}
}
