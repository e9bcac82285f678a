package trigger

import (
	"strings"
	"time"

	"github.com/noderun/noderun/nodes"
)

func scheduleTriggerType() *nodes.Type {
	return &nodes.Type{Description: loadDescription("schedule_trigger.json"), Handler: nodes.HandlerFunc(executeScheduleTrigger)}
}

func cronType() *nodes.Type {
	return &nodes.Type{Description: loadDescription("cron.json"), Handler: nodes.HandlerFunc(executeCron)}
}

// scheduleNow is the clock of manual runs (a variable for tests).
var scheduleNow = time.Now

// executeScheduleTrigger passes a seeded item through (a run the server
// started when the schedule fired); otherwise it is n8n's
// manualTriggerFunction: the rules are checked (1.3+ intervals, the first
// rule's cron expression) and the item for now is emitted.
func executeScheduleTrigger(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	if in := ctx.InputData(0); len(in) > 0 {
		return nodes.Outputs{in}, nil
	}
	node := ctx.Node()
	intervals := readIntervals(node.Parameters)
	if node.TypeVersion >= 1.3 {
		for i, iv := range intervals {
			if err := iv.validate(node.Name, i); err != nil {
				return nil, err
			}
		}
	}
	if first := intervals[0]; first.field == "cronExpression" {
		if _, err := ParseCron(first.expression); err != nil {
			return nil, invalidCron(node.Name, err)
		}
	}
	return nodes.Outputs{{ScheduleItem(node, scheduleNow(), ctx.Timezone())}}, nil
}

// executeCron passes a seeded item through, else emits one empty item
// (the Cron node's manualTriggerFunction).
func executeCron(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	if in := ctx.InputData(0); len(in) > 0 {
		return nodes.Outputs{in}, nil
	}
	return nodes.Outputs{{{JSON: map[string]any{}}}}, nil
}

// scheduleItemJSON is the Schedule Trigger's item for t in tz, formatted
// as n8n's moment-timezone calls do.
func scheduleItemJSON(t time.Time, tz *time.Location) map[string]any {
	if tz == nil {
		tz = time.UTC
	}
	t = t.In(tz)
	offset := t.Format("-07:00")
	m := map[string]any{
		"timestamp":     t.Format("2006-01-02T15:04:05.000") + offset,
		"Readable date": t.Format("January ") + ordinal(t.Day()) + t.Format(" 2006, 3:04:05 ") + strings.ToLower(t.Format("PM")),
		"Readable time": t.Format("3:04:05 ") + strings.ToLower(t.Format("PM")),
		"Day of week":   t.Weekday().String(),
		"Year":          t.Format("2006"),
		"Month":         t.Format("January"),
		"Day of month":  t.Format("02"),
		"Hour":          t.Format("15"),
		"Minute":        t.Format("04"),
		"Second":        t.Format("05"),
		"Timezone":      tz.String() + " (UTC" + offset + ")",
	}
	nodes.SetKeyOrder(m, []string{"timestamp", "Readable date", "Readable time", "Day of week", "Year", "Month", "Day of month", "Hour", "Minute", "Second", "Timezone"})
	return m
}

// ordinal is moment's "Do": 1st, 2nd, 3rd, 4th, 11th, 21st ...
func ordinal(d int) string {
	suffix := "th"
	if d%100 < 11 || d%100 > 13 {
		switch d % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return itoa(d) + suffix
}

func itoa(n int) string { return jsString(float64(n)) }
