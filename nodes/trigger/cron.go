package trigger

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Cron is a parsed cron expression with the npm cron package's syntax
// (the one n8n schedules with): five fields (seconds 0) or six with
// seconds first; numbers, "*", ranges "a-b", steps "*/n", "a/n" (a to
// the end) and "a-b/n", lists "a,b", month and weekday names (jan..dec,
// sun..sat), weekday 7 as Sunday, and the presets @yearly, @monthly,
// @weekly, @daily, @hourly, @minutely, @secondly, @weekdays, @weekends.
// Months are 1-12. As in the npm package, "?" and "L" are not accepted.
// When both day of month and day of week are restricted a day matching
// either fires.
type Cron struct {
	source                                   string
	second, minute, hour, dom, month, dow    uint64
	domRestricted, dowRestricted, allSeconds bool
}

// cronPresets are the npm cron package's PRESETS.
var cronPresets = map[string]string{
	"@yearly":   "0 0 0 1 1 *",
	"@monthly":  "0 0 0 1 * *",
	"@weekly":   "0 0 0 * * 0",
	"@daily":    "0 0 0 * * *",
	"@hourly":   "0 0 * * * *",
	"@minutely": "0 * * * * *",
	"@secondly": "* * * * * *",
	"@weekdays": "0 0 0 * * 1-5",
	"@weekends": "0 0 0 * * 0,6",
}

// cronAliases are the npm cron package's ALIASES.
var cronAliases = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
	"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6,
}

var (
	cronAliasRE = regexp.MustCompile(`[a-z]{1,3}`)
	cronRangeRE = regexp.MustCompile(`^(\d+)(?:-(\d+))?(?:/(\d+))?$`)
)

// cronField is one field's name and bounds.
type cronField struct {
	name      string
	low, high int
	def       string
}

var cronFields = []cronField{
	{"second", 0, 59, "0"}, {"minute", 0, 59, "*"}, {"hour", 0, 23, "*"},
	{"dayOfMonth", 1, 31, "*"}, {"month", 1, 12, "*"}, {"dayOfWeek", 0, 7, "*"},
}

// ParseCron parses a cron expression; errors carry the npm package's
// messages ("Too few fields", "Field (minute) has a step of zero", ...).
func ParseCron(expr string) (*Cron, error) {
	src := strings.ToLower(expr)
	if p, ok := cronPresets[strings.TrimSpace(src)]; ok {
		src = p
	}
	var aliasErr error
	src = cronAliasRE.ReplaceAllStringFunc(src, func(a string) string {
		if v, ok := cronAliases[a]; ok {
			return strconv.Itoa(v)
		}
		if aliasErr == nil {
			aliasErr = fmt.Errorf("Unknown alias: %s", a)
		}
		return a
	})
	if aliasErr != nil {
		return nil, aliasErr
	}
	units := strings.Fields(src)
	if len(units) < len(cronFields)-1 {
		return nil, errors.New("Too few fields")
	}
	if len(units) > len(cronFields) {
		return nil, errors.New("Too many fields")
	}
	c := &Cron{source: expr}
	sets := []*uint64{&c.second, &c.minute, &c.hour, &c.dom, &c.month, &c.dow}
	offset := len(cronFields) - len(units)
	for i, f := range cronFields {
		value := f.def
		if j := i - offset; j >= 0 {
			value = units[j]
		}
		set, err := parseCronField(value, f)
		if err != nil {
			return nil, err
		}
		*sets[i] = set
	}
	if c.dow&(1<<7) != 0 {
		c.dow = c.dow&^(1<<7) | 1
	}
	c.domRestricted = bitCount(c.dom) != 31
	c.dowRestricted = bitCount(c.dow) != 7
	c.allSeconds = bitCount(c.second) == 60
	return c, nil
}

// MustParseCron is ParseCron that panics, for expressions known valid.
func MustParseCron(expr string) *Cron {
	c, err := ParseCron(expr)
	if err != nil {
		panic(err)
	}
	return c
}

// String returns the expression as given.
func (c *Cron) String() string { return c.source }

func parseCronField(value string, f cronField) (uint64, error) {
	for _, part := range strings.Split(value, ",") {
		if i := strings.IndexByte(part, '*'); i > 0 {
			return 0, fmt.Errorf("Field (%s) has an invalid wildcard expression", part)
		}
	}
	value = strings.ReplaceAll(value, "*", fmt.Sprintf("%d-%d", f.low, f.high))
	var set uint64
	for _, r := range strings.Split(value, ",") {
		m := cronRangeRE.FindStringSubmatch(r)
		if m == nil {
			return 0, fmt.Errorf("Field (%s) cannot be parsed", f.name)
		}
		lower, _ := strconv.Atoi(m[1])
		upper, hasUpper := 0, m[2] != ""
		if hasUpper {
			upper, _ = strconv.Atoi(m[2])
		}
		step := 1
		if m[3] != "" {
			step, _ = strconv.Atoi(m[3])
		}
		if step == 0 {
			return 0, fmt.Errorf("Field (%s) has a step of zero", f.name)
		}
		if hasUpper && lower > upper {
			return 0, fmt.Errorf("Field (%s) has an invalid range", f.name)
		}
		if lower < f.low || (hasUpper && upper > f.high) || (!hasUpper && lower > f.high) {
			return 0, fmt.Errorf("Field value (%s) is out of range", value)
		}
		if !hasUpper {
			upper = lower
			if m[3] != "" {
				upper = f.high
			}
		}
		for p := lower; p <= upper; p += step {
			set |= 1 << uint(p)
		}
	}
	return set, nil
}

func bitCount(x uint64) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

func has(set uint64, v int) bool { return set&(1<<uint(v)) != 0 }

// dayMatches is the npm package's day rule: with both day fields
// restricted either may match.
func (c *Cron) dayMatches(t time.Time) bool {
	domOK := has(c.dom, t.Day())
	dowOK := has(c.dow, int(t.Weekday()))
	switch {
	case c.domRestricted && c.dowRestricted:
		return domOK || dowOK
	case c.domRestricted:
		return domOK
	case c.dowRestricted:
		return dowOK
	}
	return true
}

// cronHorizon is how far Next looks (the npm package gives up after 8
// years).
const cronHorizon = 8 * 366 * 24 * time.Hour

// nextWall returns the first wall-clock time strictly after w (a wall
// clock in UTC) that the expression matches; ok is false when there is
// none within the horizon.
func (c *Cron) nextWall(w time.Time) (time.Time, bool) {
	t := w.Truncate(time.Second).Add(time.Second)
	limit := w.Add(cronHorizon)
	for !t.After(limit) {
		if !has(c.month, int(t.Month())) {
			t = time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC)
			continue
		}
		if !c.dayMatches(t) {
			t = time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, time.UTC)
			continue
		}
		if !has(c.hour, t.Hour()) {
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour()+1, 0, 0, 0, time.UTC)
			continue
		}
		if !has(c.minute, t.Minute()) {
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute()+1, 0, 0, time.UTC)
			continue
		}
		if !has(c.second, t.Second()) {
			t = t.Add(time.Second)
			continue
		}
		return t, true
	}
	return time.Time{}, false
}

// Next returns the first firing strictly after t in time zone loc, or the
// zero time when there is none within eight years. Wall-clock times that
// a DST change skips fire at the change (as the npm package does: 02:30
// on a spring-forward night runs at 03:00). Wall-clock times that occur
// twice fire at their first occurrence, and again in the repeated hour
// only when the expression also matches an hour later (so an hourly or
// minutely job runs in both hours, a daily one once), which is what the
// npm package's "one hour back" correction amounts to.
func (c *Cron) Next(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	best := c.nextFrom(t, wallOf(t), loc)
	if _, end := t.ZoneBounds(); !end.IsZero() {
		_, offNow := t.Zone()
		_, offEnd := end.Zone()
		if offEnd < offNow && (best.IsZero() || end.Before(best)) {
			if n := c.repeated(t, end, time.Duration(offNow-offEnd)*time.Second); !n.IsZero() && (best.IsZero() || n.Before(best)) {
				best = n
			}
		}
	}
	return best
}

// repeated returns the first firing after t in the wall-clock hour that
// a fall-back change at end repeats (its second occurrence), or zero.
func (c *Cron) repeated(t, end time.Time, diff time.Duration) time.Time {
	from := wallOf(end)
	wall := from.Add(-time.Second)
	for {
		w, ok := c.nextWall(wall)
		if !ok || !w.Before(from.Add(diff)) {
			return time.Time{}
		}
		inst := end.Add(w.Sub(from))
		if inst.After(t) && c.matchesWall(w.Add(diff)) {
			return inst
		}
		wall = w
	}
}

// matchesWall reports whether the expression matches wall clock w.
func (c *Cron) matchesWall(w time.Time) bool {
	return has(c.month, int(w.Month())) && c.dayMatches(w) && has(c.hour, w.Hour()) &&
		has(c.minute, w.Minute()) && has(c.second, w.Second())
}

// nextFrom walks wall-clock matches after wall and returns the first that
// resolves to an instant after t.
func (c *Cron) nextFrom(t, wall time.Time, loc *time.Location) time.Time {
	for range 100000 {
		w, ok := c.nextWall(wall)
		if !ok {
			return time.Time{}
		}
		for _, inst := range resolveWall(w, loc) {
			if inst.After(t) {
				return inst
			}
		}
		wall = w
	}
	return time.Time{}
}

// wallOf is t's wall clock as a UTC time.
func wallOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// resolveWall returns the instants whose wall clock in loc is w, earliest
// first: one, two in a repeated hour, or for a skipped time the instant
// the clocks jump.
func resolveWall(w time.Time, loc *time.Location) []time.Time {
	guess := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, loc)
	var out []time.Time
	seen := map[int]bool{}
	minOff := 0
	for i, probe := range []time.Time{guess.Add(-3 * time.Hour), guess, guess.Add(3 * time.Hour)} {
		_, off := probe.Zone()
		if i == 0 || off < minOff {
			minOff = off
		}
		if seen[off] {
			continue
		}
		seen[off] = true
		inst := w.Add(-time.Duration(off) * time.Second).In(loc)
		if wallOf(inst).Equal(w) {
			out = append(out, inst)
		}
	}
	if len(out) == 0 {
		// Skipped by a spring-forward change: fire when the clocks jump,
		// the start of the zone period w falls in on the old offset.
		after := w.Add(-time.Duration(minOff) * time.Second).In(loc)
		if start, _ := after.ZoneBounds(); !start.IsZero() {
			return []time.Time{start}
		}
		return []time.Time{after}
	}
	if len(out) == 2 && out[1].Before(out[0]) {
		out[0], out[1] = out[1], out[0]
	}
	return out
}
