package transform

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/nodes"
)

func TestLuxonFormat(t *testing.T) {
	t.Parallel()
	berlin := mustZone("Europe/Berlin")
	ts := time.Date(2024, 3, 8, 7, 5, 9, 42e6, berlin)
	tests := []struct{ format, want string }{
		{"yyyy-MM-dd'T'HH:mm:ss.SSSZZ", "2024-03-08T07:05:09.042+01:00"},
		{"d/M/yy h:m:s a", "8/3/24 7:5:9 AM"},
		{"EEEE, MMMM dd yyyy", "Friday, March 08 2024"},
		{"EEE MMM ccc LLL", "Fri Mar Fri Mar"},
		{"Z ZZZ z", "+1 +0100 Europe/Berlin"},
		{"kkkk-'W'WW-c", "2024-W10-5"},
		{"o ooo q", "68 068 1"},
		{"X x", "1709877909 1709877909042"},
		{"D | DD | DDD | t | T | TT", "3/8/2024 | Mar 8, 2024 | March 8, 2024 | 7:05 AM | 07:05 | 07:05:09"},
		{"'It''s' yyyy", "Its 2024"},
		{"hh:mm a", "07:05 AM"},
	}
	for _, tc := range tests {
		if got := luxonFormat(ts, tc.format); got != tc.want {
			t.Errorf("format %q = %q, want %q", tc.format, got, tc.want)
		}
	}
	if got := luxonISO(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)); got != "2024-01-01T00:00:00.000Z" {
		t.Errorf("UTC ISO = %q", got)
	}
	if got := luxonISO(time.Date(2024, 1, 1, 0, 0, 0, 0, mustZone("Etc/UTC"))); got != "2024-01-01T00:00:00.000+00:00" {
		t.Errorf("Etc/UTC ISO = %q", got)
	}
}

func TestLuxonArithmetic(t *testing.T) {
	t.Parallel()
	ny := mustZone("America/New_York")
	jan31 := time.Date(2024, 1, 31, 10, 0, 0, 0, ny)
	plus := []struct {
		unit string
		n    float64
		want string
	}{
		{"months", 1, "2024-02-29T10:00:00.000-05:00"},
		{"years", -1, "2023-01-31T10:00:00.000-05:00"},
		{"quarters", 1, "2024-04-30T10:00:00.000-04:00"},
		{"days", 40, "2024-03-11T10:00:00.000-04:00"}, // wall time kept over DST
		{"hours", 1000, "2024-03-13T03:00:00.000-04:00"},
		{"weeks", 1, "2024-02-07T10:00:00.000-05:00"},
	}
	for _, tc := range plus {
		if got := luxonISO(luxonPlus(jan31, tc.unit, tc.n)); got != tc.want {
			t.Errorf("plus %v %s = %s, want %s", tc.n, tc.unit, got, tc.want)
		}
	}
	mid := time.Date(2024, 5, 15, 13, 14, 15, 0, ny) // a Wednesday
	starts := map[string]string{
		"year": "2024-01-01T00:00:00.000-05:00", "quarter": "2024-04-01T00:00:00.000-04:00",
		"week": "2024-05-13T00:00:00.000-04:00", "hour": "2024-05-15T13:00:00.000-04:00",
	}
	for unit, want := range starts {
		if got := luxonISO(luxonStartOf(mid, unit)); got != want {
			t.Errorf("startOf %s = %s, want %s", unit, got, want)
		}
	}
	if got := luxonISO(luxonEndOf(mid, "month")); got != "2024-05-31T23:59:59.999-04:00" {
		t.Errorf("endOf month = %s", got)
	}
	diffs := []struct {
		start, end time.Time
		units      []string
		want       map[string]any
	}{
		{mid, mid.Add(36 * time.Hour), []string{"day"}, map[string]any{"days": 1.5}},
		{mid, mid.AddDate(1, 2, 3), []string{"year", "month", "day"}, map[string]any{"years": 1.0, "months": 2.0, "days": 3.0}},
		{mid, mid.Add(90 * time.Minute), []string{"hour", "minute"}, map[string]any{"hours": 1.0, "minutes": 30.0}},
		{mid, mid.Add(90 * time.Minute), []string{"hour"}, map[string]any{"hours": 1.5}},
		{mid.AddDate(0, 0, 14), mid, []string{"week"}, map[string]any{"weeks": -2.0}},
	}
	for _, tc := range diffs {
		if diff := cmp.Diff(tc.want, luxonDiff(tc.end, tc.start, tc.units)); diff != "" {
			t.Errorf("diff %v (-want +got):\n%s", tc.units, diff)
		}
	}
	if got := luxonDurationISO(map[string]any{"days": 4.0, "hours": 9.0}); got != "P4DT9H" {
		t.Errorf("duration ISO = %s", got)
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	berlin := mustZone("Europe/Berlin")
	tests := []struct {
		in   any
		zone *time.Location
		from string
		want string
	}{
		{"2024-03-28T22:15:00Z", berlin, "", "2024-03-28T23:15:00.000+01:00"},
		{"2024-03-28T22:15:00Z", nil, "", "2024-03-28T22:15:00.000+00:00"},
		{"2024-03-28T22:15:00+02:00", nil, "", "2024-03-28T22:15:00.000+02:00"},
		{1711664100.0, nil, "", "2024-03-28T22:15:00.000+00:00"},
		{"1711664100000", nil, "", "2024-03-28T22:15:00.000+00:00"},
		{"2024-03-28", nil, "", "2024-03-28T00:00:00.000+00:00"},
		{"28.03.2024 10:15", nil, "dd.MM.yyyy HH:mm", "2024-03-28T14:15:00.000+00:00"}, // wall time in the default zone,
		{"Thu, 28 Mar 2024 22:15:00 GMT", nil, "", "2024-03-28T22:15:00.000+00:00"},
	}
	for _, tc := range tests {
		got, err := parseDate(tc.in, tc.zone, tc.from)
		if err != nil {
			t.Errorf("parseDate(%v): %v", tc.in, err)
			continue
		}
		if s := luxonISO(got); s != tc.want {
			t.Errorf("parseDate(%v) = %s, want %s", tc.in, s, tc.want)
		}
	}
	for _, bad := range []any{"not a date", obj{}} {
		if _, err := parseDate(bad, nil, ""); err == nil {
			t.Errorf("parseDate(%v) succeeded", bad)
		}
	}
}

func TestDateTimeNode(t *testing.T) {
	t.Parallel()
	in := items(obj{"d": "2024-01-31T12:00:00Z", "e": "2024-02-01T18:30:00Z"})
	cases := []nodeCase{
		{name: "add months clamps, no input fields", params: obj{"operation": "addToDate", "magnitude": "={{ $json.d }}", "timeUnit": "months", "duration": 1.0},
			inputs: [][]nodes.Item{in}, want: []any{[]any{it(obj{"newDate": "2024-02-29T07:00:00.000-05:00"}, p(0))}}},
		{name: "format preset", params: obj{"operation": "formatDate", "date": "={{ $json.d }}"},
			inputs: [][]nodes.Item{in}, want: []any{[]any{it(obj{"formattedDate": "01/31/2024"}, p(0))}}},
		{name: "format in workflow timezone", params: obj{"operation": "formatDate", "date": "={{ $json.d }}", "format": "custom", "customFormat": "HH:mm z", "options": obj{"timezone": true}},
			inputs: [][]nodes.Item{in}, want: []any{[]any{it(obj{"formattedDate": "07:00 America/New_York"}, p(0))}}},
		{name: "unix timestamp", params: obj{"operation": "formatDate", "date": "={{ $json.d }}", "format": "X"},
			inputs: [][]nodes.Item{in}, want: []any{[]any{it(obj{"formattedDate": "1706702400"}, p(0))}}},
		{name: "extract default month", params: obj{"operation": "extractDate", "date": "={{ $json.d }}"},
			inputs: [][]nodes.Item{in}, want: []any{[]any{it(obj{"datePart": 1.0}, p(0))}}},
		{name: "time between as ISO", params: obj{"operation": "getTimeBetweenDates", "startDate": "={{ $json.d }}", "endDate": "={{ $json.e }}", "units": arr{"day", "hour", "minute"}, "options": obj{"isoString": true}},
			inputs: [][]nodes.Item{in}, want: []any{[]any{it(obj{"timeDifference": "P1DT6H30M"}, p(0))}}},
		{name: "round up is the start of the next month", params: obj{"operation": "roundDate", "date": "={{ $json.e }}", "mode": "roundUp"},
			inputs: [][]nodes.Item{in}, want: []any{[]any{it(obj{"roundedDate": "2024-03-01T00:00:00.000-05:00"}, p(0))}}},
		{name: "empty date is the epoch", params: obj{"operation": "extractDate", "date": "", "part": "year"},
			inputs: [][]nodes.Item{in}, want: []any{[]any{it(obj{"datePart": 1969.0}, p(0))}}},
		{name: "invalid date", params: obj{"operation": "extractDate", "date": "yesterday-ish"}, inputs: [][]nodes.Item{in}, wantErr: "Invalid date format"},
		{name: "invalid timezone", params: obj{"operation": "getCurrentDate", "options": obj{"timezone": "Mars/Base"}}, inputs: [][]nodes.Item{in},
			wantErr: "The timezone Mars/Base is not valid. Please check the timezone."},
	}
	runCases(t, "dateTime", 2, executeDateTime, cases)
}

func TestDateTimeCurrentDate(t *testing.T) {
	t.Parallel()
	f := newFake("dateTime", 2, obj{"includeTime": false, "options": obj{"timezone": "Asia/Tokyo", "includeInputFields": true}}, items(obj{"keep": 1.0}))
	out, err := executeDateTime(f)
	if err != nil {
		t.Fatal(err)
	}
	got := out[0][0].Object()
	s, _ := got["currentDate"].(string)
	if !strings.HasSuffix(s, "T00:00:00.000+09:00") || got["keep"] != 1.0 {
		t.Errorf("current date item = %v", got)
	}
}

func TestDateTimeContinueOnFail(t *testing.T) {
	t.Parallel()
	f := &continueCtx{newFake("dateTime", 2, obj{"operation": "extractDate", "date": "nope"}, items(obj{}))}
	out, err := executeDateTime(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{[]any{it(obj{"error": "Invalid date format"}, nil)}}
	if diff := cmp.Diff(want, view(t, out)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

type continueCtx struct{ *fakeCtx }

func (continueCtx) ContinueOnFail() bool { return true }
