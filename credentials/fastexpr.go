package credentials

import (
	"regexp"
	"strings"
	"sync"
)

// credTemplate is an expression made only of text and {{ $credentials.a.b }}
// reads, evaluated without the JavaScript engine (the authenticate
// expressions of nearly every credential type). Its results are those of
// n8n's evaluator: a lone chunk keeps the value's type, a template joins
// JavaScript string forms with null and undefined as "".
type credTemplate struct {
	text  []string   // len(paths)+1 literal pieces
	paths [][]string // property paths under $credentials
	whole bool       // exactly one chunk and no text
}

var (
	credChunkRE = regexp.MustCompile(`\{\{\s*\$credentials((?:\.[A-Za-z_$][A-Za-z0-9_$]*)+)\s*\}\}`)
	fastCache   sync.Map // expression → *credTemplate, or nil when it needs the evaluator
)

// compileFast returns the template for s (with its "="), or nil when s
// holds anything but $credentials property reads.
func compileFast(s string) *credTemplate {
	if v, ok := fastCache.Load(s); ok {
		t, _ := v.(*credTemplate)
		return t
	}
	t := parseFast(s[1:])
	fastCache.Store(s, t)
	return t
}

func parseFast(body string) *credTemplate {
	locs := credChunkRE.FindAllStringSubmatchIndex(body, -1)
	if len(locs) == 0 {
		return nil
	}
	t := &credTemplate{}
	prev := 0
	for _, l := range locs {
		t.text = append(t.text, body[prev:l[0]])
		t.paths = append(t.paths, strings.Split(body[l[2]+1:l[3]], "."))
		prev = l[1]
	}
	t.text = append(t.text, body[prev:])
	for _, s := range t.text {
		if strings.Contains(s, "{{") || strings.Contains(s, "}}") {
			return nil // another chunk the regexp did not take
		}
	}
	t.whole = len(t.paths) == 1 && t.text[0] == "" && t.text[1] == ""
	return t
}

func (t *credTemplate) eval(data map[string]any) any {
	if t.whole {
		return readPath(data, t.paths[0])
	}
	var b strings.Builder
	for i, p := range t.paths {
		b.WriteString(t.text[i])
		if v := readPath(data, p); v != nil {
			b.WriteString(jsString(v))
		}
	}
	b.WriteString(t.text[len(t.text)-1])
	return b.String()
}

func readPath(data map[string]any, path []string) any {
	var v any = data
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}
