package files

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"regexp"
	"strconv"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	mdstrike "github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	mdtable "github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/noderun/noderun/nodes"
)

func escapePattern(display, name string, multiple bool) *nodes.Property {
	def := any(map[string]any{})
	if multiple {
		def = []any{}
	}
	p := prop(display, name, nodes.TypeFixedCollection, def)
	p.TypeOptions = map[string]any{"multipleValues": multiple}
	group := "value"
	if multiple {
		group = "values"
	}
	p.Options = []*nodes.Property{{Name: group, DisplayName: strings.ToUpper(group[:1]) + group[1:], Values: []*nodes.Property{
		prop("Pattern", "pattern", nodes.TypeString, ""),
		prop("Replacement", "replacement", nodes.TypeString, ""),
	}}}
	return p
}

func markdownType() *nodes.Type {
	d := baseDescription("Markdown", "markdown", "output", 1)
	d.Description = "Convert data between Markdown and HTML"
	d.Subtitle = `={{$parameter["mode"]==="markdownToHtml" ? "Markdown to HTML" : "HTML to Markdown"}}`
	both := vals("markdownToHtml", "htmlToMarkdown")
	md := required(prop("Markdown", "markdown", nodes.TypeString, ""))
	md.TypeOptions = map[string]any{"alwaysOpenEditWindow": true}
	codeStyle := options("Style For Code Block", "codeBlockStyle", "fence", "Fence", "fence", "Indented", "indented")
	toMD := collection("Options", "options",
		prop("Bullet Marker", "bulletMarker", nodes.TypeString, "*"),
		prop("Code Block Fence", "codeFence", nodes.TypeString, "```"),
		prop("Emphasis Delimiter", "emDelimiter", nodes.TypeString, "_"),
		escapePattern("Global Escape Pattern", "globalEscape", false),
		prop("Ignored Elements", "ignore", nodes.TypeString, ""),
		prop("Keep Images With Data", "keepDataImages", nodes.TypeBoolean, false),
		escapePattern("Line Start Escape Pattern", "lineStartEscape", false),
		prop("Max Consecutive New Lines", "maxConsecutiveNewlines", nodes.TypeNumber, float64(3)),
		prop("Place URLs At The Bottom", "useLinkReferenceDefinitions", nodes.TypeBoolean, false),
		prop("Strong Delimiter", "strongDelimiter", nodes.TypeString, "**"),
		codeStyle,
		escapePattern("Text Replacement Pattern", "textReplace", true),
		prop("Treat As Blocks", "blockElements", nodes.TypeString, ""),
	)
	toMD.Placeholder = "Add Option"
	b := func(display, name string, def bool) *nodes.Property {
		return prop(display, name, nodes.TypeBoolean, def)
	}
	toHTML := collection("Options", "options",
		b("Add Blank To Links", "openLinksInNewWindow", false),
		b("Automatic Linking To URLs", "simplifiedAutoLink", false),
		b("Backslash Escapes HTML Tags", "backslashEscapesHTMLTags", false),
		b("Complete HTML Document", "completeHTMLDocument", false),
		b("Customized Header ID", "customizedHeaderId", false),
		b("Emoji Support", "emoji", false),
		b("Encode Emails", "encodeEmails", true),
		b("Exclude Trailing Punctuation From URLs", "excludeTrailingPunctuationFromURLs", false),
		b("GitHub Code Blocks", "ghCodeBlocks", true),
		b("GitHub Compatible Header IDs", "ghCompatibleHeaderId", false),
		prop("GitHub Mention Link", "ghMentionsLink", nodes.TypeString, "https://github.com/{u}"),
		b("GitHub Mentions", "ghMentions", false),
		b("GitHub Task Lists", "tasklists", false),
		prop("Header Level Start", "headerLevelStart", nodes.TypeNumber, float64(1)),
		b("Mandatory Space Before Header", "requireSpaceBeforeHeadingText", false),
		b("Middle Word Asterisks", "literalMidWordAsterisks", false),
		b("Middle Word Underscores", "literalMidWordUnderscores", false),
		b("No Header ID", "noHeaderId", false),
		b("Parse Image Dimensions", "parseImgDimensions", false),
		prop("Prefix Header ID", "prefixHeaderId", nodes.TypeString, "section"),
		b("Raw Header ID", "rawHeaderId", false),
		b("Raw Prefix Header ID", "rawPrefixHeaderId", false),
		b("Simple Line Breaks", "simpleLineBreaks", false),
		b("Smart Indentation Fix", "smartIndentationFix", false),
		b("Spaces Indented Sublists", "disableForced4SpacesIndentedSublists", false),
		b("Split Adjacent Blockquotes", "splitAdjacentBlockquotes", false),
		b("Strikethrough", "strikethrough", false),
		b("Tables Header ID", "tablesHeaderId", false),
		b("Tables Support", "tables", false),
	)
	toHTML.Placeholder = "Add Option"
	d.Properties = []*nodes.Property{
		options("Mode", "mode", "htmlToMarkdown", "Markdown to HTML", "markdownToHtml", "HTML to Markdown", "htmlToMarkdown"),
		show(required(prop("HTML", "html", nodes.TypeString, "")), "mode", vals("htmlToMarkdown")),
		show(md, "mode", vals("markdownToHtml")),
		show(required(prop("Destination Key", "destinationKey", nodes.TypeString, "data")), "mode", both),
		show(toMD, "mode", vals("htmlToMarkdown")),
		show(toHTML, "mode", vals("markdownToHtml")),
	}
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeMarkdown)}
}

func executeMarkdown(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	items := ctx.InputData(0)
	mode, err := paramString(ctx, "mode", 0, "htmlToMarkdown")
	if err != nil {
		return nil, err
	}
	out, err := eachItem(ctx, items, func(i int, item nodes.Item) ([]nodes.Item, error) {
		o, err := paramMap(ctx, "options", i)
		if err != nil {
			return nil, err
		}
		dest, err := paramString(ctx, "destinationKey", i, "data")
		if err != nil {
			return nil, err
		}
		var result string
		if mode == "htmlToMarkdown" {
			src, err := paramString(ctx, "html", i, "")
			if err != nil {
				return nil, err
			}
			result, err = htmlToMarkdown(src, o)
			if err != nil {
				return nil, nodes.NewOperationError(ctx.Node().Name, err.Error()).WithItem(i)
			}
		} else {
			src, err := paramString(ctx, "markdown", i, "")
			if err != nil {
				return nil, err
			}
			result, err = markdownToHTML(src, o)
			if err != nil {
				return nil, nodes.NewOperationError(ctx.Node().Name, err.Error()).WithItem(i)
			}
		}
		j, _ := nodes.DeepCopy(item.JSON).(map[string]any)
		if j == nil {
			j = map[string]any{}
		}
		setPath(j, dest, result)
		return []nodes.Item{{JSON: j, PairedItem: paired(i)}}, nil
	})
	if err != nil {
		return nil, err
	}
	return nodes.Outputs{out}, nil
}

// htmlToMarkdown converts HTML with node-html-markdown's defaults: "*"
// bullets, "_" emphasis, "**" strong, fenced code, at most three
// consecutive newlines.
func htmlToMarkdown(src string, o opts) (string, error) {
	bullet := o.str("bulletMarker", "*")
	em := o.str("emDelimiter", "_")
	strong := o.str("strongDelimiter", "**")
	fence := o.str("codeFence", "```")
	conv := converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(
			commonmark.WithBulletListMarker(bullet),
			commonmark.WithEmDelimiter(em),
			commonmark.WithStrongDelimiter(strong),
			commonmark.WithCodeBlockFence(fence),
		),
		mdstrike.NewStrikethroughPlugin(),
		mdtable.NewTablePlugin(),
	))
	if ignore := o.str("ignore", ""); ignore != "" {
		for _, tag := range strings.Split(ignore, ",") {
			if tag = strings.TrimSpace(tag); tag != "" {
				conv.Register.TagType(tag, converter.TagTypeRemove, converter.PriorityStandard)
			}
		}
	}
	md, err := conv.ConvertString(src)
	if err != nil {
		return "", fmt.Errorf("html to markdown: %w", err)
	}
	// node-html-markdown writes table separators as "| -- |".
	md = tableRule.ReplaceAllStringFunc(md, func(line string) string {
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i, c := range cells {
			cells[i] = " " + strings.Repeat("-", max(len(c)-2, 1)) + " "
		}
		return "|" + strings.Join(cells, "|") + "|"
	})
	maxNL := 3
	if v, ok := o["maxConsecutiveNewlines"].(float64); ok && v > 0 {
		maxNL = int(v)
	}
	md = regexp.MustCompile(`\n{`+strconv.Itoa(maxNL+1)+`,}`).ReplaceAllString(md, strings.Repeat("\n", maxNL))
	if tr, ok := o["textReplace"].(map[string]any); ok {
		if list, ok := tr["values"].([]any); ok {
			for _, x := range list {
				m, _ := x.(map[string]any)
				re, err := regexp.Compile(jsString(orEmpty(m["pattern"])))
				if err != nil {
					return "", fmt.Errorf("text replacement pattern: %w", err)
				}
				md = re.ReplaceAllString(md, jsString(orEmpty(m["replacement"])))
			}
		}
	}
	return md, nil
}

var tableRule = regexp.MustCompile(`(?m)^\|(?:-+\|)+$`)

var codeClass = regexp.MustCompile(`<code class="language-([^"]+)">`)

// unquoteText turns &quot; back into " outside tags.
func unquoteText(s string) string {
	var b strings.Builder
	inTag := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '<':
			inTag = true
		case s[i] == '>':
			inTag = false
		case !inTag && strings.HasPrefix(s[i:], "&quot;"):
			b.WriteByte('"')
			i += len("&quot;") - 1
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// indentBlockquotes indents the lines inside <blockquote> elements.
func indentBlockquotes(s string) string {
	lines := strings.Split(s, "\n")
	depth := 0
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "</blockquote>") {
			depth--
		}
		if depth > 0 {
			lines[i] = strings.Repeat("  ", depth) + l
		}
		if strings.HasPrefix(strings.TrimSpace(l), "<blockquote>") {
			depth++
		}
	}
	return strings.Join(lines, "\n")
}

var headingTag = regexp.MustCompile(`<h([1-6])>(.*?)</h[1-6]>`)
var tagStrip = regexp.MustCompile(`<[^>]*>`)
var nonWord = regexp.MustCompile(`[^\w]`)

// markdownToHTML converts Markdown with showdown's defaults: headings get
// ids (lower-cased word characters, deduplicated with -1, -2...), tables,
// strikethrough, task lists and auto links only when enabled.
func markdownToHTML(src string, o opts) (string, error) {
	var exts []goldmark.Extender
	if o.boolean("tables", false) {
		exts = append(exts, extension.Table)
	}
	if o.boolean("strikethrough", false) {
		exts = append(exts, extension.Strikethrough)
	}
	if o.boolean("tasklists", false) {
		exts = append(exts, extension.TaskList)
	}
	if o.boolean("simplifiedAutoLink", false) {
		exts = append(exts, extension.Linkify)
	}
	rOpts := []renderer.Option{html.WithUnsafe(), html.WithXHTML()}
	if o.boolean("simpleLineBreaks", false) {
		rOpts = append(rOpts, html.WithHardWraps())
	}
	md := goldmark.New(goldmark.WithExtensions(exts...), goldmark.WithRendererOptions(rOpts...))
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		return "", fmt.Errorf("markdown to html: %w", err)
	}
	out := strings.TrimRight(buf.String(), "\n")
	// showdown writes code classes as "js language-js" and indents the
	// content of block quotes by two spaces.
	out = codeClass.ReplaceAllString(out, `<code class="$1 language-$1">`)
	out = indentBlockquotes(out)
	// showdown keeps quotes in text and writes loose list items inline
	out = unquoteText(out)
	out = strings.ReplaceAll(strings.ReplaceAll(out, "<li>\n<p>", "<li><p>"), "</p>\n</li>", "</p></li>")
	start := 1
	if v, ok := o["headerLevelStart"].(float64); ok && v >= 1 {
		start = int(v)
	}
	seen := map[string]int{}
	out = headingTag.ReplaceAllStringFunc(out, func(h string) string {
		m := headingTag.FindStringSubmatch(h)
		level, _ := strconv.Atoi(m[1])
		level = min(level+start-1, 6)
		lv := strconv.Itoa(level)
		if o.boolean("noHeaderId", false) {
			return "<h" + lv + ">" + m[2] + "</h" + lv + ">"
		}
		id := strings.ToLower(nonWord.ReplaceAllString(stdhtml.UnescapeString(tagStrip.ReplaceAllString(m[2], "")), ""))
		if p := o.str("prefixHeaderId", ""); p != "" && o.has("prefixHeaderId") {
			id = strings.ToLower(nonWord.ReplaceAllString(p, "")) + id
		}
		if n, dup := seen[id]; dup {
			seen[id] = n + 1
			id = id + "-" + strconv.Itoa(n+1)
		} else {
			seen[id] = 0
		}
		return "<h" + lv + ` id="` + id + `">` + m[2] + "</h" + lv + ">"
	})
	if o.boolean("openLinksInNewWindow", false) {
		out = strings.ReplaceAll(out, "<a href=", `<a target="_blank" href=`)
	}
	if o.boolean("completeHTMLDocument", false) {
		out = "<!DOCTYPE HTML>\n<html>\n<head>\n<meta charset=\"utf-8\">\n</head>\n<body>\n" + out + "\n</body>\n</html>"
	}
	return out, nil
}
