package files

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/noderun/noderun/nodes"
)

func convertToFileType() *nodes.Type {
	d := baseDescription("Convert to File", "convertToFile", "input", 1, 1.1)
	d.Description = "Convert JSON data to binary data"
	op := noExpr(options("Operation", "operation", "csv",
		"Convert to CSV", "csv", "Convert to HTML", "html", "Convert to ICS", "iCal",
		"Convert to JSON", "toJson", "Convert to ODS", "ods", "Convert to RTF", "rtf",
		"Convert to Text File", "toText", "Convert to XLS", "xls", "Convert to XLSX", "xlsx",
		"Move Base64 String to File", "toBinary"))
	d.Properties = []*nodes.Property{op}
	d.Properties = append(d.Properties, spreadsheetWriteProperties()...)
	d.Properties = append(d.Properties, toBinaryProperties()...)
	d.Properties = append(d.Properties, toTextProperties()...)
	d.Properties = append(d.Properties, toJSONProperties()...)
	d.Properties = append(d.Properties, iCalProperties()...)
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeConvert)}
}

func outputFileField(ops ...string) *nodes.Property {
	p := required(prop("Put Output File in Field", "binaryPropertyName", nodes.TypeString, "data"))
	p.Hint = "The name of the output binary field to put the file in"
	return show(p, "operation", strs(ops...))
}

func spreadsheetWriteProperties() []*nodes.Property {
	o := collection("Options", "options",
		show(prop("Compression", "compression", nodes.TypeBoolean, false), "/operation", vals("xlsx", "ods")),
		show(prop("Delimiter", "delimiter", nodes.TypeString, ","), "/operation", vals("csv")),
		prop("File Name", "fileName", nodes.TypeString, ""),
		prop("Header Row", "headerRow", nodes.TypeBoolean, true),
		show(prop("Sheet Name", "sheetName", nodes.TypeString, "Sheet"), "/operation", vals("ods", "xls", "xlsx")),
	)
	o.Placeholder = "Add option"
	return []*nodes.Property{outputFileField(spreadsheetOps...), show(o, "operation", strs(spreadsheetOps...))}
}

func encodingProp(def string) *nodes.Property {
	p := prop("Encoding", "encoding", nodes.TypeOptions, def)
	p.Options = encodingOptions()
	return p
}

func addBOMProp() *nodes.Property {
	return show(prop("Add Byte Order Mark (BOM)", "addBOM", nodes.TypeBoolean, false), "encoding", vals("utf8", "cesu8", "ucs2"))
}

func toBinaryProperties() []*nodes.Property {
	src := required(prop("Base64 Input Field", "sourceProperty", nodes.TypeString, ""))
	isB64 := show(prop("Data Is Base64", "dataIsBase64", nodes.TypeBoolean, true), "@version", vals(1.0))
	enc := hide(encodingProp("utf8"), "dataIsBase64", vals(true), "@version", vals(map[string]any{"_cnd": map[string]any{"gt": 1.0}}))
	o := collection("Options", "options", addBOMProp(), isB64, enc,
		prop("File Name", "fileName", nodes.TypeString, ""), prop("MIME Type", "mimeType", nodes.TypeString, ""))
	o.Placeholder = "Add option"
	return []*nodes.Property{show(src, "operation", vals("toBinary")), outputFileField("toBinary"), show(o, "operation", vals("toBinary"))}
}

func toTextProperties() []*nodes.Property {
	src := required(prop("Text Input Field", "sourceProperty", nodes.TypeString, ""))
	o := collection("Options", "options", addBOMProp(), encodingProp("utf8"), prop("File Name", "fileName", nodes.TypeString, ""))
	o.Placeholder = "Add option"
	return []*nodes.Property{show(src, "operation", vals("toText")), outputFileField("toText"), show(o, "operation", vals("toText"))}
}

func toJSONProperties() []*nodes.Property {
	mode := noExpr(options("Mode", "mode", "once", "All Items to One File", "once", "Each Item to Separate File", "each"))
	o := collection("Options", "options", addBOMProp(), prop("Format", "format", nodes.TypeBoolean, false),
		encodingProp("utf8"), prop("File Name", "fileName", nodes.TypeString, ""))
	o.Placeholder = "Add option"
	return []*nodes.Property{show(mode, "operation", vals("toJson")), outputFileField("toJson"), show(o, "operation", vals("toJson"))}
}

func iCalProperties() []*nodes.Property {
	return []*nodes.Property{
		show(prop("Event Title", "title", nodes.TypeString, ""), "operation", vals("iCal")),
		show(required(prop("Start", "start", nodes.TypeDateTime, "")), "operation", vals("iCal")),
		show(required(prop("End", "end", nodes.TypeDateTime, "")), "operation", vals("iCal")),
		show(prop("All Day", "allDay", nodes.TypeBoolean, false), "operation", vals("iCal")),
		outputFileField("iCal"),
		show(collection("Additional Fields", "additionalFields"), "operation", vals("iCal")),
	}
}

func executeConvert(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	items := ctx.InputData(0)
	op, err := paramString(ctx, "operation", 0, "csv")
	if err != nil {
		return nil, err
	}
	var out []nodes.Item
	switch {
	case contains(spreadsheetOps, op):
		out, err = convertSpreadsheet(ctx, items, op)
	case op == "toJson":
		out, err = convertToJSON(ctx, items)
	case op == "toBinary" || op == "toText":
		out, err = convertField(ctx, items, op)
	case op == "iCal":
		out, err = unsupported(ctx, items, "Convert to ICS")
	default:
		return nil, nodes.NewOperationErrorf(ctx.Node().Name, "The operation %q is not known", op)
	}
	if err != nil {
		return nil, err
	}
	return nodes.Outputs{out}, nil
}

// convertSpreadsheet writes all items into one spreadsheet file.
func convertSpreadsheet(ctx nodes.ExecuteContext, items []nodes.Item, format string) ([]nodes.Item, error) {
	name := ctx.Node().Name
	pi := pairedAll(len(items))
	item, err := func() (nodes.Item, error) {
		o, err := paramMap(ctx, "options", 0)
		if err != nil {
			return nodes.Item{}, err
		}
		prop, err := paramString(ctx, "binaryPropertyName", 0, "data")
		if err != nil {
			return nodes.Item{}, err
		}
		cols, rows := flattenRows(items)
		withHeader := o.boolean("headerRow", true)
		var data []byte
		switch format {
		case "csv":
			delim := o.str("delimiter", "")
			if delim == "" {
				delim = ","
			}
			data = []byte(sheetToCSV(cols, rows, delim, withHeader))
		case "html":
			data = []byte(sheetToHTML(cols, rows, withHeader))
		case "xlsx":
			data, err = sheetToXLSX(cols, rows, o.str("sheetName", ""), withHeader)
			if err != nil {
				return nodes.Item{}, err
			}
		default:
			return nodes.Item{}, fmt.Errorf("Convert to %s is not supported by noderun", strings.ToUpper(format))
		}
		fileName := "File." + format
		if o.has("fileName") {
			fileName = o.str("fileName", "")
		}
		bd, err := nodes.PrepareBinaryData(data, fileName, "")
		if err != nil {
			return nodes.Item{}, err
		}
		return nodes.Item{JSON: map[string]any{}, Binary: map[string]*nodes.BinaryData{prop: bd}, PairedItem: pi}, nil
	}()
	if err != nil {
		if ctx.ContinueOnFail() {
			return []nodes.Item{{JSON: map[string]any{"error": errorMessage(err)}, PairedItem: pi}}, nil
		}
		if ne, ok := err.(*nodes.NodeError); ok {
			return nil, ne
		}
		return nil, nodes.NewOperationError(name, err.Error())
	}
	return []nodes.Item{item}, nil
}

// jsonToBinary is n8n's createBinaryFromJson.
type jsonToBinary struct {
	sourceKey, fileName, encoding, mimeType string
	addBOM, dataIsBase64, format            bool
	itemIndex                               int
}

var (
	dataURI     = regexp.MustCompile(`(?s)^data:(.*?);base64,(.*)$`)
	base64Chars = regexp.MustCompile(`^[A-Za-z0-9+/=_-]+$`)
	whitespace  = regexp.MustCompile(`\s+`)
)

func createBinaryFromJSON(node string, data any, o jsonToBinary) (*nodes.BinaryData, error) {
	value := data
	if o.sourceKey != "" {
		v, ok := getPath(data, o.sourceKey)
		if !ok {
			return nil, nodes.NewOperationErrorf(node, "The value in \"%s\" is not set", o.sourceKey).WithItem(o.itemIndex)
		}
		value = v
	}
	var buf []byte
	if !o.dataIsBase64 {
		var text string
		switch v := value.(type) {
		case map[string]any, []any:
			o.mimeType = "application/json"
			b, err := nodes.MarshalJSON(v)
			if err != nil {
				return nil, err
			}
			if o.format {
				var ind bytes.Buffer
				if err := json.Indent(&ind, b, "", "  "); err != nil {
					return nil, err
				}
				b = ind.Bytes()
			}
			text = string(b)
		case nil:
			o.mimeType = "application/json"
			text = "null"
		default:
			text = jsString(v)
		}
		enc := o.encoding
		if enc == "" {
			enc = "utf8"
		}
		b, err := encodeText(text, enc, o.addBOM)
		if err != nil {
			return nil, nodes.NewOperationError(node, err.Error()).WithItem(o.itemIndex)
		}
		buf = b
	} else {
		s := ""
		if value != nil {
			s = jsString(value)
		}
		if m := dataURI.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
			media := strings.TrimSpace(strings.Split(m[1], ";")[0])
			if o.mimeType == "" && media != "" {
				o.mimeType = media
			}
			s = m[2]
		}
		cleaned := whitespace.ReplaceAllString(s, "")
		if cleaned != "" && !base64Chars.MatchString(cleaned) {
			return nil, nodes.NewOperationError(node, `The provided string is not valid base64 data. If you are trying to write plain text to a file, use the "Convert to Text File" operation instead.`).WithItem(o.itemIndex)
		}
		buf = nodes.DecodeBase64(s)
	}
	bd, err := nodes.PrepareBinaryData(buf, o.fileName, o.mimeType)
	if err != nil {
		return nil, err
	}
	if bd.FileName == "" {
		ext := ""
		if bd.FileExtension != "" {
			ext = "." + bd.FileExtension
		}
		bd.FileName = "file" + ext
	}
	return bd, nil
}

// convertToJSON implements toJson in "once" and "each" modes.
func convertToJSON(ctx nodes.ExecuteContext, items []nodes.Item) ([]nodes.Item, error) {
	name := ctx.Node().Name
	mode, err := paramString(ctx, "mode", 0, "once")
	if err != nil {
		return nil, err
	}
	build := func(i int, data any) (nodes.Item, error) {
		o, err := paramMap(ctx, "options", i)
		if err != nil {
			return nodes.Item{}, err
		}
		prop, err := paramString(ctx, "binaryPropertyName", i, "data")
		if err != nil {
			return nodes.Item{}, err
		}
		bd, err := createBinaryFromJSON(name, data, jsonToBinary{
			fileName: o.str("fileName", ""), mimeType: "application/json", encoding: o.str("encoding", ""),
			addBOM: o.boolean("addBOM", false), format: o.boolean("format", false), itemIndex: i,
		})
		if err != nil {
			return nodes.Item{}, err
		}
		return nodes.Item{JSON: map[string]any{}, Binary: map[string]*nodes.BinaryData{prop: bd}}, nil
	}
	if mode == "once" {
		all := make([]any, len(items))
		for i, it := range items {
			all[i] = it.JSON
		}
		it, err := build(0, all)
		if err != nil {
			// n8n throws here even with continueOnFail.
			return nil, asItemError(ctx, 0, err)
		}
		it.PairedItem = pairedAll(len(items))
		return []nodes.Item{it}, nil
	}
	return eachItem(ctx, items, func(i int, item nodes.Item) ([]nodes.Item, error) {
		it, err := build(i, item.JSON)
		if err != nil {
			return nil, err
		}
		it.PairedItem = paired(i)
		return []nodes.Item{it}, nil
	})
}

// convertField implements toBinary and toText: one file per item from a
// JSON field.
func convertField(ctx nodes.ExecuteContext, items []nodes.Item, op string) ([]nodes.Item, error) {
	name := ctx.Node().Name
	version := ctx.Node().TypeVersion
	return eachItem(ctx, items, func(i int, item nodes.Item) ([]nodes.Item, error) {
		o, err := paramMap(ctx, "options", i)
		if err != nil {
			return nil, err
		}
		prop, err := paramString(ctx, "binaryPropertyName", i, "data")
		if err != nil {
			return nil, err
		}
		src, err := paramString(ctx, "sourceProperty", i, "")
		if err != nil {
			return nil, err
		}
		jb := jsonToBinary{sourceKey: src, fileName: o.str("fileName", ""), encoding: o.str("encoding", ""),
			addBOM: o.boolean("addBOM", false), itemIndex: i}
		if op == "toText" {
			if jb.fileName == "" {
				jb.fileName = "file.txt"
			}
			jb.mimeType = "text/plain"
		} else {
			jb.mimeType = o.str("mimeType", "")
			jb.dataIsBase64 = true
			if version == 1 {
				jb.dataIsBase64 = o.boolean("dataIsBase64", true)
			}
		}
		bd, err := createBinaryFromJSON(name, item.JSON, jb)
		if err != nil {
			return nil, err
		}
		return []nodes.Item{{JSON: map[string]any{}, Binary: map[string]*nodes.BinaryData{prop: bd}, PairedItem: paired(i)}}, nil
	})
}
