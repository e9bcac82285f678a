package transform

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/nodes"
)

// TestWaitParameterDefaults compares the parameters noderun completes for
// Wait nodes with n8n's: testdata/wait/parameters.json was written by
// n8n-workflow's NodeHelpers.getNodeParameters over the real Wait node
// description (n8n 2.41, versions 1 and 1.1).
func TestWaitParameterDefaults(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/wait/parameters.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		TypeVersion float64        `json:"typeVersion"`
		Parameters  map[string]any `json:"parameters"`
		Want        map[string]any `json:"want"`
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	props := waitType().Description.Properties
	for _, tc := range cases {
		got := roundTrip(t, nodes.NodeParameters(props, tc.Parameters, tc.TypeVersion))
		if diff := cmp.Diff(any(tc.Want), got); diff != "" {
			t.Errorf("v%v %v (-n8n +noderun):\n%s", tc.TypeVersion, tc.Parameters, diff)
		}
	}
}

// TestWaitPutsExecutionToWait covers the waits that pause the execution
// when the run can wait, and what each waits until.
func TestWaitPutsExecutionToWait(t *testing.T) {
	t.Parallel()
	ny := mustZone("America/New_York")
	cases := []struct {
		name    string
		version float64
		params  obj
		// wantTill is the exact time, or zero to check ≈ now + wantIn.
		wantTill time.Time
		wantIn   time.Duration
	}{
		{name: "webhook without limit", version: 1.1, params: obj{"resume": "webhook"}, wantTill: nodes.WaitIndefinitely},
		{name: "webhook limited by an interval", version: 1.1,
			params: obj{"resume": "webhook", "limitWaitTime": true, "limitType": "afterTimeInterval", "resumeAmount": 2.0, "resumeUnit": "minutes"},
			wantIn: 2 * time.Minute},
		{name: "webhook limit defaults to one hour", version: 1.1, params: obj{"resume": "webhook", "limitWaitTime": true}, wantIn: time.Hour},
		{name: "webhook limited by a date", version: 1.1,
			params:   obj{"resume": "webhook", "limitWaitTime": true, "limitType": "atSpecifiedTime", "maxDateAndTime": "2030-01-02T03:04:05"},
			wantTill: time.Date(2030, 1, 2, 3, 4, 5, 0, ny)},
		{name: "two hours", version: 1.1, params: obj{"amount": 2.0, "unit": "hours"}, wantIn: 2 * time.Hour},
		{name: "65 seconds", version: 1.1, params: obj{"amount": 65.0}, wantIn: 65 * time.Second},
		{name: "v1 default is one hour", version: 1, params: obj{}, wantIn: time.Hour},
		{name: "specific time", version: 1.1, params: obj{"resume": "specificTime", "dateTime": "2031-06-01T12:00:00"},
			wantTill: time.Date(2031, 6, 1, 12, 0, 0, 0, ny)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			in := items(obj{"a": 1.0}, obj{"a": 2.0})
			f := newFake("wait", tc.version, tc.params, in)
			f.CanWait = true
			before := time.Now()
			out, err := executeWait(f)
			if err != nil {
				t.Fatal(err)
			}
			if took := time.Since(before); took > 5*time.Second {
				t.Errorf("took %v: a wait the run can pause must not sleep", took)
			}
			want := []any{[]any{it(obj{"a": 1.0}, p(0)), it(obj{"a": 2.0}, p(1))}}
			if diff := cmp.Diff(want, view(t, out)); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
			if !tc.wantTill.IsZero() {
				if !f.WaitTill.Equal(tc.wantTill) {
					t.Errorf("wait till %v, want %v", f.WaitTill, tc.wantTill)
				}
				return
			}
			lo, hi := before.Add(tc.wantIn), time.Now().Add(tc.wantIn)
			if f.WaitTill.Before(lo) || f.WaitTill.After(hi) {
				t.Errorf("wait till %v, want between %v and %v", f.WaitTill, lo, hi)
			}
		})
	}
}

// TestWaitShortSleepsInProcess: under 65 s the node sleeps and never
// asks to pause, even when the run could.
func TestWaitShortSleepsInProcess(t *testing.T) {
	t.Parallel()
	f := newFake("wait", 1.1, obj{"amount": 0.05}, items(obj{}))
	f.CanWait = true
	start := time.Now()
	if _, err := executeWait(f); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) < 50*time.Millisecond {
		t.Error("short wait returned before its amount")
	}
	if !f.WaitTill.IsZero() {
		t.Errorf("short wait paused the execution until %v", f.WaitTill)
	}
}

func TestWaitWebhookErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, wantMsg string
		params        obj
		canWait       bool
	}{
		{name: "no server", params: obj{"resume": "webhook"}, wantMsg: "Resuming on a webhook call needs noderun serve"},
		{name: "bad limit date", canWait: true, params: obj{"resume": "webhook", "limitWaitTime": true, "limitType": "atSpecifiedTime", "maxDateAndTime": "never"},
			wantMsg: "Cannot put execution to wait because `maxDateAndTime` parameter is not a valid date. Please pick a specific date and time to wait until."},
		{name: "form", canWait: true, params: obj{"resume": "form"}, wantMsg: `Resuming on "form" is not supported by noderun: n8n forms are not served`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFake("wait", 1.1, tc.params, items(obj{}))
			f.CanWait = tc.canWait
			_, err := executeWait(f)
			ne, ok := err.(*nodes.NodeError)
			if !ok {
				t.Fatalf("error %v (%T), want a *nodes.NodeError", err, err)
			}
			got := []string{ne.Name, ne.Message, ne.NodeName}
			if diff := cmp.Diff([]string{nodes.NodeOperationErrorName, tc.wantMsg, "Node"}, got); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}
