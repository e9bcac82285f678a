package server

import (
	"bytes"
	"context"
	"encoding/json"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/noderun/noderun/engine"
)

// redactedValue replaces secret values in stored results.
const redactedValue = "***"

// minSecretLen is the shortest credential value redacted; shorter ones
// (flags, "on", ports) would mangle unrelated text.
const minSecretLen = 4

// secrets collects the string values of the credentials of wf's nodes.
func secrets(ctx context.Context, eng *engine.Engine, wf *engine.Workflow) []string {
	creds := eng.Credentials()
	if creds == nil || wf == nil {
		return nil
	}
	seen := map[string]bool{}
	for _, node := range wf.Nodes {
		if node == nil {
			continue
		}
		for typeName := range node.Credentials {
			data, err := creds.Data(ctx, node, typeName)
			if err != nil {
				continue
			}
			collectStrings(data, seen)
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	// Longest first, so a secret containing another is replaced whole.
	sort.Slice(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return out[i] < out[j]
	})
	return out
}

func collectStrings(v any, seen map[string]bool) {
	switch v := v.(type) {
	case string:
		if len(v) >= minSecretLen {
			seen[v] = true
		}
	case map[string]any:
		for _, x := range v {
			collectStrings(x, seen)
		}
	case []any:
		for _, x := range v {
			collectStrings(x, seen)
		}
	}
}

// redactText replaces every secret in s.
func redactText(s string, secrets []string) string {
	for _, sec := range secrets {
		if strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, redactedValue)
		}
	}
	return s
}

// redactJSON replaces every secret inside the string literals (keys and
// values) of the JSON document data, which stays valid JSON.
func redactJSON(data []byte, secrets []string) []byte {
	if len(secrets) == 0 {
		return data
	}
	var out bytes.Buffer
	out.Grow(len(data))
	i := 0
	for i < len(data) {
		c := data[i]
		if c != '"' {
			out.WriteByte(c)
			i++
			continue
		}
		end := stringEnd(data, i)
		lit := data[i:end]
		out.Write(redactLiteral(lit, secrets))
		i = end
	}
	return out.Bytes()
}

// stringEnd returns the index just past the string literal starting at
// data[start] (a quote).
func stringEnd(data []byte, start int) int {
	for j := start + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(data)
}

// redactLiteral redacts one JSON string literal.
func redactLiteral(lit []byte, secrets []string) []byte {
	var s string
	if bytes.IndexByte(lit, '\\') < 0 && utf8.Valid(lit) {
		if len(lit) < 2 {
			return lit
		}
		s = string(lit[1 : len(lit)-1])
	} else if err := json.Unmarshal(lit, &s); err != nil {
		return lit
	}
	r := redactText(s, secrets)
	if r == s {
		return lit
	}
	b, err := json.Marshal(r)
	if err != nil {
		return lit
	}
	return b
}
