package ext

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// formatParser is a compiled Luxon fromFormat pattern.
type formatParser struct {
	re     *regexp.Regexp
	tokens []string // the token of each capture group
}

var formatParsers sync.Map // format string -> *formatParser

func nameAlt(names []string) string {
	alts := make([]string, len(names))
	for i, n := range names {
		alts[i] = regexp.QuoteMeta(n)
	}
	return "(" + strings.Join(alts, "|") + ")"
}

// tokenRegex is the pattern a fromFormat token matches (Luxon's unitForToken).
func tokenRegex(tok string) (string, bool) {
	switch tok {
	case "y":
		return `(\d{1,6})`, true
	case "yy", "kk":
		return `(\d{2})`, true
	case "yyyy", "kkkk":
		return `(\d{4})`, true
	case "yyyyy":
		return `(\d{4,6})`, true
	case "yyyyyy":
		return `(\d{6})`, true
	case "M", "L", "d", "H", "h", "m", "s", "W", "k":
		return `(\d{1,2})`, true
	case "MM", "LL", "dd", "HH", "hh", "mm", "ss", "WW":
		return `(\d{2})`, true
	case "MMM", "LLL":
		return nameAlt(monthsShort[:]), true
	case "MMMM", "LLLL":
		return nameAlt(monthsLong[:]), true
	case "o":
		return `(\d{1,3})`, true
	case "ooo":
		return `(\d{3})`, true
	case "S":
		return `(\d{1,3})`, true
	case "SSS":
		return `(\d{3})`, true
	case "u", "uu", "uuu":
		return `(\d+)`, true
	case "a":
		return `(AM|PM)`, true
	case "E", "c":
		return `(\d)`, true
	case "EEE", "ccc":
		return nameAlt(daysShort[:]), true
	case "EEEE", "cccc":
		return nameAlt(daysLong[:]), true
	case "q":
		return `(\d)`, true
	case "Z", "ZZ", "ZZZ":
		return `(Z|[+-]\d{1,2}(?::?\d{2})?)`, true
	case "z":
		return `([A-Za-z_]+(?:/[A-Za-z_+\-0-9]+)*)`, true
	}
	return "", false
}

func compileFormat(f string) *formatParser {
	if p, ok := formatParsers.Load(f); ok {
		return p.(*formatParser)
	}
	var b strings.Builder
	b.WriteString("(?i)^")
	fp := &formatParser{}
	for _, t := range parseFormat(f) {
		if !t.literal {
			if re, ok := tokenRegex(t.val); ok {
				b.WriteString(re)
				fp.tokens = append(fp.tokens, t.val)
				continue
			}
		}
		b.WriteString(regexp.QuoteMeta(t.val))
	}
	b.WriteString("$")
	fp.re = regexp.MustCompile(b.String())
	formatParsers.Store(f, fp)
	return fp
}

func indexFold(names []string, s string) int {
	for i, n := range names {
		if strings.EqualFold(n, s) {
			return i
		}
	}
	return -1
}

// untruncateYear is Luxon's two-digit year rule (cutoff 60).
func untruncateYear(y int) int {
	if y > 99 {
		return y
	}
	if y > 60 {
		return 1900 + y
	}
	return 2000 + y
}

// parseFormatted parses s with a Luxon format; nil when it does not match.
// The returned epoch (X/x tokens) wins over the fields when set.
func parseFormatted(s, f string, def *zone) (p *parsed, epochMS *int64) {
	fp := compileFormat(f)
	m := fp.re.FindStringSubmatch(s)
	if m == nil {
		return nil, nil
	}
	p = &parsed{fields: map[string]int{}}
	meridiem := ""
	weekday := 0
	for i, tok := range fp.tokens {
		v := m[i+1]
		n, _ := strconv.Atoi(v)
		switch tok {
		case "y", "yyyy", "yyyyy", "yyyyyy":
			p.fields["year"] = n
		case "yy":
			p.fields["year"] = untruncateYear(n)
		case "M", "L", "MM", "LL":
			p.fields["month"] = n
		case "MMM", "LLL":
			p.fields["month"] = indexFold(monthsShort[:], v) + 1
		case "MMMM", "LLLL":
			p.fields["month"] = indexFold(monthsLong[:], v) + 1
		case "d", "dd":
			p.fields["day"] = n
		case "H", "HH", "h", "hh":
			p.fields["hour"] = n
		case "m", "mm":
			p.fields["minute"] = n
		case "s", "ss":
			p.fields["second"] = n
		case "S", "SSS":
			p.fields["millisecond"] = n
		case "u", "uu", "uuu":
			p.fields["millisecond"] = fracMillis(v)
		case "a":
			meridiem = strings.ToUpper(v)
		case "EEE", "ccc":
			weekday = indexFold(daysShort[:], v) + 1
		case "EEEE", "cccc":
			weekday = indexFold(daysLong[:], v) + 1
		case "E", "c":
			weekday = n
		case "o", "ooo":
			p.fields["ordinal"] = n
		case "Z", "ZZ", "ZZZ":
			p.offset, p.hasOffset = parseOffset(v), true
		case "z":
			z, ok := parseZone(v, def)
			if !ok {
				return nil, nil
			}
			p.zone = z
		case "X":
			f, _ := strconv.ParseFloat(v, 64)
			ms := int64(f * 1000)
			epochMS = &ms
		case "x":
			ms, _ := strconv.ParseInt(v, 10, 64)
			epochMS = &ms
		}
	}
	if meridiem != "" {
		if h, ok := p.fields["hour"]; ok {
			if meridiem == "PM" && h < 12 {
				p.fields["hour"] = h + 12
			} else if meridiem == "AM" && h == 12 {
				p.fields["hour"] = 0
			}
		}
	}
	_ = weekday
	if ord, ok := p.fields["ordinal"]; ok {
		delete(p.fields, "ordinal")
		y, hasY := p.fields["year"]
		if !hasY {
			y = 1970
		}
		d := civilOf(localTS(civil{year: y, month: 1, day: ord}), 0)
		p.fields["year"], p.fields["month"], p.fields["day"] = d.year, d.month, d.day
	}
	return p, epochMS
}
