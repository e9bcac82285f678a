// Regenerates node_parameters.jsonl: n8n's NodeHelpers.getNodeParameters
// (defaults re-applied to stored parameters) for the core nodes' own
// descriptions. Run from an n8n-peer install: node node_parameters.gen.js
const { NodeHelpers } = require('n8n-workflow');
const load = (p, cls) => new (require('n8n-nodes-base/dist/nodes/' + p)[cls])();
const cases = [
  ['Set/Set.node.js', 'Set', 3.4, {}],
  ['Set/Set.node.js', 'Set', 3.4, { includeOtherFields: true, include: 'except' }],
  ['Set/Set.node.js', 'Set', 3.2, {}],
  ['Set/Set.node.js', 'Set', 3.4, { mode: 'raw' }],
  ['Set/Set.node.js', 'Set', 3.2, { fields: { values: [{ name: 'a', stringValue: 'x' }, { name: 'b', type: 'numberValue' }] } }],
  ['Set/Set.node.js', 'Set', 2, { values: { number: [{ name: 'n' }], string: [{ value: 'v' }] } }],
  ['If/If.node.js', 'If', 2.2, {}],
  ['If/If.node.js', 'If', 2, {}],
  ['If/If.node.js', 'If', 1, { conditions: { string: [{ value1: 'a' }], number: [{ operation: 'isEmpty' }] } }],
  ['Filter/Filter.node.js', 'Filter', 2.3, {}],
  ['Filter/Filter.node.js', 'Filter', 1, { conditions: { boolean: [{}] } }],
  ['Switch/Switch.node.js', 'Switch', 3.4, {}],
  ['Switch/Switch.node.js', 'Switch', 3.4, { mode: 'expression' }],
  ['Switch/Switch.node.js', 'Switch', 3.4, { rules: { values: [{ conditions: { conditions: [] }, renameOutput: true }] }, options: { fallbackOutput: 'extra' } }],
  ['Switch/Switch.node.js', 'Switch', 1, { dataType: 'string', rules: { rules: [{ value2: 'x' }] } }],
  ['Switch/Switch.node.js', 'Switch', 2, { rules: { rules: [{ value2: 1 }] } }],
  ['StopAndError/StopAndError.node.js', 'StopAndError', 1, {}],
  ['StickyNote/StickyNote.node.js', 'StickyNote', 1, {}],
];
for (const [p, cls, v, params] of cases) {
  const t = load(p, cls);
  const d = t.nodeVersions ? t.nodeVersions[v].description : t.description;
  const node = { name: 'x', type: 'n8n-nodes-base.' + d.name, typeVersion: v, parameters: params, position: [0, 0] };
  console.log(JSON.stringify(['n8n-nodes-base.' + d.name, v, params, NodeHelpers.getNodeParameters(d.properties, params, true, false, node, d)]));
}
