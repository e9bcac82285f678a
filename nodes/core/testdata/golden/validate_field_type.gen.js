// Regenerates validate_field_type.json with n8n-workflow's validateFieldType
// (run from an n8n-peer install: node gen.js > validate_field_type.json).
const { validateFieldType } = require('n8n-workflow');
const values = ["12", "12.50", " 7 ", "", "  ", "abc", "0x1F", "1e3", "Infinity", "true", "TRUE", "false", "0", "1", "yes",
  12, 0, 1, -2.5, true, false, null, [], [1], [1, 2], ["a"], {}, {a: 1},
  "[1, 2]", "['a', 'b']", "[]", "{\"k\": 1}", "{k: 'v', n: 2,}", "{}", "not-a-list", "[1,", "2024-01-01"];
const types = ["string", "number", "boolean", "array", "object"];
const out = [];
for (const type of types) for (const strict of [false, true]) for (const parseStrings of [false, true]) for (const value of values) {
  const r = validateFieldType('f', value, type, { strict, parseStrings });
  out.push({ type, strict, parseStrings, value, valid: r.valid, newValue: r.valid ? (r.newValue === undefined ? null : r.newValue) : null, message: r.valid ? "" : r.errorMessage });
}
console.log(JSON.stringify(out, null, 1));
