package validate

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// positions finds where the members of a JSON document start, for
// diagnostics: gjson looks a path up in the raw bytes only when a
// diagnostic needs it, so a clean file costs nothing.
type positions struct {
	data []byte
}

// locate prepares data for lookups.
func locate(data []byte) *positions { return &positions{data: data} }

// offset returns the byte offset where path starts: an object member's
// key, an array element's value, the document for "".
func (p *positions) offset(path string) (int, bool) {
	if path == "" {
		return skipSeparators(p.data, 0), len(p.data) > 0
	}
	gpath, isMember, ok := gjsonPath(path)
	if !ok {
		return 0, false
	}
	r := gjson.GetBytes(p.data, gpath)
	if !r.Exists() || r.Index <= 0 {
		return 0, false
	}
	if !isMember {
		return r.Index, true
	}
	return keyStart(p.data, r.Index)
}

// gjsonPath converts this package's path syntax (a.b[0]["x y"]) to gjson's
// (a.b.0.x y, special characters escaped); isMember reports whether the
// last segment is an object key.
func gjsonPath(path string) (gpath string, isMember, ok bool) {
	var b strings.Builder
	seg := func(s string, member bool) {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		for _, c := range s {
			if strings.ContainsRune(`\.*?|#@!=<>%:`, c) {
				b.WriteByte('\\')
			}
			b.WriteRune(c)
		}
		isMember = member
	}
	for i := 0; i < len(path); {
		switch path[i] {
		case '.':
			i++
		case '[':
			end := strings.IndexByte(path[i:], ']')
			if end < 0 {
				return "", false, false
			}
			inner := path[i+1 : i+end]
			if strings.HasPrefix(inner, `"`) {
				// A quoted key may contain ']': find the closing quote.
				var key string
				dec := json.NewDecoder(strings.NewReader(path[i+1:]))
				if err := dec.Decode(&key); err != nil {
					return "", false, false
				}
				seg(key, true)
				i += 1 + int(dec.InputOffset()) + 1
				continue
			}
			if _, err := strconv.Atoi(inner); err != nil {
				return "", false, false
			}
			seg(inner, false)
			i += end + 1
		default:
			j := strings.IndexAny(path[i:], ".[")
			if j < 0 {
				j = len(path) - i
			}
			seg(path[i:i+j], true)
			i += j
		}
	}
	return b.String(), isMember, b.Len() > 0
}

// keyStart walks back from a member's value at valueAt to its key's
// opening quote.
func keyStart(data []byte, valueAt int) (int, bool) {
	i := valueAt - 1
	for i >= 0 && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i--
	}
	if i < 0 || data[i] != ':' {
		return 0, false
	}
	i--
	for i >= 0 && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i--
	}
	if i < 0 || data[i] != '"' {
		return 0, false
	}
	for i--; i >= 0; i-- {
		if data[i] != '"' {
			continue
		}
		backslashes := 0
		for j := i - 1; j >= 0 && data[j] == '\\'; j-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return i, true
		}
	}
	return 0, false
}

// skipSeparators moves past whitespace, ':' and ',' to the next token.
func skipSeparators(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r', ':', ',':
			i++
		default:
			return i
		}
	}
	return i
}

// lineCol returns the 1-based line and column of path, or of its nearest
// located ancestor when the path itself is absent (a missing parameter
// points at its parent object). ok is false when nothing matches.
func (p *positions) lineCol(path string) (line, col int, ok bool) {
	for {
		if off, found := p.offset(path); found {
			line, col = 1, 1
			for _, c := range p.data[:min(off, len(p.data))] {
				if c == '\n' {
					line++
					col = 1
				} else {
					col++
				}
			}
			return line, col, true
		}
		if path == "" {
			return 0, 0, false
		}
		path = parentPath(path)
	}
}

// parentPath drops the last segment of a path.
func parentPath(path string) string {
	if strings.HasSuffix(path, "]") {
		// [n] or ["key"]: find the matching '[' outside quotes.
		inQuote := false
		for i := len(path) - 2; i >= 0; i-- {
			switch path[i] {
			case '"':
				if i == 0 || path[i-1] != '\\' {
					inQuote = !inQuote
				}
			case '[':
				if !inQuote {
					return path[:i]
				}
			}
		}
		return ""
	}
	if i := strings.LastIndexAny(path, ".]"); i >= 0 {
		if path[i] == ']' {
			return path[:i+1]
		}
		return path[:i]
	}
	return ""
}
