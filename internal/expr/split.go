package expr

import "strings"

// chunk is one piece of a split expression: literal text or JavaScript code.
type chunk struct {
	// Code is true for a {{ }} chunk.
	Code bool
	// Text is the literal text or the code between the brackets.
	Text string
	// Closed is false for a code chunk whose "}}" is missing.
	Closed bool
	// Offset is the byte offset of the chunk's content in the split string.
	Offset int
}

// split splits an expression body (without its leading "=") into text and
// code chunks the way tournament's ExpressionSplitter does: it is not
// JavaScript-aware, a "\{{" stays text (backslash kept), a "\}}" inside code
// is unescaped once, and a missing "}}" yields an unclosed code chunk.
func split(s string) []chunk {
	var chunks []chunk
	code := false
	var buf strings.Builder
	start := 0
	i := 0
	for i < len(s) {
		rest := s[i:]
		br := "{{"
		if code {
			br = "}}"
		}
		j := strings.Index(rest, br)
		if j < 0 {
			buf.WriteString(rest)
			if code {
				chunks = append(chunks, chunk{Code: true, Text: unescapeCode(buf.String()), Offset: start})
			} else {
				chunks = append(chunks, chunk{Text: buf.String(), Offset: start})
			}
			return chunks
		}
		if j > 0 && rest[j-1] == '\\' {
			// Escaped bracket: kept verbatim (with its backslash).
			buf.WriteString(rest[:j+2])
			i += j + 2
			continue
		}
		buf.WriteString(rest[:j])
		if code {
			chunks = append(chunks, chunk{Code: true, Text: unescapeCode(buf.String()), Closed: true, Offset: start})
		} else {
			chunks = append(chunks, chunk{Text: buf.String(), Offset: start})
		}
		code = !code
		i += j + 2
		start = i
		buf.Reset()
	}
	// A "{{" or "}}" at the very end starts no chunk (as in tournament).
	return chunks
}

// unescapeCode replaces the first "\}}" with "}}" as tournament does.
func unescapeCode(s string) string { return strings.Replace(s, `\}}`, "}}", 1) }
