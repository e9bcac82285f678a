package ext

import (
	"regexp"
	"strings"
	"unicode"
)

// smallWords is title-case's SMALL_WORDS pattern.
var smallWords = regexp.MustCompile(`(?i)\b(?:an?d?|a[st]|because|but|by|en|for|i[fn]|neither|nor|o[fnr]|only|over|per|so|some|tha[tn]|the|to|up|upon|vs?\.?|versus|via|when|with|without|yet)\b`)

func isTitleSeparator(r rune) bool {
	return unicode.IsSpace(r) || r == ':' || r == '–' || r == '—' || r == '-'
}

// isManualCase reports whether a token has an upper-case letter or a dot
// after its first character (title-case's IS_MANUAL_CASE).
func isManualCase(tok []rune) bool {
	for i := 1; i < len(tok); i++ {
		if tok[i] >= 'A' && tok[i] <= 'Z' {
			return true
		}
		if tok[i] == '.' && i+1 < len(tok) {
			return true
		}
	}
	return false
}

func isTitleAlnum(r rune) bool {
	return (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || (r >= 0xC0 && r <= 0xFF)
}

// titleCase is the title-case package's titleCase (v3), which n8n's
// String#toTitleCase uses: words are capitalised except small words
// inside the title, and words that already have manual casing.
func titleCase(input string) string {
	rs := []rune(input)
	var b strings.Builder
	for i := 0; i < len(rs); {
		j := i + 1
		if !isTitleSeparator(rs[i]) {
			for j < len(rs) && !isTitleSeparator(rs[j]) {
				j++
			}
		}
		tok := rs[i:j]
		next := func(k int) rune {
			if k < len(rs) {
				return rs[k]
			}
			return 0
		}
		if !isManualCase(tok) &&
			(!smallWords.MatchString(string(tok)) || i == 0 || j == len(rs)) &&
			(next(j) != ':' || (next(j+1) != 0 && unicode.IsSpace(next(j+1)))) {
			done := false
			for _, r := range tok {
				if !done && isTitleAlnum(r) {
					if r == 'ß' {
						b.WriteString("SS")
					} else {
						b.WriteRune(unicode.ToUpper(r))
					}
					done = true
					continue
				}
				b.WriteRune(r)
			}
		} else {
			b.WriteString(string(tok))
		}
		i = j
	}
	return b.String()
}
