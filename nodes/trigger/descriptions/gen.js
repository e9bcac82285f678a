// gen.js writes the n8n descriptions of the trigger package's nodes as
// JSON, from an installed n8n-nodes-base (the n8n-peer install):
//
//	node nodes/trigger/descriptions/gen.js /tmp/n8n-peer-d1/node_modules/n8n-nodes-base
//
// Editor-only fields are dropped (builderHint, trigger panels, the
// "credentials" selector property, environment-flagged properties); the
// outputs expressions become ["main"] (the Go types count outputs).
const fs = require('fs');
const path = require('path');

const base = process.argv[2];
if (!base) {
	console.error('usage: node gen.js <path to n8n-nodes-base>');
	process.exit(2);
}
const load = (rel, cls) => new (require(path.join(base, 'dist/nodes', rel)))[cls]().description;

const dropKeys = new Set(['builderHint', 'triggerPanel', 'eventTriggerDescription', 'activationMessage', 'iconColor', 'supportsCORS', 'webhooks', 'sensitiveOutputFields', 'waitingNodeTooltip', 'envFeatureFlag']);

function clean(v) {
	if (Array.isArray(v)) {
		return v.filter((p) => !(p && typeof p === 'object' && (p.type === 'credentials' || p.envFeatureFlag))).map(clean);
	}
	if (v && typeof v === 'object') {
		const out = {};
		for (const [k, e] of Object.entries(v)) {
			if (dropKeys.has(k)) continue;
			out[k] = clean(e);
		}
		return out;
	}
	return v;
}

function write(file, d) {
	d = clean(d);
	d.name = 'n8n-nodes-base.' + d.name;
	if (typeof d.outputs === 'string') d.outputs = ['main'];
	fs.writeFileSync(path.join(__dirname, file), JSON.stringify(d, null, 1) + '\n');
}

write('webhook.json', load('Webhook/Webhook.node.js', 'Webhook'));
write('respond_to_webhook.json', load('RespondToWebhook/RespondToWebhook.node.js', 'RespondToWebhook'));
write('schedule_trigger.json', load('Schedule/ScheduleTrigger.node.js', 'ScheduleTrigger'));
write('cron.json', load('Cron/Cron.node.js', 'Cron'));
