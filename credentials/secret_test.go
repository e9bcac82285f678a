package credentials_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
)

const marker = "MARKER-s3cr3t-7Qz"

func TestDataRedacts(t *testing.T) {
	t.Parallel()
	d := credentials.Data{"apiKey": marker, "nested": map[string]any{"token": marker}}
	c := &credentials.Credential{ID: "c1", Name: "n", Type: "x", Data: d}
	js, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("cred", "data", d, "cred", c, "secret", credentials.Secret(marker))
	slog.New(slog.NewTextHandler(&buf, nil)).Info("cred", "data", d, "secret", credentials.Secret(marker))
	outputs := map[string]string{
		"String":      d.String(),
		"%v":          fmt.Sprintf("%v", d),
		"%+v":         fmt.Sprintf("%+v", d),
		"%#v":         fmt.Sprintf("%#v", d),
		"%s":          fmt.Sprintf("%s", d),
		"%q":          fmt.Sprintf("%q", d),
		"cred %+v":    fmt.Sprintf("%+v", *c),
		"cred %#v":    fmt.Sprintf("%#v", *c),
		"cred json":   string(js),
		"slog":        buf.String(),
		"secret %v":   fmt.Sprintf("%v %s %#v %q", credentials.Secret(marker), credentials.Secret(marker), credentials.Secret(marker), credentials.Secret(marker)),
		"secret json": func() string { b, _ := json.Marshal(credentials.Secret(marker)); return string(b) }(),
	}
	for name, out := range outputs {
		if strings.Contains(out, marker) {
			t.Errorf("%s leaks the secret: %s", name, out)
		}
	}
	if diff := cmp.Diff(`{"apiKey":"***","nested":"***"}`, d.String()); diff != "" {
		t.Errorf("String (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(`{"id":"c1","name":"n","type":"x","data":{"apiKey":"***","nested":"***"}}`, string(js)); diff != "" {
		t.Errorf("credential JSON (-want +got):\n%s", diff)
	}
	want := map[string]any{"apiKey": marker, "nested": map[string]any{"token": marker}}
	if diff := cmp.Diff(want, d.Reveal()); diff != "" {
		t.Errorf("Reveal (-want +got):\n%s", diff)
	}
	if got := credentials.Secret(marker).Reveal(); got != marker {
		t.Errorf("Secret.Reveal = %q", got)
	}
}

func TestRevealIsACopy(t *testing.T) {
	t.Parallel()
	d := credentials.Data{"o": map[string]any{"k": "v"}}
	r := d.Reveal()
	r["o"].(map[string]any)["k"] = "changed"
	if got := d["o"].(map[string]any)["k"]; got != "v" {
		t.Errorf("Reveal shares nested maps: data now %v", got)
	}
}
