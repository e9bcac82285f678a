package httpx

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// DefaultTimeout is n8n's axios default: five minutes per request.
const DefaultTimeout = 300 * time.Second

// DefaultUserAgent is sent when a request sets no User-Agent.
const DefaultUserAgent = "noderun"

// Client sends nodes.Request values the way n8n's httpRequest helper does.
// The zero value is ready to use; a Client is safe for concurrent use and
// shares its transports with every other Client.
type Client struct {
	// UserAgent replaces DefaultUserAgent when not empty.
	UserAgent string
}

// Do sends req and returns the response. A status the request does not
// accept gives a *StatusError (carrying the response), a transport failure
// a *NetworkError, an invalid proxy a *ProxyError.
func (c *Client) Do(ctx context.Context, req *nodes.Request) (*nodes.Response, error) {
	proxy, err := ParseProxy(req.Proxy)
	if err != nil {
		return nil, err
	}
	hreq, err := c.build(ctx, req)
	if err != nil {
		return nil, err
	}
	timeout := req.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	tctx, cancel := context.WithTimeoutCause(hreq.Context(), timeout, errRequestTimeout)
	defer cancel()
	hreq = hreq.WithContext(tctx)

	hc := http.Client{Transport: transportFor(proxy, req.SkipSSLCertificateValidation)}
	if req.DisableFollowRedirect {
		hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	}
	resp, err := hc.Do(hreq)
	if err != nil {
		return nil, classify(err, context.Cause(tctx) == errRequestTimeout && ctx.Err() == nil, timeout.Milliseconds())
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, classify(err, context.Cause(tctx) == errRequestTimeout && ctx.Err() == nil, timeout.Milliseconds())
	}
	if resp.Close && resp.Header.Get("Connection") == "" {
		// net/http consumes "Connection: close" into resp.Close; put it back
		// so full responses show the headers the server sent, as n8n does.
		resp.Header.Set("Connection", "close")
	}
	out := &nodes.Response{
		StatusCode:    resp.StatusCode,
		StatusMessage: statusText(resp),
		Headers:       resp.Header,
		Raw:           raw,
		Body:          parseBody(raw, req.Encoding),
	}
	if !acceptStatus(resp.StatusCode, req.IgnoreHTTPStatusErrors) {
		return out, &StatusError{Response: out}
	}
	return out, nil
}

var errRequestTimeout = errors.New("request timeout")

// build assembles the *http.Request: URL, query, body and headers.
func (c *Client) build(ctx context.Context, req *nodes.Request) (*http.Request, error) {
	method := strings.ToUpper(req.Method)
	if method == "" {
		method = http.MethodGet
	}
	target := appendQuery(JoinURL(req.BaseURL, req.URL), EncodeQuery(req.Query, req.ArrayFormat))

	header := http.Header{}
	for k, v := range req.Headers {
		switch x := v.(type) {
		case nil:
		case []any:
			for _, e := range x {
				header.Add(k, jsvalue.String(e))
			}
		case []string:
			for _, e := range x {
				header.Add(k, e)
			}
		default:
			header.Set(k, jsvalue.String(x))
		}
	}
	body, err := encodeBody(method, req.Body, header)
	if err != nil {
		return nil, fmt.Errorf("encode request body for %s %s: %w", method, target, err)
	}
	if req.JSON && header.Get("Accept") == "" {
		header.Set("Accept", "application/json")
	}
	if _, ok := header["Accept"]; !ok {
		header.Set("Accept", "application/json, text/plain, */*")
	}
	if header.Get("User-Agent") == "" {
		ua := c.UserAgent
		if ua == "" {
			ua = DefaultUserAgent
		}
		header.Set("User-Agent", ua)
	}
	if req.Auth != nil {
		header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(req.Auth.Username+":"+req.Auth.Password)))
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	hreq, err := http.NewRequestWithContext(ctx, method, target, rd)
	if err != nil {
		return nil, fmt.Errorf("build request %s %s: %w", method, target, err)
	}
	hreq.Header = header
	if host := header.Get("Host"); host != "" {
		hreq.Host = host
	}
	return hreq, nil
}

// encodeBody applies n8n's body rules: nothing on GET, empty bodies dropped
// (and on HEAD/OPTIONS), strings and bytes raw, objects as compact JSON or,
// with an explicit application/x-www-form-urlencoded content type, as a form.
func encodeBody(method string, body any, header http.Header) ([]byte, error) {
	if method == http.MethodGet || body == nil {
		return nil, nil
	}
	switch b := body.(type) {
	case string:
		if b == "" {
			return nil, nil
		}
		return []byte(b), nil
	case []byte:
		if len(b) == 0 {
			return nil, nil
		}
		return b, nil
	case map[string]any:
		if len(b) == 0 {
			return nil, nil
		}
		if strings.EqualFold(strings.TrimSpace(header.Get("Content-Type")), "application/x-www-form-urlencoded") {
			return []byte(EncodeForm(b)), nil
		}
	case []any:
		if len(b) == 0 {
			return nil, nil
		}
	case json.Marshaler:
	default:
		// Numbers and booleans are not sent (n8n sends only strings and
		// non-empty objects).
		return nil, nil
	}
	if header.Get("Content-Type") == "" {
		header.Set("Content-Type", "application/json")
	}
	return MarshalJSON(body)
}

// MarshalJSON encodes v compactly without HTML escaping and with objects in
// their recorded key order (nodes.MarshalJSON), as JavaScript's
// JSON.stringify does.
func MarshalJSON(v any) ([]byte, error) { return nodes.MarshalJSON(v) }

// EncodeForm encodes an object as new URLSearchParams(obj).toString():
// each value through String(), spaces as '+', sorted keys.
func EncodeForm(m map[string]any) string {
	var b strings.Builder
	for _, k := range sortedKeys(m) {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(formEscape(k))
		b.WriteByte('=')
		v := m[k]
		if v == nil {
			b.WriteString("null")
			continue
		}
		b.WriteString(formEscape(jsvalue.String(v)))
	}
	return b.String()
}

// formEscape is the application/x-www-form-urlencoded byte serializer.
func formEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '*', c == '-', c == '.', c == '_':
			out = append(out, c)
		case c == ' ':
			out = append(out, '+')
		default:
			out = append(out, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(out)
}

// parseBody returns bytes for arraybuffer, the parsed JSON when the body is
// JSON, else the text (axios's silent JSON parsing).
func parseBody(raw []byte, encoding string) any {
	if encoding == "arraybuffer" {
		return raw
	}
	if len(raw) == 0 {
		return ""
	}
	if v, err := nodes.DecodeJSON(raw); err == nil {
		return v
	}
	return string(raw)
}

// acceptStatus implements validateStatus with ignoreHttpStatusErrors: true
// accepts everything; {except: [codes]} accepts all but those codes.
func acceptStatus(status int, ignore any) bool {
	switch x := ignore.(type) {
	case bool:
		if x {
			return true
		}
	case map[string]any:
		except, ok := x["except"].([]any)
		if !ok {
			return true
		}
		for _, e := range except {
			if f, ok := e.(float64); ok && int(f) == status {
				return false
			}
			if i, ok := e.(int); ok && i == status {
				return false
			}
		}
		return true
	}
	return status >= 200 && status < 300
}

// statusText is the reason phrase the server sent ("OK" from "200 OK").
func statusText(resp *http.Response) string {
	prefix := strconv.Itoa(resp.StatusCode) + " "
	if s, ok := strings.CutPrefix(resp.Status, prefix); ok {
		return s
	}
	return http.StatusText(resp.StatusCode)
}
