package transform

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/noderun/noderun/internal/jsvalue"
)

// This file is a small Go rendering of the Luxon DateTime behaviour the
// Date & Time node relies on: toFormat tokens, toISO, startOf, plus and
// diff. (The expression engine's Luxon lives in internal/expr; it did not
// export a formatter when this node was written.)

var (
	monthsLong  = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	weekdayLong = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
)

// luxonWeekday is Luxon's weekday: Monday 1 ... Sunday 7.
func luxonWeekday(t time.Time) int {
	wd := int(t.Weekday())
	if wd == 0 {
		return 7
	}
	return wd
}

func pad(n, width int) string {
	s := strconv.Itoa(abs(n))
	for len(s) < width {
		s = "0" + s
	}
	if n < 0 {
		return "-" + s
	}
	return s
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// formatOffset renders a UTC offset in seconds: "narrow" +2, "short"
// +02:00, "techie" +0200.
func formatOffset(off int, style string) string {
	sign := "+"
	if off < 0 {
		sign = "-"
		off = -off
	}
	h, m := off/3600, (off%3600)/60
	switch style {
	case "narrow":
		if m > 0 {
			return fmt.Sprintf("%s%d:%s", sign, h, pad(m, 2))
		}
		return fmt.Sprintf("%s%d", sign, h)
	case "techie":
		return sign + pad(h, 2) + pad(m, 2)
	}
	return sign + pad(h, 2) + ":" + pad(m, 2)
}

// isUTCFixed reports whether t's zone is Luxon's fixed UTC zone ("utc").
func isUTCFixed(t time.Time) bool { return t.Location() == time.UTC }

// luxonISO is DateTime.toISO(): yyyy-MM-ddTHH:mm:ss.SSS+hh:mm ("Z" in UTC).
func luxonISO(t time.Time) string {
	s := luxonFormat(t, "yyyy-MM-dd'T'HH:mm:ss.SSS")
	if isUTCFixed(t) {
		return s + "Z"
	}
	_, off := t.Zone()
	return s + formatOffset(off, "short")
}

func hour12(t time.Time) int {
	h := t.Hour() % 12
	if h == 0 {
		return 12
	}
	return h
}

func meridiem(t time.Time) string {
	if t.Hour() < 12 {
		return "AM"
	}
	return "PM"
}

// luxonFormat renders t with Luxon toFormat tokens (en-US).
func luxonFormat(t time.Time, format string) string {
	var b strings.Builder
	rs := []rune(format)
	for i := 0; i < len(rs); {
		c := rs[i]
		if c == '\'' {
			j := i + 1
			for j < len(rs) && rs[j] != '\'' {
				j++
			}
			if j == i+1 && j < len(rs) {
				b.WriteRune('\'')
			} else {
				b.WriteString(string(rs[i+1 : min(j, len(rs))]))
			}
			i = j + 1
			continue
		}
		j := i
		for j < len(rs) && rs[j] == c {
			j++
		}
		token := string(rs[i:j])
		i = j
		if s, ok := luxonToken(t, token); ok {
			b.WriteString(s)
		} else {
			b.WriteString(token)
		}
	}
	return b.String()
}

func luxonToken(t time.Time, tok string) (string, bool) {
	_, off := t.Zone()
	ms := t.Nanosecond() / 1e6
	isoYear, isoWeek := t.ISOWeek()
	switch tok {
	case "S":
		return strconv.Itoa(ms), true
	case "u", "SSS":
		return pad(ms, 3), true
	case "uu":
		return pad(ms/10, 2), true
	case "uuu":
		return strconv.Itoa(ms / 100), true
	case "s":
		return strconv.Itoa(t.Second()), true
	case "ss":
		return pad(t.Second(), 2), true
	case "m":
		return strconv.Itoa(t.Minute()), true
	case "mm":
		return pad(t.Minute(), 2), true
	case "h":
		return strconv.Itoa(hour12(t)), true
	case "hh":
		return pad(hour12(t), 2), true
	case "H":
		return strconv.Itoa(t.Hour()), true
	case "HH":
		return pad(t.Hour(), 2), true
	case "Z":
		return formatOffset(off, "narrow"), true
	case "ZZ":
		return formatOffset(off, "short"), true
	case "ZZZ":
		return formatOffset(off, "techie"), true
	case "ZZZZ", "ZZZZZ":
		name, _ := t.Zone()
		if name == "" || name[0] == '+' || name[0] == '-' {
			return "GMT" + formatOffset(off, "narrow"), true
		}
		return name, true
	case "z":
		if isUTCFixed(t) {
			return "UTC", true
		}
		return t.Location().String(), true
	case "a":
		return meridiem(t), true
	case "d":
		return strconv.Itoa(t.Day()), true
	case "dd":
		return pad(t.Day(), 2), true
	case "c", "E":
		return strconv.Itoa(luxonWeekday(t)), true
	case "ccc", "EEE":
		return weekdayLong[luxonWeekday(t)-1][:3], true
	case "cccc", "EEEE":
		return weekdayLong[luxonWeekday(t)-1], true
	case "ccccc", "EEEEE":
		return weekdayLong[luxonWeekday(t)-1][:1], true
	case "L", "M":
		return strconv.Itoa(int(t.Month())), true
	case "LL", "MM":
		return pad(int(t.Month()), 2), true
	case "LLL", "MMM":
		return monthsLong[t.Month()-1][:3], true
	case "LLLL", "MMMM":
		return monthsLong[t.Month()-1], true
	case "LLLLL", "MMMMM":
		return monthsLong[t.Month()-1][:1], true
	case "y":
		return strconv.Itoa(t.Year()), true
	case "yy":
		return pad(t.Year()%100, 2), true
	case "yyyy":
		return pad(t.Year(), 4), true
	case "yyyyyy":
		return pad(t.Year(), 6), true
	case "kk":
		return pad(isoYear%100, 2), true
	case "kkkk":
		return pad(isoYear, 4), true
	case "W":
		return strconv.Itoa(isoWeek), true
	case "WW":
		return pad(isoWeek, 2), true
	case "o":
		return strconv.Itoa(t.YearDay()), true
	case "ooo":
		return pad(t.YearDay(), 3), true
	case "q":
		return strconv.Itoa((int(t.Month())-1)/3 + 1), true
	case "qq":
		return pad((int(t.Month())-1)/3+1, 2), true
	case "X":
		return strconv.FormatInt(int64(math.Floor(float64(t.UnixMilli())/1000)), 10), true
	case "x":
		return strconv.FormatInt(t.UnixMilli(), 10), true
	case "G":
		return "AD", true
	case "GG":
		return "Anno Domini", true
	case "GGGGG":
		return "A", true
	case "D":
		return luxonFormat(t, "M/d/yyyy"), true
	case "DD":
		return luxonFormat(t, "MMM d, yyyy"), true
	case "DDD":
		return luxonFormat(t, "MMMM d, yyyy"), true
	case "DDDD":
		return luxonFormat(t, "EEEE, MMMM d, yyyy"), true
	case "t":
		return luxonFormat(t, "h:mm a"), true
	case "tt":
		return luxonFormat(t, "h:mm:ss a"), true
	case "T":
		return luxonFormat(t, "HH:mm"), true
	case "TT":
		return luxonFormat(t, "HH:mm:ss"), true
	case "f":
		return luxonFormat(t, "M/d/yyyy, h:mm a"), true
	case "ff":
		return luxonFormat(t, "MMM d, yyyy, h:mm a"), true
	case "F":
		return luxonFormat(t, "M/d/yyyy, h:mm:ss a"), true
	case "FF":
		return luxonFormat(t, "MMM d, yyyy, h:mm:ss a"), true
	}
	return "", false
}

// normalizeUnit maps Luxon unit names (singular or plural) to singular.
func normalizeUnit(u string) string {
	u = strings.ToLower(strings.TrimSpace(u))
	return strings.TrimSuffix(u, "s")
}

// luxonStartOf is DateTime.startOf(unit) in t's zone.
func luxonStartOf(t time.Time, unit string) time.Time {
	loc := t.Location()
	y, mo, d := t.Date()
	switch normalizeUnit(unit) {
	case "year":
		return time.Date(y, 1, 1, 0, 0, 0, 0, loc)
	case "quarter":
		return time.Date(y, mo-(mo-1)%3, 1, 0, 0, 0, 0, loc)
	case "month":
		return time.Date(y, mo, 1, 0, 0, 0, 0, loc)
	case "week":
		return time.Date(y, mo, d-(luxonWeekday(t)-1), 0, 0, 0, 0, loc)
	case "day":
		return time.Date(y, mo, d, 0, 0, 0, 0, loc)
	case "hour":
		return time.Date(y, mo, d, t.Hour(), 0, 0, 0, loc)
	case "minute":
		return time.Date(y, mo, d, t.Hour(), t.Minute(), 0, 0, loc)
	case "second":
		return time.Date(y, mo, d, t.Hour(), t.Minute(), t.Second(), 0, loc)
	}
	return t
}

// luxonEndOf is DateTime.endOf(unit): the last millisecond of the unit.
func luxonEndOf(t time.Time, unit string) time.Time {
	start := luxonStartOf(t, unit)
	return luxonPlus(start, unit, 1).Add(-time.Millisecond)
}

// luxonPlus is DateTime.plus({unit: n}): calendar units keep the wall
// time (clamping the day of month), time units add exact durations.
func luxonPlus(t time.Time, unit string, n float64) time.Time {
	loc := t.Location()
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	ns := t.Nanosecond()
	addMonths := func(months int) time.Time {
		total := int(mo) - 1 + months
		ny := y + floorDiv(total, 12)
		nm := time.Month(total - floorDiv(total, 12)*12 + 1)
		last := time.Date(ny, nm+1, 0, 0, 0, 0, 0, loc).Day()
		return time.Date(ny, nm, min(d, last), h, mi, s, ns, loc)
	}
	whole := int(n)
	switch normalizeUnit(unit) {
	case "year":
		return addMonths(12 * whole)
	case "quarter":
		return addMonths(3 * whole)
	case "month":
		return addMonths(whole)
	case "week":
		return time.Date(y, mo, d+7*whole, h, mi, s, ns, loc)
	case "day":
		return time.Date(y, mo, d+whole, h, mi, s, ns, loc)
	case "hour":
		return t.Add(time.Duration(n * float64(time.Hour)))
	case "minute":
		return t.Add(time.Duration(n * float64(time.Minute)))
	case "second":
		return t.Add(time.Duration(n * float64(time.Second)))
	case "millisecond":
		return t.Add(time.Duration(n * float64(time.Millisecond)))
	}
	return t
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

var diffCalendarUnits = []string{"year", "quarter", "month", "week", "day"}
var diffTimeUnits = []struct {
	name string
	ms   float64
}{{"hour", 3600000}, {"minute", 60000}, {"second", 1000}, {"millisecond", 1}}

// luxonDiff is later.diff(earlier, units).toObject() (keys plural, as
// Luxon names them).
func luxonDiff(end, start time.Time, units []string) map[string]any {
	want := map[string]bool{}
	for _, u := range units {
		want[normalizeUnit(u)] = true
	}
	negate := start.After(end)
	earlier, later := start, end
	if negate {
		earlier, later = end, start
	}
	results := map[string]int{}
	var order []string
	cursor := earlier
	highWater := earlier
	lowest := ""
	plusAll := func() time.Time {
		c := earlier
		for _, u := range order {
			c = luxonPlus(c, u, float64(results[u]))
		}
		return c
	}
	for _, u := range diffCalendarUnits {
		if !want[u] {
			continue
		}
		lowest = u
		order = append(order, u)
		results[u] = calendarDiffer(u, cursor, later)
		highWater = plusAll()
		if highWater.After(later) {
			results[u]--
			cursor = plusAll()
			if cursor.After(later) {
				highWater = cursor
				results[u]--
				cursor = plusAll()
			}
		} else {
			cursor = highWater
		}
	}
	out := map[string]any{}
	for _, u := range order {
		out[u+"s"] = float64(results[u])
	}
	remaining := float64(later.Sub(cursor).Milliseconds())
	var lower []string
	for _, tu := range diffTimeUnits {
		if want[tu.name] {
			lower = append(lower, tu.name)
		}
	}
	if len(lower) == 0 {
		if lowest != "" {
			if highWater.Before(later) {
				highWater = luxonPlus(cursor, lowest, 1)
			}
			if !highWater.Equal(cursor) {
				out[lowest+"s"] = float64(results[lowest]) + remaining/float64(highWater.Sub(cursor).Milliseconds())
			}
		}
	} else {
		for idx, tu := range diffTimeUnits {
			if !want[tu.name] {
				continue
			}
			last := true
			for _, later := range diffTimeUnits[idx+1:] {
				if want[later.name] {
					last = false
				}
			}
			if last {
				out[tu.name+"s"] = remaining / tu.ms
				remaining = 0
			} else {
				q := math.Trunc(remaining / tu.ms)
				out[tu.name+"s"] = q
				remaining -= q * tu.ms
			}
		}
	}
	if negate {
		for k, v := range out {
			if f, ok := v.(float64); ok && f != 0 {
				out[k] = -f
			}
		}
	}
	return out
}

func calendarDiffer(unit string, a, b time.Time) int {
	switch unit {
	case "year":
		return b.Year() - a.Year()
	case "quarter":
		return (b.Year()-a.Year())*4 + (int(b.Month())-1)/3 - (int(a.Month())-1)/3
	case "month":
		return int(b.Month()) - int(a.Month()) + (b.Year()-a.Year())*12
	case "week":
		days := dayDiff(a, b)
		return (days - days%7) / 7
	}
	return dayDiff(a, b)
}

// dayDiff counts calendar days between the local dates of a and b.
func dayDiff(a, b time.Time) int {
	ua := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	ub := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(math.Floor(ub.Sub(ua).Hours() / 24))
}

// luxonDurationISO renders a diff object as Duration.toISO().
func luxonDurationISO(d map[string]any) string {
	get := func(k string) float64 { f, _ := jsvalue.ToFloat(d[k]); return f }
	var b strings.Builder
	b.WriteString("P")
	for _, p := range []struct{ k, s string }{{"years", "Y"}, {"quarters", "Q"}, {"months", "M"}, {"weeks", "W"}, {"days", "D"}} {
		if v := get(p.k); v != 0 {
			b.WriteString(jsvalue.FormatNumber(v) + p.s)
		}
	}
	h, m, s, ms := get("hours"), get("minutes"), get("seconds"), get("milliseconds")
	if h != 0 || m != 0 || s != 0 || ms != 0 {
		b.WriteString("T")
		if h != 0 {
			b.WriteString(jsvalue.FormatNumber(h) + "H")
		}
		if m != 0 {
			b.WriteString(jsvalue.FormatNumber(m) + "M")
		}
		if s != 0 || ms != 0 {
			b.WriteString(jsvalue.FormatNumber(math.Round((s+ms/1000)*1000)/1000) + "S")
		}
	}
	if b.Len() == 1 {
		return "PT0S"
	}
	return b.String()
}
