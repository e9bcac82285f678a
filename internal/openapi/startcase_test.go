package openapi

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testdata/startcase.json holds [input, lodash.startCase(input)] pairs
// recorded with lodash 4.17.21 over every tag, operationId, summary,
// parameter name, enum value and schema key of the bundled specs, plus
// tricky strings (accents, ordinals, acronyms, emoji).
func TestStartCaseMatchesLodash(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/startcase.json")
	if err != nil {
		t.Fatal(err)
	}
	var pairs [][2]string
	if err := json.Unmarshal(data, &pairs); err != nil {
		t.Fatal(err)
	}
	if len(pairs) < 100 {
		t.Fatalf("only %d recorded pairs", len(pairs))
	}
	var bad []string
	for _, p := range pairs {
		if got := StartCase(p[0]); got != p[1] {
			bad = append(bad, p[0]+" => "+got+" (lodash: "+p[1]+")")
		}
	}
	if diff := cmp.Diff([]string(nil), bad); diff != "" {
		t.Errorf("StartCase differs from lodash for %d inputs (-want +got):\n%s", len(bad), diff)
	}
}

func TestStartCaseExamples(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"users_reset_password_url", "Users Reset Password Url"},
		{"AgentBots", "Agent Bots"},
		{"send_user_credentials_email_password_reset", "Send User Credentials Email Password Reset"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := StartCase(tt.in); got != tt.want {
			t.Errorf("StartCase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
