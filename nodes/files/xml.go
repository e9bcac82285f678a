package files

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"encoding/xml"

	"github.com/noderun/noderun/nodes"
)

func xmlType() *nodes.Type {
	d := baseDescription("XML", "xml", "transform", 1)
	d.Description = "Convert data from and to XML"
	d.Subtitle = `={{$parameter["mode"]==="jsonToxml" ? "JSON to XML" : "XML to JSON"}}`
	toXML := collection("Options", "options",
		prop("Allow Surrogate Chars", "allowSurrogateChars", nodes.TypeBoolean, false),
		prop("Attribute Key", "attrkey", nodes.TypeString, "$"),
		prop("Cdata", "cdata", nodes.TypeBoolean, false),
		prop("Character Key", "charkey", nodes.TypeString, "_"),
		prop("Headless", "headless", nodes.TypeBoolean, false),
		prop("Root Name", "rootName", nodes.TypeString, "root"))
	toXML.Placeholder = "Add Option"
	toJSON := collection("Options", "options",
		prop("Attribute Key", "attrkey", nodes.TypeString, "$"),
		prop("Character Key", "charkey", nodes.TypeString, "_"),
		prop("Explicit Array", "explicitArray", nodes.TypeBoolean, false),
		prop("Explicit Root", "explicitRoot", nodes.TypeBoolean, true),
		prop("Ignore Attributes", "ignoreAttrs", nodes.TypeBoolean, false),
		prop("Merge Attributes", "mergeAttrs", nodes.TypeBoolean, true),
		prop("Normalize", "normalize", nodes.TypeBoolean, false),
		prop("Normalize Tags", "normalizeTags", nodes.TypeBoolean, false),
		prop("Trim", "trim", nodes.TypeBoolean, false))
	toJSON.Placeholder = "Add Option"
	d.Properties = []*nodes.Property{
		options("Mode", "mode", "xmlToJson", "JSON to XML", "jsonToxml", "XML to JSON", "xmlToJson"),
		show(required(prop("Property Name", "dataPropertyName", nodes.TypeString, "data")), "mode", vals("jsonToxml")),
		show(toXML, "mode", vals("jsonToxml")),
		show(prop("If your XML is inside a binary file, use the 'Extract from File' node to convert it to text first", "xmlNotice", nodes.TypeNotice, ""), "mode", vals("xmlToJson")),
		show(required(prop("Property Name", "dataPropertyName", nodes.TypeString, "data")), "mode", vals("xmlToJson")),
		show(toJSON, "mode", vals("xmlToJson")),
	}
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeXML)}
}

func executeXML(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	name := ctx.Node().Name
	items := ctx.InputData(0)
	mode, err := paramString(ctx, "mode", 0, "xmlToJson")
	if err != nil {
		return nil, err
	}
	prop, err := paramString(ctx, "dataPropertyName", 0, "data")
	if err != nil {
		return nil, err
	}
	o, err := paramMap(ctx, "options", 0)
	if err != nil {
		return nil, err
	}
	out, err := eachItem(ctx, items, func(i int, item nodes.Item) ([]nodes.Item, error) {
		switch mode {
		case "xmlToJson":
			po := defaultXMLParseOptions()
			po.apply(o)
			v, ok := item.Object()[prop]
			if !ok {
				return nil, nodes.NewOperationErrorf(name, "Item has no JSON property called \"%s\"", prop).WithItem(i)
			}
			res, err := xmlToJSON(jsString(v), po)
			if err != nil {
				return nil, nodes.NewOperationError(name, err.Error()).WithItem(i)
			}
			return []nodes.Item{{JSON: res, PairedItem: paired(i)}}, nil
		case "jsonToxml":
			s := buildXML(item.JSON, xmlBuildOptions{
				rootName: o.str("rootName", "root"), attrkey: o.str("attrkey", "$"), charkey: o.str("charkey", "_"),
				headless: o.boolean("headless", false), cdata: o.boolean("cdata", false),
			})
			return []nodes.Item{{JSON: map[string]any{prop: s}, PairedItem: paired(i)}}, nil
		}
		return nil, nodes.NewOperationErrorf(name, "The operation \"%s\" is not known!", mode).WithItem(i)
	})
	if err != nil {
		return nil, err
	}
	return nodes.Outputs{out}, nil
}

// xmlParseOptions are the xml2js Parser options the XML node uses.
type xmlParseOptions struct {
	attrkey, charkey                                  string
	explicitArray, explicitRoot, ignoreAttrs          bool
	mergeAttrs, normalize, normalizeTags, trim, cdata bool
}

// defaultXMLParseOptions are xml2js's defaults with the XML node's
// overrides (mergeAttrs true, explicitArray false).
func defaultXMLParseOptions() xmlParseOptions {
	return xmlParseOptions{attrkey: "$", charkey: "_", explicitRoot: true, mergeAttrs: true}
}

func (p *xmlParseOptions) apply(o opts) {
	p.attrkey = o.str("attrkey", p.attrkey)
	p.charkey = o.str("charkey", p.charkey)
	p.explicitArray = o.boolean("explicitArray", p.explicitArray)
	p.explicitRoot = o.boolean("explicitRoot", p.explicitRoot)
	p.ignoreAttrs = o.boolean("ignoreAttrs", p.ignoreAttrs)
	p.mergeAttrs = o.boolean("mergeAttrs", p.mergeAttrs)
	p.normalize = o.boolean("normalize", p.normalize)
	p.normalizeTags = o.boolean("normalizeTags", p.normalizeTags)
	p.trim = o.boolean("trim", p.trim)
}

// xmlFrame is an element being parsed.
type xmlFrame struct {
	name  string
	obj   map[string]any
	keys  []string
	cdata bool
}

func (f *xmlFrame) set(k string, v any) {
	if _, ok := f.obj[k]; !ok {
		f.keys = append(f.keys, k)
	}
	f.obj[k] = v
}

func (f *xmlFrame) del(k string) {
	delete(f.obj, k)
	for i, x := range f.keys {
		if x == k {
			f.keys = append(f.keys[:i:i], f.keys[i+1:]...)
			break
		}
	}
}

// assignOrPush adds a child value as xml2js does.
func (f *xmlFrame) assignOrPush(k string, v any, explicitArray bool) {
	cur, ok := f.obj[k]
	switch {
	case !ok:
		if explicitArray {
			f.set(k, []any{v})
		} else {
			f.set(k, v)
		}
	case isArray(cur):
		f.obj[k] = append(cur.([]any), v)
	default:
		f.obj[k] = []any{cur, v}
	}
}

func isArray(v any) bool { _, ok := v.([]any); return ok }

var (
	blank      = regexp.MustCompile(`^\s*$`)
	multiSpace = regexp.MustCompile(`\s{2,}`)
)

// xmlToJSON parses XML into JSON the way xml2js's Parser does.
func xmlToJSON(src string, o xmlParseOptions) (any, error) {
	if strings.TrimSpace(src) == "" {
		return nil, nil
	}
	dec := xml.NewDecoder(strings.NewReader(src))
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	var stack []*xmlFrame
	var result any
	rootName := ""
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s", err.Error())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := qname(t.Name)
			if o.normalizeTags {
				name = strings.ToLower(name)
			}
			f := &xmlFrame{name: name, obj: map[string]any{}}
			f.set(o.charkey, "")
			if !o.ignoreAttrs {
				for _, a := range t.Attr {
					an := qname(a.Name)
					if o.mergeAttrs {
						f.assignOrPush(an, a.Value, o.explicitArray)
						continue
					}
					attrs, _ := f.obj[o.attrkey].(map[string]any)
					if attrs == nil {
						attrs = map[string]any{}
						f.set(o.attrkey, attrs)
					}
					order, _ := nodes.KeyOrder(attrs)
					attrs[an] = a.Value
					nodes.SetKeyOrder(attrs, append(append([]string(nil), order...), an))
				}
			}
			stack = append(stack, f)
		case xml.CharData:
			if len(stack) > 0 {
				f := stack[len(stack)-1]
				f.obj[o.charkey] = f.obj[o.charkey].(string) + string(t)
			} else if strings.TrimSpace(string(t)) != "" {
				return nil, fmt.Errorf("Non-whitespace before first tag.")
			}
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, fmt.Errorf("Unmatched closing tag: %s", qname(t.Name))
			}
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			var obj any
			text := f.obj[o.charkey].(string)
			emptyStr := ""
			if blank.MatchString(text) && !f.cdata {
				emptyStr = text
				f.del(o.charkey)
			} else {
				if o.trim {
					text = strings.TrimSpace(text)
				}
				if o.normalize {
					text = strings.TrimSpace(multiSpace.ReplaceAllString(text, " "))
				}
				f.obj[o.charkey] = text
			}
			nodes.SetKeyOrder(f.obj, f.keys)
			obj = f.obj
			if len(f.obj) == 1 {
				if v, ok := f.obj[o.charkey]; ok {
					obj = v
				}
			}
			if len(f.obj) == 0 {
				obj = emptyStr
			}
			if len(stack) == 0 {
				result = obj
				rootName = f.name
				continue
			}
			stack[len(stack)-1].assignOrPush(f.name, obj, o.explicitArray)
		}
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("Unclosed root tag")
	}
	if rootName == "" {
		return nil, nil
	}
	if o.explicitRoot {
		m := map[string]any{rootName: result}
		return m, nil
	}
	return result, nil
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// xmlBuildOptions are the xml2js Builder options the XML node passes.
type xmlBuildOptions struct {
	rootName, attrkey, charkey string
	headless, cdata            bool
}

// xmlElem is an element of the document being built.
type xmlElem struct {
	name     string
	attrs    [][2]string
	children []any // *xmlElem, xmlText or xmlRaw
}

type xmlText string
type xmlRaw string

func (e *xmlElem) ele(name string) *xmlElem {
	c := &xmlElem{name: name}
	e.children = append(e.children, c)
	return c
}

// buildXML renders a JSON value as XML the way xml2js's Builder does with
// its default pretty rendering.
func buildXML(v any, o xmlBuildOptions) string {
	rootName := o.rootName
	if rootName == "" {
		rootName = "root"
	}
	if m, ok := v.(map[string]any); ok && len(m) == 1 && rootName == "root" {
		for k, x := range m {
			rootName, v = k, x
		}
	}
	root := &xmlElem{name: rootName}
	renderXML(root, v, o)
	var b strings.Builder
	if !o.headless {
		b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	}
	writeElem(&b, root, 0)
	return strings.TrimSuffix(b.String(), "\n")
}

var cdataNeeded = regexp.MustCompile(`[<>&]`)

func textNode(e *xmlElem, s string, o xmlBuildOptions) {
	if s == "" {
		return // xmlbuilder writes <x/> for an empty text
	}
	if o.cdata && cdataNeeded.MatchString(s) {
		e.children = append(e.children, xmlRaw("<![CDATA["+strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>")+"]]>"))
		return
	}
	e.children = append(e.children, xmlText(s))
}

func renderXML(e *xmlElem, v any, o xmlBuildOptions) {
	switch t := v.(type) {
	case map[string]any:
		for _, k := range nodes.Keys(t) {
			child := t[k]
			switch {
			case k == o.attrkey:
				if am, ok := child.(map[string]any); ok {
					for _, ak := range nodes.Keys(am) {
						e.attrs = append(e.attrs, [2]string{ak, jsString(am[ak])})
					}
				}
			case k == o.charkey:
				textNode(e, jsString(child), o)
			default:
				switch c := child.(type) {
				case []any:
					for _, entry := range c {
						if s, ok := entry.(string); ok {
							textNode(e.ele(k), s, o)
							continue
						}
						renderXML(e.ele(k), entry, o)
					}
				case map[string]any, nil:
					renderXML(e.ele(k), c, o)
				default:
					textNode(e.ele(k), jsString(c), o)
				}
			}
		}
	case []any:
		for _, child := range t {
			if m, ok := child.(map[string]any); ok {
				for _, k := range nodes.Keys(m) {
					renderXML(e.ele(k), m[k], o)
				}
			}
		}
	case nil:
	default:
		textNode(e, jsString(t), o)
	}
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;", "\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;")
)

// writeElem writes an element as xmlbuilder's pretty writer does.
func writeElem(b *strings.Builder, e *xmlElem, depth int) {
	ind := strings.Repeat("  ", depth)
	b.WriteString(ind + "<" + e.name)
	for _, a := range e.attrs {
		b.WriteString(" " + a[0] + `="` + attrEscaper.Replace(a[1]) + `"`)
	}
	if len(e.children) == 0 {
		b.WriteString("/>\n")
		return
	}
	if len(e.children) == 1 {
		switch c := e.children[0].(type) {
		case xmlText:
			b.WriteString(">" + textEscaper.Replace(string(c)) + "</" + e.name + ">\n")
			return
		case xmlRaw:
			b.WriteString(">" + string(c) + "</" + e.name + ">\n")
			return
		}
	}
	b.WriteString(">\n")
	for _, c := range e.children {
		switch t := c.(type) {
		case *xmlElem:
			writeElem(b, t, depth+1)
		case xmlText:
			b.WriteString(ind + "  " + textEscaper.Replace(string(t)) + "\n")
		case xmlRaw:
			b.WriteString(ind + "  " + string(t) + "\n")
		}
	}
	b.WriteString(ind + "</" + e.name + ">\n")
}
