// Package files holds n8n's file and text nodes: Extract From File (1,
// 1.1), Convert To File (1, 1.1), Read/Write Files from Disk (1, 1.1), HTML
// (1, 1.1, 1.2), Markdown (1), XML (1) and Crypto (1, 2).
//
//	r := nodes.NewRegistry()
//	if err := files.Register(r); err != nil { ... }
//
// Binary payloads go through the nodes package helpers (PrepareBinaryData,
// BinaryData.Bytes), so large files may live on disk as in n8n's
// filesystem binary mode.
//
// Behaviour follows n8n 2.41 and is checked against cases recorded from it
// (testdata/conformance, replayed by the enginetest package) and against
// its getNodeParameters on the real descriptions (testdata/golden). The
// libraries n8n uses are mirrored where Go has none:
//   - CSV reading follows csv-parse (empty lines skipped, record length
//     checked, errors dropped in Extract From File 1 and reported in 1.1);
//     CSV and HTML writing follow SheetJS (UTF-8 BOM, General number
//     format, flattened keys); XLSX uses excelize.
//   - XML follows xml2js (Parser with mergeAttrs, explicitArray false) and
//     xmlbuilder's pretty output.
//   - HTML 1.2 text follows html-to-text's default formatters.
//   - Markdown to HTML uses goldmark, adjusted to showdown's output
//     (header ids, code classes, block quotes); HTML to Markdown uses
//     html-to-markdown with node-html-markdown's markers.
//
// Not supported (clear errors): PDF, ICS, ODS, XLS and RTF. Known
// differences: HTML to Markdown trims whitespace at block edges where
// node-html-markdown keeps one space; Markdown to HTML follows CommonMark
// for intraword underscores and "1)" lists where showdown does not.
package files
