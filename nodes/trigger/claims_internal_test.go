package trigger

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/noderun/noderun/nodes"
)

// TestClaimsReleasedOnRefusal: the JWT claims Authenticate keeps for a
// request are released even when Output refuses the request (a body that
// does not parse, Only Run If false), so refused calls leak nothing.
func TestClaimsReleasedOnRefusal(t *testing.T) {
	t.Parallel()
	node := &nodes.Node{Name: "Hook", Type: WebhookType, TypeVersion: 2, Parameters: map[string]any{
		"httpMethod": "POST", "path": "p", "authentication": "jwtAuth",
		"options": map[string]any{"onlyRunIf": "={{ false }}"},
	}}
	tests := []struct {
		name        string
		body        string
		contentType string
		onlyRunIf   bool
	}{
		{"body that does not parse", `{"a":`, "application/json", false},
		{"only run if false", `{"a":1}`, "application/json", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := *node
			n.Parameters = map[string]any{"httpMethod": "POST", "path": "p", "authentication": "jwtAuth", "options": map[string]any{}}
			if tt.onlyRunIf {
				n.Parameters = node.Parameters
			}
			w, ok, err := WebhookOf(&n, nil)
			if err != nil || !ok {
				t.Fatalf("WebhookOf: %v %v", ok, err)
			}
			r := httptest.NewRequest("POST", "/webhook/p", strings.NewReader(tt.body))
			r.Header.Set("Content-Type", tt.contentType)
			w.jwtClaims.Store(r, map[string]any{"sub": "a"})
			_, _ = w.Output(r, nil, "http://localhost/webhook/p", "production")
			left := 0
			w.jwtClaims.Range(func(any, any) bool { left++; return true })
			if left != 0 {
				t.Errorf("%d claims left after the call", left)
			}
		})
	}
}
