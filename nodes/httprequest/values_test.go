package httprequest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

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
