package nodes_test

import (
	"encoding/json"
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

// TestDecodeJSONMatchesEncodingJSON checks the parser against
// encoding/json on valid and invalid documents.
func TestDecodeJSONMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	docs := []string{
		`{}`, `[]`, `""`, `0`, `-0.5e-3`, `1E+2`, `true`, `null`, ` {"a" : [1, 2.5, "x\n\u00e9\ud83d\ude00", null, {"b": false}]} `,
		`"caf\u00e9 ünïcode"`, `{"dup": 1, "dup": 2}`, `[[[[]]]]`, `123456789012345678901234567890`,
		`{`, `[1,]`, `01`, `1.`, `-`, `"unterminated`, `{"a" 1}`, `nul`, `[1 2]`, "\"tab\tin\"", `1 2`, `.5`, `+1`,
	}
	for _, doc := range docs {
		var want any
		wantErr := json.Unmarshal([]byte(doc), &want)
		got, err := nodes.DecodeJSON([]byte(doc))
		if (err != nil) != (wantErr != nil) {
			t.Errorf("%q: error %v, encoding/json says %v", doc, err, wantErr)
			continue
		}
		if diff := cmp.Diff(want, got); err == nil && diff != "" {
			t.Errorf("%q (-encoding/json +DecodeJSON):\n%s", doc, diff)
		}
	}
}

func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,"b",{"c":null}]}`, `"\u0041"`, `-1e5`, `[`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var want any
		wantErr := json.Unmarshal(data, &want)
		got, err := nodes.DecodeJSON(data)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%q: error %v, encoding/json says %v", data, err, wantErr)
		}
		if err == nil && !cmp.Equal(want, got) {
			t.Fatalf("%q: %v != %v", data, got, want)
		}
	})
}
