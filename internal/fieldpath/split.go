package fieldpath

import (
	"strconv"
	"strings"
)

// Split splits a lodash property path into keys (lodash stringToPath):
// "a.b[0]['c.d']" gives a, b, 0, c.d; empty segments ("a..b", ".a", "a.")
// are kept as lodash keeps them; quoted keys lose their quotes and the
// backslash before an escaped quote.
func Split(path string) []string {
	var keys []string
	var cur strings.Builder
	afterDot := false
	for i := 0; i < len(path); {
		switch c := path[i]; c {
		case '.':
			if cur.Len() > 0 || afterDot || i == 0 {
				keys = append(keys, cur.String())
			}
			cur.Reset()
			afterDot = true
			i++
		case '[':
			end := strings.IndexByte(path[i:], ']')
			if end < 0 {
				cur.WriteString(path[i:])
				i = len(path)
				continue
			}
			if cur.Len() > 0 {
				keys = append(keys, cur.String())
				cur.Reset()
			}
			inner := path[i+1 : i+end]
			if len(inner) >= 2 && (inner[0] == '"' || inner[0] == '\'') && inner[len(inner)-1] == inner[0] {
				inner = strings.ReplaceAll(inner[1:len(inner)-1], `\`+string(inner[0]), string(inner[0]))
			}
			keys = append(keys, inner)
			afterDot = false
			i += end + 1
		default:
			cur.WriteByte(c)
			afterDot = false
			i++
		}
	}
	if cur.Len() > 0 || afterDot {
		keys = append(keys, cur.String())
	}
	return keys
}

// Keys returns the keys of path against root: path itself when it is a
// plain property name or an existing key of root (lodash isKey), else
// Split(path).
func Keys(root any, path string) []string {
	if !strings.ContainsAny(path, ".[") {
		return []string{path}
	}
	if m, ok := root.(map[string]any); ok {
		if _, ok := m[path]; ok {
			return []string{path}
		}
	}
	return Split(path)
}

// Index reports whether key is an array index: a non-negative integer
// written canonically ("0", "12"; not "01", "+1" or "-0").
func Index(key string) (int, bool) {
	if key == "" || key[0] < '0' || key[0] > '9' {
		return 0, false // no error value built for names
	}
	n, err := strconv.Atoi(key)
	if err != nil || n < 0 || strconv.Itoa(n) != key {
		return 0, false
	}
	return n, true
}
