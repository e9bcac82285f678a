package expr_test

import (
	"testing"
	"time"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

func TestDateTime(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	in := []nodes.Item{{JSON: map[string]any{"start": "2024-03-05T10:20:30Z"}}}
	inZone := func(z *time.Location) func() *expr.Data {
		return func() *expr.Data { return &expr.Data{Input: in, Timezone: z} }
	}
	runEvalCases(t, e, inZone(nil), []evalCase{
		{"DateTime whole value is its ISO string", "={{ DateTime.fromISO($json.start) }}", "2024-03-05T05:20:30.000-05:00", ""},
		{"DateTime in template", "=at {{ DateTime.fromISO($json.start).toUTC() }}", "at 2024-03-05T10:20:30.000Z", ""},
		{"DateTime nested in object", "={{ { d: DateTime.fromISO($json.start).toUTC() } }}", map[string]any{"d": "2024-03-05T10:20:30.000Z"}, ""},
		{"$now zone default", "={{ $now.zoneName }}", "America/New_York", ""},
		{"$now is a DateTime", "={{ Math.abs($now.toMillis() - Date.now()) < 60000 }}", true, ""},
		{"$today is midnight", "={{ $today.hour + $today.minute + $today.second }}", 0.0, ""},
		{"$today same day as $now", "={{ $today.toISODate() === $now.toISODate() }}", true, ""},
		{"$jmespath", "={{ $jmespath({a: [{b: 1}, {b: 2}]}, 'a[*].b') }}", []any{1.0, 2.0}, ""},
	})
	// The same pooled runtimes switch zones per evaluation.
	runEvalCases(t, e, inZone(berlin), []evalCase{
		{"zone Berlin", "={{ $now.zoneName }}", "Europe/Berlin", ""},
		{"fromISO in Berlin", "={{ DateTime.fromISO($json.start).toISO() }}", "2024-03-05T11:20:30.000+01:00", ""},
	})
	runEvalCases(t, e, inZone(time.UTC), []evalCase{
		{"fromISO in UTC", "={{ DateTime.fromISO($json.start).toISO() }}", "2024-03-05T10:20:30.000Z", ""},
	})
	got, err := e.EvaluateString("={{ DateTime.fromISO('2024-03-05T10:20:30Z').toUTC() }}", inZone(nil)())
	if err != nil || got != "[DateTime: 2024-03-05T10:20:30.000Z]" {
		t.Errorf("EvaluateString(DateTime) = %q, %v", got, err)
	}
}
