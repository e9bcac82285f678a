package ext

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
)

type method func(call goja.FunctionCall) goja.Value

// define sets non-enumerable methods on o.
func (e *env) define(o *goja.Object, methods map[string]method) error {
	for name, f := range methods {
		if err := o.DefineDataProperty(name, e.rt.ToValue((func(goja.FunctionCall) goja.Value)(f)), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	return nil
}

func (e *env) throwErr(name, msg string) {
	o := e.rt.NewTypeError(msg)
	_ = o.Set("name", name)
	panic(o)
}

// thisDT is the DateTime a prototype method was called on.
func (e *env) thisDT(call goja.FunctionCall) *dateTime {
	if d := asDT(call.This); d != nil {
		return d
	}
	panic(e.rt.NewTypeError("not a DateTime"))
}

func (e *env) thisDur(call goja.FunctionCall) *duration {
	if d := asDur(call.This); d != nil {
		return d
	}
	panic(e.rt.NewTypeError("not a Duration"))
}

func (e *env) thisIv(call goja.FunctionCall) *interval {
	if d := asIv(call.This); d != nil {
		return d
	}
	panic(e.rt.NewTypeError("not an Interval"))
}

func isNullish(v goja.Value) bool { return v == nil || goja.IsUndefined(v) || goja.IsNull(v) }

// optObj returns the options object argument (or nil).
func optObj(v goja.Value) *goja.Object {
	if isNullish(v) {
		return nil
	}
	o, _ := v.(*goja.Object)
	return o
}

func optBool(o *goja.Object, key string) bool {
	if o == nil {
		return false
	}
	v := o.Get(key)
	return !isNullish(v) && v.ToBoolean()
}

// zoneArg resolves a zone option/argument (string, Zone-like object with
// name, or nothing = default zone).
func (e *env) zoneArg(v goja.Value) (*zone, string, bool) {
	if isNullish(v) {
		return e.def, "", true
	}
	spec := v.String()
	if o, ok := v.(*goja.Object); ok {
		if n := o.Get("name"); !isNullish(n) {
			spec = n.String()
		}
	}
	z, ok := parseZone(spec, e.def)
	return z, spec, ok
}

// optZone reads opts.zone.
func (e *env) optZone(opts *goja.Object) (*zone, string, bool) {
	if opts == nil {
		return e.def, "", true
	}
	return e.zoneArg(opts.Get("zone"))
}

func unsupportedZone(spec string) *dateTime {
	return invalidDT("unsupported zone", fmt.Sprintf("the zone %q is not supported", spec), utcZone)
}

// unitArg normalizes a unit argument, throwing Luxon's InvalidUnitError.
func (e *env) unitArg(v goja.Value, def int) int {
	if isNullish(v) {
		return def
	}
	u := normalizeUnit(v.String())
	if u < 0 {
		e.throwErr("InvalidUnitError", "Invalid unit "+v.String())
	}
	return u
}

func (e *env) unitsArg(v goja.Value, def int) []int {
	if o, ok := v.(*goja.Object); ok && o.ClassName() == "Array" {
		var us []int
		for _, k := range o.Keys() {
			us = append(us, e.unitArg(o.Get(k), def))
		}
		if len(us) == 0 {
			us = []int{def}
		}
		return us
	}
	return []int{e.unitArg(v, def)}
}

// durationFromObject is Duration.fromObject.
func (e *env) durationFromObject(o *goja.Object) *duration {
	d := &duration{}
	for _, k := range o.Keys() {
		u := normalizeUnit(k)
		if u < 0 {
			e.throwErr("InvalidUnitError", "Invalid unit "+k)
		}
		v := o.Get(k)
		if isNullish(v) {
			continue
		}
		f := v.ToFloat()
		if math.IsNaN(f) {
			e.throwErr("InvalidArgumentError", fmt.Sprintf("Invalid unit value %s", v.String()))
		}
		d.set(u, f)
	}
	return d
}

// friendlyDuration is Luxon's friendlyDuration: a number of ms, a
// Duration or a duration object.
func (e *env) friendlyDuration(v goja.Value) *duration {
	if d := asDur(v); d != nil {
		return d
	}
	if o, ok := v.(*goja.Object); ok {
		return e.durationFromObject(o)
	}
	if !isNullish(v) {
		if _, ok := v.Export().(int64); ok || isNumber(v) {
			d := &duration{}
			d.set(uMillis, v.ToFloat())
			return d
		}
	}
	e.throwErr("InvalidArgumentError", fmt.Sprintf("Unknown duration argument %s of type %s", v.String(), typeOf(v)))
	return nil
}

func isNumber(v goja.Value) bool {
	switch v.Export().(type) {
	case int64, float64, int, int32:
		return true
	}
	return false
}

func typeOf(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "object"
	case isNumber(v):
		return "number"
	}
	switch v.Export().(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	}
	return "object"
}

// n8nDurationUnits is n8n's DURATION_MAP for plus(n, unit)/minus(n, unit).
var n8nDurationUnits = map[string]string{
	"day": "days", "month": "months", "year": "years", "week": "weeks", "hour": "hours",
	"minute": "minutes", "second": "seconds", "millisecond": "milliseconds", "ms": "milliseconds",
	"sec": "seconds", "secs": "seconds", "hr": "hours", "hrs": "hours", "min": "minutes", "mins": "minutes",
}

// plusArgs reads plus/minus arguments: Luxon's single duration argument or
// n8n's extension form (n, unit), unit defaulting to minutes.
func (e *env) plusArgs(call goja.FunctionCall) *duration {
	if len(call.Arguments) >= 2 {
		unit := "minutes"
		if u := call.Argument(1); !isNullish(u) {
			unit = u.String()
		}
		if m, ok := n8nDurationUnits[unit]; ok {
			unit = m
		}
		u := normalizeUnit(unit)
		if u < 0 {
			e.throwErr("InvalidUnitError", "Invalid unit "+unit)
		}
		d := &duration{}
		n := call.Argument(0)
		if isNullish(n) {
			d.set(u, 0)
		} else {
			d.set(u, n.ToFloat())
		}
		return d
	}
	return e.friendlyDuration(call.Argument(0))
}

func (e *env) isoOptions(v goja.Value) isoOpts {
	o := defaultISO
	opts := optObj(v)
	if opts == nil {
		return o
	}
	o.suppressMillis = optBool(opts, "suppressMilliseconds")
	o.suppressSeconds = optBool(opts, "suppressSeconds")
	if inc := opts.Get("includeOffset"); !isNullish(inc) {
		o.includeOffset = inc.ToBoolean()
	}
	if f := opts.Get("format"); !isNullish(f) && f.String() == "basic" {
		o.basic = true
	}
	return o
}

// dtFromParsed finishes a fromISO/fromSQL/... parse.
func (e *env) dtFromParsed(p *parsed, text, what string, opts *goja.Object) goja.Value {
	z, spec, ok := e.optZone(opts)
	if !ok {
		return e.wrapDT(unsupportedZone(spec))
	}
	if p == nil {
		return e.wrapDT(invalidDT("unparsable", fmt.Sprintf("the input %q can't be parsed as %s", text, what), z))
	}
	return e.wrapDT(p.build(z, optBool(opts, "setZone"), e.now()))
}

// parseDateString parses s as fromISO would, in the runtime's default zone.
func (e *env) parseISOString(s string, setZone bool) *dateTime {
	p := parseISO(s, e.def)
	if p == nil {
		return invalidDT("unparsable", fmt.Sprintf("the input %q can't be parsed as ISO 8601", s), e.def)
	}
	return p.build(e.def, setZone, e.now())
}

// civilArgs reads DateTime.local/utc positional arguments.
func civilArgs(args []goja.Value) (map[string]int, *goja.Object) {
	f := map[string]int{}
	var opts *goja.Object
	for i, a := range args {
		if i >= len(orderedFields) {
			break
		}
		if o, ok := a.(*goja.Object); ok {
			opts = o
			break
		}
		if isNullish(a) {
			break
		}
		f[orderedFields[i]] = int(a.ToInteger())
	}
	return f, opts
}

func (e *env) fromObject(o *goja.Object, z *zone) *dateTime {
	f := map[string]int{}
	week := map[string]float64{}
	for _, k := range o.Keys() {
		v := o.Get(k)
		if isNullish(v) {
			continue
		}
		key := strings.TrimSuffix(k, "s")
		switch key {
		case "year", "month", "day", "hour", "minute", "second", "millisecond":
			f[key] = int(v.ToInteger())
		case "weekYear", "weekNumber", "weekday", "ordinal":
			week[key] = v.ToFloat()
		case "quarter":
			// Luxon's fromObject ignores quarter.
		default:
			e.throwErr("InvalidUnitError", "Invalid unit "+k)
		}
	}
	if len(week) > 0 {
		base := (&parsed{fields: map[string]int{}}).build(z, false, e.now())
		if y, ok := f["year"]; ok {
			base = base.setFields(map[string]float64{"year": float64(y), "month": 1, "day": 1})
		}
		base = base.startOf(uDays).setFields(week)
		for _, u := range []string{"hour", "minute", "second", "millisecond"} {
			if _, ok := f[u]; !ok {
				f[u] = 0
			}
		}
		f["year"], f["month"], f["day"] = base.c.year, base.c.month, base.c.day
	}
	return (&parsed{fields: f}).build(z, false, e.now())
}

func (e *env) installLuxon() error {
	rt := e.rt
	e.dtProto = rt.NewObject()
	e.durProto = rt.NewObject()
	e.ivProto = rt.NewObject()
	if err := e.define(e.dtProto, e.dateTimeMethods()); err != nil {
		return err
	}
	if err := e.define(e.durProto, e.durationMethods()); err != nil {
		return err
	}
	if err := e.define(e.ivProto, e.intervalMethods()); err != nil {
		return err
	}
	dt := e.classObject("DateTime", e.dtProto)
	if err := e.define(dt, e.dateTimeStatics()); err != nil {
		return err
	}
	for name := range presetNames {
		po := rt.NewObject()
		for k, v := range presetOptions[name] {
			_ = po.Set(k, v)
		}
		_ = dt.DefineDataProperty(name, po, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	e.dtCtor = dt
	dur := e.classObject("Duration", e.durProto)
	if err := e.define(dur, e.durationStatics()); err != nil {
		return err
	}
	iv := e.classObject("Interval", e.ivProto)
	if err := e.define(iv, e.intervalStatics()); err != nil {
		return err
	}
	for name, v := range map[string]*goja.Object{"DateTime": dt, "Duration": dur, "Interval": iv} {
		if err := rt.Set(name, v); err != nil {
			return err
		}
	}
	return nil
}

// classObject is a Luxon class as a function object: calling or
// constructing it throws (use the static factories), but instanceof and
// .prototype work.
func (e *env) classObject(name string, proto *goja.Object) *goja.Object {
	rt := e.rt
	f := rt.ToValue(func(goja.ConstructorCall) *goja.Object {
		panic(rt.NewTypeError(name + " cannot be constructed directly; use its static methods"))
	}).(*goja.Object)
	_ = f.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	_ = proto.DefineDataProperty("constructor", f, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return f
}

func (e *env) dateTimeStatics() map[string]method {
	rt := e.rt
	fromEpoch := func(ms float64, opts *goja.Object) goja.Value {
		z, spec, ok := e.optZone(opts)
		if !ok {
			return e.wrapDT(unsupportedZone(spec))
		}
		if math.IsNaN(ms) || math.Abs(ms) > 8.64e15 {
			return e.wrapDT(invalidDT("Timestamp out of range", "", z))
		}
		return e.wrapDT(newDT(int64(math.Round(ms)), z))
	}
	local := func(call goja.FunctionCall, z *zone) goja.Value {
		f, opts := civilArgs(call.Arguments)
		if opts != nil {
			if oz, spec, ok := e.optZone(opts); !ok {
				return e.wrapDT(unsupportedZone(spec))
			} else if !isNullish(opts.Get("zone")) {
				z = oz
			}
		}
		if len(f) == 0 {
			return e.wrapDT(newDT(e.now().UnixMilli(), z))
		}
		return e.wrapDT((&parsed{fields: f}).build(z, false, e.now()))
	}
	return map[string]method{
		"now":   func(goja.FunctionCall) goja.Value { return e.wrapDT(newDT(e.now().UnixMilli(), e.def)) },
		"local": func(call goja.FunctionCall) goja.Value { return local(call, e.def) },
		"utc":   func(call goja.FunctionCall) goja.Value { return local(call, utcZone) },
		"fromISO": func(call goja.FunctionCall) goja.Value {
			s := call.Argument(0).String()
			opts := optObj(call.Argument(1))
			z, _, _ := e.optZone(opts)
			return e.dtFromParsed(parseISO(s, z), s, "ISO 8601", opts)
		},
		"fromSQL": func(call goja.FunctionCall) goja.Value {
			s := call.Argument(0).String()
			opts := optObj(call.Argument(1))
			z, _, _ := e.optZone(opts)
			return e.dtFromParsed(parseSQL(s, z), s, "SQL", opts)
		},
		"fromHTTP": func(call goja.FunctionCall) goja.Value {
			s := call.Argument(0).String()
			return e.dtFromParsed(parseHTTP(s), s, "HTTP", optObj(call.Argument(1)))
		},
		"fromRFC2822": func(call goja.FunctionCall) goja.Value {
			s := call.Argument(0).String()
			return e.dtFromParsed(parseRFC2822(s), s, "RFC 2822", optObj(call.Argument(1)))
		},
		"fromFormat": func(call goja.FunctionCall) goja.Value {
			s, f := call.Argument(0).String(), call.Argument(1).String()
			opts := optObj(call.Argument(2))
			z, spec, ok := e.optZone(opts)
			if !ok {
				return e.wrapDT(unsupportedZone(spec))
			}
			p, epoch := parseFormatted(s, f, z)
			if p == nil {
				return e.wrapDT(invalidDT("unparsable", fmt.Sprintf("the input %q can't be parsed as format %s", s, f), z))
			}
			if epoch != nil {
				return e.wrapDT(newDT(*epoch, z))
			}
			return e.wrapDT(p.build(z, optBool(opts, "setZone"), e.now()))
		},
		"fromMillis": func(call goja.FunctionCall) goja.Value {
			v := call.Argument(0)
			if !isNumber(v) {
				e.throwErr("InvalidArgumentError", fmt.Sprintf("fromMillis requires a numerical input, but received a %s with value %s", typeOf(v), v.String()))
			}
			return fromEpoch(v.ToFloat(), optObj(call.Argument(1)))
		},
		"fromSeconds": func(call goja.FunctionCall) goja.Value {
			v := call.Argument(0)
			if !isNumber(v) {
				e.throwErr("InvalidArgumentError", "fromSeconds requires a numerical input")
			}
			return fromEpoch(v.ToFloat()*1000, optObj(call.Argument(1)))
		},
		"fromJSDate": func(call goja.FunctionCall) goja.Value {
			ms, ok := e.jsDateMillis(call.Argument(0))
			if !ok || math.IsNaN(ms) {
				return e.wrapDT(invalidDT("invalid input", "", e.def))
			}
			return fromEpoch(ms, optObj(call.Argument(1)))
		},
		"fromObject": func(call goja.FunctionCall) goja.Value {
			opts := optObj(call.Argument(1))
			z, spec, ok := e.optZone(opts)
			if !ok {
				return e.wrapDT(unsupportedZone(spec))
			}
			o := optObj(call.Argument(0))
			if o == nil {
				o = rt.NewObject()
			}
			return e.wrapDT(e.fromObject(o, z))
		},
		"isDateTime": func(call goja.FunctionCall) goja.Value { return rt.ToValue(asDT(call.Argument(0)) != nil) },
		"invalid": func(call goja.FunctionCall) goja.Value {
			return e.wrapDT(invalidDT(call.Argument(0).String(), "", e.def))
		},
		"max": func(call goja.FunctionCall) goja.Value { return e.extreme(call, 1) },
		"min": func(call goja.FunctionCall) goja.Value { return e.extreme(call, -1) },
	}
}

func (e *env) extreme(call goja.FunctionCall, sign int64) goja.Value {
	var best goja.Value
	var bestMS int64
	for _, a := range call.Arguments {
		d := asDT(a)
		if d == nil {
			e.throwErr("InvalidArgumentError", "max/min requires all arguments be DateTimes")
		}
		if best == nil || (d.ms-bestMS)*sign > 0 {
			best, bestMS = a, d.ms
		}
	}
	if best == nil {
		return goja.Undefined()
	}
	return best
}

func (e *env) dateTimeMethods() map[string]method {
	rt := e.rt
	wrap := func(f func(d *dateTime, call goja.FunctionCall) *dateTime) method {
		return func(call goja.FunctionCall) goja.Value { return e.wrapDT(f(e.thisDT(call), call)) }
	}
	str := func(f func(d *dateTime, call goja.FunctionCall) string) method {
		return func(call goja.FunctionCall) goja.Value {
			d := e.thisDT(call)
			if !d.valid() {
				return goja.Null()
			}
			return rt.ToValue(f(d, call))
		}
	}
	num := func(f func(d *dateTime) float64) method {
		return func(call goja.FunctionCall) goja.Value {
			d := e.thisDT(call)
			if !d.valid() {
				return goja.NaN()
			}
			return rt.ToValue(f(d))
		}
	}
	toString := func(call goja.FunctionCall) goja.Value {
		d := e.thisDT(call)
		if !d.valid() {
			return rt.ToValue("Invalid DateTime")
		}
		return rt.ToValue(d.toISO(defaultISO))
	}
	setZone := func(d *dateTime, zv goja.Value, opts *goja.Object) *dateTime {
		z, spec, ok := e.zoneArg(zv)
		if !ok {
			return unsupportedZone(spec)
		}
		return d.setZone(z, optBool(opts, "keepLocalTime") || optBool(opts, "keepCalendarTime"))
	}
	return map[string]method{
		"toISO": str(func(d *dateTime, c goja.FunctionCall) string { return d.toISO(e.isoOptions(c.Argument(0))) }),
		"toISODate": str(func(d *dateTime, c goja.FunctionCall) string {
			o := optObj(c.Argument(0))
			return d.isoDate(o != nil && o.Get("format") != nil && o.Get("format").String() == "basic")
		}),
		"toISOWeekDate": str(func(d *dateTime, _ goja.FunctionCall) string {
			y, w := d.isoWeek()
			return pad(y, 4) + "-W" + pad(w, 2) + "-" + fmt.Sprint(d.weekday())
		}),
		"toISOTime": str(func(d *dateTime, c goja.FunctionCall) string { return d.isoTime(e.isoOptions(c.Argument(0))) }),
		"toSQLDate": str(func(d *dateTime, _ goja.FunctionCall) string { return d.isoDate(false) }),
		"toSQLTime": str(func(d *dateTime, _ goja.FunctionCall) string { return d.toFormat("HH:mm:ss.SSS ZZ") }),
		"toSQL":     str(func(d *dateTime, _ goja.FunctionCall) string { return d.toFormat("yyyy-MM-dd HH:mm:ss.SSS ZZ") }),
		"toHTTP": str(func(d *dateTime, _ goja.FunctionCall) string {
			return d.setZone(utcZone, false).toFormat("EEE, dd LLL yyyy HH:mm:ss 'GMT'")
		}),
		"toRFC2822": str(func(d *dateTime, _ goja.FunctionCall) string { return d.toFormat("EEE, dd LLL yyyy HH:mm:ss ZZZ") }),
		"toFormat": func(call goja.FunctionCall) goja.Value {
			return rt.ToValue(e.thisDT(call).toFormat(call.Argument(0).String()))
		},
		"toLocaleString": func(call goja.FunctionCall) goja.Value {
			d := e.thisDT(call)
			if !d.valid() {
				return rt.ToValue("Invalid DateTime")
			}
			p := presetDateShort
			if o := optObj(call.Argument(0)); o != nil {
				if known, ok := presetBySignature[optionsSignature(o)]; ok {
					p = known
				} else {
					p = presetFromOptions(o)
				}
			}
			return rt.ToValue(d.preset(p))
		},
		"toMillis":      num(func(d *dateTime) float64 { return float64(d.ms) }),
		"valueOf":       num(func(d *dateTime) float64 { return float64(d.ms) }),
		"toSeconds":     num(func(d *dateTime) float64 { return float64(d.ms) / 1000 }),
		"toUnixInteger": num(func(d *dateTime) float64 { return math.Floor(float64(d.ms) / 1000) }),
		"toJSDate": func(call goja.FunctionCall) goja.Value {
			d := e.thisDT(call)
			if !d.valid() {
				return e.newJSDate(math.NaN())
			}
			return e.newJSDate(float64(d.ms))
		},
		"toString": toString,
		"toJSON":   str(func(d *dateTime, _ goja.FunctionCall) string { return d.toISO(defaultISO) }),
		"toObject": func(call goja.FunctionCall) goja.Value {
			d := e.thisDT(call)
			o := rt.NewObject()
			if !d.valid() {
				return o
			}
			for i, v := range []int{d.c.year, d.c.month, d.c.day, d.c.hour, d.c.minute, d.c.second, d.c.ms} {
				_ = o.Set(orderedFields[i], v)
			}
			return o
		},
		"toUTC": wrap(func(d *dateTime, c goja.FunctionCall) *dateTime {
			off := 0
			if v := c.Argument(0); !isNullish(v) {
				off = int(v.ToInteger())
			}
			return d.setZone(fixedZone(off), optBool(optObj(c.Argument(1)), "keepLocalTime"))
		}),
		"toLocal": wrap(func(d *dateTime, _ goja.FunctionCall) *dateTime { return d.setZone(e.def, false) }),
		"setZone": wrap(func(d *dateTime, c goja.FunctionCall) *dateTime {
			return setZone(d, c.Argument(0), optObj(c.Argument(1)))
		}),
		"setLocale":   wrap(func(d *dateTime, _ goja.FunctionCall) *dateTime { return d }),
		"reconfigure": wrap(func(d *dateTime, _ goja.FunctionCall) *dateTime { return d }),
		"plus":        wrap(func(d *dateTime, c goja.FunctionCall) *dateTime { return d.plus(e.plusArgs(c)) }),
		"minus":       wrap(func(d *dateTime, c goja.FunctionCall) *dateTime { return d.minus(e.plusArgs(c)) }),
		"startOf": wrap(func(d *dateTime, c goja.FunctionCall) *dateTime {
			return d.startOf(e.unitArg(c.Argument(0), -1))
		}),
		"endOf": wrap(func(d *dateTime, c goja.FunctionCall) *dateTime {
			return d.endOf(e.unitArg(c.Argument(0), -1))
		}),
		"set": wrap(func(d *dateTime, c goja.FunctionCall) *dateTime {
			o := optObj(c.Argument(0))
			if o == nil {
				return d
			}
			vals := map[string]float64{}
			for _, k := range o.Keys() {
				key := k
				if u := normalizeUnit(k); u >= 0 && u != uWeeks && u != uQuarters {
					key = strings.TrimSuffix(unitNames[u], "s")
				}
				switch key {
				case "year", "month", "day", "hour", "minute", "second", "millisecond", "weekday", "weekNumber", "weekYear", "ordinal":
					vals[key] = o.Get(k).ToFloat()
				case "quarter", "quarters":
					// Luxon's set ignores quarter.
				default:
					e.throwErr("InvalidUnitError", "Invalid unit "+k)
				}
			}
			return d.setFields(vals)
		}),
		"get": func(call goja.FunctionCall) goja.Value {
			v := (&dtObject{e: e, d: e.thisDT(call)}).Get(call.Argument(0).String())
			if v == nil {
				return goja.Undefined()
			}
			return v
		},
		"diff": func(call goja.FunctionCall) goja.Value {
			d := e.thisDT(call)
			other := asDT(call.Argument(0))
			if other == nil {
				e.throwErr("InvalidArgumentError", "diff requires a DateTime")
			}
			return e.wrapDur(d.diff(other, e.unitsArg(call.Argument(1), uMillis)))
		},
		"diffNow": func(call goja.FunctionCall) goja.Value {
			d := e.thisDT(call)
			return e.wrapDur(d.diff(newDT(e.now().UnixMilli(), d.z), e.unitsArg(call.Argument(0), uMillis)))
		},
		"until": func(call goja.FunctionCall) goja.Value {
			return e.wrapIv(newInterval(e.thisDT(call), asDT(call.Argument(0))))
		},
		"equals": func(call goja.FunctionCall) goja.Value {
			d, o := e.thisDT(call), asDT(call.Argument(0))
			return rt.ToValue(o != nil && d.valid() && o.valid() && d.ms == o.ms && d.z.name == o.z.name)
		},
		"hasSame": func(call goja.FunctionCall) goja.Value {
			d, o := e.thisDT(call), asDT(call.Argument(0))
			if o == nil || !d.valid() || !o.valid() {
				return rt.ToValue(false)
			}
			u := e.unitArg(call.Argument(1), uMillis)
			adj := d.setZone(o.z, true)
			return rt.ToValue(adj.startOf(u).ms <= o.ms && o.ms <= adj.endOf(u).ms)
		},
		"toRelative": func(call goja.FunctionCall) goja.Value {
			d := e.thisDT(call)
			if !d.valid() {
				return goja.Null()
			}
			opts := optObj(call.Argument(0))
			base := newDT(e.now().UnixMilli(), d.z)
			round := true
			var units []int
			if opts != nil {
				if b := asDT(opts.Get("base")); b != nil {
					base = b
				}
				if r := opts.Get("round"); !isNullish(r) {
					round = r.ToBoolean()
				}
				if u := opts.Get("unit"); !isNullish(u) {
					units = e.unitsArg(u, uSeconds)
				}
			}
			return rt.ToValue(relative(d, base, units, round))
		},
	}
}

// optionsSignature is the signature of an Intl-style options object.
func optionsSignature(o *goja.Object) string {
	return signature(func(k string) (string, bool) {
		v := o.Get(k)
		if isNullish(v) {
			return "", false
		}
		return v.String(), true
	})
}

// presetFromOptions maps an Intl-style options object to the nearest preset.
func presetFromOptions(o *goja.Object) int {
	has := func(k string) bool { return !isNullish(o.Get(k)) }
	get := func(k string) string {
		if v := o.Get(k); !isNullish(v) {
			return v.String()
		}
		return ""
	}
	date, tm := has("year") || has("month") || has("day"), has("hour") || has("minute")
	switch {
	case date && tm:
		if get("month") == "long" {
			return presetDateTimeFull
		}
		if get("month") == "short" {
			if has("second") {
				return presetDateTimeMedSeconds
			}
			return presetDateTimeMed
		}
		if has("second") {
			return presetDateTimeShortSeconds
		}
		return presetDateTimeShort
	case tm:
		h24 := has("hourCycle") && get("hourCycle") == "h23" || (has("hour12") && !o.Get("hour12").ToBoolean())
		switch {
		case h24 && has("second"):
			return presetTime24Seconds
		case h24:
			return presetTime24Simple
		case has("second"):
			return presetTimeSeconds
		}
		return presetTimeSimple
	}
	switch get("month") {
	case "long":
		if has("weekday") {
			return presetDateHuge
		}
		return presetDateFull
	case "short":
		if has("weekday") {
			return presetDateMedWeekday
		}
		return presetDateMed
	}
	return presetDateShort
}

// relative is Luxon's toRelative (diffRelative with numeric "always",
// en-US): the first unit, coarse to fine, in which end and base differ
// by at least one.
func relative(end, base *dateTime, units []int, round bool) string {
	fixed := len(units) > 0
	if !fixed {
		units = []int{uYears, uMonths, uDays, uHours, uMinutes, uSeconds}
	}
	format := func(c float64, u int) string {
		if round {
			c = math.Trunc(c)
		} else {
			c = math.Trunc(c*100) / 100
		}
		name := strings.TrimSuffix(unitNames[u], "s")
		n := formatNumber(math.Abs(c), numberFormat{grouping: true, maxFrac: 3})
		if math.Abs(c) != 1 {
			name += "s"
		}
		if c < 0 || (c == 0 && math.Signbit(c)) {
			return n + " " + name + " ago"
		}
		return "in " + n + " " + name
	}
	for _, u := range units {
		c := end.diff(base, []int{u}).v[u]
		if fixed || math.Abs(c) >= 1 {
			return format(c, u)
		}
	}
	zero := 0.0
	if base.ms > end.ms {
		zero = math.Copysign(0, -1)
	}
	return format(zero, units[len(units)-1])
}

func newInterval(start, end *dateTime) *interval {
	switch {
	case start == nil || end == nil || !start.valid() || !end.valid():
		return &interval{invalid: "missing or invalid start or end"}
	case end.ms < start.ms:
		return &interval{invalid: "end before start"}
	}
	return &interval{start: start, end: end}
}

func (e *env) durationStatics() map[string]method {
	rt := e.rt
	return map[string]method{
		"fromObject": func(call goja.FunctionCall) goja.Value {
			o := optObj(call.Argument(0))
			if o == nil {
				e.throwErr("InvalidArgumentError", "Duration.fromObject: argument expected to be an object")
			}
			return e.wrapDur(e.durationFromObject(o))
		},
		"fromMillis": func(call goja.FunctionCall) goja.Value {
			d := &duration{}
			d.set(uMillis, call.Argument(0).ToFloat())
			return e.wrapDur(d)
		},
		"fromISO": func(call goja.FunctionCall) goja.Value {
			d, ok := parseISODuration(call.Argument(0).String())
			if !ok {
				return e.wrapDur(&duration{invalid: "unparsable"})
			}
			return e.wrapDur(d)
		},
		"isDuration": func(call goja.FunctionCall) goja.Value { return rt.ToValue(asDur(call.Argument(0)) != nil) },
		"invalid": func(call goja.FunctionCall) goja.Value {
			return e.wrapDur(&duration{invalid: call.Argument(0).String()})
		},
	}
}

func (e *env) durationMethods() map[string]method {
	rt := e.rt
	units := func(call goja.FunctionCall) []int {
		var us []int
		for _, a := range call.Arguments {
			us = append(us, e.unitsArg(a, uMillis)...)
		}
		return us
	}
	return map[string]method{
		"as": func(call goja.FunctionCall) goja.Value {
			return rt.ToValue(e.thisDur(call).as(e.unitArg(call.Argument(0), uMillis)))
		},
		"get": func(call goja.FunctionCall) goja.Value {
			d := e.thisDur(call)
			u := normalizeUnit(call.Argument(0).String())
			if u < 0 {
				return goja.Undefined()
			}
			return rt.ToValue(d.v[u])
		},
		"toObject": func(call goja.FunctionCall) goja.Value {
			d := e.thisDur(call)
			o := rt.NewObject()
			if !d.valid() {
				return o
			}
			for u := 0; u < numUnits; u++ {
				if d.has[u] {
					_ = o.Set(unitNames[u], d.v[u])
				}
			}
			return o
		},
		"toMillis": func(call goja.FunctionCall) goja.Value { return rt.ToValue(e.thisDur(call).toMillis()) },
		"valueOf":  func(call goja.FunctionCall) goja.Value { return rt.ToValue(e.thisDur(call).toMillis()) },
		"toISO": func(call goja.FunctionCall) goja.Value {
			if s, ok := e.thisDur(call).toISO(); ok {
				return rt.ToValue(s)
			}
			return goja.Null()
		},
		"toJSON": func(call goja.FunctionCall) goja.Value {
			if s, ok := e.thisDur(call).toISO(); ok {
				return rt.ToValue(s)
			}
			return goja.Null()
		},
		"toString": func(call goja.FunctionCall) goja.Value {
			if s, ok := e.thisDur(call).toISO(); ok {
				return rt.ToValue(s)
			}
			return rt.ToValue("Invalid Duration")
		},
		"toHuman": func(call goja.FunctionCall) goja.Value {
			d := e.thisDur(call)
			var parts []string
			for u := 0; u < numUnits; u++ {
				if d.has[u] {
					name := strings.TrimSuffix(unitNames[u], "s")
					if d.v[u] != 1 {
						name += "s"
					}
					parts = append(parts, formatNumber(d.v[u], numberFormat{grouping: true, minFrac: 0, maxFrac: 3})+" "+name)
				}
			}
			return rt.ToValue(strings.Join(parts, ", "))
		},
		"toFormat": func(call goja.FunctionCall) goja.Value {
			floor := true
			if o := optObj(call.Argument(1)); o != nil {
				if v := o.Get("floor"); !isNullish(v) && !v.ToBoolean() {
					floor = false
				}
				if v := o.Get("round"); !isNullish(v) && !v.ToBoolean() {
					floor = false
				}
			}
			return rt.ToValue(e.thisDur(call).toFormat(call.Argument(0).String(), floor))
		},
		"shiftTo": func(call goja.FunctionCall) goja.Value { return e.wrapDur(e.thisDur(call).shiftTo(units(call))) },
		"shiftToAll": func(call goja.FunctionCall) goja.Value {
			return e.wrapDur(e.thisDur(call).shiftTo([]int{0, 1, 2, 3, 4, 5, 6, 7, 8}))
		},
		"normalize": func(call goja.FunctionCall) goja.Value { return e.wrapDur(e.thisDur(call).normalize()) },
		"negate":    func(call goja.FunctionCall) goja.Value { return e.wrapDur(e.thisDur(call).negate()) },
		"plus": func(call goja.FunctionCall) goja.Value {
			return e.wrapDur(e.thisDur(call).plus(e.friendlyDuration(call.Argument(0))))
		},
		"minus": func(call goja.FunctionCall) goja.Value {
			return e.wrapDur(e.thisDur(call).plus(e.friendlyDuration(call.Argument(0)).negate()))
		},
		"equals": func(call goja.FunctionCall) goja.Value {
			a, b := e.thisDur(call), asDur(call.Argument(0))
			return rt.ToValue(b != nil && a.valid() && b.valid() && a.v == b.v && a.has == b.has)
		},
	}
}

var isoDurRe = regexp.MustCompile(`^(-)?P(?:(-?\d+(?:[.,]\d+)?)Y)?(?:(-?\d+(?:[.,]\d+)?)M)?(?:(-?\d+(?:[.,]\d+)?)W)?(?:(-?\d+(?:[.,]\d+)?)D)?(?:T(?:(-?\d+(?:[.,]\d+)?)H)?(?:(-?\d+(?:[.,]\d+)?)M)?(?:(-?\d+)(?:[.,](\d{1,9}))?S)?)?$`)

func parseISODuration(s string) (*duration, bool) {
	m := isoDurRe.FindStringSubmatch(s)
	if m == nil || s == "P" || strings.HasSuffix(s, "T") {
		return nil, false
	}
	d := &duration{}
	f := func(i, u int) {
		if m[i] != "" {
			v, _ := strconv.ParseFloat(strings.ReplaceAll(m[i], ",", "."), 64)
			if m[1] == "-" {
				v = -v
			}
			d.set(u, v)
		}
	}
	f(2, uYears)
	f(3, uMonths)
	f(4, uWeeks)
	f(5, uDays)
	f(6, uHours)
	f(7, uMinutes)
	f(8, uSeconds)
	if m[9] != "" {
		v := float64(fracMillis(m[9]))
		if m[1] == "-" || strings.HasPrefix(m[8], "-") {
			v = -v
		}
		d.set(uMillis, v)
	}
	return d, true
}

func (e *env) intervalStatics() map[string]method {
	rt := e.rt
	return map[string]method{
		"fromDateTimes": func(call goja.FunctionCall) goja.Value {
			return e.wrapIv(newInterval(e.toDateTimeArg(call.Argument(0)), e.toDateTimeArg(call.Argument(1))))
		},
		"after": func(call goja.FunctionCall) goja.Value {
			s := e.toDateTimeArg(call.Argument(0))
			if s == nil {
				return e.wrapIv(newInterval(nil, nil))
			}
			return e.wrapIv(newInterval(s, s.plus(e.friendlyDuration(call.Argument(1)))))
		},
		"before": func(call goja.FunctionCall) goja.Value {
			end := e.toDateTimeArg(call.Argument(0))
			if end == nil {
				return e.wrapIv(newInterval(nil, nil))
			}
			return e.wrapIv(newInterval(end.minus(e.friendlyDuration(call.Argument(1))), end))
		},
		"isInterval": func(call goja.FunctionCall) goja.Value { return rt.ToValue(asIv(call.Argument(0)) != nil) },
	}
}

// toDateTimeArg accepts a DateTime, a JS Date or an ISO string.
func (e *env) toDateTimeArg(v goja.Value) *dateTime {
	if d := asDT(v); d != nil {
		return d
	}
	if ms, ok := e.jsDateMillis(v); ok {
		if math.IsNaN(ms) {
			return nil
		}
		return newDT(int64(ms), e.def)
	}
	if isNullish(v) {
		return nil
	}
	if o, ok := v.(*goja.Object); ok {
		return e.fromObject(o, e.def)
	}
	d := e.parseISOString(v.String(), false)
	if !d.valid() {
		return nil
	}
	return d
}

func (e *env) intervalMethods() map[string]method {
	rt := e.rt
	return map[string]method{
		"toDuration": func(call goja.FunctionCall) goja.Value {
			iv := e.thisIv(call)
			if iv.invalid != "" {
				return e.wrapDur(&duration{invalid: iv.invalid})
			}
			return e.wrapDur(iv.end.diff(iv.start, e.unitsArg(call.Argument(0), uMillis)))
		},
		"length": func(call goja.FunctionCall) goja.Value {
			iv := e.thisIv(call)
			if iv.invalid != "" {
				return goja.NaN()
			}
			u := e.unitArg(call.Argument(0), uMillis)
			return rt.ToValue(iv.end.diff(iv.start, []int{u}).v[u])
		},
		"count": func(call goja.FunctionCall) goja.Value {
			iv := e.thisIv(call)
			if iv.invalid != "" {
				return goja.NaN()
			}
			u := e.unitArg(call.Argument(0), uMillis)
			start := iv.start.startOf(u)
			end := iv.end.startOf(u)
			n := math.Floor(end.diff(start, []int{u}).v[u])
			if end.ms != iv.end.ms {
				n++
			}
			return rt.ToValue(n)
		},
		"contains": func(call goja.FunctionCall) goja.Value {
			iv, d := e.thisIv(call), e.toDateTimeArg(call.Argument(0))
			return rt.ToValue(iv.invalid == "" && d != nil && iv.start.ms <= d.ms && d.ms < iv.end.ms)
		},
		"isAfter": func(call goja.FunctionCall) goja.Value {
			iv, d := e.thisIv(call), e.toDateTimeArg(call.Argument(0))
			return rt.ToValue(iv.invalid == "" && d != nil && iv.start.ms > d.ms)
		},
		"isBefore": func(call goja.FunctionCall) goja.Value {
			iv, d := e.thisIv(call), e.toDateTimeArg(call.Argument(0))
			return rt.ToValue(iv.invalid == "" && d != nil && iv.end.ms <= d.ms)
		},
		"overlaps": func(call goja.FunctionCall) goja.Value {
			a, b := e.thisIv(call), asIv(call.Argument(0))
			return rt.ToValue(a.invalid == "" && b != nil && b.invalid == "" && a.end.ms > b.start.ms && a.start.ms < b.end.ms)
		},
		"toISO": func(call goja.FunctionCall) goja.Value {
			iv := e.thisIv(call)
			if iv.invalid != "" {
				return goja.Null()
			}
			return rt.ToValue(iv.start.toISO(defaultISO) + "/" + iv.end.toISO(defaultISO))
		},
		"toString": func(call goja.FunctionCall) goja.Value {
			iv := e.thisIv(call)
			if iv.invalid != "" {
				return rt.ToValue("Invalid Interval")
			}
			return rt.ToValue("[" + iv.start.toISO(defaultISO) + " – " + iv.end.toISO(defaultISO) + ")")
		},
	}
}

var _ = time.Now
