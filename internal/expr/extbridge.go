package expr

import (
	"time"

	"github.com/dop251/goja"
)

// The DateTime bridge to package ext (Luxon-compatible DateTime and n8n's
// extension methods). Until ext is available these fall back to plain
// JavaScript Dates.

// installExt installs the extensions into a fresh runtime.
func installExt(rt *goja.Runtime, tz *time.Location) error { return nil }

// setZone changes the default zone of a pooled runtime.
func setZone(rt *goja.Runtime, tz *time.Location) {}

// newDateTime returns a DateTime for t ($now, $today).
func newDateTime(rt *goja.Runtime, t time.Time) goja.Value { return rt.ToValue(t) }

// exportDateTime reports whether v is a DateTime and returns its instant.
func exportDateTime(v goja.Value) (time.Time, bool) { return time.Time{}, false }

// dateTimeISO formats t as Luxon's toISO does.
func dateTimeISO(t time.Time) string { return t.Format("2006-01-02T15:04:05.000-07:00") }
