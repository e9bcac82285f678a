package expr

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// checkFastMatchesGoja evaluates each expression with goja and, where the
// Go fast path takes it, requires the same result; then requires every
// expression in mustBeFast to take the fast path.
func checkFastMatchesGoja(t *testing.T, d *Data, exprs, mustBeFast []string) {
	t.Helper()
	e := newEvaluator(Options{})
	for _, s := range exprs {
		c := e.compile(s)
		if c.err != nil {
			t.Fatalf("%s: %v", s, c.err)
		}
		var want any
		err := e.withVM(d, func(v *vm, sc *scope) error {
			var err error
			want, err = v.evalCompiled(c, sc, false)
			return err
		})
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		got, ok := e.fast(c, d)
		if !ok {
			continue // JavaScript needed: fine, as long as fast never disagrees
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: fast path differs from goja (-goja +fast):\n%s", s, diff)
		}
	}
	for _, s := range mustBeFast {
		if _, ok := e.fast(e.compile(s), d); !ok {
			t.Errorf("%s: not on the fast path", s)
		}
	}
}
