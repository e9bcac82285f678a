package httpx

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/noderun/noderun/nodes"
)

func TestTransportsAreShared(t *testing.T) {
	t.Parallel()
	p, err := ParseProxy("http://127.0.0.1:3128")
	if err != nil {
		t.Fatal(err)
	}
	if transportFor(nil, false) != transportFor(nil, false) {
		t.Error("same settings gave two transports")
	}
	if transportFor(nil, false) == transportFor(nil, true) {
		t.Error("skipTLS did not get its own transport")
	}
	if transportFor(p, false) != transportFor(p, false) || transportFor(p, false) == transportFor(nil, false) {
		t.Error("proxy transports not keyed by proxy")
	}
}

func TestProxyIsUsed(t *testing.T) {
	t.Parallel()
	seenc := make(chan string, 1)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seenc <- r.URL.String() // a proxy receives the absolute URL
		_, _ = io.WriteString(w, `{"via":"proxy"}`)
	}))
	t.Cleanup(proxy.Close)
	var c Client
	resp, err := c.Do(context.Background(), &nodes.Request{URL: "http://upstream.invalid/x?a=1", Proxy: proxy.URL})
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if seen := <-seenc; seen != "http://upstream.invalid/x?a=1" {
		t.Errorf("proxy saw %q", seen)
	}
	if m, _ := resp.Body.(map[string]any); m["via"] != "proxy" {
		t.Errorf("body = %v", resp.Body)
	}
}

func TestSkipSSLCertificateValidation(t *testing.T) {
	t.Parallel()
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `"secure"`)
	}))
	t.Cleanup(srv.Close)
	var c Client
	_, err := c.Do(context.Background(), &nodes.Request{URL: srv.URL})
	var ne *NetworkError
	if !errors.As(err, &ne) || ne.Code != "DEPTH_ZERO_SELF_SIGNED_CERT" {
		t.Errorf("self-signed certificate: err = %v, want DEPTH_ZERO_SELF_SIGNED_CERT", err)
	}
	resp, err := c.Do(context.Background(), &nodes.Request{URL: srv.URL, SkipSSLCertificateValidation: true})
	if err != nil || resp.Body != "secure" {
		t.Errorf("with validation skipped: body %v, err %v", resp, err)
	}
}
