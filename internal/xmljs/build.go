package xmljs

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// elem is an element of the document being built.
type elem struct {
	name     string
	attrs    [][2]string
	children []any // *elem, textNode or rawNode
}

type textNode string
type rawNode string

func (e *elem) ele(name string) *elem {
	c := &elem{name: name}
	e.children = append(e.children, c)
	return c
}

// Build renders a JSON value as XML the way xml2js's Builder.buildObject
// does with options o and its default pretty rendering (two-space indent,
// "\n" newlines, no trailing newline). Scalars are written as
// JavaScript's String() would.
func Build(v any, o BuildOptions) string {
	rootName := o.RootName
	if rootName == "" {
		rootName = "root"
	}
	if m, ok := v.(map[string]any); ok && len(m) == 1 && rootName == "root" {
		for k, x := range m {
			rootName, v = k, x
		}
	}
	root := &elem{name: rootName}
	render(root, v, o)
	var b strings.Builder
	if !o.Headless {
		b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	}
	write(&b, root, 0)
	return strings.TrimSuffix(b.String(), "\n")
}

// str is String(v) (objects as fmt prints them, as the XML node did).
func str(v any) string { return jsvalue.StringWith(v, func(x any) string { return fmt.Sprint(x) }) }

var cdataNeeded = regexp.MustCompile(`[<>&]`)

func addText(e *elem, s string, o BuildOptions) {
	if s == "" {
		return // xmlbuilder writes <x/> for an empty text
	}
	if o.CData && cdataNeeded.MatchString(s) {
		e.children = append(e.children, rawNode("<![CDATA["+strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>")+"]]>"))
		return
	}
	e.children = append(e.children, textNode(s))
}

func render(e *elem, v any, o BuildOptions) {
	switch t := v.(type) {
	case map[string]any:
		for _, k := range nodes.Keys(t) {
			child := t[k]
			switch {
			case k == o.AttrKey:
				if am, ok := child.(map[string]any); ok {
					for _, ak := range nodes.Keys(am) {
						e.attrs = append(e.attrs, [2]string{ak, str(am[ak])})
					}
				}
			case k == o.CharKey:
				addText(e, str(child), o)
			default:
				switch c := child.(type) {
				case []any:
					for _, entry := range c {
						if s, ok := entry.(string); ok {
							addText(e.ele(k), s, o)
							continue
						}
						render(e.ele(k), entry, o)
					}
				case map[string]any, nil:
					render(e.ele(k), c, o)
				default:
					addText(e.ele(k), str(c), o)
				}
			}
		}
	case []any:
		for _, child := range t {
			if m, ok := child.(map[string]any); ok {
				for _, k := range nodes.Keys(m) {
					render(e.ele(k), m[k], o)
				}
			}
		}
	case nil:
	default:
		addText(e, str(t), o)
	}
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;", "\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;")
)

// write writes an element as xmlbuilder's pretty writer does.
func write(b *strings.Builder, e *elem, depth int) {
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
		case textNode:
			b.WriteString(">" + textEscaper.Replace(string(c)) + "</" + e.name + ">\n")
			return
		case rawNode:
			b.WriteString(">" + string(c) + "</" + e.name + ">\n")
			return
		}
	}
	b.WriteString(">\n")
	for _, c := range e.children {
		switch t := c.(type) {
		case *elem:
			write(b, t, depth+1)
		case textNode:
			b.WriteString(ind + "  " + textEscaper.Replace(string(t)) + "\n")
		case rawNode:
			b.WriteString(ind + "  " + string(t) + "\n")
		}
	}
	b.WriteString(ind + "</" + e.name + ">\n")
}
