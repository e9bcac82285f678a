package ext

import (
	"math"
	"time"
)

// civil holds the wall-clock fields of a DateTime in its zone.
type civil struct {
	year, month, day, hour, minute, second, ms int
}

// dateTime is the Go state behind a JS DateTime object. It is immutable.
type dateTime struct {
	ms int64 // epoch milliseconds
	z  *zone
	o  int // offset in minutes at ms
	c  civil
	// invalid is Luxon's invalidReason ("" when valid) and explanation its
	// invalidExplanation.
	invalid, explanation string
}

// newDT builds a valid dateTime at epoch ms in zone z.
func newDT(ms int64, z *zone) *dateTime {
	d := &dateTime{ms: ms, z: z, o: z.offsetAt(ms)}
	d.c = civilOf(ms, d.o)
	return d
}

// invalidDT is an invalid DateTime with Luxon's reason and explanation.
func invalidDT(reason, explanation string, z *zone) *dateTime {
	return &dateTime{invalid: reason, explanation: explanation, z: z}
}

func civilOf(ms int64, offset int) civil {
	t := time.UnixMilli(ms + int64(offset)*60000).UTC()
	return civil{t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond() / 1e6}
}

// localTS is the epoch-ms value of the wall time c read as UTC (Luxon's
// objToLocalTS); fields overflow like Date.UTC.
func localTS(c civil) int64 {
	return time.Date(c.year, time.Month(c.month), c.day, c.hour, c.minute, c.second, 0, time.UTC).UnixMilli() + int64(c.ms)
}

// fixOffset converts a local timestamp to UTC given a guessed offset o, as
// Luxon does: the offset at the result may differ around DST changes.
func fixOffset(local int64, o int, z *zone) (int64, int) {
	utcGuess := local - int64(o)*60000
	o2 := z.offsetAt(utcGuess)
	if o == o2 {
		return utcGuess, o
	}
	utcGuess -= int64(o2-o) * 60000
	o3 := z.offsetAt(utcGuess)
	if o2 == o3 {
		return utcGuess, o2
	}
	return local - int64(min(o2, o3))*60000, max(o2, o3)
}

// fromCivil builds a DateTime from wall-clock fields in zone z, using the
// offset guess o (the zone's offset now, when the caller has none).
func fromCivil(c civil, o int, z *zone) *dateTime {
	ts, off := fixOffset(localTS(c), o, z)
	d := &dateTime{ms: ts, z: z, o: off}
	d.c = civilOf(ts, off)
	return d
}

// fromCivilGuess builds a DateTime from wall-clock fields using the zone's
// offset now as the first guess, as Luxon does (it decides which of two
// ambiguous wall times in a DST fall-back is meant).
func fromCivilGuess(c civil, z *zone, now time.Time) *dateTime {
	return fromCivil(c, z.offsetAt(now.UnixMilli()), z)
}

func (d *dateTime) valid() bool { return d.invalid == "" }

// time returns the instant in the DateTime's zone.
func (d *dateTime) time() time.Time { return time.UnixMilli(d.ms).In(d.z.loc) }

// weekday is the ISO weekday, 1 = Monday ... 7 = Sunday.
func (d *dateTime) weekday() int {
	w := int(time.Date(d.c.year, time.Month(d.c.month), d.c.day, 0, 0, 0, 0, time.UTC).Weekday())
	if w == 0 {
		return 7
	}
	return w
}

func (d *dateTime) isoWeek() (year, week int) {
	return time.Date(d.c.year, time.Month(d.c.month), d.c.day, 12, 0, 0, 0, time.UTC).ISOWeek()
}

func (d *dateTime) ordinal() int {
	return time.Date(d.c.year, time.Month(d.c.month), d.c.day, 12, 0, 0, 0, time.UTC).YearDay()
}

// daysInMonth handles month overflow as Luxon does.
func daysInMonth(year, month int) int {
	modMonth := ((month-1)%12+12)%12 + 1
	modYear := year + (month-modMonth)/12
	return time.Date(modYear, time.Month(modMonth)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func isLeap(year int) bool { return year%4 == 0 && (year%100 != 0 || year%400 == 0) }

func (d *dateTime) setZone(z *zone, keepLocalTime bool) *dateTime {
	if !d.valid() {
		return d
	}
	if keepLocalTime {
		return fromCivil(d.c, z.offsetAt(d.ms), z)
	}
	return newDT(d.ms, z)
}

// plus adds a duration as Luxon's adjustTime does: calendar units on the
// wall clock (then fixing the offset), time units in absolute time.
func (d *dateTime) plus(dur *duration) *dateTime {
	if !d.valid() {
		return d
	}
	if !dur.valid() {
		return invalidDT("invalid duration", dur.invalid, d.z)
	}
	v := dur.v
	years, quarters, months := math.Trunc(v[uYears]), math.Trunc(v[uQuarters]), math.Trunc(v[uMonths])
	weeks, days := math.Trunc(v[uWeeks]), math.Trunc(v[uDays])
	year := d.c.year + int(years)
	month := d.c.month + int(months) + int(quarters)*3
	c := d.c
	c.year, c.month = year, month
	c.day = min(d.c.day, daysInMonth(year, month)) + int(days) + int(weeks)*7
	rest := &duration{}
	rest.set(uYears, v[uYears]-years)
	rest.set(uQuarters, v[uQuarters]-quarters)
	rest.set(uMonths, v[uMonths]-months)
	rest.set(uWeeks, v[uWeeks]-weeks)
	rest.set(uDays, v[uDays]-days)
	rest.set(uHours, v[uHours])
	rest.set(uMinutes, v[uMinutes])
	rest.set(uSeconds, v[uSeconds])
	rest.set(uMillis, v[uMillis])
	add := rest.as(uMillis)
	ts, o := fixOffset(localTS(c), d.o, d.z)
	if add != 0 {
		ts += int64(math.Round(add))
		o = d.z.offsetAt(ts)
	}
	r := &dateTime{ms: ts, z: d.z, o: o}
	r.c = civilOf(ts, o)
	return r
}

func (d *dateTime) minus(dur *duration) *dateTime { return d.plus(dur.negate()) }

// setFields is Luxon's set(): fields given in vals (Luxon unit names,
// singular) replace the current ones.
func (d *dateTime) setFields(vals map[string]float64) *dateTime {
	if !d.valid() {
		return d
	}
	c := d.c
	_, hasWeekday := vals["weekday"]
	_, hasWeekNumber := vals["weekNumber"]
	_, hasWeekYear := vals["weekYear"]
	_, hasOrdinal := vals["ordinal"]
	switch {
	case hasWeekday || hasWeekNumber || hasWeekYear:
		wy, wn := d.isoWeek()
		wd := d.weekday()
		if v, ok := vals["weekYear"]; ok {
			wy = int(v)
		}
		if v, ok := vals["weekNumber"]; ok {
			wn = int(v)
		}
		if v, ok := vals["weekday"]; ok {
			wd = int(v)
		}
		// Monday of ISO week 1 is the Monday of the week holding Jan 4.
		jan4 := time.Date(wy, 1, 4, 0, 0, 0, 0, time.UTC)
		jw := int(jan4.Weekday())
		if jw == 0 {
			jw = 7
		}
		day := jan4.AddDate(0, 0, (wn-1)*7+(wd-jw))
		c.year, c.month, c.day = day.Year(), int(day.Month()), day.Day()
	case hasOrdinal:
		day := time.Date(c.year, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(vals["ordinal"])-1)
		c.year, c.month, c.day = day.Year(), int(day.Month()), day.Day()
	}
	_, hasDay := vals["day"]
	for k, v := range vals {
		n := int(v)
		switch k {
		case "year":
			c.year = n
		case "month":
			c.month = n
		case "day":
			c.day = n
		case "hour":
			c.hour = n
		case "minute":
			c.minute = n
		case "second":
			c.second = n
		case "millisecond":
			c.ms = n
		}
	}
	if !hasDay && !hasWeekday && !hasWeekNumber && !hasWeekYear && !hasOrdinal {
		c.day = min(daysInMonth(c.year, c.month), c.day)
	}
	return fromCivil(c, d.o, d.z)
}

// startOf is Luxon's startOf(unit) for a normalized (plural) unit.
func (d *dateTime) startOf(u int) *dateTime {
	if !d.valid() {
		return d
	}
	o := map[string]float64{}
	switch u {
	case uYears:
		o["month"] = 1
		fallthrough
	case uQuarters, uMonths:
		o["day"] = 1
		fallthrough
	case uWeeks, uDays:
		o["hour"] = 0
		fallthrough
	case uHours:
		o["minute"] = 0
		fallthrough
	case uMinutes:
		o["second"] = 0
		fallthrough
	case uSeconds:
		o["millisecond"] = 0
	}
	if u == uWeeks {
		o["weekday"] = 1
	}
	if u == uQuarters {
		q := (d.c.month + 2) / 3
		o["month"] = float64((q-1)*3 + 1)
	}
	return d.setFields(o)
}

// endOf is Luxon's endOf(unit).
func (d *dateTime) endOf(u int) *dateTime {
	if !d.valid() {
		return d
	}
	one := &duration{}
	one.set(u, 1)
	ms := &duration{}
	ms.set(uMillis, 1)
	return d.plus(one).startOf(u).minus(ms)
}

// dayDiff is Luxon's whole calendar days between two wall dates.
func dayDiff(a, b *dateTime) float64 {
	da := time.Date(a.c.year, time.Month(a.c.month), a.c.day, 0, 0, 0, 0, time.UTC)
	db := time.Date(b.c.year, time.Month(b.c.month), b.c.day, 0, 0, 0, 0, time.UTC)
	return math.Floor(float64(db.Sub(da).Milliseconds()) / 86400000)
}

// diff is Luxon's DateTime#diff(other, units): d minus other.
func (d *dateTime) diff(other *dateTime, units []int) *duration {
	if !d.valid() || !other.valid() {
		return &duration{invalid: "created by diffing an invalid DateTime"}
	}
	otherIsLater := other.ms > d.ms
	earlier, later := other, d
	if otherIsLater {
		earlier, later = d, other
	}
	r := diffDates(earlier, later, units)
	if otherIsLater {
		return r.negate()
	}
	return r
}

func hasUnit(units []int, u int) bool {
	for _, x := range units {
		if x == u {
			return true
		}
	}
	return false
}

func diffDates(earlier, later *dateTime, units []int) *duration {
	results := &duration{}
	cursor := earlier
	var highWater *dateTime
	lowest := -1
	differs := []struct {
		unit int
		f    func(a, b *dateTime) float64
	}{
		{uYears, func(a, b *dateTime) float64 { return float64(b.c.year - a.c.year) }},
		{uQuarters, func(a, b *dateTime) float64 {
			return float64((b.c.month+2)/3 - (a.c.month+2)/3 + (b.c.year-a.c.year)*4)
		}},
		{uMonths, func(a, b *dateTime) float64 { return float64(b.c.month - a.c.month + (b.c.year-a.c.year)*12) }},
		{uWeeks, func(a, b *dateTime) float64 {
			days := dayDiff(a, b)
			return (days - math.Mod(days, 7)) / 7
		}},
		{uDays, dayDiff},
	}
	sameAsCursor := false
	for _, df := range differs {
		if !hasUnit(units, df.unit) {
			continue
		}
		lowest = df.unit
		results.set(df.unit, df.f(cursor, later))
		highWater = earlier.plus(results)
		if highWater.ms > later.ms {
			results.set(df.unit, results.v[df.unit]-1)
			cursor = earlier.plus(results)
			if cursor.ms > later.ms {
				highWater = cursor
				results.set(df.unit, results.v[df.unit]-1)
				cursor = earlier.plus(results)
			}
			sameAsCursor = false
		} else {
			cursor = highWater
			sameAsCursor = true
		}
	}
	remaining := float64(later.ms - cursor.ms)
	var lower []int
	for _, u := range units {
		if u >= uHours {
			lower = append(lower, u)
		}
	}
	if len(lower) == 0 {
		if lowest < 0 {
			return results
		}
		if highWater.ms < later.ms {
			one := &duration{}
			one.set(lowest, 1)
			highWater = cursor.plus(one)
			sameAsCursor = false
		}
		if !sameAsCursor && highWater.ms != cursor.ms {
			results.set(lowest, results.v[lowest]+remaining/float64(highWater.ms-cursor.ms))
		}
		return results
	}
	ms := &duration{}
	ms.set(uMillis, remaining)
	return ms.shiftTo(lower).plus(results)
}
