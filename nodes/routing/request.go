package routing

import (
	"fmt"
	"time"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// toRequest converts assembled request options (IHttpRequestOptions keys)
// into a nodes.Request.
func toRequest(opts map[string]any) (*nodes.Request, error) {
	req := &nodes.Request{}
	for k, v := range opts {
		switch k {
		case "method":
			req.Method = str(v)
		case "url":
			req.URL = str(v)
		case "baseURL":
			req.BaseURL = str(v)
		case "qs":
			m, ok := v.(map[string]any)
			if !ok && v != nil {
				return nil, fmt.Errorf("request option qs: want an object, got %T", v)
			}
			req.Query = m
		case "headers":
			m, ok := v.(map[string]any)
			if !ok && v != nil {
				return nil, fmt.Errorf("request option headers: want an object, got %T", v)
			}
			req.Headers = m
		case "body":
			req.Body = v
		case "auth":
			if m, ok := v.(map[string]any); ok {
				req.Auth = &nodes.BasicAuth{Username: firstStr(m, "username", "user"), Password: firstStr(m, "password", "pass")}
			}
		case "json":
			req.JSON = jsvalue.Truthy(v)
		case "encoding":
			req.Encoding = str(v)
		case "arrayFormat":
			req.ArrayFormat = str(v)
		case "ignoreHttpStatusErrors":
			if jsvalue.Truthy(v) {
				req.IgnoreHTTPStatusErrors = v
			}
		case "skipSslCertificateValidation":
			req.SkipSSLCertificateValidation = jsvalue.Truthy(v)
		case "disableFollowRedirect":
			req.DisableFollowRedirect = jsvalue.Truthy(v)
		case "timeout":
			if ms, ok := jsvalue.ToFloat(v); ok && ms > 0 {
				req.Timeout = time.Duration(ms * float64(time.Millisecond))
			} else if n, ok := toInt(v); ok && n > 0 {
				req.Timeout = time.Duration(n) * time.Millisecond
			}
		case "proxy":
			req.Proxy = str(v)
		}
	}
	return req, nil
}

func str(v any) string {
	if v == nil {
		return ""
	}
	return jsvalue.String(v)
}

func firstStr(m map[string]any, keys ...string) string {
	for _, k := range keys {
		if v, ok := m[k]; ok && v != nil {
			return str(v)
		}
	}
	return ""
}

// fullResponse is n8n's IN8nHttpFullResponse as expressions see it
// ($response).
func fullResponse(resp *nodes.Response) map[string]any {
	if resp == nil {
		return map[string]any{}
	}
	return map[string]any{
		"body":          resp.Body,
		"headers":       resp.HeaderMap(),
		"statusCode":    float64(resp.StatusCode),
		"statusMessage": resp.StatusMessage,
	}
}
