package ext

import (
	"math"
	"strconv"
	"strings"
)

// Duration units in Luxon's order (orderedUnits).
const (
	uYears = iota
	uQuarters
	uMonths
	uWeeks
	uDays
	uHours
	uMinutes
	uSeconds
	uMillis
	numUnits
)

var unitNames = [numUnits]string{"years", "quarters", "months", "weeks", "days", "hours", "minutes", "seconds", "milliseconds"}

// normalizeUnit is Luxon's Duration.normalizeUnit: singular or plural,
// case-insensitive; -1 for an unknown unit.
func normalizeUnit(s string) int {
	switch strings.ToLower(s) {
	case "year", "years":
		return uYears
	case "quarter", "quarters":
		return uQuarters
	case "month", "months":
		return uMonths
	case "week", "weeks":
		return uWeeks
	case "day", "days":
		return uDays
	case "hour", "hours":
		return uHours
	case "minute", "minutes":
		return uMinutes
	case "second", "seconds":
		return uSeconds
	case "millisecond", "milliseconds":
		return uMillis
	}
	return -1
}

// casual is Luxon's casual conversion matrix: casual[a][b] is how many b
// make one a (a coarser than b).
var casual [numUnits][numUnits]float64

func init() {
	daysPer := [numUnits]float64{365, 91, 30, 7, 1}
	msPer := [numUnits]float64{uDays: 86400000, uHours: 3600000, uMinutes: 60000, uSeconds: 1000, uMillis: 1}
	for a := uYears; a <= uDays; a++ {
		for b := uDays; b < numUnits; b++ {
			casual[a][b] = daysPer[a] * msPer[uDays] / msPer[b]
		}
	}
	for a := uHours; a < numUnits; a++ {
		for b := a + 1; b < numUnits; b++ {
			casual[a][b] = msPer[a] / msPer[b]
		}
	}
	casual[uYears][uQuarters], casual[uYears][uMonths], casual[uYears][uWeeks] = 4, 12, 52
	casual[uQuarters][uMonths], casual[uQuarters][uWeeks] = 3, 13
	casual[uMonths][uWeeks] = 4
	for u := 0; u < numUnits; u++ {
		casual[u][u] = 1
	}
}

// duration is the Go state behind a JS Duration: values per unit, with
// the units that are set.
type duration struct {
	v       [numUnits]float64
	has     [numUnits]bool
	invalid string
}

func (d *duration) valid() bool { return d.invalid == "" }

func (d *duration) set(u int, v float64) {
	d.v[u] = v
	d.has[u] = true
}

func (d *duration) clone() *duration {
	c := *d
	return &c
}

func (d *duration) negate() *duration {
	r := d.clone()
	for u := range r.v {
		if r.v[u] != 0 {
			r.v[u] = -r.v[u]
		}
	}
	return r
}

// toMillis is Luxon's durationToMillis.
func (d *duration) toMillis() float64 {
	if !d.valid() {
		return math.NaN()
	}
	sum := d.v[uMillis]
	for u := uSeconds; u >= uYears; u-- {
		if d.v[u] != 0 {
			sum += d.v[u] * casual[u][uMillis]
		}
	}
	return sum
}

// shiftTo is Luxon's Duration#shiftTo.
func (d *duration) shiftTo(units []int) *duration {
	if !d.valid() || len(units) == 0 {
		return d
	}
	built := &duration{}
	var acc [numUnits]float64
	var accHas [numUnits]bool
	last := -1
	for k := 0; k < numUnits; k++ {
		if hasUnit(units, k) {
			last = k
			own := 0.0
			for ak := 0; ak < numUnits; ak++ {
				if accHas[ak] {
					own += casual[ak][k] * acc[ak]
					acc[ak] = 0
				}
			}
			if d.has[k] {
				own += d.v[k]
			}
			i := math.Trunc(own)
			built.set(k, i)
			acc[k] = (own*1000 - i*1000) / 1000
			accHas[k] = true
		} else if d.has[k] {
			acc[k] = d.v[k]
			accHas[k] = true
		}
	}
	for k := 0; k < numUnits; k++ {
		if accHas[k] && acc[k] != 0 {
			if k == last {
				built.v[last] += acc[k]
			} else {
				built.v[last] += acc[k] / casual[last][k]
			}
		}
	}
	built.normalizeValues()
	return built
}

// normalizeValues is Luxon's normalizeValues (rolls overflow up, then
// pushes fractions down).
func (d *duration) normalizeValues() {
	factor := 1.0
	if d.toMillis() < 0 {
		factor = -1
	}
	prev := -1
	for cur := numUnits - 1; cur >= 0; cur-- {
		if !d.has[cur] {
			continue
		}
		if prev >= 0 {
			pv := d.v[prev] * factor
			conv := casual[cur][prev]
			rollUp := math.Floor(pv / conv)
			d.v[cur] += rollUp * factor
			d.v[prev] -= rollUp * conv * factor
		}
		prev = cur
	}
	prev = -1
	for cur := 0; cur < numUnits; cur++ {
		if !d.has[cur] {
			continue
		}
		if prev >= 0 {
			fraction := math.Mod(d.v[prev], 1)
			d.v[prev] -= fraction
			d.v[cur] += fraction * casual[prev][cur]
		}
		prev = cur
	}
}

// as is Luxon's Duration#as(unit).
func (d *duration) as(u int) float64 {
	if !d.valid() {
		return math.NaN()
	}
	return d.shiftTo([]int{u}).v[u]
}

// plus is Luxon's Duration#plus (no normalization).
func (d *duration) plus(o *duration) *duration {
	if !d.valid() {
		return d
	}
	if !o.valid() {
		return o
	}
	r := &duration{}
	for u := 0; u < numUnits; u++ {
		if d.has[u] || o.has[u] {
			r.set(u, d.v[u]+o.v[u])
		}
	}
	return r
}

// normalize is Luxon's Duration#normalize.
func (d *duration) normalize() *duration {
	r := d.clone()
	r.normalizeValues()
	return r
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// toISO is Luxon's Duration#toISO.
func (d *duration) toISO() (string, bool) {
	if !d.valid() {
		return "", false
	}
	s := "P"
	add := func(u int, suffix string) {
		if d.v[u] != 0 {
			s += fmtNum(d.v[u]) + suffix
		}
	}
	add(uYears, "Y")
	if d.v[uMonths] != 0 || d.v[uQuarters] != 0 {
		s += fmtNum(d.v[uMonths]+d.v[uQuarters]*3) + "M"
	}
	add(uWeeks, "W")
	add(uDays, "D")
	if d.v[uHours] != 0 || d.v[uMinutes] != 0 || d.v[uSeconds] != 0 || d.v[uMillis] != 0 {
		s += "T"
	}
	add(uHours, "H")
	add(uMinutes, "M")
	if d.v[uSeconds] != 0 || d.v[uMillis] != 0 {
		s += strconv.FormatFloat(math.Round((d.v[uSeconds]+d.v[uMillis]/1000)*1000)/1000, 'f', -1, 64) + "S"
	}
	if s == "P" {
		s += "T0S"
	}
	return s, true
}
