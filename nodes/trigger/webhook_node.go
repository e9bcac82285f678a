package trigger

import (
	"github.com/noderun/noderun/nodes"
)

func webhookType() *nodes.Type {
	return &nodes.Type{
		Description: loadDescription("webhook.json"),
		Handler:     nodes.HandlerFunc(executeWebhook),
		Outputs:     webhookOutputs,
	}
}

// webhookOutputs is n8n's configuredOutputs: one output per method when
// httpMethod is a list (multipleMethods), else one.
func webhookOutputs(params map[string]any) int {
	if list, ok := params["httpMethod"].([]any); ok && len(list) > 0 {
		return len(list)
	}
	return 1
}

// executeWebhook passes the items the server seeded the node with
// through: a run started by a webhook call begins at the Webhook node with
// its request item as input, as n8n runs a node without execute (the
// output of Output on the method's index). Every input list goes to the
// output of the same index.
func executeWebhook(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	n := 1
	if t := ctx.Type(); t != nil {
		n = t.OutputCount(ctx.Node().Parameters)
	}
	out := make(nodes.Outputs, n)
	for i := range out {
		out[i] = ctx.InputData(i)
	}
	return out, nil
}
