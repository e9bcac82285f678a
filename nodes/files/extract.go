package files

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// spreadsheetOps are the operations read through the spreadsheet code path.
var spreadsheetOps = []string{"csv", "html", "rtf", "ods", "xls", "xlsx"}

// moveToOps are the operations that move the file into a JSON field.
var moveToOps = []string{"binaryToPropery", "fromJson", "text", "fromIcs", "xml"}

func extractFromFileType() *nodes.Type {
	d := baseDescription("Extract from File", "extractFromFile", "input", 1, 1.1)
	d.Description = "Convert binary data to JSON"
	op := noExpr(options("Operation", "operation", "csv",
		"Extract From CSV", "csv", "Extract From HTML", "html", "Extract From ICS", "fromIcs",
		"Extract From JSON", "fromJson", "Extract From ODS", "ods", "Extract From PDF", "pdf",
		"Extract From RTF", "rtf", "Extract From Text File", "text", "Extract From XML", "xml",
		"Extract From XLS", "xls", "Extract From XLSX", "xlsx",
		"Move File to Base64 String", "binaryToPropery"))
	d.Properties = append([]*nodes.Property{op}, spreadsheetReadProperties()...)
	d.Properties = append(d.Properties, moveToProperties()...)
	d.Properties = append(d.Properties, pdfProperties()...)
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeExtract)}
}

// spreadsheetReadProperties are SpreadsheetFile v2's fromFile properties as
// Extract From File rewrites them.
func spreadsheetReadProperties() []*nodes.Property {
	ops := strs(spreadsheetOps...)
	bin := required(prop("Input Binary Field", "binaryPropertyName", nodes.TypeString, "data"))
	bin.Hint = "The name of the input field containing the file data to be processed"
	csvOnly := func(p *nodes.Property) *nodes.Property { return show(p, "/operation", vals("csv")) }
	sheets := func(p *nodes.Property) *nodes.Property { return show(p, "/operation", vals("ods", "xls", "xlsx")) }
	all := func(p *nodes.Property) *nodes.Property {
		return show(p, "/operation", vals("ods", "xls", "xlsx", "csv", "html"))
	}
	enc := options("Encoding", "encoding", "utf-8", "ASCII", "ascii", "Latin1", "latin1", "UCS-2", "ucs-2",
		"UCS2", "ucs2", "UTF-8", "utf-8", "UTF16LE", "utf16le", "UTF8", "utf8")
	skip := prop("Skip Records With Errors", "skipRecordsWithErrors", nodes.TypeFixedCollection,
		map[string]any{"value": map[string]any{"enabled": true, "maxSkippedRecords": float64(-1)}})
	skip.Options = []*nodes.Property{{DisplayName: "Value", Name: "value", Values: []*nodes.Property{
		prop("Enabled", "enabled", nodes.TypeBoolean, false),
		prop("Max Skipped Records", "maxSkippedRecords", nodes.TypeNumber, float64(-1)),
	}}}
	csvOnly(skip)
	o := collection("Options", "options",
		csvOnly(prop("Delimiter", "delimiter", nodes.TypeString, ",")),
		csvOnly(enc),
		csvOnly(prop("Exclude Byte Order Mark (BOM)", "enableBOM", nodes.TypeBoolean, false)),
		csvOnly(prop("Preserve Quotes", "relaxQuotes", nodes.TypeBoolean, false)),
		all(prop("Header Row", "headerRow", nodes.TypeBoolean, true)),
		all(prop("Include Empty Cells", "includeEmptyCells", nodes.TypeBoolean, false)),
		csvOnly(prop("Max Number of Rows to Load", "maxRowCount", nodes.TypeNumber, float64(-1))),
		sheets(prop("Range", "range", nodes.TypeString, "")),
		prop("RAW Data", "rawData", nodes.TypeBoolean, false),
		prop("Read As String", "readAsString", nodes.TypeBoolean, false),
		sheets(prop("Sheet Name", "sheetName", nodes.TypeString, "Sheet")),
		csvOnly(prop("Starting Line", "fromLine", nodes.TypeNumber, float64(0))),
		skip,
	)
	o.Placeholder = "Add option"
	return []*nodes.Property{show(bin, "operation", ops), show(o, "operation", ops)}
}

// moveToProperties are the moveTo operation's properties.
func moveToProperties() []*nodes.Property {
	ops := strs(moveToOps...)
	enc := prop("File Encoding", "encoding", nodes.TypeOptions, "utf8")
	enc.Options = encodingOptions()
	o := collection("Options", "options",
		enc,
		show(prop("Strip BOM", "stripBOM", nodes.TypeBoolean, true), "encoding", vals("utf8", "cesu8", "ucs2")),
		options("Keep Source", "keepSource", "json", "JSON", "json", "Binary", "binary", "Both", "both"),
	)
	o.Placeholder = "Add Option"
	return []*nodes.Property{
		show(required(prop("File Property", "binaryPropertyName", nodes.TypeString, "data")), "operation", ops),
		show(required(prop("Destination Key", "destinationKey", nodes.TypeString, "data")), "operation", ops),
		show(o, "operation", ops),
	}
}

// pdfProperties are the pdf operation's properties.
func pdfProperties() []*nodes.Property {
	o := collection("Options", "options",
		prop("Join Pages", "joinPages", nodes.TypeBoolean, true),
		prop("Keep Source", "keepSource", nodes.TypeOptions, "json"),
		prop("Max Pages", "maxPages", nodes.TypeNumber, float64(0)),
		prop("Password", "password", nodes.TypeString, ""),
	)
	o.Options[1].Options = choices("JSON", "json", "Binary", "binary", "Both", "both")
	return []*nodes.Property{
		show(required(prop("Input Binary Field", "binaryPropertyName", nodes.TypeString, "data")), "operation", vals("pdf")),
		show(o, "operation", vals("pdf")),
	}
}

func executeExtract(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	items := ctx.InputData(0)
	op, err := paramString(ctx, "operation", 0, "csv")
	if err != nil {
		return nil, err
	}
	var out []nodes.Item
	switch {
	case contains(spreadsheetOps, op):
		out, err = extractSpreadsheet(ctx, items, op)
	case contains(moveToOps, op):
		out, err = extractMoveTo(ctx, items, op)
	case op == "pdf":
		out, err = unsupported(ctx, items, "Extract From PDF")
	default:
		return nil, nodes.NewOperationErrorf(ctx.Node().Name, "The operation %q is not known", op)
	}
	if err != nil {
		return nil, err
	}
	return nodes.Outputs{out}, nil
}

// unsupported fails every item with "<what> is not supported by noderun"
// (continue-on-fail turns each into an error item).
func unsupported(ctx nodes.ExecuteContext, items []nodes.Item, what string) ([]nodes.Item, error) {
	return eachItem(ctx, items, func(i int, _ nodes.Item) ([]nodes.Item, error) {
		return nil, nodes.NewOperationError(ctx.Node().Name, what+" is not supported by noderun").WithItem(i)
	})
}

// eachItem runs fn per item, turning failures into continue-on-fail items.
func eachItem(ctx nodes.ExecuteContext, items []nodes.Item, fn func(i int, it nodes.Item) ([]nodes.Item, error)) ([]nodes.Item, error) {
	out := []nodes.Item{}
	for i, it := range items {
		res, err := fn(i, it)
		if err != nil {
			failed, ferr := itemFailure(ctx, i, err)
			if ferr != nil {
				return nil, ferr
			}
			out = append(out, failed)
			continue
		}
		out = append(out, res...)
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// extractMoveTo implements binaryToPropery, fromJson, text and xml (which,
// as in n8n 2.41, reads the file as text).
func extractMoveTo(ctx nodes.ExecuteContext, items []nodes.Item, op string) ([]nodes.Item, error) {
	name := ctx.Node().Name
	return eachItem(ctx, items, func(i int, item nodes.Item) ([]nodes.Item, error) {
		o, err := paramMap(ctx, "options", i)
		if err != nil {
			return nil, err
		}
		prop, err := paramString(ctx, "binaryPropertyName", i, "data")
		if err != nil {
			return nil, err
		}
		data, _, err := nodes.BinaryBytes(name, item, i, prop)
		if err != nil {
			return nil, err
		}
		newJSON := map[string]any{}
		keep := o.str("keepSource", "")
		if keep != "" && keep != "binary" {
			if m, ok := nodes.DeepCopy(item.JSON).(map[string]any); ok {
				newJSON = m
			}
		}
		var value any
		if op == "binaryToPropery" {
			value = base64.StdEncoding.EncodeToString(data)
		} else {
			enc := o.str("encoding", "")
			if enc == "" {
				enc = "utf8"
			}
			text, err := decodeText(data, enc, o.boolean("stripBOM", true)) // iconv-lite strips by default
			if err != nil {
				return nil, nodes.NewOperationError(name, err.Error()).WithItem(i)
			}
			value = text
			switch op {
			case "fromJson":
				if text == "" {
					value = map[string]any{}
					break
				}
				v, err := nodes.DecodeJSON([]byte(text))
				if err != nil {
					return nil, nodes.NewOperationError(name, "The file selected in 'Input Binary Field' is not in JSON format").
						SetDescription("Try to change the operation or select a JSON file in 'Input Binary Field'").WithItem(i)
				}
				value = v
			case "fromIcs":
				return nil, nodes.NewOperationError(name, "Extract From ICS is not supported by noderun").WithItem(i)
			}
		}
		dest, err := paramString(ctx, "destinationKey", i, "")
		if err != nil {
			return nil, err
		}
		setPath(newJSON, dest, value)
		out := nodes.Item{JSON: newJSON, PairedItem: paired(i)}
		if keep == "binary" || keep == "both" {
			out.Binary = item.Binary
		} else {
			rest := map[string]*nodes.BinaryData{}
			for k, v := range item.Binary {
				if k != prop {
					c := *v
					rest[k] = &c
				}
			}
			out.Binary = rest
		}
		return []nodes.Item{out}, nil
	})
}

// extractSpreadsheet implements SpreadsheetFile v2's fromFile for csv, html
// and xlsx.
func extractSpreadsheet(ctx nodes.ExecuteContext, items []nodes.Item, format string) ([]nodes.Item, error) {
	name := ctx.Node().Name
	out := []nodes.Item{}
	fileExtension := ""
	for i, item := range items {
		rows, err := func() ([]any, error) {
			o, err := paramMap(ctx, "options", i)
			if err != nil {
				return nil, err
			}
			prop, err := paramString(ctx, "binaryPropertyName", i, "data")
			if err != nil {
				return nil, err
			}
			data, bd, err := nodes.BinaryBytes(name, item, i, prop)
			if err != nil {
				return nil, err
			}
			fileExtension = bd.FileExtension
			switch format {
			case "csv":
				return readCSVRows(data, o, ctx.Node().TypeVersion > 1)
			case "xlsx":
				return readXLSXRows(data, o)
			case "html":
				return readHTMLTableRows(data, o)
			}
			return nil, unsupportedError{fmt.Sprintf("Extract From %s is not supported by noderun", strings.ToUpper(format))}
		}()
		if err != nil {
			msg := errorMessage(err)
			desc := ""
			_, unsupported := err.(unsupportedError)
			if fileExtension != "" && fileExtension != format && !unsupported {
				msg = fmt.Sprintf("The file selected in 'Input Binary Field' is not in %s format", format)
				desc = fmt.Sprintf("Try to change the operation or select a %s file in 'Input Binary Field'", format)
			}
			if ctx.ContinueOnFail() {
				out = append(out, nodes.Item{JSON: map[string]any{"error": msg}, PairedItem: paired(i)})
				continue
			}
			ne := nodes.NewOperationError(name, msg).WithItem(i)
			if desc != "" {
				ne.SetDescription(desc)
			} else if d := nodeErrorDescription(err); d != "" {
				ne.SetDescription(d)
			}
			return nil, ne
		}
		headerRow := true
		if o, _ := paramMap(ctx, "options", i); o != nil {
			headerRow = o.boolean("headerRow", true)
		}
		for _, r := range rows {
			if headerRow {
				out = append(out, nodes.Item{JSON: r, PairedItem: paired(i)})
			} else {
				out = append(out, nodes.Item{JSON: map[string]any{"row": r}, PairedItem: paired(i)})
			}
		}
	}
	return out, nil
}

// unsupportedError is a format noderun cannot read or write.
type unsupportedError struct{ msg string }

func (e unsupportedError) Error() string { return e.msg }

// nodeErrorDescription returns the description of a NodeError in err.
func nodeErrorDescription(err error) string {
	if ne, ok := err.(*nodes.NodeError); ok {
		return ne.DescriptionText()
	}
	return ""
}

// readCSVRows parses a CSV file the way n8n's csv-parse call does.
//
// failOnError (version 1.1) reports parse errors; version 1 drops them and
// keeps the records read before.
func readCSVRows(data []byte, o opts, failOnError bool) ([]any, error) {
	enc := o.str("encoding", "utf8")
	text, err := decodeText(data, enc, o.boolean("enableBOM", false))
	if err != nil {
		return nil, err
	}
	maxRows := -1
	if v, ok := o["maxRowCount"].(float64); ok && v > -1 {
		maxRows = int(v)
	}
	from := 1
	if v, ok := o["fromLine"].(float64); ok {
		from = int(v)
	}
	header := o.boolean("headerRow", true)
	skip, maxSkipped := false, -1.0
	if sr, ok := o["skipRecordsWithErrors"].(map[string]any); ok {
		if v, ok := sr["value"].(map[string]any); ok {
			skip = truthyOr(v["enabled"], false)
			if m, ok := v["maxSkippedRecords"].(float64); ok {
				maxSkipped = m
			}
		}
	}
	res := parseCSV(text, csvOptions{
		Delimiter: o.str("delimiter", ","), FromLine: from, To: maxRows,
		Columns: header, RelaxQuotes: o.boolean("relaxQuotes", false), SkipErrors: skip,
	})
	if failOnError && res.Err != nil {
		return nil, res.Err
	}
	if skip && maxSkipped > 0 && float64(res.Skipped) > maxSkipped {
		return nil, fmt.Errorf("Max number of skipped records exceeded")
	}
	// n8n writes the whole buffer and ends the parser without waiting for
	// errors: the records before a parse error are returned, the error is
	// dropped.
	includeEmpty := o.boolean("includeEmptyCells", false)
	rows := make([]any, 0, len(res.Records))
	for _, rec := range res.Records {
		if !header {
			if includeEmpty {
				arr := make([]any, len(rec))
				for j, v := range rec {
					arr[j] = v
				}
				rows = append(rows, arr)
				continue
			}
			// Object.fromEntries(Object.entries(array)) makes an object.
			m := map[string]any{}
			var keys []string
			for j, v := range rec {
				if v != "" {
					k := strconv.Itoa(j)
					m[k] = v
					keys = append(keys, k)
				}
			}
			nodes.SetKeyOrder(m, keys)
			rows = append(rows, m)
			continue
		}
		m := map[string]any{}
		var keys []string
		for j, h := range res.Header {
			if rec[j] == "" && !includeEmpty {
				continue
			}
			if _, dup := m[h]; !dup {
				keys = append(keys, h)
			}
			m[h] = rec[j]
		}
		nodes.SetKeyOrder(m, keys)
		rows = append(rows, m)
	}
	return rows, nil
}
