package ext_test

import (
	"errors"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/expr/ext"
)

var berlin = mustZone("Europe/Berlin")

type exprCase struct {
	name string
	expr string
	want any
}

func runCases(t *testing.T, tz *time.Location, json string, cases []exprCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rt := newRuntime(t, tz)
			if json != "" {
				setJSON(t, rt, []byte(json))
			}
			got, err := evalJSON(t, rt, tc.expr)
			if err != nil {
				t.Fatalf("%s: %v", tc.expr, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.expr, diff)
			}
		})
	}
}

// TestDateTimeNodeOperations covers the Luxon operations behind the
// core-date-time case (Date & Time node, workflow zone Europe/Berlin).
func TestDateTimeNodeOperations(t *testing.T) {
	t.Parallel()
	runCases(t, berlin, `{"start": "2024-03-28T22:15:00Z", "end": "2024-04-02T06:15:00Z"}`, []exprCase{
		{"add 10 days", "DateTime.fromISO($json.start).plus({days: 10})", "2024-04-07T23:15:00.000+02:00"},
		{"minus 3 hours", "DateTime.fromISO($json.start).minus(3, 'hours')", "2024-03-28T20:15:00.000+01:00"},
		{"custom format keeps offset", `DateTime.fromISO($json.start, {setZone: true}).toFormat("yyyy-MM-dd'T'HH:mm ZZ")`, "2024-03-28T22:15 +00:00"},
		{"preset-like format", "DateTime.fromISO($json.start).toFormat('MMMM dd yyyy')", "March 28 2024"},
		{"week number", "DateTime.fromISO($json.start).weekNumber", 13.0},
		{"extract week", "DateTime.fromISO($json.start).extract('week')", 13.0},
		{"between over DST", "DateTime.fromISO($json.end).diff(DateTime.fromISO($json.start), ['days', 'hours']).toObject()", map[string]any{"days": 4.0, "hours": 9.0}},
		{"diffTo parses the other date in its own offset", "DateTime.fromISO($json.end).diffTo($json.start, ['days', 'hours'])", map[string]any{"days": 4.0, "hours": 8.0}},
		{"round down to month", "DateTime.fromISO($json.start).startOf('month')", "2024-03-01T00:00:00.000+01:00"},
		{"zone name", "DateTime.fromISO($json.start).zoneName", "Europe/Berlin"},
		{"now is in the default zone", "DateTime.now().zoneName", "Europe/Berlin"},
	})
}

func TestDSTArithmetic(t *testing.T) {
	t.Parallel()
	runCases(t, newYork, "", []exprCase{
		{"calendar day keeps wall time", "DateTime.fromISO('2024-03-09T12:00:00').plus({days: 1})", "2024-03-10T12:00:00.000-04:00"},
		{"24 hours is absolute", "DateTime.fromISO('2024-03-09T12:00:00').plus({hours: 24})", "2024-03-10T13:00:00.000-04:00"},
		{"gap time moves forward", "DateTime.fromISO('2024-03-10T02:30:00')", "2024-03-10T03:30:00.000-04:00"},
		{"hour before the gap", "DateTime.fromISO('2024-03-10T01:30:00').plus({hours: 1})", "2024-03-10T03:30:00.000-04:00"},
		{"fall back by days", "DateTime.fromISO('2024-11-02T01:30:00').plus({days: 1}).toISO()", "2024-11-03T01:30:00.000-04:00"},
		{"23 hour day", "DateTime.fromISO('2024-03-11T00:00').diff(DateTime.fromISO('2024-03-10T00:00'), 'hours').hours", 23.0},
		{"one calendar day", "DateTime.fromISO('2024-03-11T00:00').diff(DateTime.fromISO('2024-03-10T00:00'), 'days').days", 1.0},
		{"end of day on DST day", "DateTime.fromISO('2024-03-10T10:20:30').endOf('day')", "2024-03-10T23:59:59.999-04:00"},
		{"month end clamps", "DateTime.fromISO('2024-01-31').plus({months: 1}).toISODate()", "2024-02-29"},
	})
}

func TestFromFormat(t *testing.T) {
	t.Parallel()
	runCases(t, newYork, "", []exprCase{
		{"day first", "DateTime.fromFormat('05/03/2024 14:30', 'dd/MM/yyyy HH:mm')", "2024-03-05T14:30:00.000-05:00"},
		{"12 hour", "DateTime.fromFormat('05/03/2024 2:30 PM', 'dd/MM/yyyy h:mm a')", "2024-03-05T14:30:00.000-05:00"},
		{"month names", "DateTime.fromFormat('March 5, 2024', 'MMMM d, yyyy')", "2024-03-05T00:00:00.000-05:00"},
		{"offset converted", "DateTime.fromFormat('2024-03-05 10:20 +02:00', 'yyyy-MM-dd HH:mm ZZ')", "2024-03-05T03:20:00.000-05:00"},
		{"offset kept", "DateTime.fromFormat('2024-03-05 10:20 +02:00', 'yyyy-MM-dd HH:mm ZZ', {setZone: true})", "2024-03-05T10:20:00.000+02:00"},
		{"zone option", "DateTime.fromFormat('2024-03-05', 'yyyy-MM-dd', {zone: 'Europe/Berlin'})", "2024-03-05T00:00:00.000+01:00"},
		{"mismatch is invalid", "DateTime.fromFormat('2024-03-05', 'dd-MM-yyyy').invalidExplanation", `the input "2024-03-05" can't be parsed as format dd-MM-yyyy`},
		{"string toDateTime with format", "'05/03/2024'.toDateTime('dd/MM/yyyy').toISO()", "2024-03-05T00:00:00.000-05:00"},
	})
}

func TestDiff(t *testing.T) {
	t.Parallel()
	runCases(t, newYork, "", []exprCase{
		{"days", "DateTime.fromISO('2024-12-25').diff(DateTime.fromISO('2024-03-05'), 'days').days", 295.0},
		{"months and days", "DateTime.fromISO('2024-12-25').diff(DateTime.fromISO('2024-03-05'), ['months', 'days']).toObject()", map[string]any{"months": 9.0, "days": 20.0}},
		{"negative", "DateTime.fromISO('2024-03-05').diff(DateTime.fromISO('2024-12-25'), 'months').months", -9.64516129032258},
		{"default milliseconds", "DateTime.fromISO('2024-03-05T00:00:01').diff(DateTime.fromISO('2024-03-05')).toObject()", map[string]any{"milliseconds": 1000.0}},
		{"as hours", "DateTime.fromISO('2024-03-06').diff(DateTime.fromISO('2024-03-05'), 'days').as('hours')", 24.0},
		{"n8n diffTo", "DateTime.fromISO('2025-01-01').diffTo('2024-03-30T18:49:07.234', 'days')", 276.2158884953704},
	})
}

func TestExtensionDispatch(t *testing.T) {
	t.Parallel()
	runCases(t, newYork, `{"a": [1, 2, 3], "o": {"x": 1}, "s": "abc"}`, []exprCase{
		{"native includes kept", "$json.a.includes(2)", true},
		{"native array keys kept", "Array.from($json.a.keys())", []any{0.0, 1.0, 2.0}},
		{"object keys not enumerable", "Object.keys({})", []any{}},
		{"for-in unaffected", "(() => { const k = []; for (const x in $json.o) k.push(x); return k })()", []any{"x"}},
		{"JSON unaffected", "JSON.stringify($json)", `{"a":[1,2,3],"o":{"x":1},"s":"abc"}`},
		{"own field wins", "({keys: 5}).keys", 5.0},
		{"hasField ignores extensions", "$json.o.hasField('keys')", false},
		{"extend global", "extend($json.a, 'sum', [])", 6.0},
		{"extend generic on null", "extend(null, 'isEmpty', [])", true},
		{"extendOptional missing", "extendOptional(5, 'nope') === undefined", true},
		{"number generic isEmpty", "(0).isEmpty()", true},
		{"chained", "$json.s.toUpperCase().quote()", `"ABC"`},
		{"date object extension", "new Date('2024-03-05T10:20:30Z').format('yyyy-MM-dd HH:mm')", "2024-03-05 05:20"},
		{"date object plus returns Date", "new Date('2024-03-05T10:20:30Z').plus(1, 'days') instanceof Date", true},
		{"Intl.NumberFormat", "new Intl.NumberFormat('en-US', {maximumFractionDigits: 1}).format(1234.56)", "1,234.6"},
		{"jmespath keeps key order", "JSON.stringify($jmespath({b: {z: 1, a: 2}}, 'b'))", `{"z":1,"a":2}`},
		{"jmespath missing", "$jmespath($json, 'nope.deeper')", nil},
	})
}

func TestExtensionErrorsAreTyped(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ expr, msg string }{
		{"'abc'.hash('crc')", "Unknown algorithm crc. Available algorithms are: md5,sha1,sha224,sha256,sha384,sha512,sha3, and Base64."},
		{"(5).first()", `first() is only callable on type "Array"`},
		{"'abc'.keys()", `keys() is only callable on type "Object"`},
		{"(2.5).isEven()", "isEven() is only callable on integers"},
		{"'garbage'.toDateTime()", "cannot convert to Luxon DateTime"},
		{"[1, 'a'].sum()", "sum(): all array elements must be numbers"},
		{"extend(undefined, 'sum', [])", "sum can't be used on undefined value"},
	} {
		t.Run(tc.expr, func(t *testing.T) {
			t.Parallel()
			rt := newRuntime(t, newYork)
			_, err := rt.RunString(tc.expr)
			var ee *ext.ExtensionError
			if !errors.As(err, &ee) {
				t.Fatalf("%s: error %v is not an *ExtensionError", tc.expr, err)
			}
			if diff := cmp.Diff(tc.msg, ee.Message); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.expr, diff)
			}
		})
	}
	rt := newRuntime(t, newYork)
	_, err := rt.RunString("null.foo")
	var ee *ext.ExtensionError
	if errors.As(err, &ee) {
		t.Errorf("a TypeError was reported as an ExtensionError: %v", err)
	}
}

func TestGoAPI(t *testing.T) {
	t.Parallel()
	rt := newRuntime(t, newYork)
	if err := ext.Install(rt, newYork); err == nil {
		t.Error("second Install on the same runtime succeeded")
	}

	at := time.Date(2024, 3, 10, 1, 30, 0, 0, newYork)
	if err := rt.Set("$now", ext.NewDateTime(rt, at)); err != nil {
		t.Fatal(err)
	}
	got, err := rt.RunString("$now.plus({hours: 1}).toISO() + ' ' + $now.zoneName")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("2024-03-10T03:30:00.000-04:00 America/New_York", got.String()); diff != "" {
		t.Errorf("NewDateTime (-want +got):\n%s", diff)
	}

	v, err := rt.RunString("DateTime.fromISO('2024-03-05T10:20:30.5Z')")
	if err != nil {
		t.Fatal(err)
	}
	tm, ok := ext.ExportDateTime(v)
	if !ok {
		t.Fatal("ExportDateTime did not recognise a DateTime")
	}
	if want := time.Date(2024, 3, 5, 10, 20, 30, 5e8, time.UTC); !tm.Equal(want) || tm.Location().String() != "America/New_York" {
		t.Errorf("ExportDateTime = %v, want %v in America/New_York", tm, want)
	}
	for _, notDT := range []string{"'2024-03-05'", "new Date()", "({})", "DateTime.fromISO('bad')"} {
		v, err := rt.RunString(notDT)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := ext.ExportDateTime(v); ok {
			t.Errorf("ExportDateTime(%s) = true", notDT)
		}
	}

	ext.SetZone(rt, berlin)
	got, err = rt.RunString("DateTime.fromISO('2024-03-05T10:20:30Z').toISO()")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("2024-03-05T11:20:30.000+01:00", got.String()); diff != "" {
		t.Errorf("after SetZone (-want +got):\n%s", diff)
	}
}

func TestDateTimeISO(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2024, 3, 10, 1, 30, 0, 0, newYork), "2024-03-10T01:30:00.000-05:00"},
		{time.Date(2024, 7, 1, 12, 0, 0, 123e6, newYork), "2024-07-01T12:00:00.123-04:00"},
		{time.Date(2024, 3, 5, 10, 20, 30, 0, time.UTC), "2024-03-05T10:20:30.000Z"},
		{time.Date(2024, 3, 5, 10, 20, 30, 0, time.FixedZone("", 5*3600+1800)), "2024-03-05T10:20:30.000+05:30"},
	} {
		if diff := cmp.Diff(tc.want, ext.DateTimeISO(tc.t)); diff != "" {
			t.Errorf("DateTimeISO(%v) (-want +got):\n%s", tc.t, diff)
		}
	}
}

func BenchmarkToFormat(b *testing.B) {
	rt := newRuntime(b, newYork)
	prog := goja.MustCompile("bench", "dt.toFormat('yyyy-MM-dd HH:mm:ss ZZ')", false)
	if _, err := rt.RunString("var dt = DateTime.fromISO('2024-03-05T10:20:30Z')"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rt.RunProgram(prog); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExtensionCall(b *testing.B) {
	rt := newRuntime(b, newYork)
	prog := goja.MustCompile("bench", "s.toTitleCase()", false)
	if _, err := rt.RunString("var s = 'the quick brown fox'"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rt.RunProgram(prog); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkArraySum(b *testing.B) {
	rt := newRuntime(b, newYork)
	prog := goja.MustCompile("bench", "a.sum()", false)
	if _, err := rt.RunString("var a = [4, 8, 15, 16, 23, 42]"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rt.RunProgram(prog); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInstall(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := ext.Install(goja.New(), newYork); err != nil {
			b.Fatal(err)
		}
	}
}
