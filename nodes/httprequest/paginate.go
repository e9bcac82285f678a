package httprequest

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// pagination is the node's options.pagination.pagination, unevaluated.
type pagination struct {
	Mode             string
	NextURL          any
	Parameters       []paginationParam
	CompleteWhen     string
	StatusCodes      string
	CompleteExpr     string
	LimitPages       bool
	MaxRequests      any
	RequestInterval  any
	continueExpr     string
	requestTemplates map[string]map[string]any
}

type paginationParam struct {
	Type  string
	Name  string
	Value any
}

// readPagination decodes the raw pagination settings; nil when off.
func readPagination(ctx nodes.ExecuteContext) *pagination {
	raw, ok := ctx.RawParam("options.pagination.pagination")
	m := obj(raw)
	if !ok || m == nil {
		return nil
	}
	p := &pagination{
		Mode:            str(m["paginationMode"]),
		NextURL:         m["nextURL"],
		CompleteWhen:    str(m["paginationCompleteWhen"]),
		StatusCodes:     str(m["statusCodesWhenComplete"]),
		CompleteExpr:    str(m["completeExpression"]),
		LimitPages:      jsvalue.Truthy(m["limitPagesFetched"]),
		MaxRequests:     m["maxRequests"],
		RequestInterval: m["requestInterval"],
	}
	if p.Mode == "" {
		p.Mode = "updateAParameterInEachRequest"
	}
	if p.Mode == "off" {
		return nil
	}
	if p.CompleteWhen == "" {
		p.CompleteWhen = "responseIsEmpty"
	}
	if _, set := m["maxRequests"]; !set {
		p.MaxRequests = 100.0
	}
	list, _ := path(m, "parameters", "parameters").([]any)
	for _, e := range list {
		em := obj(e)
		if em == nil {
			continue
		}
		t := str(em["type"])
		if t == "" {
			t = "qs"
		}
		p.Parameters = append(p.Parameters, paginationParam{Type: t, Name: str(em["name"]), Value: em["value"]})
	}
	return p
}

// prepare validates the settings and builds the continue expression and
// the per-page request template, as the node does before sending.
func (p *pagination) prepare(node string, neverError bool) error {
	switch p.CompleteWhen {
	case "receiveSpecificStatusCodes":
		var codes []string
		for _, c := range strings.Split(p.StatusCodes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(c))
			if err != nil {
				codes = append(codes, "NaN")
				continue
			}
			codes = append(codes, strconv.Itoa(n))
		}
		p.continueExpr = "={{ ![" + strings.Join(codes, ",") + "].includes($response.statusCode) }}"
	case "responseIsEmpty":
		p.continueExpr = "={{ Array.isArray($response.body) ? $response.body.length : !!$response.body }}"
	default:
		e := p.CompleteExpr
		if e == "" || e[0] != '=' {
			return nodes.NewOperationError(node, "Invalid or empty Complete Expression")
		}
		inner := strings.TrimSpace(e)
		if len(inner) >= 5 {
			inner = inner[3 : len(inner)-2]
		}
		if neverError {
			p.continueExpr = "={{ !(" + inner + ") }}"
		} else {
			p.continueExpr = "={{ !(" + inner + ") || ($response.statusCode < 200 || $response.statusCode >= 300) }}"
		}
	}
	p.requestTemplates = map[string]map[string]any{}
	switch p.Mode {
	case "updateAParameterInEachRequest":
		if len(p.Parameters) == 1 && p.Parameters[0].Name == "" && str(p.Parameters[0].Value) == "" {
			return nodes.NewOperationError(node, "At least one entry with 'Name' and 'Value' filled must be included in 'Parameters' to use 'Update a Parameter in Each Request' mode ")
		}
		for i, prm := range p.Parameters {
			if prm.Name == "" {
				return nodes.NewOperationErrorf(node, "Parameter name must be set for parameter [%d] in pagination settings", i+1)
			}
			if prm.Type != "body" && prm.Type != "headers" && prm.Type != "qs" {
				return nodes.NewOperationErrorf(node, "Parameter type must be one of: body, headers, qs for parameter [%d] in pagination settings", i+1)
			}
			if prm.Value == "" || prm.Value == nil {
				return nodes.NewOperationErrorf(node, "Some value must be provided for parameter [%d] in pagination settings, omitting it will result in an infinite loop", i+1)
			}
			if p.requestTemplates[prm.Type] == nil {
				p.requestTemplates[prm.Type] = map[string]any{}
			}
			p.requestTemplates[prm.Type][prm.Name] = prm.Value
		}
	}
	return nil
}

// pager runs the pages of one item.
type pager struct {
	ctx     nodes.ExecuteContext
	item    int
	version float64
	cred    string
	p       *pagination
	jsonReq bool
}

// run sends the first request and follows pages while the continue
// expression holds (n8n's requestWithAuthenticationPaginated).
func (g *pager) run(req *nodes.Request) ([]*nodes.Response, *failure) {
	node := g.ctx.Node().Name
	req.IgnoreHTTPStatusErrors = true
	if req.Query == nil {
		req.Query = map[string]any{}
	}
	keys := map[string]any{
		"$request":   requestVar(req),
		"$response":  map[string]any{},
		"$version":   g.version,
		"$pageCount": 0,
	}
	var out []*nodes.Response
	var prevLen int
	var prevHash string
	identical := 0
	for {
		page, err := g.pageRequest(req, keys)
		if err != nil {
			return nil, &failure{node: node, item: g.item, version: g.version, err: err}
		}
		resp, err := send(g.ctx, page, g.cred)
		if err != nil {
			return nil, classify(node, g.item, g.version, g.jsonReq, resp, err)
		}
		body := pageBody(resp)
		length := 0
		if cl := resp.Headers.Get("Content-Length"); cl != "" {
			length, _ = strconv.Atoi(cl)
		}
		if prevLen == length {
			hash := resp.Headers.Get("Etag")
			if hash == "" {
				text, ok := body.(string)
				if !ok {
					b, _ := httpx.MarshalJSON(body)
					text = string(b)
				}
				sum := md5.Sum([]byte(text))
				hash = base64.StdEncoding.EncodeToString(sum[:])
			}
			if prevHash == hash {
				identical++
				if identical > 2 {
					e := nodes.NewOperationError(node, "The returned response was identical 5x, so requests got stopped")
					e.SetDescription(`Check if "Pagination Completed When" has been configured correctly.`)
					return nil, &failure{node: node, item: g.item, version: g.version, err: e.WithItem(g.item)}
				}
			} else {
				identical = 0
			}
			prevHash = hash
		} else {
			identical = 0
		}
		prevLen = length
		out = append(out, resp)
		keys["$response"] = map[string]any{"body": body, "headers": resp.HeaderMap(), "statusCode": resp.StatusCode}
		count := keys["$pageCount"].(int) + 1
		keys["$pageCount"] = count
		if g.p.LimitPages {
			mr, err := g.ctx.Evaluate(g.p.MaxRequests, g.item, keys)
			if err != nil {
				return nil, &failure{node: node, item: g.item, version: g.version, err: err}
			}
			if n, ok := num(mr); ok && n != 0 && float64(count) >= n {
				break
			}
		}
		cont, err := g.ctx.Evaluate(g.p.continueExpr, g.item, keys)
		if err != nil {
			return nil, &failure{node: node, item: g.item, version: g.version, err: err}
		}
		if !jsvalue.Truthy(cont) {
			break
		}
		if jsvalue.Truthy(g.p.RequestInterval) {
			iv, err := g.ctx.Evaluate(g.p.RequestInterval, g.item, keys)
			if err != nil {
				return nil, &failure{node: node, item: g.item, version: g.version, err: err}
			}
			if n, ok := num(iv); ok && n > 0 {
				select {
				case <-time.After(time.Duration(n * float64(time.Millisecond))):
				case <-g.ctx.Context().Done():
					return nil, &failure{node: node, item: g.item, version: g.version, err: g.ctx.Context().Err()}
				}
			}
		}
		if resp.StatusCode < 200 || resp.StatusCode >= 300 {
			return nil, &failure{node: node, item: g.item, version: g.version, status: resp.StatusCode, resp: resp, paginated: true}
		}
	}
	return out, nil
}

// pageRequest evaluates the page's request changes and applies them to a
// copy of the original request (lodash merge; a new URL drops the query
// keys it carries itself).
func (g *pager) pageRequest(req *nodes.Request, keys map[string]any) (*nodes.Request, error) {
	page := *req
	page.Query = copyMap(req.Query)
	page.Headers = copyMap(req.Headers)
	if m, ok := req.Body.(map[string]any); ok {
		page.Body = copyMap(m)
	}
	for typ, tmpl := range g.p.requestTemplates {
		v, err := g.ctx.Evaluate(copyMap(tmpl), g.item, keys)
		if err != nil {
			return nil, err
		}
		vals := obj(v)
		switch typ {
		case "qs":
			page.Query = deepMerge(page.Query, vals)
		case "headers":
			page.Headers = deepMerge(page.Headers, vals)
		case "body":
			if m, ok := page.Body.(map[string]any); ok || page.Body == nil {
				page.Body = deepMerge(m, vals)
			} else if s, ok := page.Body.(string); ok && isFormBody(&page) {
				page.Body = httpx.EncodeQuery(deepMerge(parseURLSearchParams(s), vals), httpx.ArrayIndices)
			} else {
				page.Body = vals
			}
		}
	}
	if g.p.Mode == "responseContainsNextURL" {
		v, err := g.ctx.Evaluate(g.p.NextURL, g.item, keys)
		if err != nil {
			return nil, err
		}
		if v == nil {
			// undefined (the first page, or an expression that found
			// nothing): lodash merge keeps the request's own URL.
			return &page, nil
		}
		next := str(v)
		u, perr := url.Parse(next)
		if perr != nil || u.Scheme == "" || u.Host == "" {
			e := nodes.NewOperationErrorf(g.ctx.Node().Name, "'%s' is not a valid URL.", next)
			e.SetDescription(`Make sure the "Next URL" parameter evaluates to a valid URL.`)
			return nil, e.WithItem(g.item)
		}
		page.URL = next
		for k := range u.Query() {
			delete(page.Query, k)
		}
	}
	return &page, nil
}

// isFormBody reports a form-urlencoded body.
func isFormBody(r *nodes.Request) bool {
	for k, v := range r.Headers {
		if strings.EqualFold(k, "content-type") {
			return strings.Contains(str(v), "application/x-www-form-urlencoded")
		}
	}
	return false
}

// pageBody is $response.body: JSON (by content type) parsed, {} when it
// does not parse, other bodies as text.
func pageBody(resp *nodes.Response) any {
	if isJSONType(resp.Headers.Get("Content-Type")) {
		var v any
		if err := json.Unmarshal(resp.Raw, &v); err != nil {
			return map[string]any{}
		}
		return v
	}
	return string(resp.Raw)
}

func isJSONType(ct string) bool { return strings.Contains(ct, "application/json") }

// requestVar is $request: the original request in n8n's request-options
// shape.
func requestVar(r *nodes.Request) map[string]any {
	m := map[string]any{
		"method": r.Method, "uri": r.URL, "url": r.URL,
		"qs": copyMap(r.Query), "headers": copyMap(r.Headers),
	}
	if r.Body != nil {
		switch b := r.Body.(type) {
		case []byte:
			m["body"] = fmt.Sprintf("Binary data (%d bytes)", len(b))
		default:
			m["body"] = jsvalue.Clone(b)
		}
	}
	return m
}
