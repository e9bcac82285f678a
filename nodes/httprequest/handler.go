package httprequest

import (
	"errors"
	"strings"
	"time"

	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/nodes"
)

// Execute runs the HTTP Request node: for every input item it builds the
// request, sends it through ctx.HTTP (with the node's credential when
// authentication is set), and turns the response into items paired with
// that input item.
//
// Items are sent one after another in item order, so the wire order is
// deterministic (n8n starts them without waiting; batching only adds the
// pause between batches).
func Execute(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	node := ctx.Node()
	version := node.TypeVersion
	if version == 0 {
		version = 4.5
	}
	items := ctx.InputData(0)
	cred, err := credentialType(ctx)
	if err != nil {
		return nil, err
	}
	pg := readPagination(ctx)

	var out []nodes.Item
	for i := range items {
		got, err := runItem(ctx, i, items[i], version, cred, pg)
		if err == nil {
			out = append(out, got...)
			continue
		}
		var f *failure
		if errors.As(err, &f) {
			if !ctx.ContinueOnFail() {
				return nil, f.apiError()
			}
			if f.resp == nil && f.netErr == nil && !f.paginated {
				// Not a request error (expression, pagination settings):
				// the plain {error: message} item.
				out = append(out, messageItem(i, nodes.AsNodeError(node.Name, f.err).Message))
				continue
			}
			out = append(out, f.errorItem())
			continue
		}
		if !ctx.ContinueOnFail() {
			ne := nodes.AsNodeError(node.Name, err)
			if _, set := ne.Context["itemIndex"]; !set {
				ne.WithItem(i)
			}
			return nil, ne
		}
		out = append(out, messageItem(i, nodes.AsNodeError(node.Name, err).Message))
	}
	if out == nil {
		out = []nodes.Item{}
	}
	return nodes.Outputs{out}, nil
}

// messageItem is the continueOnFail item for an error that is not a
// request failure.
func messageItem(i int, msg string) nodes.Item {
	return nodes.Item{JSON: map[string]any{"error": msg}, PairedItem: nodes.One(nodes.Paired(i, 0))}
}

// credentialType is the credential type the node authenticates with, ""
// for none: genericAuthType for generic credentials, nodeCredentialType
// for predefined ones.
func credentialType(ctx nodes.ExecuteContext) (string, error) {
	auth, err := ctx.Param("authentication", 0, "none")
	if err != nil {
		return "", err
	}
	switch str(auth) {
	case "genericCredentialType":
		t, err := ctx.Param("genericAuthType", 0, "")
		if err != nil {
			return "", err
		}
		return str(t), nil
	case "predefinedCredentialType":
		t, err := ctx.Param("nodeCredentialType", 0, "")
		if err != nil {
			return "", err
		}
		return str(t), nil
	}
	return "", nil
}

// fullURL is the request URL with its query string.
func fullURL(req *nodes.Request) string {
	q := httpx.EncodeQuery(req.Query, req.ArrayFormat)
	if q == "" {
		return req.URL
	}
	if strings.Contains(req.URL, "?") {
		return req.URL + "&" + q
	}
	return req.URL + "?" + q
}

// runItem builds, sends and shapes one item's request.
func runItem(ctx nodes.ExecuteContext, i int, input nodes.Item, version float64, cred string, pg *pagination) ([]nodes.Item, error) {
	node := ctx.Node().Name
	p, err := readParams(ctx, i)
	if err != nil {
		return nil, err
	}
	o := p.Options
	if i > 0 && o.BatchInterval > 0 && i%o.BatchSize == 0 {
		select {
		case <-time.After(o.BatchInterval):
		case <-ctx.Context().Done():
			return nil, ctx.Context().Err()
		}
	}
	b := &builder{node: node, version: version, item: i, input: input}
	req, err := b.build(p)
	if err != nil {
		return nil, err
	}
	jsonReq := o.ResponseFormat != "autodetect" && o.ResponseFormat != "file" && p.ContentType != "raw"
	sh := &shaper{node: node, item: i, input: input, opts: o, url: p.URL, fullURL: fullURL(req), jsonRequested: jsonReq}

	var responses []*nodes.Response
	if pg != nil {
		if err := pg.prepare(node, o.NeverError); err != nil {
			return nil, err
		}
		g := &pager{ctx: ctx, item: i, version: version, cred: cred, p: pg, jsonReq: jsonReq}
		rs, f := g.run(req)
		if f != nil {
			return nil, f
		}
		responses = rs
		sh.paginated = true
	} else {
		resp, err := send(ctx, req, cred)
		if err != nil {
			return nil, classify(node, i, version, jsonReq, resp, err)
		}
		responses = []*nodes.Response{resp}
	}
	var out []nodes.Item
	for _, resp := range responses {
		got, err := sh.items(resp)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}
