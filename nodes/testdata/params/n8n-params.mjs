// n8n-params.mjs asks the real n8n-workflow what getNodeParameters returns
// for every case of cases.json, as the Workflow constructor calls it:
// getNodeParameters(properties, parameters, true, false, node, description).
// It writes n8n.json: {"<case name>": parameters} ({"$error": message} when
// n8n throws). Run by hand (never by go test) after gen:
//
//   N8N_PEER_DIR=/tmp/n8n-peer node nodes/testdata/params/n8n-params.mjs
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const peer = process.env.N8N_PEER_DIR;
if (!peer) {
  console.error('set N8N_PEER_DIR to the folder the n8n peer was installed into');
  process.exit(2);
}
const require = createRequire(join(peer, 'package.json'));
const { NodeHelpers } = require('n8n-workflow');

const { types, cases } = JSON.parse(readFileSync(join(here, 'cases.json'), 'utf8'));
const out = {};
for (const c of cases) {
  const properties = types[c.type];
  const node = {
    name: c.name, type: c.type, typeVersion: c.typeVersion,
    position: [0, 0], parameters: c.parameters,
  };
  const description = { name: c.type.split('#')[0], properties };
  try {
    out[c.name] = NodeHelpers.getNodeParameters(properties, c.parameters, true, false, node, description);
  } catch (e) {
    out[c.name] = { $error: String(e && e.message) };
  }
}
writeFileSync(join(here, 'n8n.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`${cases.length} cases -> n8n.json`);
