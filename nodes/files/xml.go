package files

import (
	"github.com/noderun/noderun/internal/xmljs"
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

// forbiddenXMLKeys are the attribute and character keys the XML node
// refuses (they would pollute JavaScript prototypes in n8n).
var forbiddenXMLKeys = []string{"__proto__", "constructor", "prototype"}

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
	if o.has("attrkey") && contains(forbiddenXMLKeys, o.str("attrkey", "")) {
		return nil, nodes.NewOperationErrorf(name, "The \"Attribute Key\" option value \"%s\" is not allowed", o.str("attrkey", ""))
	}
	if o.has("charkey") && contains(forbiddenXMLKeys, o.str("charkey", "")) {
		return nil, nodes.NewOperationErrorf(name, "The \"Character Key\" option value \"%s\" is not allowed", o.str("charkey", ""))
	}
	if mode == "xmlToJson" {
		out, err := xmlToJSONItems(ctx, items, prop, xmlParseOptions(o))
		if err != nil {
			return nil, err
		}
		return nodes.Outputs{out}, nil
	}
	out, err := eachItem(ctx, items, func(i int, item nodes.Item) ([]nodes.Item, error) {
		switch mode {
		case "jsonToxml":
			s := xmljs.Build(item.JSON, xmljs.BuildOptions{
				RootName: o.str("rootName", "root"), AttrKey: o.str("attrkey", "$"), CharKey: o.str("charkey", "_"),
				Headless: o.boolean("headless", false), CData: o.boolean("cdata", false),
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

// xmlToJSONItems is the XML node's xmlToJson mode. As in n8n, converted
// items carry no pairedItem (the engine assigns it). With continue on
// fail a failed item becomes an {error} item paired with its input:
// n8n 2.41 writes the error over the input item and leaves it out of the
// output, but noderun never drops an item silently.
func xmlToJSONItems(ctx nodes.ExecuteContext, items []nodes.Item, prop string, po xmljs.ParseOptions) ([]nodes.Item, error) {
	name := ctx.Node().Name
	out := []nodes.Item{}
	for i, item := range items {
		v, ok := item.Object()[prop]
		var err error
		if ok {
			var res any
			if res, err = xmljs.Parse(jsString(v), po); err == nil {
				out = append(out, nodes.Item{JSON: res})
				continue
			}
			err = nodes.NewOperationError(name, err.Error()).WithItem(i)
		} else {
			err = nodes.NewOperationErrorf(name, "Item has no JSON property called \"%s\"", prop).WithItem(i)
		}
		failed, err := itemFailure(ctx, i, err)
		if err != nil {
			return nil, err
		}
		out = append(out, failed)
	}
	return out, nil
}

// xmlParseOptions are the xml2js Parser options of the XML node: xml2js's
// defaults, the node's own (mergeAttrs, no explicitArray), the user's
// options, and n8n's name sanitizing.
func xmlParseOptions(o opts) xmljs.ParseOptions {
	p := xmljs.DefaultParseOptions()
	p.MergeAttrs, p.ExplicitArray = true, false
	p.AttrKey = o.str("attrkey", p.AttrKey)
	p.CharKey = o.str("charkey", p.CharKey)
	p.ExplicitArray = o.boolean("explicitArray", p.ExplicitArray)
	p.ExplicitRoot = o.boolean("explicitRoot", p.ExplicitRoot)
	p.IgnoreAttrs = o.boolean("ignoreAttrs", p.IgnoreAttrs)
	p.MergeAttrs = o.boolean("mergeAttrs", p.MergeAttrs)
	p.Normalize = o.boolean("normalize", p.Normalize)
	p.NormalizeTags = o.boolean("normalizeTags", p.NormalizeTags)
	p.Trim = o.boolean("trim", p.Trim)
	p.SanitizeNames = true
	return p
}
