package server

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine/executions"
)

// TestAPIDatesAsJavaScript: dates keep three fraction digits and UTC, as
// Date.toISOString writes them.
func TestAPIDatesAsJavaScript(t *testing.T) {
	t.Parallel()
	berlin := time.FixedZone("CET", 3600)
	created := time.Date(2026, 11, 24, 6, 53, 59, 900_000_000, berlin)
	wait := time.Date(2026, 11, 24, 7, 0, 0, 0, time.UTC)
	b, err := json.Marshal(toAPI(&executions.Execution{ID: "1", Status: executions.StatusWaiting, CreatedAt: created, StartedAt: created, WaitTill: &wait}, false))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"createdAt": "2026-11-24T05:53:59.900Z", "startedAt": "2026-11-24T05:53:59.900Z", "stoppedAt": nil, "waitTill": "2026-11-24T07:00:00.000Z"}
	for k, w := range want {
		if diff := cmp.Diff(w, got[k]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", k, diff)
		}
	}
}
