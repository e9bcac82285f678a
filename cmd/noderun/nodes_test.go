package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/internal/schemagen"
	"github.com/noderun/noderun/nodes/bundled"
)

// TestNodesListJSON checks the counts of the bundled integrations and that
// the core nodes are listed.
func TestNodesListJSON(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := noderun(t, "nodes", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var infos []nodeInfo
	if err := json.Unmarshal([]byte(stdout), &infos); err != nil {
		t.Fatal(err)
	}
	type counts struct{ Resources, Operations int }
	got := map[string]counts{}
	for _, n := range infos {
		got[n.Name] = counts{len(n.Resources), n.Operations}
	}
	want := map[string]counts{
		"@devlikeapro/n8n-nodes-chatwoot.chatWoot": {29, 115},
		"n8n-nodes-noderun.dnsFilter":              {45, 280},
		"n8n-nodes-noderun.looker":                 {35, 474},
		"n8n-nodes-noderun.mindz":                  {22, 116},
		"n8n-nodes-base.set":                       {0, 0},
		"n8n-nodes-base.httpRequest":               {0, 0},
		"n8n-nodes-base.if":                        {0, 0},
		"n8n-nodes-base.manualTrigger":             {0, 0},
		"n8n-nodes-base.dateTime":                  {0, 7},
	}
	for name, w := range want {
		if diff := cmp.Diff(w, got[name]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	for _, n := range infos {
		if n.Name == "n8n-nodes-base.set" {
			if diff := cmp.Diff([]float64{1, 2, 3, 3.1, 3.2, 3.3, 3.4, 3.5}, n.Versions); diff != "" {
				t.Errorf("set versions (-want +got):\n%s", diff)
			}
		}
		if n.Name == "n8n-nodes-noderun.dnsFilter" {
			var ops []string
			for _, r := range n.Resources {
				if r.Name == "Distributors" {
					for _, o := range r.Operations {
						ops = append(ops, o.Name)
					}
				}
			}
			if !strings.Contains(strings.Join(ops, "|"), "Users Reset Password Url") {
				t.Errorf("Distributors operations lack the seed operation: %v", ops)
			}
		}
	}
}

func TestNodesListText(t *testing.T) {
	t.Parallel()
	code, stdout, _ := noderun(t, "nodes")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"n8n-nodes-noderun.dnsFilter", "DNSFilter", "45", "280", "chatwootApi", "n8n-nodes-base.manualTrigger", "3, 3.1, 3.2, 3.3, 3.4, 3.5"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("listing lacks %q:\n%s", want, stdout)
		}
	}
}

func TestResolveNode(t *testing.T) {
	t.Parallel()
	reg, err := bundled.Registry()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ query, want, wantErr string }{
		{"dnsfilter", "n8n-nodes-noderun.dnsFilter", ""},
		{"DNSFilter", "n8n-nodes-noderun.dnsFilter", ""},
		{"chatwoot", "@devlikeapro/n8n-nodes-chatwoot.chatWoot", ""},
		{"@devlikeapro/n8n-nodes-chatwoot.chatWoot", "@devlikeapro/n8n-nodes-chatwoot.chatWoot", ""},
		{"looker", "n8n-nodes-noderun.looker", ""},
		{"Mindz", "n8n-nodes-noderun.mindz", ""},
		{"set", "n8n-nodes-base.set", ""},
		{"Edit Fields (Set)", "n8n-nodes-base.set", ""},
		{"httprequest", "n8n-nodes-base.httpRequest", ""},
		{"HTTP Request", "n8n-nodes-base.httpRequest", ""},
		{"n8n-nodes-base.if", "n8n-nodes-base.if", ""},
		{"nope", "", `no node type matches "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			t.Parallel()
			typ, err := resolveNode(reg, tt.query)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if typ.Name() != tt.want {
				t.Errorf("resolved %q, want %q", typ.Name(), tt.want)
			}
		})
	}
}

func TestNodesDescribe(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     []string
		notWant  []string
	}{
		{"dnsfilter distributors", []string{"dnsfilter", "--resource", "Distributors"}, exitOK,
			[]string{"» Distributors → Users Reset Password Url", "Request: `POST /v1/distributors/users/{id}/reset_password_url`", "DNSFilter API (`dnsFilterApi`)", "Troubleshooting: 401", "Output:", "45 resources, 280 operations", "Id    `id`       string  yes"},
			[]string{"» Organizations →", "<!--", "|---"}},
		{"one operation markdown", []string{"dnsfilter", "--resource", "distributors", "--operation", "users reset password url", "--markdown"}, exitOK,
			[]string{"### Distributors → Users Reset Password Url", "| Id | `id` | string | yes |", "<!-- Generated"},
			[]string{"### Distributors → Health"}},
		{"flags before the node", []string{"--resource", "User", "--operation", "Send Password Reset Token", "looker"}, exitOK,
			[]string{"User → Send Password Reset Token", "/users/{user_id}/credentials_email/send_password_reset", "lookerApi"}, nil},
		{"whole node", []string{"chatwoot"}, exitOK, []string{"ChatWoot", "29 resources, 115 operations", "chatwootApi"}, nil},
		{"core node", []string{"set"}, exitOK, []string{"Edit Fields (Set)", "`assignments`", "Include Other Input Fields"}, nil},
		{"core node operation", []string{"datetime", "--operation", "formatDate"}, exitOK, []string{"Operation `formatDate`", "`format`"}, nil},
		{"unknown resource", []string{"dnsfilter", "--resource", "Spaceships"}, exitUsage, nil, nil},
		{"unknown operation", []string{"dnsfilter", "--resource", "Distributors", "--operation", "Fly"}, exitUsage, nil, nil},
		{"operation without resource", []string{"dnsfilter", "--operation", "Health"}, exitUsage, nil, nil},
		{"unknown node", []string{"nope"}, exitUsage, nil, nil},
		{"no node", nil, exitUsage, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := noderun(t, append([]string{"nodes", "describe"}, tt.args...)...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.wantCode, stderr)
			}
			for _, s := range tt.want {
				if !strings.Contains(stdout, s) {
					t.Errorf("output lacks %q:\n%s", s, stdout)
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(stdout, s) {
					t.Errorf("output has %q", s)
				}
			}
		})
	}
}

func TestMarkdownToText(t *testing.T) {
	t.Parallel()
	in := "# Title\n\n<!-- Generated -->\n\n## Part\n\n### Op\n\n| A | Long name |\n|---|---|\n| x \\| y | 1 |\n\ntext\n"
	want := "Title\n=====\n\nPart\n----\n\n» Op\n\nA      Long name\nx | y  1\n\ntext\n"
	if diff := cmp.Diff(want, string(markdownToText([]byte(in)))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestSchemaCLI writes the schemas to a folder and compares them with the
// generator's output; a stale node schema is removed.
func TestSchemaCLI(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	stale := filepath.Join(dir, "nodes", "gone.schema.json")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := noderun(t, "schema", "-o", dir)
	if code != exitOK || !strings.Contains(stdout, "wrote") {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	reg, err := bundled.Registry()
	if err != nil {
		t.Fatal(err)
	}
	files, err := schemagen.Generate(reg)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%s differs from the generator's output", name)
		}
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale schema not removed: %v", err)
	}
	if code, _, _ := noderun(t, "schema", "extra"); code != exitUsage {
		t.Errorf("schema extra: exit %d, want 2", code)
	}
}
