// Regenerates filter_conditions.json: n8n-workflow's executeFilterCondition
// over values × operators × type validation × filter version.
// Run from an n8n-peer install: node filter_conditions.gen.js
const { executeFilterCondition } = require('n8n-workflow');
const values = [null, '', ' ', 'abc', 'ABC', '5', '5.5', 'true', 'false', 'yes', '0', '1', '[1,"a"]', '{"k":1}',
  '2024-03-01T10:00:00Z', '2024-03-01', 0, 5, 5.5, -1, true, false, [], [1, 'a'], ['A'], {}, { k: 1 }];
const ops = {
  string: ['exists', 'notExists', 'empty', 'notEmpty', 'equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'endsWith', 'regex', 'notRegex'],
  number: ['exists', 'empty', 'notEmpty', 'equals', 'notEquals', 'gt', 'lt', 'gte', 'lte'],
  dateTime: ['empty', 'equals', 'after', 'before', 'afterOrEquals', 'beforeOrEquals'],
  boolean: ['true', 'false', 'equals', 'notEquals', 'empty'],
  array: ['contains', 'notContains', 'lengthEquals', 'lengthGt', 'empty', 'notEmpty'],
  object: ['empty', 'notEmpty', 'exists'],
};
const rights = { string: 'a', number: 5, dateTime: '2024-03-01T09:00:00Z', boolean: true, array: 'a', object: '' };
const single = new Set(['exists', 'notExists', 'empty', 'notEmpty', 'true', 'false']);
const out = [];
for (const [type, list] of Object.entries(ops)) for (const operation of list) for (const typeValidation of ['strict', 'loose'])
  for (const version of [1, 2, 3]) for (const caseSensitive of [true, false]) for (const left of values) {
    if (!caseSensitive && type !== 'string' && type !== 'array') continue;
    const operator = { type, operation };
    if (single.has(operation)) operator.singleValue = true;
    let right = rights[type];
    if (type === 'array') operator.rightType = operation.startsWith('length') ? 'number' : 'any';
    if (type === 'array' && operation.startsWith('length')) right = 1;
    const condition = { leftValue: left, rightValue: single.has(operation) ? '' : right, operator };
    const rec = { condition, options: { caseSensitive, typeValidation, version } };
    try {
      rec.result = !!executeFilterCondition(condition, rec.options, { index: 0, itemIndex: 0 });
    } catch (e) {
      rec.error = e.message;
      rec.description = e.description ?? null;
    }
    out.push(rec);
  }
console.log(JSON.stringify(out)); // gzip -9 the output: filter_conditions.json.gz
