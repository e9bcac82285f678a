package httprequest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSetPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path string
		want map[string]any
	}{
		{"a", map[string]any{"a": 1.0}},
		{"a.b.c", map[string]any{"a": map[string]any{"b": map[string]any{"c": 1.0}}}},
		{"a[1]", map[string]any{"a": []any{nil, 1.0}}},
		{"a[0].b", map[string]any{"a": []any{map[string]any{"b": 1.0}}}},
		{`a["x.y"]`, map[string]any{"a": map[string]any{"x.y": 1.0}}},
		{"", map[string]any{"": 1.0}},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			t.Parallel()
			got := map[string]any{}
			setPath(got, tc.path, 1.0)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("setPath(%q) (-want +got):\n%s", tc.path, diff)
			}
		})
	}
}

func TestDeepMerge(t *testing.T) {
	t.Parallel()
	dst := map[string]any{"a": 1.0, "q": map[string]any{"x": "1", "y": "2"}, "l": []any{1.0, 2.0}}
	src := map[string]any{"q": map[string]any{"y": "3", "z": "4"}, "l": []any{9.0}, "b": true}
	want := map[string]any{"a": 1.0, "b": true, "q": map[string]any{"x": "1", "y": "3", "z": "4"}, "l": []any{9.0, 2.0}}
	if diff := cmp.Diff(want, deepMerge(dst, src)); diff != "" {
		t.Errorf("deepMerge (-want +got):\n%s", diff)
	}
}

func TestParseChallenge(t *testing.T) {
	t.Parallel()
	got := parseChallenge(`realm="a, b", nonce=xyz, qop="auth,auth-int", algorithm=MD5`)
	want := map[string]string{"realm": "a, b", "nonce": "xyz", "qop": "auth,auth-int", "algorithm": "MD5"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parseChallenge (-want +got):\n%s", diff)
	}
}
