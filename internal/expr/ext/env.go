package ext

import (
	"errors"
	"time"

	"github.com/dop251/goja"
)

// env is the per-runtime state: default zone and the prototypes of the
// Go-backed Luxon objects.
type env struct {
	rt       *goja.Runtime
	def      *zone
	now      func() time.Time
	dtProto  *goja.Object
	durProto *goja.Object
	ivProto  *goja.Object
	dateCtor *goja.Object
	dtCtor   *goja.Object
}

// envSym keys the *env on the runtime's global object.
var envSym = goja.NewSymbol("noderun.ext.env")

type envHolder struct{ e *env }

func getEnv(rt *goja.Runtime) *env {
	v := rt.GlobalObject().GetSymbol(envSym)
	if v == nil {
		return nil
	}
	if h, ok := v.Export().(*envHolder); ok {
		return h.e
	}
	return nil
}

// Install installs the extension methods, the Luxon globals (DateTime,
// Duration, Interval) and $jmespath into rt, with tz as the default zone
// (nil means UTC). Call it once per fresh runtime.
func Install(rt *goja.Runtime, tz *time.Location) error {
	if getEnv(rt) != nil {
		return errors.New("ext: runtime already installed")
	}
	e := &env{rt: rt, def: locZone(tz), now: time.Now}
	if err := rt.GlobalObject().DefineDataPropertySymbol(envSym, rt.ToValue(&envHolder{e}), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
		return err
	}
	dateCtor, ok := rt.Get("Date").(*goja.Object)
	if !ok {
		return errors.New("ext: runtime has no Date constructor")
	}
	e.dateCtor = dateCtor
	if err := e.installLuxon(); err != nil {
		return err
	}
	if err := e.installJMESPath(); err != nil {
		return err
	}
	return e.installExtensions()
}

// SetZone changes the default zone of an installed runtime (Luxon's
// Settings.defaultZone); nil means UTC.
func SetZone(rt *goja.Runtime, tz *time.Location) {
	if e := getEnv(rt); e != nil {
		e.def = locZone(tz)
	}
}

// NewDateTime returns a DateTime object at t in t's location (use
// t.In(workflowZone) for $now and $today).
func NewDateTime(rt *goja.Runtime, t time.Time) goja.Value {
	e := getEnv(rt)
	if e == nil {
		return rt.ToValue(t)
	}
	return e.wrapDT(newDT(t.UnixMilli(), locZone(t.Location())))
}

// ExportDateTime returns the instant of a DateTime object created by this
// package (false for anything else, and for invalid DateTimes).
func ExportDateTime(v goja.Value) (time.Time, bool) {
	o, ok := v.(*goja.Object)
	if !ok {
		return time.Time{}, false
	}
	d, ok := o.Export().(*dtObject)
	if !ok || !d.d.valid() {
		return time.Time{}, false
	}
	return d.d.time(), true
}
