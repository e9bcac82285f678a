package httpx

import (
	"crypto/tls"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// transportKey selects one shared transport.
type transportKey struct {
	proxy   string
	skipTLS bool
}

// transports holds one *http.Transport per (proxy, skipTLS), reused by every
// Client so connections are pooled across nodes and runs.
var transports sync.Map // transportKey -> *http.Transport

// transportFor returns the shared transport for a proxy URL (already
// validated, "" for none) and TLS setting.
func transportFor(proxy *url.URL, skipTLS bool) *http.Transport {
	key := transportKey{skipTLS: skipTLS}
	if proxy != nil {
		key.proxy = proxy.String()
	}
	if t, ok := transports.Load(key); ok {
		return t.(*http.Transport)
	}
	t := &http.Transport{
		Proxy: nil,
		DialContext: (&net.Dialer{
			Timeout:   30 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          512,
		MaxIdleConnsPerHost:   128,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	if proxy != nil {
		t.Proxy = http.ProxyURL(proxy)
	}
	if skipTLS {
		t.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the user asked for it (allowUnauthorizedCerts)
	}
	actual, _ := transports.LoadOrStore(key, t)
	return actual.(*http.Transport)
}

// ParseProxy validates a proxy URL as n8n's RoutingNode does: it must have
// a host and a port. A URL without a scheme is read as http.
func ParseProxy(proxy string) (*url.URL, error) {
	if proxy == "" {
		return nil, nil
	}
	raw := proxy
	if !isAbsoluteURL(raw) {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return nil, &ProxyError{Proxy: proxy, Field: "host"}
	}
	if u.Port() == "" {
		return nil, &ProxyError{Proxy: proxy, Field: "port"}
	}
	return u, nil
}
