package trigger

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strings"
	"time"

	"github.com/noderun/noderun/nodes"
)

// interval is one Schedule Trigger rule (n8n's withIntervalDefaults).
type interval struct {
	field string
	size  float64
	// triggerAtHour, triggerAtMinute and triggerAtDayOfMonth are -1 when
	// unset (n8n then picks a stable pseudo-random value).
	hour, minute, dayOfMonth int
	weekdays                 []string
	expression               string
}

// readIntervals reads rule.interval with n8n's per-field defaults.
func readIntervals(params map[string]any) []interval {
	rule := object(params, "rule")
	list, ok := rule["interval"].([]any)
	if !ok || len(list) == 0 {
		list = []any{map[string]any{}}
	}
	out := make([]interval, 0, len(list))
	for _, e := range list {
		m, _ := e.(map[string]any)
		if m == nil {
			m = map[string]any{}
		}
		iv := interval{field: str(m, "field", "days"), hour: -1, minute: -1, dayOfMonth: -1}
		optInt := func(key string) int {
			if f, ok := toNumber(m[key]); ok {
				return int(f)
			}
			return -1
		}
		switch iv.field {
		case "cronExpression":
			iv.expression = str(m, "expression", "")
		case "seconds":
			iv.size = num(m, "secondsInterval", 30)
		case "minutes":
			iv.size = num(m, "minutesInterval", 5)
		case "hours":
			iv.size = num(m, "hoursInterval", 1)
			iv.minute = optInt("triggerAtMinute")
		case "weeks":
			iv.size = num(m, "weeksInterval", 1)
			iv.weekdays = []string{"0"}
			if days, ok := m["triggerAtDay"].([]any); ok {
				iv.weekdays = iv.weekdays[:0]
				for _, d := range days {
					iv.weekdays = append(iv.weekdays, jsString(d))
				}
			}
			iv.hour, iv.minute = optInt("triggerAtHour"), optInt("triggerAtMinute")
		case "months":
			iv.size = num(m, "monthsInterval", 1)
			iv.dayOfMonth = optInt("triggerAtDayOfMonth")
			iv.hour, iv.minute = optInt("triggerAtHour"), optInt("triggerAtMinute")
		default:
			iv.field = "days"
			iv.size = num(m, "daysInterval", 1)
			iv.hour, iv.minute = optInt("triggerAtHour"), optInt("triggerAtMinute")
		}
		out = append(out, iv)
	}
	return out
}

// validate is n8n's validateInterval (Schedule Trigger 1.3+).
func (iv interval) validate(node string, index int) error {
	msg := ""
	switch {
	case iv.field == "seconds" && (iv.size > 59 || iv.size < 1):
		msg = "Seconds must be in range 1-59"
	case iv.field == "minutes" && (iv.size > 59 || iv.size < 1):
		msg = "Minutes must be in range 1-59"
	case iv.field == "hours" && (iv.size > 23 || iv.size < 1):
		msg = "Hours must be in range 1-23"
	case iv.field == "days" && (iv.size > 31 || iv.size < 1):
		msg = "Days must be in range 1-31"
	case iv.field == "months" && iv.size < 1:
		msg = "Months must be larger than 0"
	}
	if msg == "" {
		return nil
	}
	return nodes.NewOperationError(node, "Invalid interval").SetDescription(msg).WithItem(index)
}

// stableInt is n8n's stableInt: a value in [lo, hi) from sha256 of
// "<seed>:<label>", the same on every instance.
func stableInt(seed, label string, lo, hi int) int {
	sum := sha256.Sum256([]byte(seed + ":" + label))
	return lo + int(binary.BigEndian.Uint32(sum[:4])%uint32(hi-lo))
}

// nodeKey is the seed n8n derives a node's stable values from,
// "<workflowId>:<nodeId>".
func nodeKey(workflowID string, node *nodes.Node) string { return workflowID + ":" + node.ID }

// cronExpression is n8n's toCronExpression for a Schedule Trigger rule.
func (iv interval) cronExpression(key string) string {
	if iv.field == "cronExpression" {
		return iv.expression
	}
	n := int(iv.size)
	if iv.field == "seconds" {
		return fmt.Sprintf("*/%d * * * * *", n)
	}
	second := stableInt(key, "second", 0, 60)
	if iv.field == "minutes" {
		if n > 0 && 60%n == 0 {
			return fmt.Sprintf("%d */%d * * * *", second, n)
		}
		return fmt.Sprintf("%d * * * * *", second)
	}
	minute := iv.minute
	if minute < 0 {
		minute = stableInt(key, "minute", 0, 60)
	}
	if iv.field == "hours" {
		if n > 0 && 24%n == 0 {
			return fmt.Sprintf("%d %d */%d * * *", second, minute, n)
		}
		return fmt.Sprintf("%d %d * * * *", second, minute)
	}
	hour := iv.hour
	if hour < 0 {
		hour = stableInt(key, "hour", 0, 24)
	}
	switch iv.field {
	case "days":
		return fmt.Sprintf("%d %d %d * * *", second, minute, hour)
	case "weeks":
		days := "*"
		if len(iv.weekdays) > 0 {
			days = strings.Join(iv.weekdays, ",")
		}
		return fmt.Sprintf("%d %d %d * * %s", second, minute, hour, days)
	}
	dom := iv.dayOfMonth
	if dom < 0 {
		dom = stableInt(key, "dayOfMonth", 1, 29)
	}
	if n > 0 && 12%n == 0 {
		return fmt.Sprintf("%d %d %d %d */%d *", second, minute, hour, dom, n)
	}
	return fmt.Sprintf("%d %d %d %d * *", second, minute, hour, dom)
}

// everyN is the spacing n8n's recurrenceCheck enforces on top of the cron
// expression (intervalToRecurrence), 0 when the cron alone spaces the
// firings.
func (iv interval) everyN() int {
	n := int(iv.size)
	switch iv.field {
	case "minutes":
		if n > 0 && 60%n != 0 {
			return n
		}
	case "hours", "days", "weeks", "months":
		if n != 1 && n > 0 {
			return n
		}
	}
	return 0
}

// cronSchedule fires when a cron expression matches in a time zone,
// optionally only on every n-th unit (see recurs).
type cronSchedule struct {
	cron  *Cron
	loc   *time.Location
	unit  string
	every int
}

// Next implements Schedule.
func (s *cronSchedule) Next(t time.Time) time.Time {
	for range 100000 {
		n := s.cron.Next(t, s.loc)
		if n.IsZero() || s.recurs(n) {
			return n
		}
		t = n
	}
	return time.Time{}
}

// recurs is the stateless form of n8n's recurrenceCheck: n8n spaces the
// firings of an "every n units" rule n units from its first firing (kept
// in the workflow's static data); noderun counts the units from the Unix
// epoch in the schedule's time zone, which gives the same spacing with a
// fixed phase that survives restarts.
func (s *cronSchedule) recurs(t time.Time) bool {
	if s.every <= 1 {
		return true
	}
	w := wallOf(t.In(s.loc))
	days := int(w.Unix() / 86400)
	var count int
	switch s.unit {
	case "minutes":
		count = int(t.Unix() / 60)
	case "hours":
		count = days*24 + w.Hour()
	case "days":
		count = days
	case "weeks":
		// Weeks start on Sunday (moment's week()); 1970-01-04 was one.
		count = (days + 3) / 7
	case "months":
		count = w.Year()*12 + int(w.Month()) - 1
	default:
		return true
	}
	return count%s.every == 0
}

// anySchedule fires when any of its schedules does.
type anySchedule []Schedule

// Next implements Schedule: the earliest of the schedules' next firings.
func (a anySchedule) Next(t time.Time) time.Time {
	var best time.Time
	for _, s := range a {
		if n := s.Next(t); !n.IsZero() && (best.IsZero() || n.Before(best)) {
			best = n
		}
	}
	return best
}

// scheduleOf reads a Schedule Trigger's rules or a Cron node's trigger
// times.
func scheduleOf(workflowID string, node *nodes.Node, typ *nodes.Type, tz *time.Location) (Schedule, bool, error) {
	if node == nil || node.Disabled || (node.Type != ScheduleTriggerType && node.Type != CronType) {
		return nil, false, nil
	}
	if tz == nil {
		tz = time.UTC
	}
	params := paramsOf(node, typ)
	if isExpression(node.Parameters["rule"]) || isExpression(node.Parameters["triggerTimes"]) {
		return nil, false, fmt.Errorf("node %q: the schedule is an expression; schedules need fixed values", node.Name)
	}
	var out anySchedule
	if node.Type == CronType {
		for i, expr := range cronNodeExpressions(workflowID, node, params) {
			c, err := ParseCron(expr)
			if err != nil {
				return nil, false, nodes.NewOperationErrorf(node.Name, "Invalid cron expression %q in trigger time %d: %v", expr, i+1, err)
			}
			out = append(out, &cronSchedule{cron: c, loc: tz})
		}
		return out, true, nil
	}
	key := nodeKey(workflowID, node)
	for i, iv := range readIntervals(params) {
		if node.TypeVersion >= 1.3 {
			if err := iv.validate(node.Name, i); err != nil {
				return nil, false, err
			}
		}
		c, err := ParseCron(iv.cronExpression(key))
		if err != nil {
			if iv.field == "cronExpression" {
				return nil, false, invalidCron(node.Name, err)
			}
			return nil, false, fmt.Errorf("node %q: rule %d: %w", node.Name, i+1, err)
		}
		out = append(out, &cronSchedule{cron: c, loc: tz, unit: iv.field, every: iv.everyN()})
	}
	return out, true, nil
}

// invalidCron is the Schedule Trigger's error for a bad expression.
func invalidCron(node string, cause error) error {
	ne := nodes.NewOperationError(node, "Invalid cron expression").
		SetDescription("More information on how to build them at https://crontab.guru/")
	ne.Wrapped = cause
	return ne
}

// cronNodeExpressions is n8n's toCronExpression for the legacy Cron
// node's trigger times, with the random second and minute made stable.
func cronNodeExpressions(workflowID string, node *nodes.Node, params map[string]any) []string {
	times := object(params, "triggerTimes")
	list, _ := times["item"].([]any)
	key := nodeKey(workflowID, node)
	var out []string
	for i, e := range list {
		m, _ := e.(map[string]any)
		if m == nil {
			m = map[string]any{}
		}
		label := fmt.Sprint(i)
		second := stableInt(key, "second"+label, 0, 60)
		minute, hour := jsString(m["minute"]), jsString(m["hour"])
		if minute == "" {
			minute = "0"
		}
		if hour == "" {
			hour = "14"
		}
		var expr string
		switch str(m, "mode", "everyDay") {
		case "everyMinute":
			expr = fmt.Sprintf("%d * * * * *", second)
		case "everyHour":
			expr = fmt.Sprintf("%d %s * * * *", second, minute)
		case "everyX":
			value := jsString(m["value"])
			if value == "" {
				value = "2"
			}
			if str(m, "unit", "hours") == "minutes" {
				expr = fmt.Sprintf("%d */%s * * * *", second, value)
			} else {
				expr = fmt.Sprintf("%d %d */%s * * *", second, stableInt(key, "minute"+label, 0, 60), value)
			}
		case "everyDay":
			expr = fmt.Sprintf("%d %s %s * * *", second, minute, hour)
		case "everyWeek":
			wd := jsString(m["weekday"])
			if wd == "" {
				wd = "1"
			}
			expr = fmt.Sprintf("%d %s %s * * %s", second, minute, hour, wd)
		case "everyMonth":
			dom := jsString(m["dayOfMonth"])
			if dom == "" {
				dom = "1"
			}
			expr = fmt.Sprintf("%d %s %s %s * *", second, minute, hour, dom)
		default:
			expr = strings.TrimSpace(str(m, "cronExpression", "* * * * * *"))
		}
		out = append(out, expr)
	}
	return out
}
