package ext

import (
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/google/go-cmp/cmp"
)

// TestAmbiguousWallTime pins Luxon's rule for a wall time that exists
// twice (DST fall-back): the zone's offset at the current moment decides.
func TestAmbiguousWallTime(t *testing.T) {
	t.Parallel()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		now  time.Time
		want string
	}{
		{"now in winter", time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC), "2024-11-03T01:30:00.000-05:00 2024-11-03T02:30:00.000-05:00"},
		{"now in summer", time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC), "2024-11-03T01:30:00.000-04:00 2024-11-03T01:30:00.000-05:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rt := goja.New()
			if err := Install(rt, ny); err != nil {
				t.Fatal(err)
			}
			getEnv(rt).now = func() time.Time { return tc.now }
			v, err := rt.RunString("const d = DateTime.fromISO('2024-11-03T01:30:00'); d.toISO() + ' ' + d.plus({hours: 1}).toISO()")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, v.String()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		x      float64
		locale string
		opts   map[string]string
		want   string
	}{
		{1234567.891, "en-US", nil, "1,234,567.891"},
		{1234.5678, "en-US", nil, "1,234.568"},
		{0.5, "en-US", map[string]string{"maximumFractionDigits": "0"}, "1"},
		{1.005, "en-US", map[string]string{"maximumFractionDigits": "2"}, "1.01"},
		{-0.0001, "en-US", nil, "-0"},
		{1234.5, "de-DE", nil, "1.234,5"},
		{1234.5, "en-US", map[string]string{"style": "currency", "currency": "USD"}, "$1,234.50"},
		{0.256, "en-US", map[string]string{"style": "percent"}, "26%"},
		{1234.5, "en-US", map[string]string{"useGrouping": "false"}, "1234.5"},
	} {
		get := func(k string) (string, bool) { v, ok := tc.opts[k]; return v, ok }
		if diff := cmp.Diff(tc.want, formatNumber(tc.x, newNumberFormat(tc.locale, get))); diff != "" {
			t.Errorf("format(%v, %s, %v) (-want +got):\n%s", tc.x, tc.locale, tc.opts, diff)
		}
	}
}
