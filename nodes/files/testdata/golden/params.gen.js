// Generates params.json: n8n's getNodeParameters (defaults re-applied) for
// stored parameter sets of the file and text nodes. Run with the n8n peer:
//   NODE_PATH=$N8N_PEER_DIR/node_modules node params.gen.js > params.json
const { NodeHelpers } = require('n8n-workflow');
const base = 'n8n-nodes-base/dist/nodes/';
const load = (path, cls) => new (require(base + path)[cls])();
const types = {
	extractFromFile: load('Files/ExtractFromFile/ExtractFromFile.node.js', 'ExtractFromFile'),
	convertToFile: load('Files/ConvertToFile/ConvertToFile.node.js', 'ConvertToFile'),
	readWriteFile: load('Files/ReadWriteFile/ReadWriteFile.node.js', 'ReadWriteFile'),
	html: load('Html/Html.node.js', 'Html'),
	markdown: load('Markdown/Markdown.node.js', 'Markdown'),
	xml: load('Xml/Xml.node.js', 'Xml'),
	crypto: load('Crypto/Crypto.node.js', 'Crypto'),
};
function description(name, version) {
	const t = types[name];
	if (t.nodeVersions) return t.nodeVersions[version].description;
	return t.description;
}
const cases = [
	['extractFromFile', 1, {}],
	['extractFromFile', 1, { operation: 'fromJson' }],
	['extractFromFile', 1, { operation: 'xlsx', options: { sheetName: 'x' } }],
	['extractFromFile', 1, { operation: 'pdf' }],
	['convertToFile', 1, {}],
	['convertToFile', 1.1, { operation: 'toJson' }],
	['convertToFile', 1.1, { operation: 'toBinary' }],
	['convertToFile', 1, { operation: 'toBinary', options: { dataIsBase64: false } }],
	['convertToFile', 1.1, { operation: 'toText', sourceProperty: 'a' }],
	['convertToFile', 1.1, { operation: 'xlsx' }],
	['readWriteFile', 1, {}],
	['readWriteFile', 1, { operation: 'write' }],
	['html', 1, { operation: 'extractHtmlContent' }],
	['html', 1.2, {}],
	['html', 1.2, { operation: 'extractHtmlContent' }],
	['html', 1.2, { operation: 'extractHtmlContent', sourceData: 'binary' }],
	['html', 1.2, { operation: 'convertToHtmlTable' }],
	['markdown', 1, {}],
	['markdown', 1, { mode: 'markdownToHtml' }],
	['xml', 1, {}],
	['xml', 1, { mode: 'jsonToxml' }],
	['crypto', 1, {}],
	['crypto', 1, { action: 'hmac' }],
	['crypto', 1, { action: 'sign' }],
	['crypto', 1, { action: 'generate', encodingType: 'hex' }],
	['crypto', 2, {}],
	['crypto', 2, { action: 'hmac', binaryData: true }],
	['crypto', 2, { action: 'generate' }],
];
const out = cases.map(([name, version, stored]) => {
	const desc = description(name, version);
	const node = { name: 'N', type: 'n8n-nodes-base.' + name, typeVersion: version, parameters: stored, position: [0, 0] };
	const params = NodeHelpers.getNodeParameters(desc.properties, stored, true, false, node, desc);
	return { type: name, version, stored, params };
});
console.log(JSON.stringify(out, null, 1));
