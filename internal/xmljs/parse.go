package xmljs

import (
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// frame is an element being read: xml2js's object on its stack.
type frame struct {
	raw   string // the name as written, for matching its end tag
	name  string
	obj   map[string]any
	keys  []string
	text  strings.Builder
	cdata bool
}

func (f *frame) set(k string, v any) {
	if _, ok := f.obj[k]; !ok {
		f.keys = append(f.keys, k)
	}
	f.obj[k] = v
}

// assignOrPush adds a child value as xml2js's assignOrPush does: the
// first value alone (in an array with explicitArray), later ones appended.
func (f *frame) assignOrPush(k string, v any, explicitArray bool) {
	cur, ok := f.obj[k]
	switch {
	case !ok && explicitArray:
		f.set(k, []any{v})
	case !ok:
		f.set(k, v)
	default:
		if list, isList := cur.([]any); isList {
			f.obj[k] = append(list, v)
		} else {
			f.obj[k] = []any{cur, v}
		}
	}
}

// builder turns the tokenizer's events into xml2js's result.
type builder struct {
	o      ParseOptions
	stack  []*frame
	result any
	done   bool
}

func (b *builder) name(n string, tag bool) string {
	if tag && b.o.NormalizeTags {
		n = lowerJS(n)
	}
	if b.o.SanitizeNames {
		switch n {
		case "__proto__", "constructor", "prototype":
			n = "sanitized_" + n
		}
	}
	return n
}

func (b *builder) open(tag string, attrs [][2]string) {
	f := &frame{raw: tag, name: b.name(tag, true), obj: map[string]any{}}
	// xml2js starts each object with its text key; it is dropped or
	// filled in when the element closes, so its position comes first.
	f.keys = append(f.keys, b.o.CharKey)
	if !b.o.IgnoreAttrs && len(attrs) > 0 {
		var am map[string]any
		var order []string
		if !b.o.MergeAttrs {
			am = map[string]any{}
		}
		for _, a := range attrs {
			k := b.name(a[0], false)
			if b.o.MergeAttrs {
				f.assignOrPush(k, a[1], b.o.ExplicitArray)
				continue
			}
			if _, dup := am[k]; !dup {
				order = append(order, k)
			}
			am[k] = a[1]
		}
		if am != nil {
			nodes.SetKeyOrder(am, order)
			f.set(b.o.AttrKey, am)
		}
	}
	b.stack = append(b.stack, f)
}

func (b *builder) text(s string, cdata bool) {
	if len(b.stack) == 0 {
		return
	}
	f := b.stack[len(b.stack)-1]
	f.text.WriteString(s)
	if cdata {
		f.cdata = true
	}
}

func (b *builder) close() {
	f := b.stack[len(b.stack)-1]
	b.stack = b.stack[:len(b.stack)-1]
	text := f.text.String()
	var obj any = f.obj
	emptyStr := ""
	if isBlank(text) && !f.cdata {
		emptyStr = text
		f.keys = f.keys[1:]
	} else {
		if b.o.Trim {
			text = trimJS(text)
		}
		if b.o.Normalize {
			text = trimJS(collapseJS(text))
		}
		f.obj[b.o.CharKey] = text
		if len(f.obj) == 1 {
			obj = text
		}
	}
	if m, ok := obj.(map[string]any); ok {
		if len(m) == 0 {
			obj = emptyStr
		} else {
			nodes.SetKeyOrder(m, f.keys)
		}
	}
	if len(b.stack) > 0 {
		b.stack[len(b.stack)-1].assignOrPush(f.name, obj, b.o.ExplicitArray)
		return
	}
	if b.o.ExplicitRoot {
		obj = map[string]any{f.name: obj}
	}
	b.result = obj
	b.done = true
}

// Parse reads an XML document as xml2js's Parser.parseString does with
// options o: nil for a document that is only whitespace, otherwise the
// root element's value (wrapped in {rootName: value} with ExplicitRoot).
// Anything after the root element is ignored, as xml2js resolves as soon
// as the root closes. A malformed document is a *SyntaxError.
func Parse(src string, o ParseOptions) (any, error) {
	src = strings.TrimPrefix(src, "\uFEFF")
	if trimJS(src) == "" {
		return nil, nil
	}
	b := &builder{o: o}
	t := &tokenizer{src: src, b: b}
	if err := t.run(); err != nil {
		return nil, err
	}
	return b.result, nil
}

// isBlank is xml2js's /^\s*$/ test.
func isBlank(s string) bool {
	for _, r := range s {
		if !jsvalue.IsWhitespace(r) {
			return false
		}
	}
	return true
}

// trimJS is String.prototype.trim.
func trimJS(s string) string { return strings.TrimFunc(s, jsvalue.IsWhitespace) }

// collapseJS is s.replace(/\s{2,}/g, " ").
func collapseJS(s string) string {
	var out strings.Builder
	run := 0
	start := 0
	flush := func(end int) {
		if run >= 2 {
			out.WriteByte(' ')
		} else {
			out.WriteString(s[start:end])
		}
	}
	for i, r := range s {
		if jsvalue.IsWhitespace(r) {
			if run == 0 {
				start = i
			}
			run++
			continue
		}
		if run > 0 {
			flush(i)
			run = 0
		}
		out.WriteRune(r)
	}
	if run > 0 {
		flush(len(s))
	}
	return out.String()
}

// lowerJS is String.prototype.toLowerCase (Go's ToLower except for the
// dotted capital I, which JavaScript lowers to "i̇").
func lowerJS(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "\u0130", "i\u0307"))
}
