package transform

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/noderun/noderun/nodes"
)

func dateTimeType() *nodes.Type {
	d := baseDescription("Date & Time", "dateTime", 2)
	d.Description = "Allows you to manipulate date and time values"
	op := optionsProp("Operation", "operation", "getCurrentDate",
		"Add to a Date", "addToDate", "Extract Part of a Date", "extractDate", "Format a Date", "formatDate",
		"Get Current Date", "getCurrentDate", "Get Time Between Dates", "getTimeBetweenDates",
		"Round a Date", "roundDate", "Subtract From a Date", "subtractFromDate")
	op.NoDataExpression = true
	on := func(ops ...any) func(*nodes.Property) *nodes.Property {
		return func(p *nodes.Property) *nodes.Property { return withShow(p, "operation", vals(ops...)) }
	}
	include := func() *nodes.Property {
		return prop("Include Input Fields", "includeInputFields", nodes.TypeBoolean, false)
	}
	units := func() *nodes.Property {
		return optionsProp("Time Unit", "timeUnit", "days", "Quarters", "quarters", "Years", "years", "Months", "months",
			"Weeks", "weeks", "Days", "days", "Hours", "hours", "Minutes", "minutes", "Seconds", "seconds", "Milliseconds", "milliseconds")
	}
	cur, add, sub := on("getCurrentDate"), on("addToDate"), on("subtractFromDate")
	format, extract, between, round := on("formatDate"), on("extractDate"), on("getTimeBetweenDates"), on("roundDate")
	timezone := prop("Timezone", "timezone", nodes.TypeString, "")
	timezone.TypeOptions = map[string]any{"loadOptionsMethod": "getTimezones"}
	unitList := func() []*nodes.Property {
		return choices("Year", "year", "Month", "month", "Week", "week", "Day", "day", "Hour", "hour", "Minute", "minute", "Second", "second")
	}
	betweenUnits := prop("Units", "units", nodes.TypeMultiOptions, []any{"day"})
	betweenUnits.Options = append(unitList(), choice("Millisecond", "millisecond"))
	part := prop("Part", "part", nodes.TypeOptions, "month")
	part.Options = unitList()
	toNearest := prop("To Nearest", "toNearest", nodes.TypeOptions, "month")
	toNearest.Options = unitList()
	d.Properties = []*nodes.Property{
		op,
		cur(prop("Include Current Time", "includeTime", nodes.TypeBoolean, true)),
		cur(prop("Output Field Name", "outputFieldName", nodes.TypeString, "currentDate")),
		cur(collection("Options", "options", include(), timezone)),
		add(prop("Date to Add To", "magnitude", nodes.TypeString, "")),
		add(units()),
		add(prop("Duration", "duration", nodes.TypeNumber, 0)),
		add(prop("Output Field Name", "outputFieldName", nodes.TypeString, "newDate")),
		add(collection("Options", "options", include())),
		sub(prop("Date to Subtract From", "magnitude", nodes.TypeString, "")),
		sub(units()),
		sub(prop("Duration", "duration", nodes.TypeNumber, 0)),
		sub(prop("Output Field Name", "outputFieldName", nodes.TypeString, "newDate")),
		sub(collection("Options", "options", include())),
		format(prop("Date", "date", nodes.TypeString, "")),
		format(optionsProp("Format", "format", "MM/dd/yyyy", "Custom Format", "custom", "MM/DD/YYYY", "MM/dd/yyyy",
			"YYYY/MM/DD", "yyyy/MM/dd", "MMMM DD YYYY", "MMMM dd yyyy", "MM-DD-YYYY", "MM-dd-yyyy",
			"YYYY-MM-DD", "yyyy-MM-dd", "Unix Timestamp", "X", "Unix Ms Timestamp", "x")),
		withShow(format(prop("Custom Format", "customFormat", nodes.TypeString, "")), "format", vals("custom")),
		format(prop("Output Field Name", "outputFieldName", nodes.TypeString, "formattedDate")),
		format(collection("Options", "options", include(),
			prop("From Date Format", "fromFormat", nodes.TypeString, "e.g yyyyMMdd"),
			prop("Use Workflow Timezone", "timezone", nodes.TypeBoolean, false))),
		extract(prop("Date", "date", nodes.TypeString, "")),
		extract(part),
		extract(prop("Output Field Name", "outputFieldName", nodes.TypeString, "datePart")),
		extract(collection("Options", "options", include())),
		between(prop("Start Date", "startDate", nodes.TypeString, "")),
		between(prop("End Date", "endDate", nodes.TypeString, "")),
		between(betweenUnits),
		between(prop("Output Field Name", "outputFieldName", nodes.TypeString, "timeDifference")),
		between(collection("Options", "options", include(), prop("Output as ISO String", "isoString", nodes.TypeBoolean, false))),
		round(prop("Date", "date", nodes.TypeString, "")),
		round(optionsProp("Mode", "mode", "roundDown", "Round Down", "roundDown", "Round Up", "roundUp")),
		withShow(round(toNearest), "mode", vals("roundDown")),
		withShow(round(optionsProp("To", "to", "month", "End of Month", "month")), "mode", vals("roundUp")),
		round(prop("Output Field Name", "outputFieldName", nodes.TypeString, "roundedDate")),
		round(collection("Options", "options", include())),
	}
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeDateTime)}
}

func executeDateTime(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	in := ctx.InputData(0)
	op, err := paramString(ctx, "operation", 0, "getCurrentDate")
	if err != nil {
		return nil, err
	}
	tz := ctx.Timezone()
	if tz == nil {
		tz = mustLoad("America/New_York")
	}
	out := make([]nodes.Item, 0, len(in))
	for i, src := range in {
		item, err := dateTimeItem(ctx, op, i, src, tz)
		if err != nil {
			if ctx.ContinueOnFail() {
				out = append(out, nodes.Item{JSON: map[string]any{"error": nodes.AsNodeError(ctx.Node().Name, err).Message}})
				continue
			}
			return nil, err
		}
		out = append(out, item)
	}
	return nodes.Outputs{out}, nil
}

func mustLoad(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return l
}

func dateTimeItem(ctx nodes.ExecuteContext, op string, i int, src nodes.Item, tz *time.Location) (nodes.Item, error) {
	includeInput, err := paramBool(ctx, "options.includeInputFields", i, false)
	if err != nil {
		return nodes.Item{}, err
	}
	json := map[string]any{}
	if includeInput {
		json = copyObject(src.JSON)
	}
	item := nodes.Item{JSON: json, PairedItem: nodes.One(nodes.PairedItem{Item: i})}
	if includeInput {
		item.Binary = src.Binary
	}
	outName, err := paramString(ctx, "outputFieldName", i, outputFieldDefaults[op])
	if err != nil {
		return item, err
	}
	parseParam := func(name string, zone *time.Location, fromFormat string) (time.Time, error) {
		v, err := paramAny(ctx, name, i, "")
		if err != nil {
			return time.Time{}, err
		}
		t, err := parseDate(v, zone, fromFormat)
		if err != nil {
			return time.Time{}, opError(ctx, err.Error(), "").WithItem(i)
		}
		return t, nil
	}
	switch op {
	case "getCurrentDate":
		includeTime, err := paramBool(ctx, "includeTime", i, true)
		if err != nil {
			return item, err
		}
		zone := tz
		name, err := paramString(ctx, "options.timezone", i, "")
		if err != nil {
			return item, err
		}
		if name != "" {
			if zone, err = loadZone(name); err != nil {
				return item, opError(ctx, fmt.Sprintf("The timezone %s is not valid. Please check the timezone.", name), "").WithItem(i)
			}
		}
		now := time.Now().In(zone).Truncate(time.Millisecond)
		if !includeTime {
			now = luxonStartOf(now, "day")
		}
		json[outName] = luxonISO(now)
	case "addToDate", "subtractFromDate":
		t, err := parseParam("magnitude", tz, "")
		if err != nil {
			return item, err
		}
		unit, err := paramString(ctx, "timeUnit", i, "days")
		if err != nil {
			return item, err
		}
		dur, err := paramNumber(ctx, "duration", i, 0)
		if err != nil {
			return item, err
		}
		if op == "subtractFromDate" {
			dur = -dur
		}
		json[outName] = luxonISO(luxonPlus(t, unit, dur))
	case "formatDate":
		v, err := paramAny(ctx, "date", i, "")
		if err != nil {
			return item, err
		}
		if v == nil {
			json[outName] = nil
			break
		}
		useTZ, err := paramBool(ctx, "options.timezone", i, false)
		if err != nil {
			return item, err
		}
		fromFormat, err := paramString(ctx, "options.fromFormat", i, "")
		if err != nil {
			return item, err
		}
		var zone *time.Location
		if useTZ {
			zone = tz
		}
		t, err := parseDateIn(v, zone, fromFormat, tz)
		if err != nil {
			return item, opError(ctx, err.Error(), "").WithItem(i)
		}
		format, err := paramString(ctx, "format", i, "MM/dd/yyyy")
		if err != nil {
			return item, err
		}
		if format == "custom" {
			if format, err = paramString(ctx, "customFormat", i, ""); err != nil {
				return item, err
			}
		}
		json[outName] = luxonFormat(t, format)
	case "extractDate":
		t, err := parseParam("date", tz, "")
		if err != nil {
			return item, err
		}
		part, err := paramString(ctx, "part", i, "month")
		if err != nil {
			return item, err
		}
		json[outName] = extractPart(t, part)
	case "getTimeBetweenDates":
		start, err := parseParam("startDate", tz, "")
		if err != nil {
			return item, err
		}
		end, err := parseParam("endDate", tz, "")
		if err != nil {
			return item, err
		}
		uv, err := paramAny(ctx, "units", i, []any{"day"})
		if err != nil {
			return item, err
		}
		var units []string
		switch t := uv.(type) {
		case []any:
			for _, u := range t {
				units = append(units, jsString(u))
			}
		case []string:
			units = t
		case string:
			units = splitFieldList(t)
		}
		iso, err := paramBool(ctx, "options.isoString", i, false)
		if err != nil {
			return item, err
		}
		diff := luxonDiff(end, start, units)
		if iso {
			json[outName] = luxonDurationISO(diff)
		} else {
			json[outName] = diff
		}
	case "roundDate":
		t, err := parseParam("date", tz, "")
		if err != nil {
			return item, err
		}
		mode, err := paramString(ctx, "mode", i, "roundDown")
		if err != nil {
			return item, err
		}
		if mode == "roundUp" {
			to, err := paramString(ctx, "to", i, "month")
			if err != nil {
				return item, err
			}
			// n8n: plus({to: 1}).startOf(to), the start of the next unit
			json[outName] = luxonISO(luxonStartOf(luxonPlus(t, to, 1), to))
		} else {
			to, err := paramString(ctx, "toNearest", i, "month")
			if err != nil {
				return item, err
			}
			json[outName] = luxonISO(luxonStartOf(t, to))
		}
	default:
		return item, opError(ctx, fmt.Sprintf("The operation %q is not known", op), "")
	}
	return item, nil
}

// outputFieldDefaults are n8n's outputFieldName defaults per operation.
var outputFieldDefaults = map[string]string{
	"getCurrentDate": "currentDate", "addToDate": "newDate", "subtractFromDate": "newDate",
	"formatDate": "formattedDate", "extractDate": "datePart", "getTimeBetweenDates": "timeDifference",
	"roundDate": "roundedDate",
}

func extractPart(t time.Time, part string) any {
	switch normalizeUnit(part) {
	case "year":
		return float64(t.Year())
	case "month":
		return float64(t.Month())
	case "week":
		_, w := t.ISOWeek()
		return float64(w)
	case "day":
		return float64(t.Day())
	case "hour":
		return float64(t.Hour())
	case "minute":
		return float64(t.Minute())
	case "second":
		return float64(t.Second())
	case "millisecond":
		return float64(t.Nanosecond() / 1e6)
	}
	return nil
}

// loadZone resolves a zone name as Luxon does ("utc"/"gmt" are fixed UTC).
func loadZone(name string) (*time.Location, error) {
	switch strings.ToLower(name) {
	case "utc", "gmt", "z":
		return time.UTC, nil
	}
	return time.LoadLocation(name)
}

var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006-01",
	"2006",
	"2006/01/02",
	"2006/01/02 15:04:05",
	"01/02/2006",
	"01/02/2006 15:04:05",
	time.RFC1123,
	time.RFC1123Z,
	time.RFC850,
	time.RFC822,
	time.RFC822Z,
	time.ANSIC,
	"Mon Jan 02 2006 15:04:05 GMT-0700",
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006",
	"Jan 2 2006",
	"2 January 2006",
	"2 Jan 2006",
}

var plusOffset = regexp.MustCompile(`\+(\d{2})`)

// parseDate is the Date & Time node's parseDate: numbers are Unix seconds
// (fewer than 12 digits) or milliseconds; strings are read as ISO and
// common formats (moment's parser), or with fromFormat; the result is put
// in zone, else in the offset written in the string, else in UTC.
func parseDate(v any, zone *time.Location, fromFormat string) (time.Time, error) {
	return parseDateIn(v, zone, fromFormat, mustLoad("America/New_York"))
}

// parseDateIn is parseDate with the zone Luxon's fromFormat reads wall
// times in (n8n's default zone: the workflow's).
func parseDateIn(v any, zone *time.Location, fromFormat string, defaultZone *time.Location) (time.Time, error) {
	switch t := v.(type) {
	case time.Time: // a Luxon DateTime from an expression keeps its zone
		return t, nil
	case *time.Time:
		if t != nil {
			return *t, nil
		}
	}
	// Number(date): numbers, numeric strings, "" and booleans are timestamps.
	var num float64
	isNum := false
	if fromFormat == "" {
		switch v.(type) {
		case map[string]any, []any:
		default:
			if f := jsToNumber(v); !math.IsNaN(f) {
				num, isNum = f, true
			}
		}
	}
	if isNum {
		if num != math.Trunc(num) {
			num *= 1000
		}
		if num == math.Trunc(num) && !math.IsInf(num, 0) {
			var t time.Time
			if len(strconv.FormatFloat(math.Abs(num), 'f', -1, 64)) < 12 {
				t = time.UnixMilli(int64(num * 1000))
			} else {
				t = time.UnixMilli(int64(num))
			}
			if zone == nil {
				zone = mustLoad("Etc/UTC")
			}
			return t.In(zone), nil
		}
	}
	s, ok := v.(string)
	if !ok {
		s = jsString(v)
	}
	s = strings.TrimSpace(s)
	if zone == nil {
		if m := plusOffset.FindStringSubmatch(s); m != nil && strings.Contains(s, "+") {
			n, _ := strconv.Atoi(m[1])
			if l, err := time.LoadLocation(fmt.Sprintf("Etc/GMT-%d", n)); err == nil {
				zone = l
			}
		}
	}
	if zone == nil {
		zone = mustLoad("Etc/UTC")
	}
	if fromFormat != "" {
		t, err := parseLuxonFormat(s, fromFormat, defaultZone)
		if err != nil {
			return time.Time{}, fmt.Errorf("Invalid date format")
		}
		return t.In(zone), nil
	}
	for _, layout := range dateLayouts {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t.In(zone), nil
		}
	}
	return time.Time{}, fmt.Errorf("Invalid date format")
}

// luxonToGoLayout converts the common Luxon parse tokens to a Go layout.
var luxonParseTokens = []struct{ luxon, goLayout string }{
	{"yyyy", "2006"}, {"yy", "06"}, {"MMMM", "January"}, {"MMM", "Jan"}, {"MM", "01"}, {"M", "1"},
	{"dd", "02"}, {"d", "2"}, {"HH", "15"}, {"hh", "03"}, {"h", "3"}, {"mm", "04"}, {"m", "4"},
	{"ss", "05"}, {"s", "5"}, {"SSS", "000"}, {"a", "PM"}, {"ZZ", "-07:00"}, {"ZZZ", "-0700"},
	{"EEEE", "Monday"}, {"EEE", "Mon"},
}

func parseLuxonFormat(s, format string, zone *time.Location) (time.Time, error) {
	var b strings.Builder
	rs := []rune(format)
	for i := 0; i < len(rs); {
		if rs[i] == '\'' {
			j := i + 1
			for j < len(rs) && rs[j] != '\'' {
				j++
			}
			b.WriteString(string(rs[i+1 : min(j, len(rs))]))
			i = j + 1
			continue
		}
		matched := false
		for _, tok := range luxonParseTokens {
			if strings.HasPrefix(string(rs[i:]), tok.luxon) {
				b.WriteString(tok.goLayout)
				i += len([]rune(tok.luxon))
				matched = true
				break
			}
		}
		if !matched {
			b.WriteRune(rs[i])
			i++
		}
	}
	return time.ParseInLocation(b.String(), s, zone)
}
