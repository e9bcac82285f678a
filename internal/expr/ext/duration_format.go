package ext

import (
	"math"
	"strconv"
	"strings"
)

// durationTokenUnit maps a Duration#toFormat token letter to its unit.
var durationTokenUnit = map[byte]int{'y': uYears, 'M': uMonths, 'w': uWeeks, 'd': uDays, 'h': uHours, 'm': uMinutes, 's': uSeconds, 'S': uMillis}

// toFormat is Luxon's Duration#toFormat: the duration is shifted to the
// units the format names and each value floored and zero-padded to the
// token's length.
func (d *duration) toFormat(f string, floor bool) string {
	if !d.valid() {
		return "Invalid Duration"
	}
	toks := parseFormat(f)
	var units []int
	for _, t := range toks {
		if !t.literal {
			if u, ok := durationTokenUnit[t.val[0]]; ok && !hasUnit(units, u) {
				units = append(units, u)
			}
		}
	}
	shifted := d
	if len(units) > 0 {
		shifted = d.shiftTo(units)
	}
	var b strings.Builder
	for _, t := range toks {
		u, ok := durationTokenUnit[t.val[0]]
		if t.literal || !ok {
			b.WriteString(t.val)
			continue
		}
		v := shifted.v[u]
		if floor {
			v = math.Floor(v)
		}
		s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
		intPart, frac, _ := strings.Cut(s, ".")
		for len(intPart) < len(t.val) {
			intPart = "0" + intPart
		}
		if v < 0 {
			b.WriteString("-")
		}
		b.WriteString(intPart)
		if frac != "" {
			b.WriteString("." + frac)
		}
	}
	return b.String()
}
