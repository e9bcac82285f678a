package conformance

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/bundled"
)

// recordedAddress is where the recorded workflows and credentials point.
const recordedAddress = "http://127.0.0.1:18080"

func casesDir(t *testing.T) string {
	if d := os.Getenv("NODERUN_CONFORMANCE_DIR"); d != "" {
		return d
	}
	d, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "conformance"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestConformance runs every case folder through noderun and compares with
// what n8n produced.
func TestConformance(t *testing.T) {
	dir := casesDir(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("no conformance cases at %s (set NODERUN_CONFORMANCE_DIR): %v", dir, err)
	}
	reg, err := bundled.Registry()
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, e.Name(), "workflow.json")); err != nil {
			continue
		}
		ran++
		caseDir := filepath.Join(dir, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			t.Parallel()
			runCase(t, caseDir, reg)
		})
	}
	if ran == 0 {
		t.Fatalf("no case folders in %s", dir)
	}
}

func readJSON(t *testing.T, path string, v any) bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return true
}

func runCase(t *testing.T, dir string, reg *nodes.Registry) {
	var replies []MockReply
	readJSON(t, filepath.Join(dir, "mock.json"), &replies)
	mock := NewMock(replies)
	defer mock.Close()

	raw, err := os.ReadFile(filepath.Join(dir, "workflow.json"))
	if err != nil {
		t.Fatal(err)
	}
	raw = []byte(strings.ReplaceAll(string(raw), recordedAddress, mock.URL))
	wf, err := engine.Parse(raw, "workflow.json", engine.Selector{})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	var missing []string
	for _, n := range wf.Nodes {
		if _, err := reg.Lookup(n.Type, n.TypeVersion); err != nil && n.Type != "n8n-nodes-base.stickyNote" {
			missing = append(missing, n.Type+"@"+formatVersion(n.TypeVersion))
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		t.Skipf("node types not implemented yet: %s", strings.Join(dedupe(missing), ", "))
	}

	credFile := ""
	if credRaw, err := os.ReadFile(filepath.Join(dir, "credentials.json")); err == nil {
		credFile = filepath.Join(t.TempDir(), "credentials.json")
		if err := os.WriteFile(credFile, []byte(strings.ReplaceAll(string(credRaw), recordedAddress, mock.URL)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	eng, err := bundled.NewEngine(bundled.Options{CredentialsFile: credFile, Registry: reg})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := eng.Run(ctx, wf, engine.RunOptions{Mode: "manual"})
	if err != nil && res == nil {
		t.Fatalf("run: %v", err)
	}
	gotJSON, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var got, want map[string]any
	if err := json.Unmarshal(gotJSON, &got); err != nil {
		t.Fatal(err)
	}
	readJSON(t, filepath.Join(dir, "expected.json"), &want)
	if diff := cmp.Diff(project(want), project(got)); diff != "" {
		t.Errorf("result differs from n8n's (-n8n +noderun):\n%s", diff)
	}

	var wantReqs []map[string]any
	if readJSON(t, filepath.Join(dir, "requests.json"), &wantReqs) {
		if diff := cmp.Diff(projectWantRequests(wantReqs), projectGotRequests(mock.Requests)); diff != "" {
			t.Errorf("requests differ from n8n's (-n8n +noderun):\n%s", diff)
		}
	}
}

func formatVersion(v float64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// project keeps what the conformance README says to compare.
func project(run map[string]any) map[string]any {
	out := map[string]any{
		"status":           run["status"],
		"lastNodeExecuted": run["lastNodeExecuted"],
	}
	if e, ok := run["error"].(map[string]any); ok {
		out["error"] = projectError(e)
	}
	runData := map[string]any{}
	rd, _ := run["runData"].(map[string]any)
	for name, runs := range rd {
		var pr []any
		for _, r := range runs.([]any) {
			task := r.(map[string]any)
			pt := map[string]any{"executionStatus": task["executionStatus"]}
			if e, ok := task["error"].(map[string]any); ok {
				pt["error"] = projectError(e)
			}
			if src, ok := task["source"].([]any); ok {
				pt["source"] = src
			}
			if data, ok := task["data"].(map[string]any); ok {
				var outs []any
				main, _ := data["main"].([]any)
				for _, o := range main {
					items, _ := o.([]any)
					pitems := []any{}
					for _, it := range items {
						im := it.(map[string]any)
						pi := map[string]any{"json": im["json"], "pairedItem": im["pairedItem"]}
						if _, hasErr := im["error"]; hasErr {
							pi["hasError"] = true
						}
						if b, ok := im["binary"].(map[string]any); ok && len(b) > 0 {
							pi["binary"] = b
						}
						pitems = append(pitems, pi)
					}
					outs = append(outs, pitems)
				}
				pt["main"] = outs
			}
			pr = append(pr, pt)
		}
		runData[name] = pr
	}
	out["runData"] = runData
	return out
}

func projectError(e map[string]any) map[string]any {
	out := map[string]any{}
	for _, k := range []string{"name", "message", "description", "httpCode"} {
		if v, ok := e[k]; ok && v != nil && v != "" {
			out[k] = v
		}
	}
	return out
}

// ignoredHeaders only reflect the HTTP library, not the workflow.
var ignoredHeaders = map[string]bool{
	"accept-encoding": true, "connection": true, "user-agent": true, "host": true, "content-length": true,
}

func projectWantRequests(reqs []map[string]any) []map[string]any {
	out := []map[string]any{}
	for _, r := range reqs {
		headers := map[string]any{}
		raw, _ := r["rawHeaders"].([]any)
		for _, h := range raw {
			pair := h.([]any)
			name := strings.ToLower(pair[0].(string))
			if !ignoredHeaders[name] {
				headers[name] = pair[1]
			}
		}
		body, _ := r["rawBody"].(string)
		out = append(out, map[string]any{
			"method": r["method"], "path": r["path"], "query": r["query"],
			"headers": headers, "body": parseBody(body),
		})
	}
	return out
}

func projectGotRequests(reqs []RecordedRequest) []map[string]any {
	out := []map[string]any{}
	for _, r := range reqs {
		headers := map[string]any{}
		for k, vs := range r.Headers {
			name := strings.ToLower(k)
			if !ignoredHeaders[name] {
				headers[name] = strings.Join(vs, ", ")
			}
		}
		out = append(out, map[string]any{
			"method": r.Method, "path": r.Path, "query": r.Query,
			"headers": headers, "body": parseBody(string(r.Body)),
		})
	}
	return out
}

func parseBody(s string) any {
	if s == "" {
		return nil
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err == nil {
		return v
	}
	return s
}
