package httprequest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/textproto"
	"net/url"
	"strings"

	"github.com/noderun/noderun/internal/fieldpath"
	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/nodes"
)

// Accept headers n8n sends per response format when none is set.
const (
	acceptJSON = "application/json,text/*;q=0.99"
	acceptText = "application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, */*;q=0.1"
	acceptAny  = "application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, image/*;q=0.8, */*;q=0.7"
)

// methodsWithoutBody never carry the configured body.
var methodsWithoutBody = map[string]bool{"HEAD": true, "OPTIONS": true, "TRACE": true}

// builder assembles one item's request.
type builder struct {
	node    string
	version float64
	item    int
	input   nodes.Item
}

// build turns the item's parameters into a request (HttpRequestV3's
// per-item request assembly, minus credentials, which the engine adds).
func (b *builder) build(p *itemParams) (*nodes.Request, error) {
	o := p.Options
	req := &nodes.Request{
		Method:                       p.Method,
		URL:                          p.URL,
		Headers:                      map[string]any{},
		Encoding:                     "arraybuffer",
		SkipSSLCertificateValidation: o.AllowUnauthorized,
		Proxy:                        o.Proxy,
		Timeout:                      o.Timeout,
	}
	follow := o.FollowRedirects
	if !o.RedirectSet {
		follow = b.version >= 4
	}
	req.DisableFollowRedirect = !follow
	if o.NeverError {
		req.IgnoreHTTPStatusErrors = true
	}
	// Without the option arrays go out with indices (a[0]=1&a[1]=2).
	req.ArrayFormat = httpx.ArrayIndices
	if p.SendQuery && o.QueryArrayFormat != "" {
		req.ArrayFormat = o.QueryArrayFormat
	}

	if p.SendBody {
		if err := b.body(p, req); err != nil {
			return nil, err
		}
	}
	if p.SendQuery {
		switch p.SpecifyQuery {
		case "keypair":
			req.Query = b.reduce(p.QueryParameters)
		case "json":
			q, err := b.parseJSON(p.JSONQuery, "JSON Query Parameters")
			if err != nil {
				return nil, err
			}
			m, _ := q.(map[string]any)
			req.Query = m
		}
	}
	if p.SendHeaders {
		var extra map[string]any
		switch p.SpecifyHeaders {
		case "keypair":
			var named []keyValue
			for _, kv := range p.HeaderParams {
				if kv.Name != "" {
					named = append(named, kv)
				}
			}
			extra = b.reduce(named)
		case "json":
			h, err := b.parseJSON(p.JSONHeaders, "JSON Headers")
			if err != nil {
				return nil, err
			}
			extra, _ = h.(map[string]any)
		}
		for k, v := range extra {
			if o.LowercaseHeaders {
				k = strings.ToLower(k)
			}
			req.Headers[k] = v
		}
	}
	if p.ContentType == "raw" {
		req.Headers["content-type"] = p.RawContentType
	}
	if !hasHeader(req.Headers, "accept") {
		switch o.ResponseFormat {
		case "json":
			req.Headers["accept"] = acceptJSON
		case "text":
			req.Headers["accept"] = acceptText
		default:
			req.Headers["accept"] = acceptAny
		}
	}
	return req, nil
}

// body sets the request body for sendBody.
func (b *builder) body(p *itemParams, req *nodes.Request) error {
	var body any
	switch {
	case p.SpecifyBody == "keypair" || p.ContentType == "multipart-form-data":
		if p.ContentType == "json" && b.version >= 4 {
			m := map[string]any{}
			for _, kv := range p.BodyParameters {
				fieldpath.Set(m, kv.Name, kv.Value)
			}
			body = m
		} else if p.ContentType != "multipart-form-data" {
			body = b.reduce(p.BodyParameters)
		}
	case p.SpecifyBody == "json":
		if s, ok := p.JSONBody.(string); ok {
			v, err := b.parseJSON(s, "JSON Body")
			if err != nil {
				return err
			}
			body = v
		} else {
			body = p.JSONBody
		}
	case p.SpecifyBody == "string":
		body = parseURLSearchParams(str(p.Body))
	}
	if methodsWithoutBody[p.Method] {
		return nil
	}
	switch p.ContentType {
	case "multipart-form-data":
		data, ctype, err := b.multipart(p.BodyParameters)
		if err != nil {
			return err
		}
		req.Body = data
		req.Headers["content-type"] = ctype
	case "form-urlencoded":
		m, _ := body.(map[string]any)
		if len(m) > 0 {
			req.Body = httpx.EncodeQuery(m, httpx.ArrayIndices)
			req.Headers["content-type"] = "application/x-www-form-urlencoded"
		}
	case "binaryData":
		bin, err := b.binary(p.InputDataField)
		if err != nil {
			return err
		}
		data, err := base64.StdEncoding.DecodeString(bin.Data)
		if err != nil {
			return nodes.NewOperationErrorf(b.node, "binary field %q is not valid base64: %v", p.InputDataField, err).WithItem(b.item)
		}
		req.Body = data
		ct := bin.MimeType
		if ct == "" {
			ct = "application/octet-stream"
		}
		req.Headers["content-type"] = ct
	case "raw":
		req.Body = str(p.Body)
	default:
		req.Body = body
	}
	return nil
}

// reduce folds key/value pairs into an object: from 4.3 on, a repeated
// name collects its values into an array; before, the last one wins.
func (b *builder) reduce(kvs []keyValue) map[string]any {
	out := map[string]any{}
	for _, kv := range kvs {
		if b.version < 4.3 {
			out[kv.Name] = kv.Value
			continue
		}
		switch cur := out[kv.Name].(type) {
		case nil:
			if _, exists := out[kv.Name]; exists {
				out[kv.Name] = []any{nil, kv.Value}
			} else {
				out[kv.Name] = kv.Value
			}
		case []any:
			out[kv.Name] = append(cur, kv.Value)
		default:
			out[kv.Name] = []any{cur, kv.Value}
		}
	}
	return out
}

// parseJSON parses a JSON parameter; a value that is already not a string
// (an expression that returned an object) is used as it is.
func (b *builder) parseJSON(v any, field string) (any, error) {
	s, ok := v.(string)
	if !ok {
		return v, nil
	}
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		e := nodes.NewOperationErrorf(b.node, "The value in the %q field is not valid JSON", field)
		e.SetDescription(err.Error())
		e.Wrapped = err
		return nil, e.WithItem(b.item)
	}
	return out, nil
}

// binary returns the input item's binary property name (assertBinaryData).
func (b *builder) binary(name string) (*nodes.BinaryData, error) {
	if b.input.Binary == nil {
		return nil, nodes.NewOperationError(b.node, "No binary data exists on item!").WithItem(b.item)
	}
	bin, ok := b.input.Binary[name]
	if !ok || bin == nil {
		e := nodes.NewOperationErrorf(b.node, "The item has no binary field '%s'", name)
		e.SetDescription("Check that the parameter where you specified the input binary field name is correct, and that it matches a field in the binary input")
		return nil, e.WithItem(b.item)
	}
	if bin.Data == "" && bin.ID != "" {
		return nil, nodes.NewOperationErrorf(b.node, "binary field %q is stored outside the item (id %q), which the HTTP Request node cannot read", name, bin.ID).WithItem(b.item)
	}
	return bin, nil
}

// multipart encodes the body parameters as multipart/form-data, files from
// formBinaryData entries, in parameter order.
func (b *builder) multipart(kvs []keyValue) ([]byte, string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)

	for _, kv := range kvs {
		if kv.ParameterType == "formBinaryData" {
			if kv.InputDataFieldName == "" {
				continue
			}
			bin, err := b.binary(kv.InputDataFieldName)
			if err != nil {
				return nil, "", err
			}
			data, err := base64.StdEncoding.DecodeString(bin.Data)
			if err != nil {
				return nil, "", nodes.NewOperationErrorf(b.node, "binary field %q is not valid base64: %v", kv.InputDataFieldName, err).WithItem(b.item)
			}
			name := bin.FileName
			if name == "" {
				name = "file"
			}
			h := textproto.MIMEHeader{}
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, escapeQuotes(kv.Name), escapeQuotes(name)))
			ct := bin.MimeType
			if ct == "" {
				ct = "application/octet-stream"
			}
			h.Set("Content-Type", ct)
			part, err := w.CreatePart(h)
			if err != nil {
				return nil, "", err
			}
			part.Write(data)
			continue
		}
		if err := w.WriteField(kv.Name, str(kv.Value)); err != nil {
			return nil, "", err
		}
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

func escapeQuotes(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
}

// parseURLSearchParams is Object.fromEntries(new URLSearchParams(s)): the
// last value of a repeated key wins.
func parseURLSearchParams(s string) map[string]any {
	out := map[string]any{}
	s = strings.TrimPrefix(s, "?")
	for _, pair := range strings.Split(s, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		k = formUnescape(k)
		out[k] = formUnescape(v)
	}
	return out
}

func formUnescape(s string) string {
	u, err := url.QueryUnescape(s)
	if err != nil {
		return strings.ReplaceAll(s, "+", " ")
	}
	return u
}

// hasHeader reports whether headers has name, case-insensitively.
func hasHeader(h map[string]any, name string) bool {
	for k := range h {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}
