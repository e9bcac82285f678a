package files

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/noderun/noderun/nodes"
)

// htmlPlaceholder is the HTML node's default template.
const htmlPlaceholder = `<!DOCTYPE html>

<html>
<head>
  <meta charset="UTF-8" />
  <title>My HTML document</title>
</head>
<body>
  <div class="container">
    <h1>This is an H1 heading</h1>
    <h2>This is an H2 heading</h2>
    <p>This is a paragraph</p>
  </div>
</body>
</html>

<style>
.container {
  background-color: #ffffff;
  text-align: center;
  padding: 16px;
  border-radius: 8px;
}

h1 {
  color: #ff6d5a;
  font-size: 24px;
  font-weight: bold;
  padding: 8px;
}

h2 {
  color: #909399;
  font-size: 18px;
  font-weight: bold;
  padding: 8px;
}
</style>

<script>
console.log("Hello World!");
</script>`

func extractionValues(def any) *nodes.Property {
	ret := options("Return Value", "returnValue", "text", "Attribute", "attribute", "HTML", "html", "Text", "text", "Value", "value")
	attr := show(prop("Attribute", "attribute", nodes.TypeString, ""), "returnValue", vals("attribute"))
	skip := show(prop("Skip Selectors", "skipSelectors", nodes.TypeString, ""),
		"returnValue", vals("text"), "@version", vals(map[string]any{"_cnd": map[string]any{"gt": 1.1}}))
	p := prop("Extraction Values", "extractionValues", nodes.TypeFixedCollection, def)
	p.Placeholder = "Add Value"
	p.TypeOptions = map[string]any{"multipleValues": true}
	p.Options = []*nodes.Property{{Name: "values", DisplayName: "Values", Values: []*nodes.Property{
		prop("Key", "key", nodes.TypeString, ""),
		prop("CSS Selector", "cssSelector", nodes.TypeString, ""),
		ret, attr, skip,
		prop("Return Array", "returnArray", nodes.TypeBoolean, false),
	}}}
	return p
}

func htmlType() *nodes.Type {
	d := baseDescription("HTML", "html", "transform", 1, 1.1, 1.2)
	d.Description = "Work with HTML"
	d.Subtitle = `={{ $parameter["operation"] }}`
	tpl := noExpr(prop("HTML Template", "html", nodes.TypeString, htmlPlaceholder))
	tpl.TypeOptions = map[string]any{"editor": "htmlEditor"}
	extractOpts := collection("Options", "options",
		prop("Trim Values", "trimValues", nodes.TypeBoolean, true),
		prop("Clean Up Text", "cleanUpText", nodes.TypeBoolean, true))
	extractOpts.Placeholder = "Add Option"
	tableOpts := collection("Options", "options",
		prop("Capitalize Headers", "capitalize", nodes.TypeBoolean, false),
		prop("Custom Styling", "customStyling", nodes.TypeBoolean, false),
		prop("Caption", "caption", nodes.TypeString, ""),
		prop("Table Attributes", "tableAttributes", nodes.TypeString, ""),
		prop("Header Attributes", "headerAttributes", nodes.TypeString, ""),
		prop("Row Attributes", "rowAttributes", nodes.TypeString, ""),
		prop("Cell Attributes", "cellAttributes", nodes.TypeString, ""))
	tableOpts.Placeholder = "Add Option"
	ex := strs("extractHtmlContent")
	d.Properties = []*nodes.Property{
		noExpr(options("Operation", "operation", "generateHtmlTemplate",
			"Generate HTML Template", "generateHtmlTemplate", "Extract HTML Content", "extractHtmlContent",
			"Convert to HTML Table", "convertToHtmlTable")),
		show(tpl, "operation", vals("generateHtmlTemplate")),
		show(prop("<b>Tips</b>: Type ctrl+space for completions. Use <code>{{ }}</code> for expressions and <code>&lt;style&gt;</code> tags for CSS. JS in <code>&lt;script&gt;</code> tags is included but not executed in n8n.", "notice", nodes.TypeNotice, ""), "operation", vals("generateHtmlTemplate")),
		show(options("Source Data", "sourceData", "json", "Binary", "binary", "JSON", "json"), "operation", ex),
		show(required(prop("Input Binary Field", "dataPropertyName", nodes.TypeString, "data")), "operation", ex, "sourceData", vals("binary")),
		show(required(prop("JSON Property", "dataPropertyName", nodes.TypeString, "data")), "operation", ex, "sourceData", vals("json")),
		show(extractionValues(map[string]any{}), "operation", ex, "@version", vals(1.0)),
		show(extractionValues(map[string]any{"values": []any{map[string]any{"key": "", "cssSelector": "", "returnValue": "text", "returnArray": false}}}),
			"operation", ex, "@version", vals(map[string]any{"_cnd": map[string]any{"gt": 1.0}})),
		show(extractOpts, "operation", ex),
		show(tableOpts, "operation", vals("convertToHtmlTable")),
	}
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeHTML)}
}

func executeHTML(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	items := ctx.InputData(0)
	op, err := paramString(ctx, "operation", 0, "generateHtmlTemplate")
	if err != nil {
		return nil, err
	}
	switch op {
	case "convertToHtmlTable":
		if len(items) == 0 {
			return nodes.Outputs{{}}, nil
		}
		it, err := htmlTable(ctx, items)
		if err != nil {
			return nil, err
		}
		return nodes.Outputs{{it}}, nil
	case "generateHtmlTemplate":
		out, err := eachItem(ctx, items, func(i int, _ nodes.Item) ([]nodes.Item, error) {
			// The engine resolves the {{ }} parts of the template for the item.
			html, err := paramString(ctx, "html", i, "")
			if err != nil {
				return nil, err
			}
			// n8n evaluates each {{ }} part of the template on its own.
			for _, r := range resolvables.FindAllString(html, -1) {
				v, err := ctx.Evaluate("="+r, i, nil)
				if err != nil {
					return nil, nodes.NewOperationError(ctx.Node().Name, err.Error()).WithItem(i)
				}
				html = strings.Replace(html, r, jsString(v), 1)
			}
			return []nodes.Item{{JSON: map[string]any{"html": html}, PairedItem: paired(i)}}, nil
		})
		if err != nil {
			return nil, err
		}
		return nodes.Outputs{out}, nil
	case "extractHtmlContent":
		out, err := eachItem(ctx, items, func(i int, it nodes.Item) ([]nodes.Item, error) { return extractHTML(ctx, i, it) })
		if err != nil {
			return nil, err
		}
		return nodes.Outputs{out}, nil
	}
	return nodes.Outputs{{}}, nil
}

// capitalizeHeader turns "first_name" into "First Name" when asked.
func capitalizeHeader(h string, capitalize bool) string {
	if !capitalize {
		return h
	}
	var words []string
	for _, w := range strings.Split(h, "_") {
		if w == "" {
			continue
		}
		r := []rune(w)
		words = append(words, strings.ToUpper(string(r[0]))+string(r[1:]))
	}
	return strings.Join(words, " ")
}

// htmlTable implements convertToHtmlTable: one item holding every input
// item as a table row.
func htmlTable(ctx nodes.ExecuteContext, items []nodes.Item) (nodes.Item, error) {
	o, err := paramMap(ctx, "options", 0)
	if err != nil {
		return nodes.Item{}, err
	}
	tableStyle, headerStyle, cellStyle := "", "", ""
	if !o.boolean("customStyling", false) {
		tableStyle = "style='border-spacing:0; font-family:helvetica,arial,sans-serif'"
		headerStyle = "style='margin:0; padding:7px 20px 7px 0px; border-bottom:1px solid #eee; text-align:left; color:#888; font-weight:normal'"
		cellStyle = "style='margin:0; padding:7px 20px 7px 0px; border-bottom:1px solid #eee'"
	}
	var headers []string
	seen := map[string]bool{}
	for _, it := range items {
		if m := it.Object(); m != nil {
			for _, k := range nodes.Keys(m) {
				if !seen[k] {
					seen[k] = true
					headers = append(headers, k)
				}
			}
		}
	}
	var b strings.Builder
	b.WriteString("<table " + tableStyle + " " + o.str("tableAttributes", "") + ">")
	if c := o.str("caption", ""); c != "" {
		b.WriteString("<caption>" + c + "</caption>")
	}
	b.WriteString("<thead " + headerStyle + " " + o.str("headerAttributes", "") + ">")
	b.WriteString("<tr>")
	for _, h := range headers {
		b.WriteString("<th>" + capitalizeHeader(h, o.boolean("capitalize", false)) + "</th>")
	}
	b.WriteString("</tr></thead><tbody>")
	for i, it := range items {
		rowAttrs, err := paramString(ctx, "options.rowAttributes", i, "")
		if err != nil {
			return nodes.Item{}, err
		}
		cellAttrs, err := paramString(ctx, "options.cellAttributes", i, "")
		if err != nil {
			return nodes.Item{}, err
		}
		b.WriteString("<tr  " + rowAttrs + ">")
		m := it.Object()
		for _, h := range headers {
			b.WriteString("<td " + cellStyle + " " + cellAttrs + ">")
			v, ok := m[h]
			switch t := v.(type) {
			case bool:
				checked := ""
				if t {
					checked = `checked="checked"`
				}
				b.WriteString(`<input type="checkbox" ` + checked + `/>`)
			default:
				if !ok {
					b.WriteString("undefined")
				} else {
					b.WriteString(jsString(v))
				}
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table>")
	return nodes.Item{JSON: map[string]any{"table": b.String()}, PairedItem: pairedAll(len(items))}, nil
}

var (
	resolvables = regexp.MustCompile(`{{[\s\S]*?}}`)
	lineBreaks  = regexp.MustCompile(`\r\n|\n|\r`)
	spaces      = regexp.MustCompile(`\s+`)
)

// extractHTML implements extractHtmlContent for one item.
func extractHTML(ctx nodes.ExecuteContext, i int, item nodes.Item) ([]nodes.Item, error) {
	name := ctx.Node().Name
	version := ctx.Node().TypeVersion
	prop, err := paramString(ctx, "dataPropertyName", i, "data")
	if err != nil {
		return nil, err
	}
	ev, err := param(ctx, "extractionValues", i, map[string]any{})
	if err != nil {
		return nil, err
	}
	o, err := paramMap(ctx, "options", i)
	if err != nil {
		return nil, err
	}
	source, err := paramString(ctx, "sourceData", i, "json")
	if err != nil {
		return nil, err
	}
	var docs []string
	if source == "json" {
		var v any
		var ok bool
		if version == 1 {
			v, ok = item.Object()[prop]
		} else {
			v, ok = getPath(item.JSON, prop)
		}
		if !ok {
			return nil, nodes.NewOperationErrorf(name, "No property named \"%s\" exists!", prop).WithItem(i)
		}
		if arr, isArr := v.([]any); isArr {
			for _, x := range arr {
				docs = append(docs, jsString(x))
			}
		} else {
			docs = []string{jsString(v)}
		}
	} else {
		data, _, err := nodes.BinaryBytes(name, item, i, prop)
		if err != nil {
			return nil, err
		}
		docs = []string{toValidUTF8(data)}
	}
	var values []map[string]any
	if m, ok := ev.(map[string]any); ok {
		if list, ok := m["values"].([]any); ok {
			for _, x := range list {
				if vm, ok := x.(map[string]any); ok {
					values = append(values, vm)
				}
			}
		}
	}
	var out []nodes.Item
	for _, html := range docs {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
		if err != nil {
			return nil, nodes.NewOperationError(name, err.Error()).WithItem(i)
		}
		j := map[string]any{}
		var keys []string
		for _, vd := range values {
			key := jsString(orEmpty(vd["key"]))
			sel := jsString(orEmpty(vd["cssSelector"]))
			found := selectAll(doc, sel)
			var value any
			if truthyOr(vd["returnArray"], false) {
				arr := []any{}
				found.Each(func(_ int, s *goquery.Selection) {
					arr = append(arr, htmlValue(s, vd, o, version))
				})
				value = arr
			} else {
				value = htmlValue(found, vd, o, version)
				if value == nil {
					// undefined: the key is dropped from the item
					delete(j, key)
					continue
				}
			}
			if _, dup := j[key]; !dup {
				keys = append(keys, key)
			}
			j[key] = value
		}
		nodes.SetKeyOrder(j, keys)
		out = append(out, nodes.Item{JSON: j, PairedItem: paired(i)})
	}
	return out, nil
}

// selectAll runs a CSS selector, matching nothing when it is invalid or
// empty (cheerio returns an empty selection for "").
func selectAll(doc *goquery.Document, sel string) (s *goquery.Selection) {
	if strings.TrimSpace(sel) == "" {
		return doc.Find("__noderun_none__")
	}
	defer func() {
		if recover() != nil {
			s = doc.Find("__noderun_none__")
		}
	}()
	return doc.Find(sel)
}

func orEmpty(v any) any {
	if v == nil {
		return ""
	}
	return v
}

// htmlValue is the HTML node's getValue: the extracted value with the
// trim and clean-up options applied. nil stands for undefined.
func htmlValue(s *goquery.Selection, vd map[string]any, o opts, version float64) any {
	var value string
	switch jsString(orEmpty(vd["returnValue"])) {
	case "attribute":
		v, ok := s.Attr(jsString(orEmpty(vd["attribute"])))
		if !ok {
			return nil
		}
		value = v
	case "html":
		if s.Length() == 0 {
			return nil
		}
		h, _ := s.First().Html()
		if h == "" {
			return nil
		}
		value = h
	case "value":
		v, ok := formValue(s)
		if !ok {
			return nil
		}
		value = v
	default:
		if version <= 1.1 {
			value = s.Text()
			if value == "" {
				return nil
			}
		} else {
			h := ""
			if s.Length() > 0 {
				h, _ = s.First().Html()
			}
			value = htmlToText(h, jsString(orEmpty(vd["skipSelectors"])))
		}
	}
	// n8n tests the options for truthiness: unset means off.
	trim, clean := o.boolean("trimValues", false), o.boolean("cleanUpText", false)
	if trim {
		value = strings.TrimSpace(value)
	}
	if clean {
		value = strings.TrimSpace(value)
		value = lineBreaks.ReplaceAllString(value, "")
		value = spaces.ReplaceAllString(value, " ")
	}
	return value
}

// formValue is cheerio's .val() for the first element.
func formValue(s *goquery.Selection) (string, bool) {
	if s.Length() == 0 {
		return "", false
	}
	el := s.First()
	switch goquery.NodeName(el) {
	case "select":
		opt := el.Find("option[selected]").First()
		if opt.Length() == 0 {
			opt = el.Find("option").First()
		}
		if opt.Length() == 0 {
			return "", false
		}
		if v, ok := opt.Attr("value"); ok {
			return v, true
		}
		return opt.Text(), true
	case "textarea":
		return el.Text(), true
	case "option":
		if v, ok := el.Attr("value"); ok {
			return v, true
		}
		return el.Text(), true
	}
	return el.Attr("value")
}
