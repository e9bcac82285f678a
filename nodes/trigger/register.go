package trigger

import (
	"fmt"

	"github.com/noderun/noderun/nodes"
)

// Node type names of the package.
const (
	WebhookType          = "n8n-nodes-base.webhook"
	RespondToWebhookType = "n8n-nodes-base.respondToWebhook"
	ScheduleTriggerType  = "n8n-nodes-base.scheduleTrigger"
	CronType             = "n8n-nodes-base.cron"
	WaitType             = "n8n-nodes-base.wait"
)

// Types returns every node type of the package, ready to register.
func Types() []*nodes.Type {
	ts := []*nodes.Type{webhookType()}
	ts = append(ts, respondToWebhookTypes()...)
	ts = append(ts, scheduleTriggerType(), cronType())
	return ts
}

// Register adds the Webhook, Respond to Webhook, Schedule Trigger and Cron
// node types to r.
func Register(r *nodes.Registry) error {
	for _, t := range Types() {
		if err := r.Register(t); err != nil {
			return fmt.Errorf("trigger nodes: %w", err)
		}
	}
	return nil
}
