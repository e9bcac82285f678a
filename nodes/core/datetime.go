package core

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// parseDateTime is n8n's tryToParseDateTime: a DateTime passes, strings are
// tried as ISO 8601 (Luxon's fromISO), HTTP date, RFC 2822, SQL and finally
// the formats JavaScript's Date.parse accepts. Numbers are read as strings,
// as n8n does. zone is the default zone for values without an offset.
func parseDateTime(v any, zone *time.Location) (time.Time, bool) {
	if zone == nil {
		zone = defaultZone
	}
	switch x := v.(type) {
	case time.Time:
		return x, true
	case timeValue:
		return x.Time(), true
	}
	s := strings.TrimSpace(jsString(v))
	if t, ok := parseISO(s, zone); ok {
		return t, true
	}
	for _, layout := range httpLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if t, ok := parseSQL(s, zone); ok {
		return t, true
	}
	return jsDateParse(s)
}

// localZone is the zone JavaScript's Date.parse reads local times in: the
// process's own zone.
var localZone = time.Local

var isoDayRe = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)

// jsDateParse covers what V8's Date.parse accepts beyond Luxon: ISO dates
// with an out-of-range day (read in UTC, rolling over) and common human
// formats (read in local time).
func jsDateParse(s string) (time.Time, bool) {
	if m := isoDayRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if mo < 1 || mo > 12 || d < 1 || d > 31 {
			return time.Time{}, false
		}
		return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true
	}
	for _, layout := range dateParseLayouts {
		if t, err := time.ParseInLocation(layout, s, localZone); err == nil {
			return t, true
		}
	}
	return v8NumericDate(s)
}

var v8NumericRe = regexp.MustCompile(`^-?(\d+)(?:\.(\d+))?(?:\.(\d+))?$`)

// v8NumericDate mirrors V8's legacy parser on bare numbers ("5" is May 1
// 2001, "0" the year 2000, "5.5" May 5, "1.5.2" 5 Jan 2002, "50" the year
// 1950): a number that cannot be a month is a year, two-digit years map to
// 1950–2049, and the default year is 2001. A leading minus is a separator.
func v8NumericDate(s string) (time.Time, bool) {
	m := v8NumericRe.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	var nums []int
	for _, g := range m[1:] {
		if g == "" {
			continue
		}
		n, err := strconv.Atoi(g)
		if err != nil {
			return time.Time{}, false
		}
		nums = append(nums, n)
	}
	year, month, day := 2001, 1, 1
	fullYear := func(n int) int {
		switch {
		case n < 50:
			return 2000 + n
		case n < 100:
			return 1900 + n
		}
		return n
	}
	switch len(nums) {
	case 1:
		n := nums[0]
		switch {
		case n >= 1 && n <= 12:
			month = n
		case n == 0 || n > 31:
			year = fullYear(n)
		default:
			return time.Time{}, false
		}
	case 2:
		a, b := nums[0], nums[1]
		switch {
		case a >= 1 && a <= 12 && b >= 1 && b <= 31:
			month, day = a, b
		case (a == 0 || a > 31) && b >= 1 && b <= 12:
			year, month = fullYear(a), b
		default:
			return time.Time{}, false
		}
	case 3:
		a, b, c := nums[0], nums[1], nums[2]
		if a < 1 || a > 12 || b < 1 || b > 31 {
			return time.Time{}, false
		}
		month, day, year = a, b, fullYear(c)
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, localZone)
	if t.Day() != day {
		return time.Time{}, false
	}
	return t, true
}

// defaultZone is n8n's default timezone.
var defaultZone = func() *time.Location {
	if loc, err := time.LoadLocation("America/New_York"); err == nil {
		return loc
	}
	return time.UTC
}()

var (
	isoDateRe = regexp.MustCompile(`^([+-]\d{6}|\d{4})(?:-?(\d{2})(?:-?(\d{2}))?|-?W(\d{2})(?:-?(\d))?|-?(\d{3}))?$`)
	isoTimeRe = regexp.MustCompile(`^(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,30}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?(?:\[([^\]]+)\])?$`)
)

// parseISO parses the ISO 8601 forms Luxon's fromISO accepts: calendar,
// week and ordinal dates, optionally followed by T and a time with
// fraction and offset; a bare time means today.
func parseISO(s string, zone *time.Location) (time.Time, bool) {
	datePart, timePart, hasT := strings.Cut(s, "T")
	if !hasT {
		if m := isoTimeRe.FindStringSubmatch(s); m != nil && !isoDateRe.MatchString(s) {
			now := time.Now().In(zone)
			return isoTime(now.Year(), now.Month(), now.Day(), m, zone)
		}
	}
	m := isoDateRe.FindStringSubmatch(datePart)
	if m == nil {
		return time.Time{}, false
	}
	year, _ := strconv.Atoi(m[1])
	month, day := 1, 1
	var base time.Time
	switch {
	case m[4] != "": // week date
		week, _ := strconv.Atoi(m[4])
		wd := 1
		if m[5] != "" {
			wd, _ = strconv.Atoi(m[5])
		}
		if week < 1 || week > 53 || wd < 1 || wd > 7 {
			return time.Time{}, false
		}
		jan4 := time.Date(year, 1, 4, 0, 0, 0, 0, time.UTC)
		off := int(jan4.Weekday())
		if off == 0 {
			off = 7
		}
		base = jan4.AddDate(0, 0, (week-1)*7+wd-off)
	case m[6] != "": // ordinal date
		ord, _ := strconv.Atoi(m[6])
		if ord < 1 || ord > 366 {
			return time.Time{}, false
		}
		base = time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, ord-1)
	default:
		if m[2] != "" {
			month, _ = strconv.Atoi(m[2])
		}
		if m[3] != "" {
			day, _ = strconv.Atoi(m[3])
		}
		if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
			return time.Time{}, false
		}
		base = time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	}
	if !hasT {
		return time.Date(base.Year(), base.Month(), base.Day(), 0, 0, 0, 0, zone), true
	}
	tm := isoTimeRe.FindStringSubmatch(timePart)
	if tm == nil {
		return time.Time{}, false
	}
	return isoTime(base.Year(), base.Month(), base.Day(), tm, zone)
}

func isoTime(y int, mo time.Month, d int, m []string, zone *time.Location) (time.Time, bool) {
	h, _ := strconv.Atoi(m[1])
	mi, sec, ns := 0, 0, 0
	if m[2] != "" {
		mi, _ = strconv.Atoi(m[2])
	}
	if m[3] != "" {
		sec, _ = strconv.Atoi(m[3])
	}
	if m[4] != "" {
		frac := (m[4] + "000000000")[:9]
		ns, _ = strconv.Atoi(frac)
		ns = ns / 1e6 * 1e6 // Luxon keeps milliseconds
	}
	if h > 24 || mi > 59 || sec > 59 || (h == 24 && (mi != 0 || sec != 0 || ns != 0)) {
		return time.Time{}, false
	}
	// 24:00 is midnight at the end of the day; time.Date rolls it over.
	loc := zone
	if len(m) > 6 && m[6] != "" && m[5] == "" {
		if named, err := time.LoadLocation(m[6]); err == nil {
			loc = named
		}
	}
	if off := m[5]; off != "" {
		if off == "Z" {
			loc = time.UTC
		} else {
			sign := 1
			if off[0] == '-' {
				sign = -1
			}
			digits := strings.ReplaceAll(off[1:], ":", "")
			oh, _ := strconv.Atoi(digits[:2])
			om := 0
			if len(digits) >= 4 {
				om, _ = strconv.Atoi(digits[2:4])
			}
			loc = time.FixedZone("", sign*(oh*3600+om*60))
		}
	}
	return time.Date(y, mo, d, h, mi, sec, ns, loc), true
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// httpLayouts are HTTP-date (RFC 7231, RFC 850, asctime) and RFC 2822.
var httpLayouts = []string{
	time.RFC1123, time.RFC1123Z, "Monday, 02-Jan-06 15:04:05 MST", time.ANSIC,
	"Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 MST",
}

var sqlRe = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)? ?(Z|[+-]\d{2}(?::?\d{2})?)?$`)

// parseSQL parses Luxon's fromSQL forms: "2024-01-02 10:00:00.000 +01:00".
func parseSQL(s string, zone *time.Location) (time.Time, bool) {
	m := sqlRe.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) {
		return time.Time{}, false
	}
	tm := []string{"", "00", "", "", "", m[8]}
	if m[4] != "" {
		tm = []string{"", m[4], m[5], m[6], m[7], m[8]}
	}
	return isoTime(y, time.Month(mo), d, tm, zone)
}

// dateParseLayouts are common forms JavaScript's Date.parse accepts.
var dateParseLayouts = []string{
	"2006/01/02", "2006/1/2", "2006/01/02 15:04:05", "2006/1/2 15:04", "1/2/2006", "01/02/2006",
	"1/2/2006 15:04:05", "Jan 2 2006", "Jan 2, 2006", "January 2, 2006", "2 Jan 2006",
	"Mon Jan 2 2006", "Mon Jan 02 2006 15:04:05 GMT-0700", "Jan 2, 2006 15:04:05",
	"January 2, 2006 15:04", "January 2, 2006 15:04:05", "Jan 2, 2006 15:04", "Jan 2 2006 15:04", "Jan 2 2006 15:04:05",
	"2006-01-02 15:04", "2006-01-02 15:04:05", "2 January 2006", "2 Jan 2006 15:04",
}
