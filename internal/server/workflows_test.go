package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/internal/queue"
	"github.com/noderun/noderun/nodes/bundled"
)

// newFromFiles builds a server on files (name -> JSON) without serving.
func newFromFiles(t *testing.T, files map[string]string, activeOnly bool) (*Server, error) {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	eng, err := bundled.NewEngine(bundled.Options{NodeDirs: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	return New(Config{Engine: eng, Store: executions.NewMemory(), Queue: &queue.Queue{}, WorkflowsDir: dir, ActiveOnly: activeOnly, BaseURL: "http://example.test/"})
}

const hookWorkflow = `{%s"name": "W", "active": %s, "nodes": [
  {"name": "%s", "type": "n8n-nodes-base.webhook", "typeVersion": 2, "webhookId": "wh", "parameters": {"httpMethod": "POST", "path": "%s"}},
  {"name": "Wait", "type": "n8n-nodes-base.wait", "typeVersion": 1.1, "webhookId": "wt", "parameters": {"resume": "webhook", "httpMethod": "POST"}}
], "connections": {}}`

func hook(id, active, node, path string) string {
	if id != "" {
		id = `"id": "` + id + `", `
	}
	return strings.Replace(strings.Replace(strings.Replace(strings.Replace(hookWorkflow, "%s", id, 1), "%s", active, 1), "%s", node, 1), "%s", path, 1)
}

func TestLoadWorkflows(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		files      map[string]string
		activeOnly bool
		wantErr    string
		wantHooks  []string
	}{
		{
			name:      "ids from the workflow or the file name; Wait webhooks are not production webhooks",
			files:     map[string]string{"a.json": hook("wf-a", "false", "Hook", "a"), "b.json": hook("", "true", "Hook", "b"), "notes.txt": "not json"},
			wantHooks: []string{"POST http://example.test/webhook/b", "POST http://example.test/webhook/a"}, // by id: "b" < "wf-a"
		},
		{
			name:       "active only",
			files:      map[string]string{"a.json": hook("wf-a", "false", "Hook", "a"), "b.json": hook("", "true", "Hook", "b")},
			activeOnly: true,
			wantHooks:  []string{"POST http://example.test/webhook/b"},
		},
		{
			name:    "duplicate ids",
			files:   map[string]string{"a.json": hook("same", "true", "Hook", "a"), "b.json": hook("same", "true", "Hook", "b")},
			wantErr: `workflow id "same" is used twice: `,
		},
		{
			name:    "webhook conflict",
			files:   map[string]string{"a.json": hook("one", "true", "Hook A", "p"), "b.json": hook("two", "true", "Hook B", "p")},
			wantErr: `webhook POST /webhook/p is registered twice: workflow "one" node "Hook A" and workflow "two" node "Hook B"`,
		},
		{
			name:      "export array",
			files:     map[string]string{"all.json": "[" + hook("x", "true", "Hook", "x") + "," + hook("y", "true", "Hook", "y") + "]"},
			wantHooks: []string{"POST http://example.test/webhook/x", "POST http://example.test/webhook/y"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := newFromFiles(t, tt.files, tt.activeOnly)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				if strings.Contains(tt.wantErr, "used twice") && (!strings.Contains(err.Error(), "a.json") || !strings.Contains(err.Error(), "b.json")) {
					t.Errorf("error %v does not name both files", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantHooks, s.WebhookURLs()); diff != "" {
				t.Errorf("webhooks (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSchedules(t *testing.T) {
	t.Parallel()
	body, err := os.ReadFile(filepath.Join("testdata", "schedule.json"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := newFromFiles(t, map[string]string{"schedule.json": string(body)}, true)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	got := s.Schedules(now)
	if len(got) != 1 {
		t.Fatalf("schedules %+v", got)
	}
	if got[0].WorkflowID != "schedule" || got[0].Node != "Schedule Trigger" || got[0].Next.Location().String() != "Europe/Berlin" {
		t.Errorf("schedule %+v", got[0])
	}
	if d := got[0].Next.Sub(now); d <= 0 || d > time.Second {
		t.Errorf("next firing %v after now, want within a second", d)
	}
}
