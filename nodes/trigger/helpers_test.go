package trigger_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/trigger"
)

// registry returns a registry with the package's node types.
func registry(t *testing.T) *nodes.Registry {
	t.Helper()
	r := nodes.NewRegistry()
	if err := trigger.Register(r); err != nil {
		t.Fatalf("Register: %v", err)
	}
	return r
}

// lookup returns the registered type of name at version.
func lookup(t *testing.T, name string, version float64) *nodes.Type {
	t.Helper()
	typ, err := registry(t).Lookup(name, version)
	if err != nil {
		t.Fatalf("Lookup(%s, %v): %v", name, version, err)
	}
	return typ
}

// zone loads a time zone or fails the test.
func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%s): %v", name, err)
	}
	return loc
}

// parseTime reads an RFC 3339 time or fails the test.
func parseTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return v
}

// fires formats the next n firings of s after start in loc.
func fires(s interface{ Next(time.Time) time.Time }, start time.Time, loc *time.Location, n int) []string {
	var out []string
	t := start
	for range n {
		t = s.Next(t)
		if t.IsZero() {
			out = append(out, "never")
			break
		}
		out = append(out, t.In(loc).Format(time.RFC3339))
	}
	return out
}

// newRequest is an httptest request with a body and content type.
func newRequest(t *testing.T, method, target, contentType, body string) *http.Request {
	t.Helper()
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return r
}

// hs256 signs claims (JSON) with secret, independently of the package.
func hs256(t *testing.T, secret, claims string) string {
	t.Helper()
	enc := base64.RawURLEncoding
	signing := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(claims))
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(signing))
	return signing + "." + enc.EncodeToString(m.Sum(nil))
}
