package ext

import (
	"math"
	"time"

	"github.com/dop251/goja"
)

// dtObject is the goja DynamicObject behind a DateTime: Luxon's getters
// are its properties; its methods live on the shared prototype.
type dtObject struct {
	e *env
	d *dateTime
}

func (e *env) wrapDT(d *dateTime) goja.Value {
	o := e.rt.NewDynamicObject(&dtObject{e: e, d: d})
	_ = o.SetPrototype(e.dtProto)
	return o
}

func (o *dtObject) num(n int) goja.Value {
	if !o.d.valid() {
		return goja.NaN()
	}
	return o.e.rt.ToValue(n)
}

func (o *dtObject) str(s string) goja.Value {
	if !o.d.valid() {
		return goja.Null()
	}
	return o.e.rt.ToValue(s)
}

// Get implements goja.DynamicObject.
func (o *dtObject) Get(key string) goja.Value {
	d, rt := o.d, o.e.rt
	switch key {
	case "year":
		return o.num(d.c.year)
	case "month":
		return o.num(d.c.month)
	case "day":
		return o.num(d.c.day)
	case "hour":
		return o.num(d.c.hour)
	case "minute":
		return o.num(d.c.minute)
	case "second":
		return o.num(d.c.second)
	case "millisecond":
		return o.num(d.c.ms)
	case "weekday", "localWeekday":
		return o.num(d.weekday())
	case "weekdayShort":
		return o.str(daysShort[(d.weekday()+6)%7])
	case "weekdayLong":
		return o.str(daysLong[(d.weekday()+6)%7])
	case "monthShort":
		return o.str(monthsShort[(d.c.month+11)%12])
	case "monthLong":
		return o.str(monthsLong[(d.c.month+11)%12])
	case "weekNumber", "localWeekNumber":
		_, w := d.isoWeek()
		return o.num(w)
	case "weekYear", "localWeekYear":
		y, _ := d.isoWeek()
		return o.num(y)
	case "ordinal":
		return o.num(d.ordinal())
	case "quarter":
		return o.num((d.c.month + 2) / 3)
	case "zoneName":
		return o.str(d.z.name)
	case "zone":
		z := rt.NewObject()
		_ = z.Set("name", d.z.name)
		if d.z.fixed {
			_ = z.Set("type", "fixed")
		} else {
			_ = z.Set("type", "iana")
		}
		_ = z.Set("isUniversal", d.z.fixed)
		_ = z.Set("isValid", true)
		return z
	case "offset":
		return o.num(d.o)
	case "offsetNameShort":
		return o.str(d.z.offsetName(d.time(), "short"))
	case "offsetNameLong":
		return o.str(d.z.offsetName(d.time(), "long"))
	case "isOffsetFixed":
		if !d.valid() {
			return goja.Null()
		}
		return rt.ToValue(d.z.fixed)
	case "isInDST":
		if !d.valid() || d.z.fixed {
			return rt.ToValue(false)
		}
		return rt.ToValue(d.time().IsDST())
	case "daysInMonth":
		return o.num(daysInMonth(d.c.year, d.c.month))
	case "daysInYear":
		if isLeap(d.c.year) {
			return o.num(366)
		}
		return o.num(365)
	case "isInLeapYear":
		return rt.ToValue(d.valid() && isLeap(d.c.year))
	case "weeksInWeekYear":
		y, _ := d.isoWeek()
		_, w := time.Date(y, 12, 28, 0, 0, 0, 0, time.UTC).ISOWeek()
		return o.num(w)
	case "isValid":
		return rt.ToValue(d.valid())
	case "invalidReason":
		if d.valid() {
			return goja.Null()
		}
		return rt.ToValue(d.invalid)
	case "invalidExplanation":
		if d.valid() || d.explanation == "" {
			return goja.Null()
		}
		return rt.ToValue(d.explanation)
	case "locale":
		return o.str("en-US")
	case "numberingSystem", "outputCalendar":
		return o.str(map[string]string{"numberingSystem": "latn", "outputCalendar": "gregory"}[key])
	case "ts":
		if !d.valid() {
			return goja.NaN()
		}
		return rt.ToValue(d.ms)
	case "isLuxonDateTime":
		return rt.ToValue(true)
	}
	return nil
}

// Set implements goja.DynamicObject: DateTimes are immutable.
func (o *dtObject) Set(string, goja.Value) bool { return false }

// Has implements goja.DynamicObject.
func (o *dtObject) Has(key string) bool { return o.Get(key) != nil }

// Delete implements goja.DynamicObject.
func (o *dtObject) Delete(string) bool { return false }

// Keys implements goja.DynamicObject: no enumerable own properties.
func (o *dtObject) Keys() []string { return nil }

// durObject is the goja DynamicObject behind a Duration.
type durObject struct {
	e *env
	d *duration
}

func (e *env) wrapDur(d *duration) goja.Value {
	o := e.rt.NewDynamicObject(&durObject{e: e, d: d})
	_ = o.SetPrototype(e.durProto)
	return o
}

// Get implements goja.DynamicObject.
func (o *durObject) Get(key string) goja.Value {
	if u := normalizeUnit(key); u >= 0 && key == unitNames[u] {
		if !o.d.valid() {
			return goja.NaN()
		}
		return o.e.rt.ToValue(o.d.v[u])
	}
	switch key {
	case "isValid":
		return o.e.rt.ToValue(o.d.valid())
	case "invalidReason":
		if o.d.valid() {
			return goja.Null()
		}
		return o.e.rt.ToValue(o.d.invalid)
	case "locale":
		return o.e.rt.ToValue("en-US")
	case "isLuxonDuration":
		return o.e.rt.ToValue(true)
	}
	return nil
}

// Set implements goja.DynamicObject.
func (o *durObject) Set(string, goja.Value) bool { return false }

// Has implements goja.DynamicObject.
func (o *durObject) Has(key string) bool { return o.Get(key) != nil }

// Delete implements goja.DynamicObject.
func (o *durObject) Delete(string) bool { return false }

// Keys implements goja.DynamicObject.
func (o *durObject) Keys() []string { return nil }

// interval is the state behind a Luxon Interval.
type interval struct {
	start, end *dateTime
	invalid    string
}

// ivObject is the goja DynamicObject behind an Interval.
type ivObject struct {
	e  *env
	iv *interval
}

func (e *env) wrapIv(iv *interval) goja.Value {
	o := e.rt.NewDynamicObject(&ivObject{e: e, iv: iv})
	_ = o.SetPrototype(e.ivProto)
	return o
}

// Get implements goja.DynamicObject.
func (o *ivObject) Get(key string) goja.Value {
	switch key {
	case "start":
		if o.iv.invalid != "" {
			return goja.Null()
		}
		return o.e.wrapDT(o.iv.start)
	case "end":
		if o.iv.invalid != "" {
			return goja.Null()
		}
		return o.e.wrapDT(o.iv.end)
	case "isValid":
		return o.e.rt.ToValue(o.iv.invalid == "")
	case "invalidReason":
		if o.iv.invalid == "" {
			return goja.Null()
		}
		return o.e.rt.ToValue(o.iv.invalid)
	case "isLuxonInterval":
		return o.e.rt.ToValue(true)
	}
	return nil
}

// Set implements goja.DynamicObject.
func (o *ivObject) Set(string, goja.Value) bool { return false }

// Has implements goja.DynamicObject.
func (o *ivObject) Has(key string) bool { return o.Get(key) != nil }

// Delete implements goja.DynamicObject.
func (o *ivObject) Delete(string) bool { return false }

// Keys implements goja.DynamicObject.
func (o *ivObject) Keys() []string { return nil }

// asDT returns the DateTime state of v, or nil.
func asDT(v goja.Value) *dateTime {
	if o, ok := v.(*goja.Object); ok {
		if d, ok := o.Export().(*dtObject); ok {
			return d.d
		}
	}
	return nil
}

func asDur(v goja.Value) *duration {
	if o, ok := v.(*goja.Object); ok {
		if d, ok := o.Export().(*durObject); ok {
			return d.d
		}
	}
	return nil
}

func asIv(v goja.Value) *interval {
	if o, ok := v.(*goja.Object); ok {
		if d, ok := o.Export().(*ivObject); ok {
			return d.iv
		}
	}
	return nil
}

// jsDateMillis returns the epoch ms of a JS Date object.
func (e *env) jsDateMillis(v goja.Value) (float64, bool) {
	o, ok := v.(*goja.Object)
	if !ok || o.ClassName() != "Date" {
		return 0, false
	}
	getTime, ok := goja.AssertFunction(o.Get("getTime"))
	if !ok {
		return 0, false
	}
	r, err := getTime(o)
	if err != nil {
		return 0, false
	}
	return r.ToFloat(), true
}

func (e *env) newJSDate(ms float64) goja.Value {
	if math.IsNaN(ms) {
		ms = math.NaN()
	}
	o, err := e.rt.New(e.dateCtor, e.rt.ToValue(ms))
	if err != nil {
		panic(err)
	}
	return o
}
