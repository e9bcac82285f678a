package ext

import (
	"strconv"
	"strings"
	"sync"
	"time"
)

var (
	monthsLong  = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	monthsShort = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	daysLong    = [7]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	daysShort   = [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
)

func pad(n, width int) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	if neg {
		return "-" + s
	}
	return s
}

// fmtToken is one piece of a Luxon format string.
type fmtToken struct {
	literal bool
	val     string
}

var parsedFormats sync.Map // format string -> []fmtToken

// parseFormat splits a Luxon format string into tokens (runs of one
// letter) and literals ('quoted' text and everything else); results are
// cached.
func parseFormat(f string) []fmtToken {
	if v, ok := parsedFormats.Load(f); ok {
		return v.([]fmtToken)
	}
	toks := splitFormat(f)
	parsedFormats.Store(f, toks)
	return toks
}

func splitFormat(f string) []fmtToken {
	var out []fmtToken
	var current rune = -1
	full := ""
	bracketed := false
	isSpace := func(s string) bool { return strings.TrimSpace(s) == "" }
	for _, c := range f {
		switch {
		case c == '\'':
			// '' is a literal single quote.
			if len(full) > 0 || bracketed {
				val := full
				if val == "" {
					val = "'"
				}
				out = append(out, fmtToken{literal: bracketed || isSpace(full), val: val})
			}
			current = -1
			full = ""
			bracketed = !bracketed
		case bracketed:
			full += string(c)
		case c == current:
			full += string(c)
		default:
			if len(full) > 0 {
				out = append(out, fmtToken{literal: isSpace(full), val: full})
			}
			full = string(c)
			current = c
		}
	}
	if len(full) > 0 {
		out = append(out, fmtToken{literal: bracketed || isSpace(full), val: full})
	}
	return out
}

// Locale presets (DateTime.DATE_SHORT ...), rendered as en-US Intl does.
const (
	presetDateShort = iota
	presetDateMed
	presetDateMedWeekday
	presetDateFull
	presetDateHuge
	presetTimeSimple
	presetTimeSeconds
	presetTimeShortOffset
	presetTimeLongOffset
	presetTime24Simple
	presetTime24Seconds
	presetTime24ShortOffset
	presetTime24LongOffset
	presetDateTimeShort
	presetDateTimeShortSeconds
	presetDateTimeMed
	presetDateTimeMedSeconds
	presetDateTimeMedWeekday
	presetDateTimeFull
	presetDateTimeFullSeconds
	presetDateTimeHuge
	presetDateTimeHugeSeconds
)

// presetNames are the DateTime static names of the presets.
var presetNames = map[string]int{
	"DATE_SHORT": presetDateShort, "DATE_MED": presetDateMed, "DATE_MED_WITH_WEEKDAY": presetDateMedWeekday,
	"DATE_FULL": presetDateFull, "DATE_HUGE": presetDateHuge,
	"TIME_SIMPLE": presetTimeSimple, "TIME_WITH_SECONDS": presetTimeSeconds,
	"TIME_WITH_SHORT_OFFSET": presetTimeShortOffset, "TIME_WITH_LONG_OFFSET": presetTimeLongOffset,
	"TIME_24_SIMPLE": presetTime24Simple, "TIME_24_WITH_SECONDS": presetTime24Seconds,
	"TIME_24_WITH_SHORT_OFFSET": presetTime24ShortOffset, "TIME_24_WITH_LONG_OFFSET": presetTime24LongOffset,
	"DATETIME_SHORT": presetDateTimeShort, "DATETIME_SHORT_WITH_SECONDS": presetDateTimeShortSeconds,
	"DATETIME_MED": presetDateTimeMed, "DATETIME_MED_WITH_SECONDS": presetDateTimeMedSeconds,
	"DATETIME_MED_WITH_WEEKDAY": presetDateTimeMedWeekday,
	"DATETIME_FULL":             presetDateTimeFull, "DATETIME_FULL_WITH_SECONDS": presetDateTimeFullSeconds,
	"DATETIME_HUGE": presetDateTimeHuge, "DATETIME_HUGE_WITH_SECONDS": presetDateTimeHugeSeconds,
}

// meridiemSpace is the space Node 20's Intl puts before AM/PM: a narrow
// no-break space for the "UTC" time zone, a plain space for IANA zones.
func (d *dateTime) meridiemSpace() string {
	if d.z == utcZone {
		return "\u202f"
	}
	return " "
}

func (d *dateTime) time12(seconds bool) string {
	h := d.c.hour % 12
	if h == 0 {
		h = 12
	}
	s := strconv.Itoa(h) + ":" + pad(d.c.minute, 2)
	if seconds {
		s += ":" + pad(d.c.second, 2)
	}
	return s + d.meridiemSpace() + d.meridiem()
}

func (d *dateTime) time24(seconds bool) string {
	s := pad(d.c.hour, 2) + ":" + pad(d.c.minute, 2)
	if seconds {
		s += ":" + pad(d.c.second, 2)
	}
	return s
}

func (d *dateTime) meridiem() string {
	if d.c.hour < 12 {
		return "AM"
	}
	return "PM"
}

// preset renders a locale preset for en-US.
func (d *dateTime) preset(p int) string {
	short := strconv.Itoa(d.c.month) + "/" + strconv.Itoa(d.c.day) + "/" + strconv.Itoa(d.c.year)
	med := monthsShort[d.c.month-1] + " " + strconv.Itoa(d.c.day) + ", " + strconv.Itoa(d.c.year)
	full := monthsLong[d.c.month-1] + " " + strconv.Itoa(d.c.day) + ", " + strconv.Itoa(d.c.year)
	wd := d.weekday() - 1
	shortName := d.z.offsetName(d.time(), "short")
	longName := d.z.offsetName(d.time(), "long")
	if d.z.fixed && d.o != 0 {
		// Intl formats fixed offsets as the Etc/GMT zones.
		shortName, longName = "GMT"+formatOffset(d.o, "narrow"), "GMT"+formatOffset(d.o, "short")
	}
	switch p {
	case presetDateShort:
		return short
	case presetDateMed:
		return med
	case presetDateMedWeekday:
		return daysShort[wd] + ", " + med
	case presetDateFull:
		return full
	case presetDateHuge:
		return daysLong[wd] + ", " + full
	case presetTimeSimple:
		return d.time12(false)
	case presetTimeSeconds:
		return d.time12(true)
	case presetTimeShortOffset:
		return d.time12(true) + " " + shortName
	case presetTimeLongOffset:
		return d.time12(true) + " " + longName
	case presetTime24Simple:
		return d.time24(false)
	case presetTime24Seconds:
		return d.time24(true)
	case presetTime24ShortOffset:
		return d.time24(true) + " " + shortName
	case presetTime24LongOffset:
		return d.time24(true) + " " + longName
	case presetDateTimeShort:
		return short + ", " + d.time12(false)
	case presetDateTimeShortSeconds:
		return short + ", " + d.time12(true)
	case presetDateTimeMed:
		return med + ", " + d.time12(false)
	case presetDateTimeMedSeconds:
		return med + ", " + d.time12(true)
	case presetDateTimeMedWeekday:
		return daysShort[wd] + ", " + med + ", " + d.time12(false)
	case presetDateTimeFull:
		return full + " at " + d.time12(false) + " " + shortName
	case presetDateTimeFullSeconds:
		return full + " at " + d.time12(true) + " " + shortName
	case presetDateTimeHuge:
		return daysLong[wd] + ", " + full + " at " + d.time12(false) + " " + longName
	case presetDateTimeHugeSeconds:
		return daysLong[wd] + ", " + full + " at " + d.time12(true) + " " + longName
	}
	return short
}

// macroTokens map Luxon's localized macro tokens to presets.
var macroTokens = map[string]int{
	"D": presetDateShort, "DD": presetDateMed, "DDD": presetDateFull, "DDDD": presetDateHuge,
	"t": presetTimeSimple, "tt": presetTimeSeconds, "ttt": presetTimeShortOffset, "tttt": presetTimeLongOffset,
	"T": presetTime24Simple, "TT": presetTime24Seconds, "TTT": presetTime24ShortOffset, "TTTT": presetTime24LongOffset,
	"f": presetDateTimeShort, "ff": presetDateTimeMed, "fff": presetDateTimeFull, "ffff": presetDateTimeHuge,
	"F": presetDateTimeShortSeconds, "FF": presetDateTimeMedSeconds, "FFF": presetDateTimeFullSeconds, "FFFF": presetDateTimeHugeSeconds,
}

// tokenString renders one Luxon format token; unknown tokens are kept as
// they are, as Luxon does.
func (d *dateTime) tokenString(tok string) string {
	c := d.c
	switch tok {
	case "S":
		return strconv.Itoa(c.ms)
	case "u", "SSS":
		return pad(c.ms, 3)
	case "uu":
		return pad(c.ms/10, 2)
	case "uuu":
		return strconv.Itoa(c.ms / 100)
	case "s":
		return strconv.Itoa(c.second)
	case "ss":
		return pad(c.second, 2)
	case "m":
		return strconv.Itoa(c.minute)
	case "mm":
		return pad(c.minute, 2)
	case "h", "hh":
		h := c.hour % 12
		if h == 0 {
			h = 12
		}
		if tok == "hh" {
			return pad(h, 2)
		}
		return strconv.Itoa(h)
	case "H":
		return strconv.Itoa(c.hour)
	case "HH":
		return pad(c.hour, 2)
	case "Z":
		return formatOffset(d.o, "narrow")
	case "ZZ":
		return formatOffset(d.o, "short")
	case "ZZZ":
		return formatOffset(d.o, "techie")
	case "ZZZZ":
		return d.z.offsetName(d.time(), "short")
	case "ZZZZZ":
		return d.z.offsetName(d.time(), "long")
	case "z":
		return d.z.name
	case "a":
		return d.meridiem()
	case "d":
		return strconv.Itoa(c.day)
	case "dd":
		return pad(c.day, 2)
	case "c", "E":
		return strconv.Itoa(d.weekday())
	case "ccc", "EEE":
		return daysShort[d.weekday()-1]
	case "cccc", "EEEE":
		return daysLong[d.weekday()-1]
	case "ccccc", "EEEEE":
		return daysLong[d.weekday()-1][:1]
	case "L", "M":
		return strconv.Itoa(c.month)
	case "LL", "MM":
		return pad(c.month, 2)
	case "LLL", "MMM":
		return monthsShort[c.month-1]
	case "LLLL", "MMMM":
		return monthsLong[c.month-1]
	case "LLLLL", "MMMMM":
		return monthsLong[c.month-1][:1]
	case "y":
		return strconv.Itoa(c.year)
	case "yy":
		return pad(((c.year%100)+100)%100, 2)
	case "yyyy":
		return pad(c.year, 4)
	case "yyyyyy":
		return pad(c.year, 6)
	case "G":
		if c.year > 0 {
			return "AD"
		}
		return "BC"
	case "GG":
		if c.year > 0 {
			return "Anno Domini"
		}
		return "Before Christ"
	case "GGGGG":
		if c.year > 0 {
			return "A"
		}
		return "B"
	case "kk":
		wy, _ := d.isoWeek()
		return pad(((wy%100)+100)%100, 2)
	case "kkkk":
		wy, _ := d.isoWeek()
		return pad(wy, 4)
	case "W":
		_, w := d.isoWeek()
		return strconv.Itoa(w)
	case "WW":
		_, w := d.isoWeek()
		return pad(w, 2)
	case "o":
		return strconv.Itoa(d.ordinal())
	case "ooo":
		return pad(d.ordinal(), 3)
	case "q":
		return strconv.Itoa((c.month + 2) / 3)
	case "qq":
		return pad((c.month+2)/3, 2)
	case "X":
		return strconv.FormatInt(floorDiv(d.ms, 1000), 10)
	case "x":
		return strconv.FormatInt(d.ms, 10)
	}
	if p, ok := macroTokens[tok]; ok {
		return d.preset(p)
	}
	return tok
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// toFormat is Luxon's DateTime#toFormat for the en-US locale.
func (d *dateTime) toFormat(f string) string {
	if !d.valid() {
		return "Invalid DateTime"
	}
	var b strings.Builder
	for _, t := range parseFormat(f) {
		if t.literal {
			b.WriteString(t.val)
		} else {
			b.WriteString(d.tokenString(t.val))
		}
	}
	return b.String()
}

func isoYear(y int) string {
	if y > 9999 {
		return "+" + pad(y, 6)
	}
	if y < 0 {
		return "-" + pad(-y, 6)
	}
	return pad(y, 4)
}

// isoOffset renders the ISO offset: "Z" for fixed UTC zones, else ±HH:MM.
func (d *dateTime) isoOffset(basic bool) string {
	if d.z.fixed && d.o == 0 {
		return "Z"
	}
	return formatOffset(d.o, "short")
}

// isoOpts are Luxon's toISO options.
type isoOpts struct {
	suppressMillis, suppressSeconds, includeOffset, basic bool
}

var defaultISO = isoOpts{includeOffset: true}

func (d *dateTime) isoDate(basic bool) string {
	if basic {
		return isoYear(d.c.year) + pad(d.c.month, 2) + pad(d.c.day, 2)
	}
	return isoYear(d.c.year) + "-" + pad(d.c.month, 2) + "-" + pad(d.c.day, 2)
}

func (d *dateTime) isoTime(o isoOpts) string {
	sep := ":"
	if o.basic {
		sep = ""
	}
	s := pad(d.c.hour, 2) + sep + pad(d.c.minute, 2)
	if !(o.suppressSeconds && d.c.second == 0 && d.c.ms == 0) {
		s += sep + pad(d.c.second, 2)
		if !(o.suppressMillis && d.c.ms == 0) {
			s += "." + pad(d.c.ms, 3)
		}
	}
	if o.includeOffset {
		s += d.isoOffset(o.basic)
	}
	return s
}

// toISO is Luxon's DateTime#toISO.
func (d *dateTime) toISO(o isoOpts) string { return d.isoDate(o.basic) + "T" + d.isoTime(o) }

// DateTimeISO renders t as Luxon's toISO() does for a DateTime in t's
// location (e.g. 2024-03-10T01:30:00.000-05:00; "Z" for UTC).
func DateTimeISO(t time.Time) string {
	return newDT(t.UnixMilli(), locZone(t.Location())).toISO(defaultISO)
}

// presetOptions are Luxon's preset Intl option objects (DateTime.DATE_MED ...).
var presetOptions = func() map[string]map[string]string {
	n, s, l := "numeric", "short", "long"
	date := func(month string, extra ...string) map[string]string {
		m := map[string]string{"year": n, "month": month, "day": n}
		for i := 0; i+1 < len(extra); i += 2 {
			m[extra[i]] = extra[i+1]
		}
		return m
	}
	with := func(base map[string]string, extra ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i+1 < len(extra); i += 2 {
			m[extra[i]] = extra[i+1]
		}
		return m
	}
	hm := map[string]string{"hour": n, "minute": n}
	hms := with(hm, "second", n)
	return map[string]map[string]string{
		"DATE_SHORT": date(n), "DATE_MED": date(s), "DATE_MED_WITH_WEEKDAY": date(s, "weekday", s),
		"DATE_FULL": date(l), "DATE_HUGE": date(l, "weekday", l),
		"TIME_SIMPLE": hm, "TIME_WITH_SECONDS": hms,
		"TIME_WITH_SHORT_OFFSET": with(hms, "timeZoneName", s), "TIME_WITH_LONG_OFFSET": with(hms, "timeZoneName", l),
		"TIME_24_SIMPLE": with(hm, "hourCycle", "h23"), "TIME_24_WITH_SECONDS": with(hms, "hourCycle", "h23"),
		"TIME_24_WITH_SHORT_OFFSET":   with(hms, "hourCycle", "h23", "timeZoneName", s),
		"TIME_24_WITH_LONG_OFFSET":    with(hms, "hourCycle", "h23", "timeZoneName", l),
		"DATETIME_SHORT":              with(date(n), "hour", n, "minute", n),
		"DATETIME_SHORT_WITH_SECONDS": with(date(n), "hour", n, "minute", n, "second", n),
		"DATETIME_MED":                with(date(s), "hour", n, "minute", n),
		"DATETIME_MED_WITH_SECONDS":   with(date(s), "hour", n, "minute", n, "second", n),
		"DATETIME_MED_WITH_WEEKDAY":   with(date(s, "weekday", s), "hour", n, "minute", n),
		"DATETIME_FULL":               with(date(l), "hour", n, "minute", n, "timeZoneName", s),
		"DATETIME_FULL_WITH_SECONDS":  with(date(l), "hour", n, "minute", n, "second", n, "timeZoneName", s),
		"DATETIME_HUGE":               with(date(l, "weekday", l), "hour", n, "minute", n, "timeZoneName", l),
		"DATETIME_HUGE_WITH_SECONDS":  with(date(l, "weekday", l), "hour", n, "minute", n, "second", n, "timeZoneName", l),
	}
}()

// signature renders option key/value pairs in a fixed order.
func signature(get func(string) (string, bool)) string {
	var b strings.Builder
	for _, k := range []string{"year", "month", "day", "weekday", "hour", "minute", "second", "timeZoneName", "hourCycle"} {
		if v, ok := get(k); ok {
			b.WriteString(k + "=" + v + ";")
		}
	}
	return b.String()
}

// presetBySignature finds a preset from its option object.
var presetBySignature = func() map[string]int {
	m := map[string]int{}
	for name, opts := range presetOptions {
		m[signature(func(k string) (string, bool) { v, ok := opts[k]; return v, ok })] = presetNames[name]
	}
	return m
}()
