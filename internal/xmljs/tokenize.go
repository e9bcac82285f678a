package xmljs

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// SyntaxError is a malformed document, with sax's message and position.
type SyntaxError struct {
	// Message is sax's description, such as "Unexpected close tag".
	Message string
	// Line (0-based), Column (UTF-16 units read on the line) and Char
	// (the character being read, "" at the end) are where sax stopped.
	Line, Column int
	Char         string
}

// Error is the message as sax formats it.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s\nLine: %d\nColumn: %d\nChar: %s", e.Message, e.Line, e.Column, e.Char)
}

// tokenizer reads a document the way sax's strict parser does and feeds
// a builder.
type tokenizer struct {
	src  string
	pos  int
	b    *builder
	seen bool // the root element has opened
}

// fail is a SyntaxError at byte offset at (the character sax was reading;
// len(src) for the end of input).
func (t *tokenizer) fail(at int, msg string) error {
	line, lineStart := 0, 0
	for i := 0; i < at && i < len(t.src); i++ {
		if t.src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	col := 0
	end := min(at, len(t.src))
	for _, r := range t.src[lineStart:end] {
		col += len(utf16.Encode([]rune{r}))
	}
	ch := ""
	if at < len(t.src) {
		r, _ := utf8.DecodeRuneInString(t.src[at:])
		ch = string(r)
		col += len(utf16.Encode([]rune{r}))
	}
	return &SyntaxError{Message: msg, Line: line, Column: col, Char: ch}
}

func (t *tokenizer) run() error {
	for t.pos < len(t.src) && !t.b.done {
		if t.src[t.pos] == '<' {
			if err := t.markup(); err != nil {
				return err
			}
			continue
		}
		if err := t.textRun(); err != nil {
			return err
		}
	}
	if !t.b.done && len(t.b.stack) > 0 {
		return t.fail(len(t.src), "Unclosed root tag")
	}
	return nil
}

// textRun reads character data up to the next '<'.
func (t *tokenizer) textRun() error {
	end := strings.IndexByte(t.src[t.pos:], '<')
	if end < 0 {
		end = len(t.src)
	} else {
		end += t.pos
	}
	raw := t.src[t.pos:end]
	if len(t.b.stack) == 0 {
		if i := strings.IndexFunc(raw, func(r rune) bool { return !isXMLSpace(r) }); i >= 0 {
			msg := "Non-whitespace before first tag."
			if t.seen {
				msg = "Text data outside of root node."
			}
			return t.fail(t.pos+i, msg)
		}
		t.pos = end
		return nil
	}
	s, err := t.entities(raw, t.pos)
	if err != nil {
		return err
	}
	t.b.text(s, false)
	t.pos = end
	return nil
}

// isXMLSpace is sax's isWhitespace.
func isXMLSpace(r rune) bool { return r == ' ' || r == '\n' || r == '\r' || r == '\t' }

// entities decodes character and entity references in s (which starts at
// byte offset base), accepting the HTML entity names sax knows.
func (t *tokenizer) entities(s string, base int) (string, error) {
	if !strings.Contains(s, "&") {
		return s, nil
	}
	var out strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c != '&' {
			out.WriteByte(c)
			i++
			continue
		}
		semi := strings.IndexByte(s[i:], ';')
		if semi < 0 {
			semi = len(s) - i
		}
		for j, r := range s[i+1 : i+semi] {
			if !isEntityChar(r, j == 0) {
				return "", t.fail(base+i+1+j, "Invalid character in entity name")
			}
		}
		if i+semi == len(s) {
			return "", t.fail(base+len(s), "Invalid character in entity name")
		}
		name := s[i+1 : i+semi]
		r, ok := entity(name)
		if !ok {
			return "", t.fail(base+i+semi, "Invalid character entity")
		}
		out.WriteString(r)
		i += semi + 1
	}
	return out.String(), nil
}

// isEntityChar reports the characters sax allows in an entity name
// (its entityStart and entityBody sets, approximately).
func isEntityChar(r rune, first bool) bool {
	if r == '#' {
		return true
	}
	if first {
		return isNameStart(r)
	}
	return isNameChar(r)
}

// entity resolves an entity or character reference name as sax does: a
// character reference is "#" and decimal digits or "#x" and hex digits
// (either case), leading zeros allowed, and must not be zero.
func entity(name string) (string, bool) {
	if strings.HasPrefix(name, "#") {
		num := name[1:]
		base := 10
		if strings.HasPrefix(num, "x") || strings.HasPrefix(num, "X") {
			num, base = num[1:], 16
		}
		n, err := strconv.ParseUint(num, base, 32)
		if err != nil || n == 0 || n > unicode.MaxRune {
			return "", false
		}
		return string(rune(n)), true
	}
	switch name {
	case "amp":
		return "&", true
	case "lt":
		return "<", true
	case "gt":
		return ">", true
	case "quot":
		return `"`, true
	case "apos":
		return "'", true
	}
	v, ok := xml.HTMLEntity[name]
	return v, ok
}

// markup reads what starts at a '<'.
func (t *tokenizer) markup() error {
	rest := t.src[t.pos:]
	switch {
	case strings.HasPrefix(rest, "<!--"):
		return t.skipTo("-->", 4)
	case strings.HasPrefix(rest, "<![CDATA["):
		end := strings.Index(rest[9:], "]]>")
		if end < 0 {
			return t.fail(len(t.src), "Unexpected end")
		}
		if len(t.b.stack) == 0 {
			return t.fail(t.pos, "Non-whitespace before first tag.")
		}
		t.b.text(rest[9:9+end], true)
		t.pos += 9 + end + 3
		return nil
	case strings.HasPrefix(rest, "<!"):
		return t.declaration()
	case strings.HasPrefix(rest, "<?"):
		return t.skipTo("?>", 2)
	case strings.HasPrefix(rest, "</"):
		return t.closeTag()
	}
	return t.openTag()
}

// skipTo skips past the next end marker (comments, processing
// instructions), searching from skip bytes in.
func (t *tokenizer) skipTo(end string, skip int) error {
	i := strings.Index(t.src[t.pos+skip:], end)
	if i < 0 {
		return t.fail(len(t.src), "Unexpected end")
	}
	t.pos += skip + i + len(end)
	return nil
}

// declaration skips <!DOCTYPE ...> (with an internal subset in brackets)
// and other <!...> declarations.
func (t *tokenizer) declaration() error {
	depth := 0
	quote := byte(0)
	for i := t.pos + 2; i < len(t.src); i++ {
		c := t.src[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			t.pos = i + 1
			return nil
		}
	}
	return t.fail(len(t.src), "Unexpected end")
}

func isNameStart(r rune) bool {
	return r == ':' || r == '_' || unicode.IsLetter(r) || r >= 0xC0 && !unicode.IsSpace(r) && r != 0xD7 && r != 0xF7
}

func isNameChar(r rune) bool {
	return isNameStart(r) || r == '-' || r == '.' || unicode.IsDigit(r) || r == 0xB7
}

// readName reads an XML name at i, returning it and the offset after it.
func (t *tokenizer) readName(i int) (string, int) {
	start := i
	for i < len(t.src) {
		r, n := utf8.DecodeRuneInString(t.src[i:])
		if i == start && !isNameStart(r) || i > start && !isNameChar(r) {
			break
		}
		i += n
	}
	return t.src[start:i], i
}

func (t *tokenizer) skipSpace(i int) int {
	for i < len(t.src) && isXMLSpace(rune(t.src[i])) {
		i++
	}
	return i
}

// openTag reads a start tag and its attributes.
func (t *tokenizer) openTag() error {
	i := t.skipSpace(t.pos + 1)
	if i >= len(t.src) {
		return t.fail(len(t.src), "Unexpected end")
	}
	name, i := t.readName(i)
	if name == "" {
		return t.fail(i, "Unencoded <")
	}
	if t.seen && len(t.b.stack) == 0 {
		return t.fail(i, "Text data outside of root node.")
	}
	var attrs [][2]string
	seen := map[string]bool{}
	for {
		j := t.skipSpace(i)
		if j >= len(t.src) {
			return t.fail(len(t.src), "Unexpected end")
		}
		switch c := t.src[j]; {
		case c == '>':
			t.pos = j + 1
			t.seen = true
			t.b.open(name, attrs)
			return nil
		case c == '/':
			if j+1 >= len(t.src) {
				return t.fail(len(t.src), "Unexpected end")
			}
			if t.src[j+1] != '>' {
				return t.fail(j+1, "Forward-slash in opening tag not followed by >")
			}
			t.pos = j + 2
			t.seen = true
			t.b.open(name, attrs)
			t.b.close()
			return nil
		}
		if j == i {
			return t.fail(j, "No whitespace between attributes")
		}
		an, k := t.readName(j)
		if an == "" {
			return t.fail(j, "Invalid attribute name")
		}
		if k >= len(t.src) {
			return t.fail(len(t.src), "Unexpected end")
		}
		// sax: right after the name only '=', '>' or whitespace may come;
		// after whitespace anything but '=' is a missing value.
		if c := t.src[k]; c != '=' && !isXMLSpace(rune(c)) {
			if c == '>' {
				return t.fail(k, "Attribute without value")
			}
			return t.fail(k, "Invalid attribute name")
		}
		k = t.skipSpace(k)
		if k >= len(t.src) {
			return t.fail(len(t.src), "Unexpected end")
		}
		if t.src[k] != '=' {
			return t.fail(k, "Attribute without value")
		}
		k = t.skipSpace(k + 1)
		if k >= len(t.src) {
			return t.fail(len(t.src), "Unexpected end")
		}
		q := t.src[k]
		if q != '"' && q != '\'' {
			return t.fail(k, "Unquoted attribute value")
		}
		end := strings.IndexByte(t.src[k+1:], q)
		if end < 0 {
			return t.fail(len(t.src), "Unexpected end")
		}
		v, err := t.entities(t.src[k+1:k+1+end], k+1)
		if err != nil {
			return err
		}
		if !seen[an] {
			seen[an] = true
			attrs = append(attrs, [2]string{an, v})
		}
		i = k + 1 + end + 1
	}
}

// closeTag reads an end tag, which must close the innermost open element.
func (t *tokenizer) closeTag() error {
	name, i := t.readName(t.pos + 2)
	i = t.skipSpace(i)
	if i >= len(t.src) {
		return t.fail(len(t.src), "Unexpected end")
	}
	if t.src[i] != '>' {
		return t.fail(i, "Invalid characters in closing tag")
	}
	if name == "" {
		return t.fail(i, "Weird empty close tag.")
	}
	if len(t.b.stack) == 0 {
		return t.fail(i, "Unmatched closing tag: "+name)
	}
	if t.b.stack[len(t.b.stack)-1].raw != name {
		return t.fail(i, "Unexpected close tag")
	}
	t.pos = i + 1
	t.b.close()
	return nil
}
