package routing

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
)

func TestExtractParam(t *testing.T) {
	t.Parallel()
	rl := &nodes.Property{Name: "doc", DisplayName: "Document", Type: nodes.TypeResourceLocator, Modes: []*nodes.Property{
		{Name: "id"},
		{Name: "url", ExtractValue: map[string]any{"type": "regex", "regex": `https://docs\.example\.com/d/([0-9a-zA-Z\-_]+)`}},
	}}
	plain := &nodes.Property{Name: "ref", Type: nodes.TypeString, ExtractValue: map[string]any{"type": "regex", "regex": `^ref-(\d+)$`}}
	tests := []struct {
		name    string
		prop    *nodes.Property
		value   any
		want    any
		wantErr bool
	}{
		{"locator by id", rl, map[string]any{"__rl": true, "mode": "id", "value": "abc"}, "abc", false},
		{"locator by url", rl, map[string]any{"__rl": true, "mode": "url", "value": "https://docs.example.com/d/X_1/edit"}, "X_1", false},
		{"locator url not matching", rl, map[string]any{"__rl": true, "mode": "url", "value": "https://other/x"}, nil, true},
		{"property regex", plain, "ref-42", "42", false},
	}
	for _, tt := range tests {
		got, err := extractParam(tt.prop, tt.value)
		if (err != nil) != tt.wantErr {
			t.Errorf("%s: err = %v, want error %v", tt.name, err, tt.wantErr)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}
