package nodetest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/nodetest"
	"github.com/noderun/noderun/nodes"
)

func TestContextDefaults(t *testing.T) {
	t.Parallel()
	c := nodetest.New(&nodes.Node{Name: "N"}, []nodes.Item{{JSON: map[string]any{"a": 1.0}}})
	got := map[string]any{
		"mode":     c.Mode(),
		"zone":     c.Timezone().String(),
		"run":      c.RunIndex(),
		"continue": c.ContinueOnFail(),
		"in0":      len(c.InputData(0)),
		"in1":      c.InputData(1) == nil,
		"inNeg":    c.InputData(-1) == nil,
		"ctx":      c.Context() != nil,
		"log":      c.Logger() != nil,
	}
	want := map[string]any{"mode": "manual", "zone": "UTC", "run": 0, "continue": false, "in0": 1, "in1": true, "inNeg": true, "ctx": true, "log": true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
	c.State()["k"] = "v"
	if diff := cmp.Diff(map[string]any{"k": "v"}, c.State()); diff != "" {
		t.Errorf("State persists (-want +got):\n%s", diff)
	}
}

func TestContextParams(t *testing.T) {
	t.Parallel()
	node := &nodes.Node{Name: "N", Parameters: map[string]any{
		"plain": "x",
		"opts":  map[string]any{"e": "={{ $json.a * 2 }} {{ $runIndex }} {{ $now.zoneName }}"},
	}}
	c := nodetest.New(node, []nodes.Item{{JSON: map[string]any{"a": 1.0}}, {JSON: map[string]any{"a": 5.0}}})
	c.Runs = 3
	c.Zone = time.FixedZone("Z", 3600)
	tests := []struct {
		path string
		item int
		def  any
		want any
	}{
		{"plain", 0, nil, "x"},
		{"opts.e", 1, nil, "10 3 Z"},
		{"missing", 0, "d", "d"},
	}
	for _, tt := range tests {
		got, err := c.Param(tt.path, tt.item, tt.def)
		if err != nil {
			t.Fatalf("Param(%q): %v", tt.path, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Param(%q) (-want +got):\n%s", tt.path, diff)
		}
	}
}

func TestContextCredentialAndHTTP(t *testing.T) {
	t.Parallel()
	c := nodetest.New(&nodes.Node{Name: "N"}, nil)
	if _, err := c.Credential("api"); err == nil {
		t.Error("Credential without Creds: want error")
	} else if ne := (*nodes.NodeError)(nil); !errors.As(err, &ne) || ne.NodeName != "N" {
		t.Errorf("Credential error %v: want a NodeError naming N", err)
	}
	if _, err := c.HTTP(context.Background(), &nodes.Request{Method: "GET", URL: "http://x"}, ""); err == nil {
		t.Error("HTTP without HTTPFunc: want error")
	}
	c.Creds = map[string]map[string]any{"api": {"key": "k"}}
	var sent []string
	c.HTTPFunc = func(_ context.Context, req *nodes.Request, credType string) (*nodes.Response, error) {
		sent = append(sent, req.URL+" "+credType)
		return &nodes.Response{StatusCode: 204}, nil
	}
	d, err := c.Credential("api")
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.HTTP(context.Background(), &nodes.Request{URL: "http://x"}, "api")
	if err != nil {
		t.Fatal(err)
	}
	got := []any{d["key"], res.StatusCode, sent}
	if diff := cmp.Diff([]any{"k", 204, []string{"http://x api"}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
