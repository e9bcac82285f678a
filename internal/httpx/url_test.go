package httpx_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/httpx"
)

func TestJoinURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, base, url, want string
	}{
		{"relative with slashes on both sides", "https://h/api/", "/users", "https://h/api/users"},
		{"relative without slashes", "https://h/api", "users", "https://h/api/users"},
		{"relative leading slash", "https://h/api", "/users", "https://h/api/users"},
		{"absolute ignores base", "https://h/api", "http://other/x", "http://other/x"},
		{"empty url is base", "https://h/api", "", "https://h/api"},
		{"no base", "", "/x", "/x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, httpx.JoinURL(tt.base, tt.url)); diff != "" {
				t.Errorf("JoinURL(%q, %q) (-want +got):\n%s", tt.base, tt.url, diff)
			}
		})
	}
}

func TestEncodeQuery(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params map[string]any
		format string
		want   string
	}{
		{"indices default", map[string]any{"a": []any{1.0, 2.0}}, "", "a%5B0%5D=1&a%5B1%5D=2"},
		{"nested object", map[string]any{"a": map[string]any{"b": "c"}}, "", "a%5Bb%5D=c"},
		{"null kept empty", map[string]any{"n": nil}, "", "n="},
		{"scalars", map[string]any{"b": true, "f": 1.5, "i": 10.0, "s": "x y&z"}, "", "b=true&f=1.5&i=10&s=x%20y%26z"},
		{"brackets", map[string]any{"a": []any{"x", "y"}}, httpx.ArrayBrackets, "a%5B%5D=x&a%5B%5D=y"},
		{"repeat", map[string]any{"a": []any{"x", "y"}}, httpx.ArrayRepeat, "a=x&a=y"},
		{"comma", map[string]any{"a": []any{"x", "y"}}, httpx.ArrayComma, "a=x%2Cy"},
		{"objects in arrays", map[string]any{"a": []any{map[string]any{"k": "v"}}}, "", "a%5B0%5D%5Bk%5D=v"},
		{"empty array dropped", map[string]any{"a": []any{}, "b": "1"}, "", "b=1"},
		{"large number", map[string]any{"n": 1e21}, "", "n=1e%2B21"},
		{"unreserved kept", map[string]any{"k": "a-b_c.d~e"}, "", "k=a-b_c.d~e"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, httpx.EncodeQuery(tt.params, tt.format)); diff != "" {
				t.Errorf("EncodeQuery (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseProxy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		proxy   string
		wantErr string
	}{
		{"http://proxy.local:8080", ""},
		{"proxy.local:3128", ""},
		{"http://proxy.local", "port"},
		{"http://:8080", "host"},
	}
	for _, tt := range tests {
		_, err := httpx.ParseProxy(tt.proxy)
		var field string
		if pe, ok := err.(*httpx.ProxyError); ok {
			field = pe.Field
		} else if err != nil {
			t.Fatalf("ParseProxy(%q): unexpected error type %T", tt.proxy, err)
		}
		if field != tt.wantErr {
			t.Errorf("ParseProxy(%q) missing field = %q, want %q", tt.proxy, field, tt.wantErr)
		}
	}
}
