package core

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The golden file was recorded in a process whose local zone is UTC.
func init() { localZone = time.UTC }

// TestParseDateTimeGolden compares parseDateTime with n8n's
// tryToParseDateTime (default zone America/New_York) on the values in
// testdata/golden/parse_date_time.json.
func TestParseDateTimeGolden(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/golden/parse_date_time.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Value  any   `json:"value"`
		Valid  bool  `json:"valid"`
		Millis int64 `json:"millis"`
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		got, ok := parseDateTime(c.Value, ny)
		var ms int64
		if ok {
			ms = got.UnixMilli()
		}
		if diff := cmp.Diff([]any{c.Valid, c.Millis}, []any{ok, ms}); diff != "" {
			t.Errorf("parseDateTime(%#v) [valid millis] (-n8n +noderun):\n%s", c.Value, diff)
		}
	}
}
