package trigger_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/trigger"
)

// scheduleNode is a Schedule Trigger with the given intervals.
func scheduleNode(version float64, intervals ...map[string]any) *nodes.Node {
	node := &nodes.Node{ID: "node-1", Name: "Schedule Trigger", Type: trigger.ScheduleTriggerType, TypeVersion: version, Parameters: map[string]any{}}
	if len(intervals) > 0 {
		list := make([]any, len(intervals))
		for i, iv := range intervals {
			list[i] = iv
		}
		node.Parameters["rule"] = map[string]any{"interval": list}
	}
	return node
}

// cronNode is a legacy Cron node with the given trigger times.
func cronNode(items ...map[string]any) *nodes.Node {
	list := make([]any, len(items))
	for i, it := range items {
		list[i] = it
	}
	return &nodes.Node{ID: "node-1", Name: "Cron", Type: trigger.CronType, TypeVersion: 1,
		Parameters: map[string]any{"triggerTimes": map[string]any{"item": list}}}
}

// TestScheduleOf checks the firings of every interval kind (the
// expressions are n8n's, see TestIntervalCronExpression; "every n" rules
// count units from the epoch).
func TestScheduleOf(t *testing.T) {
	t.Parallel()
	const start = "2026-01-01T00:00:00Z"
	tests := []struct {
		name string
		node *nodes.Node
		tz   string
		want []string
	}{
		{"seconds", scheduleNode(1.2, map[string]any{"field": "seconds", "secondsInterval": 10.0}), "UTC",
			[]string{"2026-01-01T00:00:10Z", "2026-01-01T00:00:20Z", "2026-01-01T00:00:30Z"}},
		{"minutes dividing", scheduleNode(1.2, map[string]any{"field": "minutes", "minutesInterval": 15.0}), "UTC",
			[]string{"2026-01-01T00:00:41Z", "2026-01-01T00:15:41Z", "2026-01-01T00:30:41Z"}},
		{"minutes 7", scheduleNode(1.2, map[string]any{"field": "minutes", "minutesInterval": 7.0}), "UTC",
			[]string{"2026-01-01T00:00:41Z", "2026-01-01T00:07:41Z", "2026-01-01T00:14:41Z"}},
		{"hours 6 at :05", scheduleNode(1.2, map[string]any{"field": "hours", "hoursInterval": 6.0, "triggerAtMinute": 5.0}), "UTC",
			[]string{"2026-01-01T00:05:41Z", "2026-01-01T06:05:41Z", "2026-01-01T12:05:41Z"}},
		{"hours 5", scheduleNode(1.2, map[string]any{"field": "hours", "hoursInterval": 5.0}), "UTC",
			[]string{"2026-01-01T04:00:41Z", "2026-01-01T09:00:41Z", "2026-01-01T14:00:41Z"}},
		{"days default", scheduleNode(1.2), "UTC",
			[]string{"2026-01-01T00:00:41Z", "2026-01-02T00:00:41Z", "2026-01-03T00:00:41Z"}},
		{"days at 9:30 Berlin", scheduleNode(1.2, map[string]any{"field": "days", "triggerAtHour": 9.0, "triggerAtMinute": 30.0}), "Europe/Berlin",
			[]string{"2026-01-01T09:30:41+01:00", "2026-01-02T09:30:41+01:00", "2026-01-03T09:30:41+01:00"}},
		{"days 2", scheduleNode(1.2, map[string]any{"field": "days", "daysInterval": 2.0, "triggerAtHour": 7.0}), "UTC",
			[]string{"2026-01-01T07:00:41Z", "2026-01-03T07:00:41Z", "2026-01-05T07:00:41Z"}},
		{"weeks Mon Fri 8:00 New York", scheduleNode(1.2, map[string]any{"field": "weeks", "triggerAtDay": []any{1.0, 5.0}, "triggerAtHour": 8.0}), "America/New_York",
			[]string{"2026-01-02T08:00:41-05:00", "2026-01-05T08:00:41-05:00", "2026-01-09T08:00:41-05:00"}},
		{"weeks 2 on Sunday", scheduleNode(1.2, map[string]any{"field": "weeks", "weeksInterval": 2.0}), "UTC",
			[]string{"2026-01-04T00:00:41Z", "2026-01-18T00:00:41Z", "2026-02-01T00:00:41Z"}},
		{"months 3 on the 15th", scheduleNode(1.2, map[string]any{"field": "months", "monthsInterval": 3.0, "triggerAtDayOfMonth": 15.0, "triggerAtHour": 6.0, "triggerAtMinute": 45.0}), "UTC",
			[]string{"2026-01-15T06:45:41Z", "2026-04-15T06:45:41Z", "2026-07-15T06:45:41Z"}},
		{"months 5", scheduleNode(1.2, map[string]any{"field": "months", "monthsInterval": 5.0}), "UTC",
			[]string{"2026-04-01T00:00:41Z", "2026-09-01T00:00:41Z", "2027-02-01T00:00:41Z"}},
		{"cron expression", scheduleNode(1.2, map[string]any{"field": "cronExpression", "expression": "0 15 * 1 sun"}), "UTC",
			[]string{"2026-01-04T15:00:00Z", "2026-01-11T15:00:00Z", "2026-01-18T15:00:00Z"}},
		{"two rules", scheduleNode(1.2, map[string]any{"field": "cronExpression", "expression": "0 12 * * *"}, map[string]any{"field": "cronExpression", "expression": "30 6 * * *"}), "UTC",
			[]string{"2026-01-01T06:30:00Z", "2026-01-01T12:00:00Z", "2026-01-02T06:30:00Z"}},
		{"cron node every minute", cronNode(map[string]any{"mode": "everyMinute"}), "UTC",
			[]string{"2026-01-01T00:00:42Z", "2026-01-01T00:01:42Z"}},
		{"cron node every hour", cronNode(map[string]any{"mode": "everyHour", "minute": 20.0}), "UTC",
			[]string{"2026-01-01T00:20:42Z", "2026-01-01T01:20:42Z"}},
		{"cron node every day default", cronNode(map[string]any{}), "UTC",
			[]string{"2026-01-01T14:00:42Z", "2026-01-02T14:00:42Z"}},
		{"cron node every week", cronNode(map[string]any{"mode": "everyWeek", "hour": 9.0, "weekday": "3"}), "UTC",
			[]string{"2026-01-07T09:00:42Z", "2026-01-14T09:00:42Z"}},
		{"cron node every month", cronNode(map[string]any{"mode": "everyMonth", "dayOfMonth": 10.0, "hour": 1.0, "minute": 2.0}), "UTC",
			[]string{"2026-01-10T01:02:42Z", "2026-02-10T01:02:42Z"}},
		{"cron node every 20 minutes", cronNode(map[string]any{"mode": "everyX", "unit": "minutes", "value": 20.0}), "UTC",
			[]string{"2026-01-01T00:00:42Z", "2026-01-01T00:20:42Z"}},
		{"cron node every 6 hours", cronNode(map[string]any{"mode": "everyX", "value": 6.0}), "UTC",
			[]string{"2026-01-01T00:00:42Z", "2026-01-01T06:00:42Z"}},
		{"cron node custom and daily", cronNode(map[string]any{"mode": "custom", "cronExpression": " 0 0 12 * * 1 "}, map[string]any{"mode": "everyDay", "hour": 23.0}), "UTC",
			[]string{"2026-01-01T23:00:44Z", "2026-01-02T23:00:44Z", "2026-01-03T23:00:44Z", "2026-01-04T23:00:44Z", "2026-01-05T12:00:00Z"}},
		{"cron node without times", cronNode(), "UTC", []string{"never"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			loc := zone(t, tt.tz)
			s, ok, err := trigger.ScheduleOf("", tt.node, lookup(t, tt.node.Type, tt.node.TypeVersion), loc)
			if err != nil || !ok {
				t.Fatalf("ScheduleOf: ok %v, err %v", ok, err)
			}
			got := fires(s, parseTime(t, start), loc, len(tt.want))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("firings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestScheduleOfErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		node        *nodes.Node
		message     string
		description string
	}{
		{"bad cron", scheduleNode(1.2, map[string]any{"field": "cronExpression", "expression": "61 * * * *"}),
			"Invalid cron expression", "More information on how to build them at https://crontab.guru/"},
		{"minutes out of range in 1.3", scheduleNode(1.3, map[string]any{"field": "minutes", "minutesInterval": 0.0}),
			"Invalid interval", "Minutes must be in range 1-59"},
		{"hours out of range in 1.4", scheduleNode(1.4, map[string]any{"field": "hours", "hoursInterval": 30.0}),
			"Invalid interval", "Hours must be in range 1-23"},
		{"bad cron node time", cronNode(map[string]any{"mode": "custom", "cronExpression": "x y"}),
			`Invalid cron expression "x y" in trigger time 1: Unknown alias: x`, ""},
	}
	for _, tt := range tests {
		_, _, err := trigger.ScheduleOf("", tt.node, lookup(t, tt.node.Type, tt.node.TypeVersion), time.UTC)
		var ne *nodes.NodeError
		if !errors.As(err, &ne) {
			t.Errorf("%s: error %v, want a NodeError", tt.name, err)
			continue
		}
		got := []string{ne.NodeName, ne.Message, ne.DescriptionText()}
		if diff := cmp.Diff([]string{tt.node.Name, tt.message, tt.description}, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestScheduleOfOtherNodes(t *testing.T) {
	t.Parallel()
	for _, node := range []*nodes.Node{
		{Name: "Webhook", Type: trigger.WebhookType, TypeVersion: 2},
		{Name: "Off", Type: trigger.ScheduleTriggerType, TypeVersion: 1.2, Disabled: true},
	} {
		s, ok, err := trigger.ScheduleOf("", node, nil, time.UTC)
		if s != nil || ok || err != nil {
			t.Errorf("%s: ScheduleOf = %v, %v, %v; want nil, false, nil", node.Name, s, ok, err)
		}
	}
}

func TestScheduleItem(t *testing.T) {
	t.Parallel()
	node := scheduleNode(1.2)
	tests := []struct {
		tz   string
		at   string
		want map[string]any
	}{
		{"Europe/Berlin", "2026-03-01T13:05:09Z", map[string]any{
			"timestamp": "2026-03-01T14:05:09.000+01:00", "Readable date": "March 1st 2026, 2:05:09 pm", "Readable time": "2:05:09 pm",
			"Day of week": "Sunday", "Year": "2026", "Month": "March", "Day of month": "01", "Hour": "14", "Minute": "05", "Second": "09",
			"Timezone": "Europe/Berlin (UTC+01:00)",
		}},
		{"America/New_York", "2026-07-22T04:00:00Z", map[string]any{
			"timestamp": "2026-07-22T00:00:00.000-04:00", "Readable date": "July 22nd 2026, 12:00:00 am", "Readable time": "12:00:00 am",
			"Day of week": "Wednesday", "Year": "2026", "Month": "July", "Day of month": "22", "Hour": "00", "Minute": "00", "Second": "00",
			"Timezone": "America/New_York (UTC-04:00)",
		}},
		{"UTC", "2026-12-13T23:59:59Z", map[string]any{
			"timestamp": "2026-12-13T23:59:59.000+00:00", "Readable date": "December 13th 2026, 11:59:59 pm", "Readable time": "11:59:59 pm",
			"Day of week": "Sunday", "Year": "2026", "Month": "December", "Day of month": "13", "Hour": "23", "Minute": "59", "Second": "59",
			"Timezone": "UTC (UTC+00:00)",
		}},
	}
	for _, tt := range tests {
		got := trigger.ScheduleItem(node, parseTime(t, tt.at), zone(t, tt.tz))
		if diff := cmp.Diff(tt.want, got.JSON); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.tz, diff)
		}
		wantKeys := []string{"timestamp", "Readable date", "Readable time", "Day of week", "Year", "Month", "Day of month", "Hour", "Minute", "Second", "Timezone"}
		if diff := cmp.Diff(wantKeys, nodes.Keys(got.Object())); diff != "" {
			t.Errorf("%s key order (-want +got):\n%s", tt.tz, diff)
		}
	}
	if got := trigger.ScheduleItem(cronNode(), time.Now(), time.UTC); !cmp.Equal(got.JSON, map[string]any{}) {
		t.Errorf("Cron item %v, want {}", got.JSON)
	}
}
