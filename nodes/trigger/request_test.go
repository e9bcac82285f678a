package trigger_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/trigger"
)

// binaryView is what a test compares of a binary entry.
type binaryView struct {
	Data, MimeType, FileName string
}

// outputView flattens Outputs for comparison: JSON per output and the
// binary entries of each item.
func outputView(t *testing.T, out nodes.Outputs) []any {
	t.Helper()
	var view []any
	for _, items := range out {
		list := []any{}
		for _, it := range items {
			entry := map[string]any{"json": it.JSON}
			if len(it.Binary) > 0 {
				bin := map[string]binaryView{}
				for k, bd := range it.Binary {
					b, err := bd.Bytes()
					if err != nil {
						t.Fatalf("binary %s: %v", k, err)
					}
					name := bd.FileName
					if len(name) == 36 && strings.Count(name, "-") == 4 {
						name = "<uuid>"
					}
					bin[k] = binaryView{Data: string(b), MimeType: bd.MimeType, FileName: name}
				}
				entry["binary"] = bin
			}
			list = append(list, entry)
		}
		view = append(view, list)
	}
	return view
}

// requestJSON is the expected webhook item JSON.
func requestJSON(headers, query map[string]any, body any, mode string) map[string]any {
	m := map[string]any{"headers": headers, "params": map[string]any{}, "query": query,
		"webhookUrl": "http://localhost:5678/webhook/p", "executionMode": "production"}
	if mode == "manual" {
		m["webhookUrl"] = "http://localhost:5678/webhook-test/p"
		m["executionMode"] = "test"
	}
	if body != nil {
		m["body"] = body
	}
	return m
}

func TestWebhookOutput(t *testing.T) {
	t.Parallel()
	host := map[string]any{"host": "example.com"}
	withCT := func(ct string) map[string]any { return map[string]any{"host": "example.com", "content-type": ct} }
	multipartBody, multipartType := multipartForm(t)
	tests := []struct {
		name        string
		version     float64
		params      map[string]any
		method      string
		target      string
		contentType string
		body        string
		mode        string
		want        []any
	}{
		{name: "json post with query", version: 2, method: "POST", target: "/webhook/p?a=1&a=2&b=x+y",
			contentType: "application/json", body: `{"name":"Ada","n":[1,2]}`,
			want: []any{[]any{map[string]any{"json": requestJSON(withCT("application/json"), map[string]any{"a": []any{"1", "2"}, "b": "x y"},
				map[string]any{"name": "Ada", "n": []any{1.0, 2.0}}, "")}}}},
		{name: "manual mode", version: 2, method: "GET", target: "/webhook/p", mode: "manual",
			want: []any{[]any{map[string]any{"json": requestJSON(host, map[string]any{}, map[string]any{}, "manual")}}}},
		{name: "form urlencoded", version: 2.1, method: "POST", target: "/webhook/p", contentType: "application/x-www-form-urlencoded", body: "a=1&b=two+words&b=3",
			want: []any{[]any{map[string]any{"json": requestJSON(withCT("application/x-www-form-urlencoded"), map[string]any{},
				map[string]any{"a": "1", "b": []any{"two words", "3"}}, "")}}}},
		{name: "text", version: 2, method: "POST", target: "/webhook/p", contentType: "text/plain; charset=utf-8", body: "hello",
			want: []any{[]any{map[string]any{"json": requestJSON(withCT("text/plain; charset=utf-8"), map[string]any{}, "hello", "")}}}},
		{name: "latin1 text", version: 2, method: "POST", target: "/webhook/p", contentType: "text/plain; charset=latin1", body: "caf\xe9",
			want: []any{[]any{map[string]any{"json": requestJSON(withCT("text/plain; charset=latin1"), map[string]any{}, "café", "")}}}},
		{name: "xml parsed as xml2js with n8n's options", version: 2, method: "POST", target: "/webhook/p", contentType: "application/xml",
			body: "<Order id=\"7\">\n  <Item>a</Item>\n  <Item>b</Item>\n  <Note>  two\r\n  lines </Note>\n</Order>",
			want: []any{[]any{map[string]any{"json": requestJSON(withCT("application/xml"), map[string]any{},
				map[string]any{"order": map[string]any{"$": map[string]any{"id": "7"}, "item": []any{"a", "b"}, "note": "two lines"}}, "")}}}},
		{name: "text/xml with charset", version: 2, method: "POST", target: "/webhook/p", contentType: "text/xml; charset=latin1", body: "<a>caf\xe9</a>",
			want: []any{[]any{map[string]any{"json": requestJSON(withCT("text/xml; charset=latin1"), map[string]any{}, map[string]any{"a": "café"}, "")}}}},
		{name: "+xml suffix, whitespace-only body is empty", version: 2, method: "POST", target: "/webhook/p", contentType: "application/atom+xml", body: " \n ",
			want: []any{[]any{map[string]any{"json": requestJSON(withCT("application/atom+xml"), map[string]any{}, map[string]any{}, "")}}}},
		{name: "v2 other type becomes binary", version: 2, method: "POST", target: "/webhook/p", contentType: "image/png", body: "PNGDATA",
			want: []any{[]any{map[string]any{"json": requestJSON(withCT("image/png"), map[string]any{}, map[string]any{}, ""),
				"binary": map[string]binaryView{"data": {Data: "PNGDATA", MimeType: "image/png", FileName: "<uuid>"}}}}}},
		{name: "v2 binary field name option", version: 2, params: map[string]any{"options": map[string]any{"binaryPropertyName": "file"}},
			method: "PUT", target: "/webhook/p", contentType: "application/pdf", body: "%PDF",
			want: []any{[]any{map[string]any{"json": requestJSON(withCT("application/pdf"), map[string]any{}, map[string]any{}, ""),
				"binary": map[string]binaryView{"file": {Data: "%PDF", MimeType: "application/pdf", FileName: "<uuid>"}}}}}},
		{name: "v1 other type is an empty body", version: 1, method: "POST", target: "/webhook/p", contentType: "image/png", body: "PNGDATA",
			want: []any{[]any{map[string]any{"json": requestJSON(withCT("image/png"), map[string]any{}, map[string]any{}, "")}}}},
		{name: "v1 binary data option", version: 1, params: map[string]any{"httpMethod": "POST", "options": map[string]any{"binaryData": true, "binaryPropertyName": "upload"}},
			method: "POST", target: "/webhook/p", contentType: "text/csv", body: "a,b\n1,2\n",
			want: []any{[]any{map[string]any{"json": requestJSON(withCT("text/csv"), map[string]any{}, map[string]any{}, ""),
				"binary": map[string]binaryView{"upload": {Data: "a,b\n1,2\n", MimeType: "text/csv", FileName: "<uuid>"}}}}}},
		{name: "raw body", version: 2, params: map[string]any{"options": map[string]any{"rawBody": true}}, method: "POST", target: "/webhook/p",
			contentType: "application/json", body: `{"a":1}`,
			want: []any{[]any{map[string]any{"json": requestJSON(withCT("application/json"), map[string]any{}, map[string]any{"a": 1.0}, ""),
				"binary": map[string]binaryView{"data": {Data: `{"a":1}`, MimeType: "application/json"}}}}}},
		{name: "multipart", version: 2, method: "POST", target: "/webhook/p", contentType: multipartType, body: multipartBody,
			want: []any{[]any{map[string]any{"json": requestJSON(withCT(multipartType), map[string]any{}, map[string]any{"title": "Report", "tag": []any{"a", "b"}}, ""),
				"binary": map[string]binaryView{
					"doc":    {Data: "DOC", MimeType: "text/plain", FileName: "doc.txt"},
					"files0": {Data: "ONE", MimeType: "image/png", FileName: "one.png"},
					"files1": {Data: "TWO", MimeType: "image/png", FileName: "two.png"},
				}}}}},
		{name: "multipart with binary property prefix", version: 2, params: map[string]any{"options": map[string]any{"binaryPropertyName": "f"}},
			method: "POST", target: "/webhook/p", contentType: multipartType, body: multipartBody,
			want: []any{[]any{map[string]any{"json": requestJSON(withCT(multipartType), map[string]any{}, map[string]any{"title": "Report", "tag": []any{"a", "b"}}, ""),
				"binary": map[string]binaryView{
					"f0": {Data: "DOC", MimeType: "text/plain", FileName: "doc.txt"},
					"f1": {Data: "ONE", MimeType: "image/png", FileName: "one.png"},
					"f2": {Data: "TWO", MimeType: "image/png", FileName: "two.png"},
				}}}}},
		{name: "multiple methods", version: 2, params: map[string]any{"multipleMethods": true, "httpMethod": []any{"GET", "POST"}}, method: "POST", target: "/webhook/p",
			want: []any{[]any{}, []any{map[string]any{"json": requestJSON(host, map[string]any{}, map[string]any{}, "")}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			params := map[string]any{"path": "p"}
			for k, v := range tt.params {
				params[k] = v
			}
			w := webhookOf(t, webhookNode(tt.version, params))
			r := newRequest(t, tt.method, tt.target, tt.contentType, tt.body)
			out, err := w.Output(r, map[string]string{}, "http://localhost:5678/webhook/p", tt.mode)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, outputView(t, out)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// multipartForm is a form with two fields (one repeated), a file and two
// files under "files[]".
func multipartForm(t *testing.T) (body, contentType string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(mw.WriteField("title", "Report"))
	must(mw.WriteField("tag", "a"))
	must(mw.WriteField("tag", "b"))
	file := func(field, name, ct, data string) {
		h := map[string][]string{
			"Content-Disposition": {`form-data; name="` + field + `"; filename="` + name + `"`},
			"Content-Type":        {ct},
		}
		p, err := mw.CreatePart(h)
		must(err)
		_, err = p.Write([]byte(data))
		must(err)
	}
	file("doc", "doc.txt", "text/plain", "DOC")
	file("files[]", "one.png", "image/png", "ONE")
	file("files[]", "two.png", "image/png", "TWO")
	must(mw.Close())
	return buf.String(), mw.FormDataContentType()
}

func TestWebhookOutputDetails(t *testing.T) {
	t.Parallel()
	w := webhookOf(t, webhookNode(2, map[string]any{"path": "users/:id"}))

	// Path parameters, gzip bodies, key order and header joining.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(`{"z":1,"a":2}`))
	_ = zw.Close()
	r := newRequest(t, "POST", "/webhook/wid/users/7?q=1", "application/json", gz.String())
	r.Header.Set("Content-Encoding", "gzip")
	r.Header.Add("X-Multi", "1")
	r.Header.Add("X-Multi", "2")
	out, err := w.Output(r, map[string]string{"id": "7"}, "http://h/webhook/wid/users/7", "webhook")
	if err != nil {
		t.Fatal(err)
	}
	obj := out[0][0].Object()
	got := []any{obj["params"], obj["body"], nodes.Keys(obj), nodes.Keys(obj["body"].(map[string]any)), obj["headers"].(map[string]any)["x-multi"]}
	want := []any{map[string]any{"id": "7"}, map[string]any{"z": 1.0, "a": 2.0},
		[]string{"headers", "params", "query", "body", "webhookUrl", "executionMode"}, []string{"z", "a"}, "1, 2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	// A JWT payload verified by Authenticate is added to the item.
	jw := webhookOf(t, webhookNode(2, map[string]any{"path": "p", "authentication": "jwtAuth"}))
	r = newRequest(t, "GET", "/webhook/p", "", "")
	r.Header.Set("Authorization", "Bearer "+hs256(t, "k", `{"sub":"u1","role":"admin"}`))
	creds := func(string) (map[string]any, error) {
		return map[string]any{"keyType": "passphrase", "secret": "k"}, nil
	}
	if err := jw.Authenticate(r, creds); err != nil {
		t.Fatal(err)
	}
	out, err = jw.Output(r, nil, "u", "webhook")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]any{"sub": "u1", "role": "admin"}, out[0][0].Object()["jwtPayload"]); diff != "" {
		t.Errorf("jwtPayload (-want +got):\n%s", diff)
	}
}

func TestWebhookOutputErrors(t *testing.T) {
	t.Parallel()
	w := webhookOf(t, webhookNode(2, map[string]any{"path": "p"}))
	huge := `"` + strings.Repeat("a", int(trigger.MaxBodyBytes)) + `"`
	tests := []struct {
		name, contentType, body string
		code                    int
		message                 string
	}{
		{"bad json", "application/json", `{"a":`, http.StatusUnprocessableEntity, "Failed to parse request body"},
		{"too large", "application/json", huge, http.StatusRequestEntityTooLarge, "request entity too large"},
		{"multipart without boundary", "multipart/form-data", "x", http.StatusUnprocessableEntity, "Failed to parse request body"},
		{"malformed xml", "application/xml", "<a><b></a>", http.StatusUnprocessableEntity, "Failed to parse request body"},
	}
	for _, tt := range tests {
		_, err := w.Output(newRequest(t, "POST", "/webhook/p", tt.contentType, tt.body), nil, "u", "webhook")
		var he *trigger.HTTPError
		if !errors.As(err, &he) {
			t.Errorf("%s: error %v, want an HTTPError", tt.name, err)
			continue
		}
		if diff := cmp.Diff([]any{tt.code, tt.message}, []any{he.Code, he.Message}); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestWebhookOnlyRunIf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, cond, body string
		runs             bool
	}{
		{"matching", "={{ $json.body.campaign === 'invite' && $json.query.x === '1' }}", `{"campaign":"invite"}`, true},
		{"not matching", "={{ $json.body.campaign === 'invite' }}", `{"campaign":"other"}`, false},
		{"undefined drops it", "={{ $json.body.a.b.c }}", `{}`, false},
		{"evaluation error lets it through", "={{ $('Missing').item.json.x }}", `{}`, true},
		{"not an expression is ignored", "false", `{}`, true},
	}
	for _, tt := range tests {
		w := webhookOf(t, webhookNode(2, map[string]any{"path": "p", "options": map[string]any{"onlyRunIf": tt.cond}}))
		out, err := w.Output(newRequest(t, "POST", "/webhook/p?x=1", "application/json", tt.body), nil, "u", "webhook")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if runs := len(out) == 1 && len(out[0]) == 1; runs != tt.runs {
			t.Errorf("%s: outputs %v, want runs=%v", tt.name, out, tt.runs)
		}
	}
}

// TestWebhookXMLBodyErrorHint checks that a malformed XML body is n8n's
// UnprocessableRequestError with the parser's (sax's) message as hint.
func TestWebhookXMLBodyErrorHint(t *testing.T) {
	t.Parallel()
	w := webhookOf(t, webhookNode(2, map[string]any{"path": "p"}))
	_, err := w.Output(newRequest(t, "POST", "/webhook/p", "text/xml", "<Order>\n<Item></Order>"), nil, "u", "webhook")
	var he *trigger.HTTPError
	if !errors.As(err, &he) {
		t.Fatalf("error %v, want an HTTPError", err)
	}
	want := []any{http.StatusUnprocessableEntity, "Failed to parse request body", "Unexpected close tag\nLine: 1\nColumn: 14\nChar: >"}
	if diff := cmp.Diff(want, []any{he.Code, he.Message, he.Hint}); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
