package credentials

import (
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// cloneRequest copies req so authentication never changes the caller's
// request (n8n mutates; noderun reuses requests across retries).
func cloneRequest(req *nodes.Request) *nodes.Request {
	r := *req
	if req.Query != nil {
		r.Query = maps.Clone(req.Query)
	}
	if req.Headers != nil {
		r.Headers = maps.Clone(req.Headers)
	}
	if b, ok := req.Body.(map[string]any); ok {
		r.Body = maps.Clone(b)
	}
	if req.Auth != nil {
		a := *req.Auth
		r.Auth = &a
	}
	return &r
}

// requestFromMap builds a request from n8n's IHttpRequestOptions shape
// (test and preAuthentication requests), already resolved.
func requestFromMap(m map[string]any) (*nodes.Request, error) {
	r := &nodes.Request{Method: "GET"}
	for k, v := range m {
		switch k {
		case "method":
			if s := str(v); s != "" {
				r.Method = strings.ToUpper(s)
			}
		case "url", "uri":
			r.URL = jsString(v)
		case "baseURL":
			r.BaseURL = jsString(v)
		case "qs":
			q, ok := v.(map[string]any)
			if !ok && v != nil {
				return nil, fmt.Errorf("request qs is a %T, not an object", v)
			}
			r.Query = q
		case "headers":
			h, ok := v.(map[string]any)
			if !ok && v != nil {
				return nil, fmt.Errorf("request headers is a %T, not an object", v)
			}
			r.Headers = h
		case "body":
			r.Body = v
		case "auth":
			a, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("request auth is a %T, not an object", v)
			}
			r.Auth = &nodes.BasicAuth{Username: jsString(a["username"]), Password: jsString(a["password"])}
		case "json":
			r.JSON, _ = v.(bool)
		case "encoding":
			r.Encoding = str(v)
		case "arrayFormat":
			r.ArrayFormat = str(v)
		case "ignoreHttpStatusErrors":
			r.IgnoreHTTPStatusErrors = v
		case "skipSslCertificateValidation":
			r.SkipSSLCertificateValidation, _ = v.(bool)
		case "disableFollowRedirect":
			r.DisableFollowRedirect, _ = v.(bool)
		case "timeout":
			if f, ok := jsvalue.ToFloat(v); ok {
				r.Timeout = time.Duration(f * float64(time.Millisecond))
			}
		}
	}
	return r, nil
}

// statusOf returns the HTTP status of a reply or of the error a send
// returned (0 when neither carries one).
func statusOf(resp *nodes.Response, err error) int {
	if resp != nil && resp.StatusCode != 0 {
		return resp.StatusCode
	}
	if err == nil {
		return 0
	}
	var ne *nodes.NodeError
	if errors.As(err, &ne) {
		if n, convErr := strconv.Atoi(ne.HTTPCode); convErr == nil {
			return n
		}
	}
	var se *httpx.StatusError
	if errors.As(err, &se) && se.Response != nil {
		return se.Response.StatusCode
	}
	var sc interface{ StatusCode() int }
	if errors.As(err, &sc) {
		return sc.StatusCode()
	}
	return 0
}

// lookupPath reads a dot path ("a.b.0.c") in a JSON value.
func lookupPath(v any, path string) (any, bool) {
	if path == "" {
		return v, true
	}
	for _, part := range strings.Split(path, ".") {
		switch t := v.(type) {
		case map[string]any:
			e, ok := t[part]
			if !ok {
				return nil, false
			}
			v = e
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(t) {
				return nil, false
			}
			v = t[i]
		default:
			return nil, false
		}
	}
	return v, true
}
