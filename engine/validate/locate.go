package validate

import (
	"bytes"
	"encoding/json"
	"strings"
)

// positions maps the JSON paths of a document (in this package's path
// syntax) to the byte offset where each member's key, or each array
// element, starts.
type positions struct {
	data    []byte
	offsets map[string]int
}

// locate tokenizes data and records where every path starts. It gives up
// quietly on malformed input (the paths seen so far stay usable).
func locate(data []byte) *positions {
	p := &positions{data: data, offsets: map[string]int{}}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		path    string
		isArray bool
		next    int    // next array index
		key     string // current object key
		wantKey bool
	}
	var stack []*frame
	start := func() int { return skipSeparators(data, int(dec.InputOffset())) }
	p.offsets[""] = start()
	for {
		at := start()
		tok, err := dec.Token()
		if err != nil {
			return p
		}
		var path string
		if n := len(stack); n > 0 {
			top := stack[n-1]
			switch {
			case top.isArray:
				if d, ok := tok.(json.Delim); ok && (d == ']') {
					stack = stack[:n-1]
					continue
				}
				path = index(top.path, top.next)
				top.next++
				p.offsets[path] = at
			case top.wantKey:
				if d, ok := tok.(json.Delim); ok && d == '}' {
					stack = stack[:n-1]
					continue
				}
				k, _ := tok.(string)
				top.key = k
				top.wantKey = false
				p.offsets[key(top.path, k)] = at
				continue
			default:
				path = key(top.path, top.key)
				top.wantKey = true
			}
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{':
				stack = append(stack, &frame{path: path, wantKey: true})
			case '[':
				stack = append(stack, &frame{path: path, isArray: true})
			}
		}
	}
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
		if off, found := p.offsets[path]; found {
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
