package credentials

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"sort"
	"strings"
)

// Redacted is what a secret value prints as.
const Redacted = "***"

// Data is the secret payload of a credential: property name to value, as
// n8n stores it (strings, numbers, booleans and, for OAuth2, the nested
// oauthTokenData object).
//
// Every way of printing Data redacts the values and keeps the keys:
// String, GoString, all fmt verbs, MarshalJSON and slog all give
// {"apiKey":"***"}. Use Reveal to read the values.
type Data map[string]any

// Reveal returns a deep copy of the plain values.
func (d Data) Reveal() map[string]any {
	if d == nil {
		return nil
	}
	return deepCopyMap(d)
}

// Keys returns the property names, sorted.
func (d Data) Keys() []string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// String returns the keys with redacted values.
func (d Data) String() string {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range d.Keys() {
		if i > 0 {
			b.WriteByte(',')
		}
		kj, _ := json.Marshal(k)
		b.Write(kj)
		b.WriteString(`:"` + Redacted + `"`)
	}
	b.WriteByte('}')
	return b.String()
}

// GoString is String, so %#v redacts too.
func (d Data) GoString() string { return "credentials.Data" + d.String() }

// Format implements fmt.Formatter so that every verb redacts.
func (d Data) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, d.GoString())
		return
	}
	fmt.Fprint(f, d.String())
}

// MarshalJSON writes the keys with redacted values. Stores marshal
// Reveal() instead.
func (d Data) MarshalJSON() ([]byte, error) {
	if d == nil {
		return []byte("null"), nil
	}
	return []byte(d.String()), nil
}

// LogValue implements slog.LogValuer with redacted values.
func (d Data) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, len(d))
	for _, k := range d.Keys() {
		attrs = append(attrs, slog.String(k, Redacted))
	}
	return slog.GroupValue(attrs...)
}

// Secret is a single secret string. It prints, marshals and logs as "***";
// Reveal returns the value.
type Secret string

// Reveal returns the plain value.
func (s Secret) Reveal() string { return string(s) }

// String returns the redaction marker.
func (s Secret) String() string { return Redacted }

// GoString returns the redaction marker.
func (s Secret) GoString() string { return `credentials.Secret("` + Redacted + `")` }

// Format implements fmt.Formatter so that every verb redacts.
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, s.GoString())
		return
	}
	fmt.Fprint(f, Redacted)
}

// MarshalJSON writes "***".
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + Redacted + `"`), nil }

// LogValue implements slog.LogValuer.
func (s Secret) LogValue() slog.Value { return slog.StringValue(Redacted) }

func deepCopyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = deepCopy(v)
	}
	return out
}

func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		return deepCopyMap(t)
	case Data:
		return deepCopyMap(t)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = deepCopy(e)
		}
		return out
	case Secret:
		return string(t)
	}
	return v
}

// secretStrings returns the string values in d worth scrubbing from error
// text (long enough not to match ordinary words).
func secretStrings(d map[string]any) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch t := v.(type) {
		case string:
			// URLs are addresses, not secrets, and keep errors readable.
			if len(t) >= 6 && !strings.HasPrefix(t, "http://") && !strings.HasPrefix(t, "https://") {
				out = append(out, t)
			}
		case map[string]any:
			for _, e := range t {
				walk(e)
			}
		case Data:
			walk(map[string]any(t))
		case []any:
			for _, e := range t {
				walk(e)
			}
		}
	}
	walk(d)
	// Longest first so a secret containing another is replaced whole.
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// mergeData returns a copy of base with patch's keys set.
func mergeData(base, patch map[string]any) Data {
	out := make(Data, len(base)+len(patch))
	maps.Copy(out, deepCopyMap(base))
	maps.Copy(out, deepCopyMap(patch))
	return out
}
