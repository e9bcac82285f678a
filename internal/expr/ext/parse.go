package ext

import (
	"fmt"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// parsed is the result of parsing a date string: the fields found and
// the offset, if the string had one.
type parsed struct {
	fields    map[string]int
	offset    int
	hasOffset bool
	zone      *zone // an explicit zone name in the string
}

// orderedFields are Luxon's gregorian units, coarse to fine.
var orderedFields = []string{"year", "month", "day", "hour", "minute", "second", "millisecond"}

var fieldDefaults = map[string]int{"year": 1970, "month": 1, "day": 1}

// rangeError checks a unit's range as Luxon's hasInvalidGregorianData and
// hasInvalidTimeData do; "" when fine.
func rangeError(f map[string]int) string {
	check := func(unit string, lo, hi int) string {
		if v, ok := f[unit]; ok && (v < lo || v > hi) {
			return fmt.Sprintf("you specified %d (of type number) as a %s, which is invalid", v, unit)
		}
		return ""
	}
	if e := check("month", 1, 12); e != "" {
		return e
	}
	if d, ok := f["day"]; ok {
		if d < 1 || d > daysInMonth(f["year"], f["month"]) {
			return fmt.Sprintf("you specified %d (of type number) as a day, which is invalid", d)
		}
	}
	for _, c := range []struct {
		u      string
		lo, hi int
	}{{"hour", 0, 23}, {"minute", 0, 59}, {"second", 0, 59}, {"millisecond", 0, 999}} {
		if e := check(c.u, c.lo, c.hi); e != "" {
			if c.u == "hour" && f["hour"] == 24 && f["minute"] == 0 && f["second"] == 0 && f["millisecond"] == 0 {
				continue
			}
			return e
		}
	}
	return ""
}

// build turns parsed fields into a DateTime: fields missing above the
// highest given unit come from now, below it from defaults (Luxon's
// fromObject rule). target is the zone for strings without an offset (and
// the zone to convert to unless setZone).
func (p *parsed) build(target *zone, setZone bool, now time.Time) *dateTime {
	f := p.fields
	interp := target
	if p.zone != nil {
		interp = p.zone
	}
	nowDT := newDT(now.UnixMilli(), interp)
	nowVals := map[string]int{"year": nowDT.c.year, "month": nowDT.c.month, "day": nowDT.c.day,
		"hour": nowDT.c.hour, "minute": nowDT.c.minute, "second": nowDT.c.second, "millisecond": nowDT.c.ms}
	found := false
	for _, u := range orderedFields {
		if _, ok := f[u]; ok {
			found = true
		} else if found {
			f[u] = fieldDefaults[u]
		} else {
			f[u] = nowVals[u]
		}
	}
	if e := rangeError(f); e != "" {
		return invalidDT("unit out of range", e, target)
	}
	if p.zone != nil {
		d := fromCivilGuess(civil{f["year"], f["month"], f["day"], f["hour"], f["minute"], f["second"], f["millisecond"]}, p.zone, now)
		if setZone {
			return d
		}
		return d.setZone(target, false)
	}
	c := civil{f["year"], f["month"], f["day"], f["hour"], f["minute"], f["second"], f["millisecond"]}
	if p.hasOffset {
		ms := localTS(c) - int64(p.offset)*60000
		if setZone {
			return newDT(ms, fixedZone(p.offset))
		}
		return newDT(ms, target)
	}
	return fromCivilGuess(c, target, now)
}

var (
	isoDateRe = regexp.MustCompile(`^([+-]\d{6}|\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?$`)
	isoWeekRe = regexp.MustCompile(`^(\d{4})-?W(\d{2})(?:-?(\d))?$`)
	isoOrdRe  = regexp.MustCompile(`^(\d{4})-?(\d{3})$`)
	isoTimeRe = regexp.MustCompile(`^(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,30}))?)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?(?:\[([^\]]+)\])?$`)
)

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// fracMillis turns the digits of a decimal fraction of a second into ms.
func fracMillis(s string) int {
	if s == "" {
		return 0
	}
	f, _ := strconv.ParseFloat("0."+s, 64)
	return int(f * 1000)
}

func parseOffset(s string) int {
	if s == "Z" || s == "z" {
		return 0
	}
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	s = strings.ReplaceAll(s[1:], ":", "")
	h := atoi(s[:2])
	m := 0
	if len(s) >= 4 {
		m = atoi(s[2:4])
	}
	return sign * (h*60 + m)
}

// parseISO parses Luxon's ISO 8601 forms; nil when it does not match.
func parseISO(s string, def *zone) *parsed {
	datePart, timePart := s, ""
	if i := strings.IndexAny(s, "Tt"); i >= 0 {
		datePart, timePart = s[:i], s[i+1:]
		if timePart == "" {
			return nil
		}
	}
	p := &parsed{fields: map[string]int{}}
	switch {
	case datePart == "" && timePart != "":
		return nil
	case isoDateRe.MatchString(datePart):
		m := isoDateRe.FindStringSubmatch(datePart)
		if m[2] == "" && m[3] == "" && len(datePart) == 8 {
			return nil
		}
		p.fields["year"] = atoi(strings.TrimPrefix(m[1], "+"))
		if m[2] != "" {
			p.fields["month"] = atoi(m[2])
		}
		if m[3] != "" {
			p.fields["day"] = atoi(m[3])
		}
	case isoWeekRe.MatchString(datePart):
		m := isoWeekRe.FindStringSubmatch(datePart)
		wd := 1
		if m[3] != "" {
			wd = atoi(m[3])
		}
		d := newDT(time.Date(atoi(m[1]), 1, 4, 0, 0, 0, 0, time.UTC).UnixMilli(), utcZone).
			setFields(map[string]float64{"weekYear": float64(atoi(m[1])), "weekNumber": float64(atoi(m[2])), "weekday": float64(wd)})
		p.fields["year"], p.fields["month"], p.fields["day"] = d.c.year, d.c.month, d.c.day
	case isoOrdRe.MatchString(datePart):
		m := isoOrdRe.FindStringSubmatch(datePart)
		day := time.Date(atoi(m[1]), 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, atoi(m[2])-1)
		p.fields["year"], p.fields["month"], p.fields["day"] = day.Year(), int(day.Month()), day.Day()
	default:
		if timePart == "" && isoTimeRe.MatchString(datePart) && strings.Contains(datePart, ":") {
			timePart = datePart
			break
		}
		return nil
	}
	if timePart != "" {
		m := isoTimeRe.FindStringSubmatch(timePart)
		if m == nil {
			return nil
		}
		p.fields["hour"] = atoi(m[1])
		if m[2] != "" {
			p.fields["minute"] = atoi(m[2])
		}
		if m[3] != "" {
			p.fields["second"] = atoi(m[3])
		}
		if m[4] != "" {
			p.fields["millisecond"] = fracMillis(m[4])
		}
		if m[5] != "" {
			p.offset, p.hasOffset = parseOffset(m[5]), true
		}
		if m[6] != "" {
			z, ok := parseZone(m[6], def)
			if !ok {
				return nil
			}
			p.zone = z
		}
	}
	return p
}

var sqlRe = regexp.MustCompile(`^(?:(\d{4})-(\d{2})-(\d{2}))?(?:(?:^| )(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(?: ?(Z|[+-]\d{2}(?::?\d{2})?)| ([A-Za-z_]+/[A-Za-z_/]+|UTC))?$`)

// parseSQL parses Luxon's fromSQL forms.
func parseSQL(s string, def *zone) *parsed {
	m := sqlRe.FindStringSubmatch(s)
	if m == nil || (m[1] == "" && m[4] == "") {
		return nil
	}
	p := &parsed{fields: map[string]int{}}
	if m[1] != "" {
		p.fields["year"], p.fields["month"], p.fields["day"] = atoi(m[1]), atoi(m[2]), atoi(m[3])
	}
	if m[4] != "" {
		p.fields["hour"], p.fields["minute"] = atoi(m[4]), atoi(m[5])
		if m[6] != "" {
			p.fields["second"] = atoi(m[6])
		}
		if m[7] != "" {
			p.fields["millisecond"] = fracMillis(m[7])
		}
	}
	if m[8] != "" {
		p.offset, p.hasOffset = parseOffset(m[8]), true
	}
	if m[9] != "" {
		z, ok := parseZone(m[9], def)
		if !ok {
			return nil
		}
		p.zone = z
	}
	return p
}

func fromTime(t time.Time, withOffset bool) *parsed {
	p := &parsed{fields: map[string]int{"year": t.Year(), "month": int(t.Month()), "day": t.Day(),
		"hour": t.Hour(), "minute": t.Minute(), "second": t.Second(), "millisecond": t.Nanosecond() / 1e6}}
	if withOffset {
		_, off := t.Zone()
		p.offset, p.hasOffset = off/60, true
	}
	return p
}

// parseHTTP parses the three HTTP date forms (always UTC).
func parseHTTP(s string) *parsed {
	for _, layout := range []string{time.RFC1123, time.RFC850, time.ANSIC} {
		if t, err := time.Parse(layout, s); err == nil {
			if layout == time.ANSIC {
				return fromTime(t, true)
			}
			if name, _ := t.Zone(); name != "GMT" && name != "UTC" {
				continue
			}
			return fromTime(t.UTC(), true)
		}
	}
	return nil
}

// parseRFC2822 parses RFC 2822 dates.
func parseRFC2822(s string) *parsed {
	t, err := mail.ParseDate(s)
	if err != nil {
		return nil
	}
	return fromTime(t, true)
}
