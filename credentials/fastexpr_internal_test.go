package credentials

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/internal/expr"
)

// TestFastPathMatchesEvaluator checks the $credentials fast path against
// the JavaScript evaluator on the same expressions and data.
func TestFastPathMatchesEvaluator(t *testing.T) {
	t.Parallel()
	data := map[string]any{
		"name": "X-Api-Key", "token": "tok", "n": 42.0, "f": 1.5, "b": true, "empty": "", "nul": nil,
		"obj": map[string]any{"k": "v", "deep": map[string]any{"x": 7.0}}, "arr": []any{"a", 1.0},
	}
	ev := expr.New(expr.Options{})
	tests := []struct {
		in   string
		fast bool
	}{
		{"={{$credentials.name}}", true},
		{"={{ $credentials.token }}", true},
		{"=Bearer {{$credentials.token}}", true},
		{"=token {{ $credentials.token }} and {{$credentials.n}}", true},
		{"={{$credentials.n}}", true},
		{"=n={{$credentials.n}} f={{$credentials.f}} b={{$credentials.b}}", true},
		{"=[{{$credentials.missing}}]", true},
		{"=[{{$credentials.nul}}]", true},
		{"={{$credentials.obj.deep.x}}", true},
		{"=x {{$credentials.obj}}", true},
		{"=x {{$credentials.arr}}", true},
		{"={{$credentials.missing.deeper}}", true},
		{"={{$credentials.token + '!'}}", false},
		{"={{ $credentials.token }}{{ 1 + 1 }}", false},
	}
	for _, tt := range tests {
		ft := compileFast(tt.in)
		if (ft != nil) != tt.fast {
			t.Errorf("%s: fast path = %v, want %v", tt.in, ft != nil, tt.fast)
			continue
		}
		if ft == nil {
			continue
		}
		want, err := ev.Evaluate(tt.in, &expr.Data{Vars: map[string]any{"$credentials": data}})
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		if diff := cmp.Diff(want, ft.eval(data)); diff != "" {
			t.Errorf("%s (-evaluator +fast):\n%s", tt.in, diff)
		}
	}
}
