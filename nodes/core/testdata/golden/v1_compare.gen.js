// Regenerates v1_compare.json: the If v1 / Filter v1 / Switch v1–2
// compare operations (n8n-nodes-base Filter/V1/GenericFunctions) on pairs of
// values. Run from an n8n-peer install: node v1_compare.gen.js
const { compareOperationFunctions } = require('n8n-nodes-base/dist/nodes/Filter/V1/GenericFunctions');
const values = [null, '', 'a', 'B', 'abc', '10', '9', '5', 'true', 0, 5, 10, -1, 0.5, true, false, [], [1], [1, 2], ['a'], {}, { k: 1 }];
const out = [];
for (const [op, fn] of Object.entries(compareOperationFunctions)) for (const v1 of values) for (const v2 of values) {
  const rec = { op, v1, v2 };
  // v2 is a copy: two objects are never the same reference in a workflow.
  try { rec.result = !!fn(v1, structuredClone(v2)); } catch (e) { rec.error = e.message; }
  out.push(rec);
}
console.log(JSON.stringify(out));
