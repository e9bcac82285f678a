package trigger

import (
	"sync"
	"time"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// evaluator resolves the onlyRunIf option; one per process.
var evaluator = sync.OnceValue(func() *expr.Evaluator { return expr.New(expr.Options{Timeout: time.Second}) })

// shouldRun is the Webhook node's "Only Run If" option: an expression
// evaluated with $json = {body, headers, params, query} of the request;
// a falsy result drops the call (the server replies 200 without an
// execution), an evaluation error lets it through as n8n does.
func (w *Webhook) shouldRun(node string, obj map[string]any) bool {
	raw, ok := object(w.params, "options")["onlyRunIf"].(string)
	if !ok || !isExpression(raw) {
		return true
	}
	scope := map[string]any{"body": obj["body"], "headers": obj["headers"], "params": obj["params"], "query": obj["query"]}
	v, err := evaluator().Resolve(raw, &expr.Data{
		Input: []nodes.Item{{JSON: scope}},
		Node:  expr.NodeInfo{Name: node, Type: WebhookType, TypeVersion: w.version, Parameters: w.params},
	})
	if err != nil {
		return true
	}
	return jsvalue.Truthy(v)
}
