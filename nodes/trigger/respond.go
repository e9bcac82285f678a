package trigger

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/noderun/noderun/internal/fieldpath"
	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// webhookNodeTypes are the node types whose request a Respond to Webhook
// node can answer (n8n's WEBHOOK_NODE_TYPES check).
var webhookNodeTypes = []string{WebhookType, "n8n-nodes-base.formTrigger", "@n8n/n8n-nodes-langchain.chatTrigger", WaitType}

// respondToWebhookTypes splits Respond to Webhook by version, because its
// outputs depend on it: 1.3 always has a Response output, 1.4+ when
// enableResponseOutput is set.
func respondToWebhookTypes() []*nodes.Type {
	d := loadDescription("respond_to_webhook.json")
	handler := nodes.HandlerFunc(executeRespondToWebhook)
	return []*nodes.Type{
		{Description: withVersions(d, 1, 1.1, 1.2), Handler: handler},
		{Description: withVersions(d, 1.3), Handler: handler, Outputs: func(map[string]any) int { return 2 }},
		{Description: withVersions(d, 1.4, 1.5), Handler: handler, Outputs: func(p map[string]any) int {
			if jsvalue.Truthy(p["enableResponseOutput"]) {
				return 2
			}
			return 1
		}},
	}
}

// executeRespondToWebhook builds the reply from its parameters and input,
// sends it to the request that started the execution and passes its input
// through (and, in 1.3 or with enableResponseOutput, the response on a
// second output).
func executeRespondToWebhook(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	items := ctx.InputData(0)
	node := ctx.Node()
	resp, err := buildResponse(ctx, items)
	if err != nil {
		if ctx.ContinueOnFail() {
			paired := nodes.PairedItems{List: true, Items: make([]nodes.PairedItem, len(items))}
			for i := range items {
				paired.Items[i] = nodes.PairedItem{Item: i}
			}
			return nodes.Outputs{{{JSON: map[string]any{"error": errorMessage(err)}, PairedItem: paired}}}, nil
		}
		return nil, err
	}
	if err := ctx.SendResponse(resp); err != nil {
		// n8n resolves the response promise only when a request waits for
		// one; without it (a manual run) the node still succeeds.
		ctx.Logger().Debug("no webhook request waits for the response", "error", err)
	}
	out := nodes.Outputs{items}
	if v := node.TypeVersion; v == 1.3 || (v >= 1.4 && jsvalue.Truthy(node.Parameters["enableResponseOutput"])) {
		out = append(out, []nodes.Item{{JSON: map[string]any{"response": responseJSON(resp)}}})
	}
	return out, nil
}

// errorMessage is the message of a node error, else the error text.
func errorMessage(err error) string {
	var ne *nodes.NodeError
	if errors.As(err, &ne) {
		return ne.Message
	}
	return err.Error()
}

// buildResponse is the body of n8n's RespondToWebhook.execute up to
// sendResponse.
func buildResponse(ctx nodes.ExecuteContext, items []nodes.Item) (*nodes.WebhookResponse, error) {
	node := ctx.Node()
	if node.TypeVersion >= 1.1 {
		if pc, ok := ctx.(nodes.ParentNodesContext); ok {
			found := slices.ContainsFunc(pc.ParentNodes(), func(p *nodes.Node) bool { return slices.Contains(webhookNodeTypes, p.Type) })
			if !found {
				return nil, nodes.NewOperationError(node.Name, "No Webhook node found in the workflow").
					SetDescription("Insert a Webhook node to your workflow and set the “Respond” parameter to “Using Respond to Webhook Node” ")
			}
		}
	}
	optsV, err := ctx.Param("options", 0, map[string]any{})
	if err != nil {
		return nil, err
	}
	opts, _ := optsV.(map[string]any)
	respondWithV, err := ctx.Param("respondWith", 0, "firstIncomingItem")
	if err != nil {
		return nil, err
	}
	respondWith := jsString(respondWithV)
	headers := headerEntries(opts["responseHeaders"])
	if headers == nil {
		headers = map[string]string{}
	}
	status := 200
	if c, ok := toNumber(opts["responseCode"]); ok && c != 0 {
		status = int(c)
	}
	var body any
	switch respondWith {
	case "json":
		v, err := ctx.Param("responseBody", 0, nil)
		if err != nil {
			return nil, err
		}
		switch t := v.(type) {
		case map[string]any, []any:
			body = t
		case string:
			if t != "" {
				parsed, err := nodes.DecodeJSON([]byte(t))
				if err != nil {
					return nil, nodes.NewOperationError(node.Name, "Invalid JSON in 'Response Body' field").
						SetDescription("Check that the syntax of the JSON in the 'Response Body' parameter is valid")
				}
				body = parsed
			}
		default:
			if jsvalue.Truthy(t) {
				body = t
			}
		}
	case "jwt":
		token, err := signJWTFromParams(ctx)
		if err != nil {
			ne := nodes.NewOperationError(node.Name, "Error signing JWT token")
			ne.Wrapped = err
			return nil, ne.SetDescription(errorMessage(err))
		}
		body = map[string]any{"token": token}
	case "allIncomingItems":
		list := make([]any, len(items))
		for i, it := range items {
			list[i] = it.JSON
		}
		body = withResponseKey(opts, list)
	case "firstIncomingItem":
		if len(items) == 0 {
			return nil, nodes.NewOperationError(node.Name, "Cannot read properties of undefined (reading 'json')")
		}
		body = withResponseKey(opts, items[0].JSON)
	case "text":
		v, err := ctx.Param("responseBody", 0, "")
		if err != nil {
			return nil, err
		}
		body = v
	case "binary":
		b, err := binaryBody(ctx, items, headers)
		if err != nil {
			return nil, err
		}
		body = b
	case "redirect":
		u, err := ctx.Param("redirectURL", 0, "")
		if err != nil {
			return nil, err
		}
		headers["location"] = jsString(u)
		status = 307
		if c, ok := toNumber(opts["responseCode"]); ok {
			status = int(c)
		}
	case "noData":
	default:
		return nil, nodes.NewOperationErrorf(node.Name, "The Response Data option %q is not supported!", respondWith)
	}
	setDefaultContentType(headers, body)
	return &nodes.WebhookResponse{StatusCode: status, Headers: headers, Body: body}, nil
}

// withResponseKey puts v under the responseKey option's path when set
// (lodash set on a new object).
func withResponseKey(opts map[string]any, v any) any {
	key := jsString(opts["responseKey"])
	if key == "" {
		return v
	}
	m := map[string]any{}
	fieldpath.Set(m, key, v)
	return m
}

// binaryBody reads the first item's binary data (n8n's getBinaryResponse):
// the bytes, with content-length and, unless a header set it,
// content-type from the data's MIME type.
func binaryBody(ctx nodes.ExecuteContext, items []nodes.Item, headers map[string]string) ([]byte, error) {
	node := ctx.Node().Name
	if len(items) == 0 || items[0].Binary == nil {
		return nil, nodes.NewOperationError(node, "No binary data exists on the first item!")
	}
	item := items[0]
	src, err := ctx.Param("responseDataSource", 0, "automatically")
	if err != nil {
		return nil, err
	}
	var prop string
	if jsString(src) == "set" {
		v, err := ctx.Param("inputFieldName", 0, "data")
		if err != nil {
			return nil, err
		}
		prop = jsString(v)
	} else {
		keys := make([]string, 0, len(item.Binary))
		for k := range item.Binary {
			keys = append(keys, k)
		}
		if len(keys) == 0 {
			return nil, nodes.NewOperationError(node, "No binary data exists on the first item!")
		}
		sort.Strings(keys)
		prop = keys[0]
	}
	data, bd, err := nodes.BinaryBytes(node, item, 0, prop)
	if err != nil {
		return nil, err
	}
	headers["content-length"] = strconv.Itoa(len(data))
	if _, ok := headers["content-type"]; !ok && bd.MimeType != "" {
		headers["content-type"] = bd.MimeType
	}
	return data, nil
}

// setDefaultContentType adds the content-type Express gives a reply
// without one: res.send of a string is HTML, res.json of anything else
// JSON (bytes carry their MIME type already; no body needs none).
func setDefaultContentType(headers map[string]string, body any) {
	if _, ok := headers["content-type"]; ok {
		return
	}
	switch body.(type) {
	case nil, []byte:
	case string:
		headers["content-type"] = "text/html; charset=utf-8"
	default:
		headers["content-type"] = "application/json; charset=utf-8"
	}
}

// responseJSON is the response as the Response output shows it
// ({body, headers, statusCode}); bytes appear as a Node.js Buffer does in
// JSON.
func responseJSON(r *nodes.WebhookResponse) map[string]any {
	headers := make(map[string]any, len(r.Headers))
	for k, v := range r.Headers {
		headers[k] = v
	}
	out := map[string]any{"headers": headers, "statusCode": float64(r.StatusCode)}
	switch b := r.Body.(type) {
	case nil:
	case []byte:
		data := make([]any, len(b))
		for i, c := range b {
			data[i] = float64(c)
		}
		out["body"] = map[string]any{"type": "Buffer", "data": data}
	default:
		out["body"] = b
	}
	nodes.SetKeyOrder(out, []string{"body", "headers", "statusCode"})
	return out
}

// signJWTFromParams signs the payload parameter with the node's jwtAuth
// credential.
func signJWTFromParams(ctx nodes.ExecuteContext) (string, error) {
	cred, err := ctx.Credential("jwtAuth")
	if err != nil {
		return "", err
	}
	v, err := ctx.Param("payload", 0, map[string]any{})
	if err != nil {
		return "", err
	}
	payload, ok := v.(map[string]any)
	if s, isStr := v.(string); isStr {
		parsed, err := nodes.DecodeJSON([]byte(s))
		if err != nil {
			return "", fmt.Errorf("payload is not valid JSON: %w", err)
		}
		payload, ok = parsed.(map[string]any)
	}
	if !ok {
		return "", errors.New("payload must be a JSON object")
	}
	return signJWT(payload, cred)
}
