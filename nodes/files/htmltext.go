package files

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// htmlToText renders HTML as plain text following html-to-text's default
// formatters (the HTML node 1.2 uses it): blocks on their own lines,
// headings upper-cased, links as "text [href]", list items prefixed, lines
// wrapped at 80 characters. skip is a comma-separated selector list whose
// elements are left out.
func htmlToText(src, skip string) string {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
	if err != nil {
		return ""
	}
	for _, sel := range strings.Split(skip, ",") {
		if sel = strings.TrimSpace(sel); sel != "" {
			func() {
				defer func() { _ = recover() }()
				doc.Find(sel).Remove()
			}()
		}
	}
	w := &textWriter{}
	body := doc.Find("body")
	for _, n := range body.Nodes {
		w.children(n, false)
	}
	return w.result()
}

// textWriter accumulates blocks of text.
type textWriter struct {
	out        strings.Builder
	line       strings.Builder // current inline run
	pendingBrk int             // line breaks wanted before the next text
	started    bool
	upper      int
	prefix     string // list marker of the current line
	listDepth  int
}

// raw writes already formatted text as its own block content.
func (w *textWriter) raw(text string) {
	w.flushLine()
	if text == "" {
		return
	}
	if w.started {
		w.out.WriteString(strings.Repeat("\n", max(w.pendingBrk, 0)))
	}
	w.out.WriteString(text)
	w.started = true
	w.pendingBrk = 0
}

func (w *textWriter) block(lead int) {
	w.flushLine()
	w.pendingBrk = max(w.pendingBrk, lead)
}

func (w *textWriter) flushLine() {
	text := strings.TrimSpace(w.line.String())
	w.line.Reset()
	if text == "" {
		return
	}
	text = w.prefix + text
	w.prefix = ""
	if w.started {
		w.out.WriteString(strings.Repeat("\n", max(w.pendingBrk, 0)))
	}
	w.out.WriteString(wrap(text, 80))
	w.started = true
	w.pendingBrk = 0
}

func (w *textWriter) inline(s string) {
	if w.upper > 0 {
		s = strings.ToUpper(s)
	}
	collapsed := strings.Join(strings.Fields(s), " ")
	if collapsed == "" {
		if s != "" && w.line.Len() > 0 {
			w.line.WriteString(" ")
		}
		return
	}
	cur := w.line.String()
	if startsWithSpace(s) && cur != "" && !strings.HasSuffix(cur, " ") {
		w.line.WriteString(" ")
	}
	w.line.WriteString(collapsed)
	if endsWithSpace(s) {
		w.line.WriteString(" ")
	}
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == ' ' || r == '\n' || r == '\t' || r == '\r'
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == ' ' || r == '\n' || r == '\t' || r == '\r'
}

func (w *textWriter) children(n *html.Node, pre bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c, pre)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func (w *textWriter) node(n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		if pre {
			w.line.WriteString(n.Data)
			return
		}
		w.inline(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	switch n.Data {
	case "script", "style", "head", "title", "template", "noscript":
		return
	case "br":
		if strings.TrimSpace(w.line.String()) == "" {
			if w.started {
				w.pendingBrk++
			}
			return
		}
		w.flushLine()
		w.pendingBrk = 1
	case "p":
		w.blockWith(n, pre, 2, 2)
	case "h1", "h2", "h3", "h4", "h5", "h6":
		w.block(3)
		w.upper++
		w.children(n, pre)
		w.upper--
		w.block(2)
	case "div", "article", "aside", "footer", "form", "header", "main", "nav", "section", "li", "dd", "dt":
		if n.Data == "li" {
			w.block(1)
			prefix := ""
			if n.Parent != nil && (n.Parent.Data == "ul" || n.Parent.Data == "ol") {
				marker := "* "
				if n.Parent.Data == "ol" {
					idx := 1
					for s := n.PrevSibling; s != nil; s = s.PrevSibling {
						if s.Type == html.ElementNode && s.Data == "li" {
							idx++
						}
					}
					marker = strconv.Itoa(idx) + ". "
				}
				prefix = " " + marker
				if w.listDepth > 1 {
					prefix = strings.Repeat("   ", w.listDepth-1) + marker
				}
			}
			w.prefix = prefix
			w.children(n, pre)
			w.block(1)
			return
		}
		w.blockWith(n, pre, 1, 1)
	case "ul", "ol":
		breaks := 2
		if w.listDepth > 0 {
			breaks = 1
		}
		w.listDepth++
		w.blockWith(n, pre, breaks, breaks)
		w.listDepth--
	case "blockquote":
		inner := &textWriter{upper: w.upper}
		inner.children(n, pre)
		text := inner.result()
		if text != "" {
			text = "> " + strings.ReplaceAll(text, "\n", "\n> ")
		}
		w.block(2)
		w.raw(text)
		w.block(2)
	case "table", "dl":
		w.blockWith(n, pre, 2, 2)
	case "pre":
		w.block(2)
		w.children(n, true)
		w.block(2)
	case "hr":
		w.block(2)
		w.line.WriteString(strings.Repeat("-", 80))
		w.block(2)
	case "a":
		var inner textWriter
		inner.upper = w.upper
		inner.children(n, pre)
		inner.flushLine()
		text := inner.out.String()
		href := attr(n, "href")
		if href != "" && !strings.HasPrefix(href, "#") {
			href = strings.TrimPrefix(href, "mailto:")
			if text == "" {
				text = "[" + href + "]"
			} else {
				text += " [" + href + "]"
			}
		}
		w.inline(text)
	case "img":
		alt := attr(n, "alt")
		src := attr(n, "src")
		text := alt
		if src != "" {
			if text != "" {
				text += " "
			}
			text += "[" + src + "]"
		}
		w.inline(text)
	default:
		w.children(n, pre)
	}
}

// blockWith renders n as a block; an empty block still adds its line
// breaks, as html-to-text's block builder does.
func (w *textWriter) blockWith(n *html.Node, pre bool, lead, trail int) {
	w.block(lead)
	pending := w.pendingBrk
	before := w.out.Len()
	w.children(n, pre)
	empty := w.out.Len() == before && strings.TrimSpace(w.line.String()) == ""
	w.block(trail)
	if empty && w.started {
		// the empty text is joined with its leading breaks, then the
		// trailing ones are stashed on top
		w.pendingBrk = pending + trail
	}
}

func (w *textWriter) result() string {
	w.flushLine()
	return w.out.String()
}

// wrap breaks a line of text at spaces so no line is longer than width.
func wrap(text string, width int) string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		var cur strings.Builder
		lead := len(para) - len(strings.TrimLeft(para, " "))
		cur.WriteString(para[:lead])
		para = para[lead:]
		n := lead
		for _, word := range strings.Split(para, " ") {
			wl := utf8.RuneCountInString(word)
			if n > lead && n+1+wl > width {
				lines = append(lines, cur.String())
				cur.Reset()
				n, lead = 0, 0
			}
			if n > lead {
				cur.WriteString(" ")
				n++
			}
			cur.WriteString(word)
			n += wl
		}
		lines = append(lines, cur.String())
	}
	return strings.Join(lines, "\n")
}
