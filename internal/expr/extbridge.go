package expr

import (
	"time"

	"github.com/dop251/goja"
	"github.com/noderun/noderun/internal/expr/ext"
)

// The bridge to package ext: n8n's extension methods, the Go-backed
// Luxon DateTime/Duration/Interval globals and $jmespath.

// installExt installs the extensions into a fresh runtime.
func installExt(rt *goja.Runtime, tz *time.Location) error { return ext.Install(rt, tz) }

// setZone changes the default zone of a pooled runtime.
func setZone(rt *goja.Runtime, tz *time.Location) { ext.SetZone(rt, tz) }

// newDateTime returns a DateTime for t in t's location ($now, $today).
func newDateTime(rt *goja.Runtime, t time.Time) goja.Value { return ext.NewDateTime(rt, t) }

// exportDateTime reports whether v is a (valid) DateTime and returns its
// instant.
func exportDateTime(v goja.Value) (time.Time, bool) { return ext.ExportDateTime(v) }

// dateTimeISO formats t as Luxon's toISO does.
func dateTimeISO(t time.Time) string { return ext.DateTimeISO(t) }
