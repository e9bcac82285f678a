package trigger_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes/trigger"
)

// cronAt adapts a Cron to a Schedule in loc.
type cronAt struct {
	c   *trigger.Cron
	loc *time.Location
}

func (s cronAt) Next(t time.Time) time.Time { return s.c.Next(t, s.loc) }

// TestCronNext compares firings with the npm cron package 4.4 (n8n's),
// recorded with CronTime.getNextDateFrom, across DST changes in Berlin
// and New York. The "30 * * * *" and "0 0 3 * * *" Berlin cases are noderun's own: the npm package
// fires a daily 03:00 job at 02:00 CET on the fall-back night (its
// "one hour back" correction), noderun at 03:00.
func TestCronNext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		expr, tz, start string
		want            []string
	}{
		{"0 30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00+01:00", []string{"2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00", "2026-03-31T02:30:00+02:00"}},
		{"0 0 * * * *", "Europe/Berlin", "2026-10-25T00:30:00+02:00", []string{"2026-10-25T01:00:00+02:00", "2026-10-25T02:00:00+02:00", "2026-10-25T02:00:00+01:00", "2026-10-25T03:00:00+01:00", "2026-10-25T04:00:00+01:00"}},
		{"0 30 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00+02:00", []string{"2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00", "2026-10-27T02:30:00+01:00"}},
		{"0 30 2 * * *", "America/New_York", "2026-03-07T12:00:00-05:00", []string{"2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00", "2026-03-10T02:30:00-04:00"}},
		{"0 30 1 * * *", "America/New_York", "2026-10-31T12:00:00-04:00", []string{"2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00", "2026-11-03T01:30:00-05:00"}},
		{"*/15 * * * *", "America/New_York", "2026-11-01T01:40:00-04:00", []string{"2026-11-01T01:45:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T01:15:00-05:00", "2026-11-01T01:30:00-05:00"}},
		{"0 0 9 * * mon-fri", "UTC", "2026-01-02T10:00:00Z", []string{"2026-01-05T09:00:00Z", "2026-01-06T09:00:00Z", "2026-01-07T09:00:00Z"}},
		{"0 0 0 29 2 *", "UTC", "2026-01-01T00:00:00Z", []string{"2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"}},
		{"0 0 12 13 * 5", "UTC", "2026-02-01T00:00:00Z", []string{"2026-02-06T12:00:00Z", "2026-02-13T12:00:00Z", "2026-02-20T12:00:00Z", "2026-02-27T12:00:00Z"}},
		{"5/20 * * * * *", "UTC", "2026-01-01T00:00:00Z", []string{"2026-01-01T00:00:05Z", "2026-01-01T00:00:25Z", "2026-01-01T00:00:45Z", "2026-01-01T00:01:05Z"}},
		{"@weekly", "UTC", "2026-01-01T00:00:00Z", []string{"2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"}},
		{"0 15 * 1 sun", "UTC", "2026-01-01T00:00:00Z", []string{"2026-01-04T15:00:00Z", "2026-01-11T15:00:00Z"}},
		{"30 * * * *", "Europe/Berlin", "2026-10-25T02:10:00+02:00", []string{"2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00", "2026-10-25T03:30:00+01:00"}},
		{"0 0 3 * * *", "Europe/Berlin", "2026-10-24T12:00:00+02:00", []string{"2026-10-25T03:00:00+01:00", "2026-10-26T03:00:00+01:00"}},
		{"30 9 * JAN,jul 7", "UTC", "2026-06-30T00:00:00Z", []string{"2026-07-05T09:30:00Z", "2026-07-12T09:30:00Z"}},
		{"0 0 1-3/2 * *", "UTC", "2026-05-01T00:00:00Z", []string{"2026-05-03T00:00:00Z", "2026-06-01T00:00:00Z", "2026-06-03T00:00:00Z"}},
		{"0 0 30 2 *", "UTC", "2026-01-01T00:00:00Z", []string{"never"}},
	}
	for _, tt := range tests {
		t.Run(tt.expr+" "+tt.tz, func(t *testing.T) {
			t.Parallel()
			c, err := trigger.ParseCron(tt.expr)
			if err != nil {
				t.Fatal(err)
			}
			loc := zone(t, tt.tz)
			got := fires(cronAt{c, loc}, parseTime(t, tt.start), loc, len(tt.want))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Next (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCronNextStrictlyAfter checks that a firing time is not returned
// again and that sub-second starts round up.
func TestCronNextStrictlyAfter(t *testing.T) {
	t.Parallel()
	c := trigger.MustParseCron("*/10 * * * * *")
	start := time.Date(2026, 1, 1, 0, 0, 10, 0, time.UTC)
	got := []time.Time{c.Next(start, time.UTC), c.Next(start.Add(500*time.Millisecond), time.UTC), c.Next(start, nil)}
	want := []time.Time{start.Add(10 * time.Second), start.Add(10 * time.Second), start.Add(10 * time.Second)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParseCronErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ expr, want string }{
		{"* * * *", "Too few fields"},
		{"* * * * * * *", "Too many fields"},
		{"0 */0 * * * *", "Field (minute) has a step of zero"},
		{"0 5-2 * * * *", "Field (minute) has an invalid range"},
		{"0 60 * * * *", "Field value (60) is out of range"},
		{"0 0 0 0 * *", "Field value (0) is out of range"},
		{"0 0 0 ? * *", "Field (dayOfMonth) cannot be parsed"},
		{"0 0 0 L * *", "Unknown alias: l"},
		{"0 0 0 * foo *", "Unknown alias: foo"},
		{"0 1* * * * *", "Field (1*) has an invalid wildcard expression"},
		{"", "Too few fields"},
	}
	for _, tt := range tests {
		_, err := trigger.ParseCron(tt.expr)
		got := "<nil>"
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("ParseCron(%q) error %q, want %q", tt.expr, got, tt.want)
		}
	}
	for _, ok := range []string{"@daily", "0 0 * * 7", "* * * * * *", strings.ToUpper("0 0 * * MON-FRI")} {
		if _, err := trigger.ParseCron(ok); err != nil {
			t.Errorf("ParseCron(%q): %v", ok, err)
		}
	}
}

func BenchmarkCronNext(b *testing.B) {
	c := trigger.MustParseCron("0 30 9 * * 1-5")
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		b.Skip(err)
	}
	t := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
	for b.Loop() {
		t = c.Next(t, loc)
	}
}
