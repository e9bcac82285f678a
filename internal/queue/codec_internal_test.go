package queue

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/nodes"
)

func TestSubjectToken(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"123", "123"},
		{"a-b_C", "a-b_C"},
		{"a.b", "a=2Eb"},
		{"a*>b c", "a=2A=3Eb=20c"},
		{"x=y", "x=3Dy"},
		{"", "=00"},
	}
	for _, tt := range tests {
		if got := subjectToken(tt.in); got != tt.want {
			t.Errorf("subjectToken(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if a, b := finishedKey("a.1", 0), finishedKey("a", 10); a == b {
		t.Errorf("finishedKey collides: %q", a)
	}
}

func TestResponseRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		resp *nodes.WebhookResponse
	}{
		{"nil body", &nodes.WebhookResponse{StatusCode: 204}},
		{"string", &nodes.WebhookResponse{StatusCode: 200, Body: "hi"}},
		{"bytes", &nodes.WebhookResponse{Body: []byte{0, 1, 2, 255}}},
		{"json", &nodes.WebhookResponse{StatusCode: 201, Headers: map[string]string{"a": "b"}, Body: []any{1.0, "x", map[string]any{"k": nil}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data, err := encodeResponse(tt.resp)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeResponse(data)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.resp, got); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

// TestOffloadRawKeepsDocument checks that a result JSON loses its big
// payloads on the wire and gets them back byte for byte, key order kept.
func TestOffloadRawKeepsDocument(t *testing.T) {
	t.Parallel()
	srv, err := StartEmbedded(EmbeddedOptions{StoreDir: t.TempDir(), Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	q, err := Connect(ctx, srv.ClientURL(), Options{BinaryThreshold: 16})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()

	big := strings.Repeat("QUJD", 10)
	doc := `{"status":"success","runData":{"Z":[{"data":{"main":[[{"json":{"z":1,"a":2},"binary":{"f":{"data":"` + big +
		`","mimeType":"text/plain","id":"orig"},"small":{"data":"QQ==","mimeType":"text/plain"}}}]]}}],"A":[]}}`
	wire, err := q.offloadRaw(ctx, []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(wire), big) || !strings.Contains(string(wire), ObjectRefPrefix) || !strings.Contains(string(wire), "QQ==") {
		t.Fatalf("wire form = %s, want the big payload replaced and the small one kept", wire)
	}
	back, err := q.restoreRaw(ctx, wire)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(doc, string(back)); diff != "" {
		t.Errorf("restored (-want +got):\n%s", diff)
	}
	small := `{"binary":{"f":{"data":"QQ=="}}}`
	if got, err := q.offloadRaw(ctx, []byte(small)); err != nil || string(got) != small {
		t.Errorf("offloadRaw(small) = %s, %v; want it unchanged", got, err)
	}
}
