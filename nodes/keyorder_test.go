package nodes_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/nodes"
)

func TestDecodeJSONKeepsKeyOrder(t *testing.T) {
	t.Parallel()
	v, err := nodes.DecodeJSON([]byte(`{"name":"Ann","email":null,"city":"","age":31,"nested":{"z":1,"a":[{"y":1,"b":2}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	m := v.(map[string]any)
	if diff := cmp.Diff([]string{"name", "email", "city", "age", "nested"}, nodes.Keys(m)); diff != "" {
		t.Error(diff)
	}
	out, err := nodes.MarshalJSON(m)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"Ann","email":null,"city":"","age":31,"nested":{"z":1,"a":[{"y":1,"b":2}]}}`
	if string(out) != want {
		t.Errorf("got %s\nwant %s", out, want)
	}
	m["added"] = true
	delete(m, "email")
	if diff := cmp.Diff([]string{"name", "city", "age", "nested", "added"}, nodes.Keys(m)); diff != "" {
		t.Error(diff)
	}
	cp := nodes.CopyObject(m)
	if diff := cmp.Diff(nodes.Keys(m), nodes.Keys(cp)); diff != "" {
		t.Error(diff)
	}
}

func TestKeysUnregisteredAreSorted(t *testing.T) {
	t.Parallel()
	got := nodes.Keys(map[string]any{"b": 1, "a": 2, "c": 3})
	if diff := cmp.Diff([]string{"a", "b", "c"}, got); diff != "" {
		t.Error(diff)
	}
}

func TestDecodeJSONErrors(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`{`, `{"a":}`, `[1,]`, `{} x`, ``} {
		if _, err := nodes.DecodeJSON([]byte(in)); err == nil {
			t.Errorf("%q: want an error", in)
		}
	}
}
