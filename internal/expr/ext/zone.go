package ext

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	// The zone database is embedded so IANA zones resolve on machines
	// without tzdata.
	_ "time/tzdata"
)

// zone is a Luxon zone: an IANA zone or a fixed offset (UTC is the fixed
// offset 0, named "UTC").
type zone struct {
	loc   *time.Location
	name  string
	fixed bool
	// offset is the fixed offset in minutes (fixed zones only).
	offset int
}

var (
	utcZone   = &zone{loc: time.UTC, name: "UTC", fixed: true}
	zoneCache sync.Map // string -> *zone
)

// fixedZone returns the fixed-offset zone of offset minutes.
func fixedZone(offset int) *zone {
	if offset == 0 {
		return utcZone
	}
	key := "fixed:" + strconv.Itoa(offset)
	if z, ok := zoneCache.Load(key); ok {
		return z.(*zone)
	}
	name := "UTC" + formatOffset(offset, "narrow")
	z := &zone{loc: time.FixedZone(name, offset*60), name: name, fixed: true, offset: offset}
	zoneCache.Store(key, z)
	return z
}

// locZone wraps a *time.Location.
func locZone(loc *time.Location) *zone {
	if loc == nil {
		loc = time.UTC
	}
	name := loc.String()
	if name == "UTC" {
		return utcZone
	}
	if name == "Local" {
		return &zone{loc: loc, name: systemZoneName()}
	}
	key := "loc:" + name
	if z, ok := zoneCache.Load(key); ok && z.(*zone).loc == loc {
		return z.(*zone)
	}
	z := &zone{loc: loc, name: name}
	zoneCache.Store(key, z)
	return z
}

func systemZoneName() string {
	if tz := time.Local.String(); tz != "Local" {
		return tz
	}
	return "UTC"
}

var fixedZoneRe = regexp.MustCompile(`(?i)^utc(?:([+-]\d{1,2})(?::(\d{2}))?)?$`)

// parseZone resolves a Luxon zone specifier; def is the default zone
// ("default"), ok is false for an unknown zone.
func parseZone(spec string, def *zone) (*zone, bool) {
	lower := strings.ToLower(spec)
	switch lower {
	case "default":
		return def, true
	case "local", "system":
		return locZone(time.Local), true
	case "utc", "gmt", "z":
		return utcZone, true
	}
	if m := fixedZoneRe.FindStringSubmatch(spec); m != nil {
		if m[1] == "" {
			return utcZone, true
		}
		h, _ := strconv.Atoi(m[1])
		mins, _ := strconv.Atoi(m[2])
		off := h * 60
		if h < 0 || strings.HasPrefix(m[1], "-") {
			off -= mins
		} else {
			off += mins
		}
		return fixedZone(off), true
	}
	if z, ok := zoneCache.Load("loc:" + spec); ok {
		return z.(*zone), true
	}
	loc, err := time.LoadLocation(spec)
	if err != nil || spec == "" || spec == "Local" {
		return nil, false
	}
	return locZone(loc), true
}

// offsetAt is the zone's UTC offset in minutes at epoch milliseconds ms.
func (z *zone) offsetAt(ms int64) int {
	if z.fixed {
		return z.offset
	}
	_, off := time.UnixMilli(ms).In(z.loc).Zone()
	return off / 60
}

// formatOffset renders an offset in minutes as Luxon's formatOffset does:
// "narrow" +5 / +5:30, "short" +05:00, "techie" +0500.
func formatOffset(offset int, format string) string {
	sign := "+"
	if offset < 0 {
		sign = "-"
		offset = -offset
	}
	h, m := offset/60, offset%60
	switch format {
	case "short":
		return fmt.Sprintf("%s%02d:%02d", sign, h, m)
	case "techie":
		return fmt.Sprintf("%s%02d%02d", sign, h, m)
	default:
		if m > 0 {
			return fmt.Sprintf("%s%d:%02d", sign, h, m)
		}
		return fmt.Sprintf("%s%d", sign, h)
	}
}

// usZoneNames are the en-US Intl names of the zones that have them; other
// zones are named "GMT+1" as Intl does in en-US.
var usZoneNames = map[string][2][2]string{
	// zone: {{short std, short dst}, {long std, long dst}}
	"America/New_York":    {{"EST", "EDT"}, {"Eastern Standard Time", "Eastern Daylight Time"}},
	"America/Detroit":     {{"EST", "EDT"}, {"Eastern Standard Time", "Eastern Daylight Time"}},
	"America/Toronto":     {{"EST", "EDT"}, {"Eastern Standard Time", "Eastern Daylight Time"}},
	"US/Eastern":          {{"EST", "EDT"}, {"Eastern Standard Time", "Eastern Daylight Time"}},
	"America/Chicago":     {{"CST", "CDT"}, {"Central Standard Time", "Central Daylight Time"}},
	"US/Central":          {{"CST", "CDT"}, {"Central Standard Time", "Central Daylight Time"}},
	"America/Denver":      {{"MST", "MDT"}, {"Mountain Standard Time", "Mountain Daylight Time"}},
	"America/Phoenix":     {{"MST", "MST"}, {"Mountain Standard Time", "Mountain Standard Time"}},
	"US/Mountain":         {{"MST", "MDT"}, {"Mountain Standard Time", "Mountain Daylight Time"}},
	"America/Los_Angeles": {{"PST", "PDT"}, {"Pacific Standard Time", "Pacific Daylight Time"}},
	"US/Pacific":          {{"PST", "PDT"}, {"Pacific Standard Time", "Pacific Daylight Time"}},
	"America/Anchorage":   {{"AKST", "AKDT"}, {"Alaska Standard Time", "Alaska Daylight Time"}},
	"Pacific/Honolulu":    {{"HST", "HST"}, {"Hawaii-Aleutian Standard Time", "Hawaii-Aleutian Standard Time"}},
}

// offsetName is the en-US Intl name of the zone's offset at t: "short"
// (EST, GMT+1, UTC) or "long" (Eastern Standard Time, GMT+01:00,
// Coordinated Universal Time).
func (z *zone) offsetName(t time.Time, format string) string {
	if z.fixed {
		return z.name
	}
	if z.name == "Etc/UTC" || z.name == "UTC" {
		if format == "long" {
			return "Coordinated Universal Time"
		}
		return "UTC"
	}
	if names, ok := usZoneNames[z.name]; ok {
		i := 0
		if t.IsDST() {
			i = 1
		}
		if format == "long" {
			return names[1][i]
		}
		return names[0][i]
	}
	abbr, off := t.Zone()
	off /= 60
	if format == "long" {
		if long, ok := longZoneNames[abbr]; ok {
			return long
		}
		if off == 0 {
			return "GMT"
		}
		return "GMT" + formatOffset(off, "short")
	}
	if off == 0 {
		return "GMT"
	}
	return "GMT" + formatOffset(off, "narrow")
}

// longZoneNames are en-US Intl long names by zone abbreviation.
var longZoneNames = map[string]string{
	"CET": "Central European Standard Time", "CEST": "Central European Summer Time",
	"EET": "Eastern European Standard Time", "EEST": "Eastern European Summer Time",
	"WET": "Western European Standard Time", "WEST": "Western European Summer Time",
	"GMT": "Greenwich Mean Time", "BST": "British Summer Time", "IST": "India Standard Time",
	"MSK": "Moscow Standard Time", "JST": "Japan Standard Time", "KST": "Korean Standard Time",
	"AEST": "Australian Eastern Standard Time", "AEDT": "Australian Eastern Daylight Time",
	"NZST": "New Zealand Standard Time", "NZDT": "New Zealand Daylight Time",
	"HKT": "Hong Kong Standard Time", "SGT": "Singapore Standard Time",
}
