package httprequest

import (
	"strings"
	"time"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// keyValue is one entry of queryParameters / headerParameters /
// bodyParameters.
type keyValue struct {
	Name               string
	Value              any
	ParameterType      string // "formData" (default) or "formBinaryData"
	InputDataFieldName string
}

// options is the node's "options" collection for one item.
type options struct {
	BatchSize           int
	BatchInterval       time.Duration
	AllowUnauthorized   bool
	QueryArrayFormat    string // "" when the option was not added
	LowercaseHeaders    bool
	RedirectSet         bool
	FollowRedirects     bool
	FullResponse        bool
	NeverError          bool
	ResponseFormat      string // autodetect | json | text | file
	OutputPropertyName  string // "" when not set
	Proxy               string
	Timeout             time.Duration
	responseFormatIsSet bool
}

// itemParams are the parameters that shape one item's request.
type itemParams struct {
	Method          string
	URL             string
	SendQuery       bool
	SpecifyQuery    string
	QueryParameters []keyValue
	JSONQuery       any
	SendHeaders     bool
	SpecifyHeaders  string
	HeaderParams    []keyValue
	JSONHeaders     any
	SendBody        bool
	ContentType     string
	SpecifyBody     string
	BodyParameters  []keyValue
	JSONBody        any
	Body            any
	InputDataField  string
	RawContentType  string
	Options         options
}

// reader resolves the node parameters for one item.
type reader struct {
	ctx  nodes.ExecuteContext
	item int
	err  error
}

func (r *reader) get(path string, def any) any {
	if r.err != nil {
		return def
	}
	v, err := r.ctx.Param(path, r.item, def)
	if err != nil {
		r.err = err
		return def
	}
	return v
}

func (r *reader) str(path, def string) string     { return str(r.get(path, def)) }
func (r *reader) bool(path string, def bool) bool { return jsvalue.Truthy(r.get(path, def)) }

// readParams resolves every parameter the request needs for item i, in
// n8n's order (so the first failing expression is the one n8n reports).
func readParams(ctx nodes.ExecuteContext, i int) (*itemParams, error) {
	r := &reader{ctx: ctx, item: i}
	p := &itemParams{}
	url := r.get("url", "")
	if r.err != nil {
		return nil, r.err
	}
	s, ok := url.(string)
	if !ok {
		kind := jsType(url)
		return nil, nodes.NewOperationErrorf(ctx.Node().Name, "URL parameter must be a string, got %s", kind).WithItem(i)
	}
	p.URL = strings.TrimSpace(s)
	if p.URL == "" {
		return nil, nodes.NewOperationError(ctx.Node().Name, "URL parameter cannot be empty").WithItem(i)
	}
	if !strings.HasPrefix(p.URL, "http://") && !strings.HasPrefix(p.URL, "https://") {
		return nil, nodes.NewOperationErrorf(ctx.Node().Name, "Invalid URL: %s. URL must start with \"http\" or \"https\".", p.URL).WithItem(i)
	}
	if r.bool("provideSslCertificates", false) {
		e := nodes.NewOperationError(ctx.Node().Name, "SSL client certificates (provideSslCertificates, httpSslAuth) are not supported by noderun")
		e.SetDescription("Turn off \"SSL Certificates\" or call the service through a proxy that presents the certificate")
		return nil, e.WithItem(i)
	}
	p.Method = strings.ToUpper(r.str("method", "GET"))
	p.SendQuery = r.bool("sendQuery", false)
	p.QueryParameters = keyValues(r.get("queryParameters.parameters", []any{}))
	p.SpecifyQuery = r.str("specifyQuery", "keypair")
	p.JSONQuery = r.get("jsonQuery", "")
	p.SendBody = r.bool("sendBody", false)
	p.ContentType = r.str("contentType", "")
	p.SpecifyBody = r.str("specifyBody", "")
	p.BodyParameters = keyValues(r.get("bodyParameters.parameters", []any{}))
	p.JSONBody = r.get("jsonBody", "")
	p.Body = r.get("body", "")
	p.SendHeaders = r.bool("sendHeaders", false)
	p.HeaderParams = keyValues(r.get("headerParameters.parameters", []any{}))
	p.SpecifyHeaders = r.str("specifyHeaders", "keypair")
	p.JSONHeaders = r.get("jsonHeaders", "")
	opts := obj(r.get("options", map[string]any{}))
	if r.err != nil {
		return nil, r.err
	}
	p.Options = readOptions(opts, ctx.Node().TypeVersion)
	if p.SendBody && p.ContentType == "binaryData" {
		p.InputDataField = r.str("inputDataFieldName", "")
	}
	if p.ContentType == "raw" {
		p.RawContentType = r.str("rawContentType", "")
	}
	if r.err != nil {
		return nil, r.err
	}
	return p, nil
}

// readOptions decodes the options collection with n8n's fallbacks.
func readOptions(o map[string]any, version float64) options {
	out := options{LowercaseHeaders: true, ResponseFormat: "autodetect"}
	if b := obj(path(o, "batching", "batch")); b != nil {
		size, set := b["batchSize"]
		if !set {
			size = 50.0
		}
		if n, ok := num(size); ok && n > 0 {
			out.BatchSize = int(n)
		}
		interval, set := b["batchInterval"]
		if !set {
			interval = 1000.0 // the fixedCollection default n8n fills in
		}
		if n, ok := num(interval); ok && n > 0 {
			out.BatchInterval = time.Duration(n * float64(time.Millisecond))
		}
	}
	if out.BatchSize <= 0 {
		out.BatchSize = 1
	}
	out.AllowUnauthorized = jsvalue.Truthy(o["allowUnauthorizedCerts"])
	if s, ok := o["queryParameterArrays"].(string); ok {
		out.QueryArrayFormat = s
	}
	if v, ok := o["lowercaseHeaders"]; ok && v != nil {
		out.LowercaseHeaders = jsvalue.Truthy(v)
	}
	if r, ok := o["redirect"]; ok && r != nil {
		out.RedirectSet = true
		// n8n fills the fixedCollection's default when the user added the
		// option without touching it: follow from version 4 on.
		out.FollowRedirects = version >= 4
		if f, set := obj(path(obj(r), "redirect"))["followRedirects"]; set && f != nil {
			out.FollowRedirects = jsvalue.Truthy(f)
		}
	}
	resp := obj(path(o, "response", "response"))
	out.FullResponse = jsvalue.Truthy(resp["fullResponse"])
	out.NeverError = jsvalue.Truthy(resp["neverError"])
	if f := str(resp["responseFormat"]); f != "" {
		out.ResponseFormat = f
		out.responseFormatIsSet = true
	}
	out.OutputPropertyName = str(resp["outputPropertyName"])
	out.Proxy = str(o["proxy"])
	if n, ok := num(o["timeout"]); ok && n > 0 {
		out.Timeout = time.Duration(n * float64(time.Millisecond))
	}
	return out
}

// keyValues decodes a fixedCollection "parameters" list.
func keyValues(v any) []keyValue {
	list, _ := v.([]any)
	out := make([]keyValue, 0, len(list))
	for _, e := range list {
		m := obj(e)
		if m == nil {
			continue
		}
		out = append(out, keyValue{
			Name:               str(m["name"]),
			Value:              m["value"],
			ParameterType:      str(m["parameterType"]),
			InputDataFieldName: str(m["inputDataFieldName"]),
		})
	}
	return out
}

// jsType is JavaScript's typeof for a JSON value, with "null".
func jsType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64, int, int64:
		return "number"
	case string:
		return "string"
	}
	return "object"
}

// outputName returns the outputPropertyName option or n8n's "data".
func (o options) outputName() string {
	if o.OutputPropertyName == "" {
		return "data"
	}
	return o.OutputPropertyName
}
