package httprequest_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/nodes"
)

// errWant is the part of a node error a case checks.
type errWant struct {
	Name, Message, Description, HTTPCode string
}

// caseReq is the part of a received request a case checks; only the
// headers listed are compared.
type caseReq struct {
	Method, Path, Query, Body string
	Headers                   map[string]string
}

type nodeCase struct {
	name    string
	version float64
	params  string // JSON; "BASE" is replaced by the test server's URL
	input   string // JSON array of item payloads; default one empty item
	binary  map[string]*nodes.BinaryData
	replies []reply
	creds   map[string]map[string]any
	cont    bool
	want    string // JSON array of output items ("BASE" is the server URL)
	reqs    []caseReq
	err     *errWant
}

func runCases(t *testing.T, cases []nodeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, tc.replies...)
			var in []nodes.Item
			if tc.input != "" {
				in = items(t, tc.input)
			}
			if tc.binary != nil {
				if len(in) == 0 {
					in = []nodes.Item{{JSON: map[string]any{}}}
				}
				in[0].Binary = tc.binary
			}
			version := tc.version
			if version == 0 {
				version = 4.5
			}
			f := newFake(t, version, params(t, srv.URL, tc.params), in)
			f.Continue = tc.cont
			f.Creds = tc.creds
			outs, err := f.run()
			if tc.err != nil {
				var ne *nodes.NodeError
				if !errors.As(err, &ne) {
					t.Fatalf("want node error %q, got %v", tc.err.Message, err)
				}
				got := errWant{Name: ne.Name, Message: ne.Message, Description: ne.DescriptionText(), HTTPCode: ne.HTTPCode}
				if diff := cmp.Diff(*tc.err, got); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
			} else {
				if err != nil {
					t.Fatalf("run: %v", err)
				}
				want := decode(t, strings.ReplaceAll(tc.want, "BASE", srv.URL))
				if diff := cmp.Diff(want, any(plain(t, outs))); diff != "" {
					t.Errorf("items (-want +got):\n%s", diff)
				}
			}
			if tc.reqs == nil {
				return
			}
			got := []caseReq{}
			for i, r := range srv.requests() {
				cr := caseReq{Method: r.Method, Path: r.Path, Query: r.Query, Body: r.Body}
				if i < len(tc.reqs) && tc.reqs[i].Headers != nil {
					cr.Headers = map[string]string{}
					for k := range tc.reqs[i].Headers {
						if v, ok := r.Headers[k]; ok {
							cr.Headers[k] = v
						}
					}
				}
				got = append(got, cr)
			}
			if diff := cmp.Diff(tc.reqs, got); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}

const acceptAny = "application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, image/*;q=0.8, */*;q=0.7"

func TestRequestAssembly(t *testing.T) {
	t.Parallel()
	runCases(t, []nodeCase{
		{
			name: "query, headers and header auth; array reply split into items",
			params: `{"url": "=BASE/shops/{{ $itemIndex + 1 }}", "authentication": "genericCredentialType",
				"genericAuthType": "httpHeaderAuth", "sendQuery": true,
				"queryParameters": {"parameters": [{"name": "q", "value": "={{ $json.term }}"}, {"name": "limit", "value": "2"}]},
				"sendHeaders": true, "headerParameters": {"parameters": [{"name": "X-Client", "value": "t"}, {"name": "", "value": "skipped"}]}}`,
			input:   `[{"term": "desk lamp"}, {"term": "chair"}]`,
			creds:   map[string]map[string]any{"httpHeaderAuth": {"name": "X-Api-Key", "value": "k1"}},
			replies: []reply{{Body: `[{"id": 1}, {"id": 2}]`}, {Body: `[{"id": 3}]`}},
			want: `[{"json": {"id": 1}, "pairedItem": {"item": 0}}, {"json": {"id": 2}, "pairedItem": {"item": 0}},
				{"json": {"id": 3}, "pairedItem": {"item": 1}}]`,
			reqs: []caseReq{
				{Method: "GET", Path: "/shops/1", Query: "limit=2&q=desk%20lamp", Headers: map[string]string{"x-client": "t", "x-api-key": "k1", "accept": acceptAny}},
				{Method: "GET", Path: "/shops/2", Query: "limit=2&q=chair", Headers: map[string]string{"x-client": "t", "x-api-key": "k1", "accept": acceptAny}},
			},
		},
		{
			name:    "repeated query names collect into an array from 4.3",
			params:  `{"url": "BASE/r", "sendQuery": true, "queryParameters": {"parameters": [{"name": "id", "value": "1"}, {"name": "id", "value": "2"}]}}`,
			replies: []reply{{Body: `{"ok": true}`}},
			want:    `[{"json": {"ok": true}, "pairedItem": {"item": 0}}]`,
			reqs:    []caseReq{{Method: "GET", Path: "/r", Query: "id%5B0%5D=1&id%5B1%5D=2"}},
		},
		{
			name:    "repeated query names: the last wins before 4.3",
			version: 4.2,
			params:  `{"url": "BASE/r", "sendQuery": true, "queryParameters": {"parameters": [{"name": "id", "value": "1"}, {"name": "id", "value": "2"}]}}`,
			want:    `[{"json": {}, "pairedItem": {"item": 0}}]`,
			reqs:    []caseReq{{Method: "GET", Path: "/r", Query: "id=2"}},
		},
		{
			name: "queryParameterArrays repeat",
			params: `{"url": "BASE/r", "sendQuery": true, "queryParameters": {"parameters": [{"name": "id", "value": "1"}, {"name": "id", "value": "2"}]},
				"options": {"queryParameterArrays": "repeat"}}`,
			want: `[{"json": {}, "pairedItem": {"item": 0}}]`,
			reqs: []caseReq{{Method: "GET", Path: "/r", Query: "id=1&id=2"}},
		},
		{
			name:   "query and headers as JSON; lowercaseHeaders off keeps the case",
			params: `{"url": "BASE/j", "sendQuery": true, "specifyQuery": "json", "jsonQuery": "{\"a\": 1, \"b\": \"x y\"}", "sendHeaders": true, "specifyHeaders": "json", "jsonHeaders": "{\"X-Mixed\": \"v\"}", "options": {"lowercaseHeaders": false}}`,
			want:   `[{"json": {}, "pairedItem": {"item": 0}}]`,
			reqs:   []caseReq{{Method: "GET", Path: "/j", Query: "a=1&b=x%20y", Headers: map[string]string{"x-mixed": "v"}}},
		},
		{
			name: "JSON body from fields with dotted names (lodash set) and typed values",
			params: `{"method": "POST", "url": "BASE/b", "sendBody": true, "bodyParameters": {"parameters": [
				{"name": "user.name", "value": "={{ $json.name.toUpperCase() }}"}, {"name": "id", "value": "={{ $json.id }}"}, {"name": "tags[0]", "value": "a"}]}}`,
			input:   `[{"name": "ada", "id": 7}]`,
			replies: []reply{{Status: 201, Body: `{"created": true}`}},
			want:    `[{"json": {"created": true}, "pairedItem": {"item": 0}}]`,
			reqs: []caseReq{{Method: "POST", Path: "/b", Body: `{"id":7,"tags":["a"],"user":{"name":"ADA"}}`,
				Headers: map[string]string{"content-type": "application/json"}}},
		},
		{
			name:    "JSON body written as a template",
			params:  `{"method": "PUT", "url": "BASE/b", "sendBody": true, "specifyBody": "json", "jsonBody": "={\"n\": {{ $json.n }}, \"s\": \"{{ $json.s }}\"}"}`,
			input:   `[{"n": 2, "s": "x"}]`,
			want:    `[{"json": {}, "pairedItem": {"item": 0}}]`,
			reqs:    []caseReq{{Method: "PUT", Path: "/b", Body: `{"n":2,"s":"x"}`}},
			replies: []reply{{Body: `{}`}},
		},
		{
			name:   "invalid JSON body is a NodeOperationError",
			params: `{"method": "POST", "url": "BASE/b", "sendBody": true, "specifyBody": "json", "jsonBody": "{nope"}`,
			err: &errWant{Name: "NodeOperationError", Message: `The value in the "JSON Body" field is not valid JSON`,
				Description: "invalid character 'n' looking for beginning of object key string"},
			reqs: []caseReq{},
		},
		{
			name: "form-urlencoded body from fields",
			params: `{"method": "POST", "url": "BASE/f", "sendBody": true, "contentType": "form-urlencoded",
				"bodyParameters": {"parameters": [{"name": "a", "value": "1 2"}, {"name": "b", "value": "x&y"}]}}`,
			want: `[{"json": {}, "pairedItem": {"item": 0}}]`,
			reqs: []caseReq{{Method: "POST", Path: "/f", Body: "a=1%202&b=x%26y",
				Headers: map[string]string{"content-type": "application/x-www-form-urlencoded"}}},
		},
		{
			name:   "form-urlencoded body from a string",
			params: `{"method": "POST", "url": "BASE/f", "sendBody": true, "contentType": "form-urlencoded", "specifyBody": "string", "body": "x=1&y=two+words"}`,
			want:   `[{"json": {}, "pairedItem": {"item": 0}}]`,
			reqs:   []caseReq{{Method: "POST", Path: "/f", Body: "x=1&y=two%20words"}},
		},
		{
			name:   "raw body with its content type",
			params: `{"method": "POST", "url": "BASE/raw", "sendBody": true, "contentType": "raw", "rawContentType": "text/csv", "body": "a,b\n1,2"}`,
			want:   `[{"json": {}, "pairedItem": {"item": 0}}]`,
			reqs:   []caseReq{{Method: "POST", Path: "/raw", Body: "a,b\n1,2", Headers: map[string]string{"content-type": "text/csv"}}},
		},
		{
			name:   "binary body from the item",
			params: `{"method": "POST", "url": "BASE/up", "sendBody": true, "contentType": "binaryData", "inputDataFieldName": "file"}`,
			binary: map[string]*nodes.BinaryData{"file": {Data: b64("PNGDATA"), MimeType: "image/png", FileName: "a.png"}},
			want:   `[{"json": {}, "pairedItem": {"item": 0}}]`,
			reqs:   []caseReq{{Method: "POST", Path: "/up", Body: "PNGDATA", Headers: map[string]string{"content-type": "image/png"}}},
		},
		{
			name:   "binary body: missing field",
			params: `{"method": "POST", "url": "BASE/up", "sendBody": true, "contentType": "binaryData", "inputDataFieldName": "nope"}`,
			binary: map[string]*nodes.BinaryData{"file": {Data: b64("x")}},
			err: &errWant{Name: "NodeOperationError", Message: "The item has no binary field 'nope'",
				Description: "Check that the parameter where you specified the input binary field name is correct, and that it matches a field in the binary input"},
		},
		{
			name:    "HEAD never sends the body",
			params:  `{"method": "HEAD", "url": "BASE/h", "sendBody": true, "contentType": "raw", "rawContentType": "text/plain", "body": "x"}`,
			replies: []reply{{Body: ""}},
			want:    `[{"json": {}, "pairedItem": {"item": 0}}]`,
			reqs:    []caseReq{{Method: "HEAD", Path: "/h", Body: ""}},
		},
		{
			name:   "predefined credential type is passed to the engine",
			params: `{"url": "BASE/p", "authentication": "predefinedCredentialType", "nodeCredentialType": "httpBearerAuth"}`,
			creds:  map[string]map[string]any{"httpBearerAuth": {"token": "tok"}},
			want:   `[{"json": {}, "pairedItem": {"item": 0}}]`,
			reqs:   []caseReq{{Method: "GET", Path: "/p", Headers: map[string]string{"authorization": "Bearer tok"}}},
		},
		{
			name:   "URL must be http(s)",
			params: `{"url": "ftp://x"}`,
			err:    &errWant{Name: "NodeOperationError", Message: `Invalid URL: ftp://x. URL must start with "http" or "https".`},
		},
		{
			name:   "client certificates are refused, not ignored",
			params: `{"url": "BASE/x", "provideSslCertificates": true}`,
			err: &errWant{Name: "NodeOperationError", Message: "SSL client certificates (provideSslCertificates, httpSslAuth) are not supported by noderun",
				Description: `Turn off "SSL Certificates" or call the service through a proxy that presents the certificate`},
			reqs: []caseReq{},
		},
		{
			name:   "empty URL",
			params: `{"url": "  "}`,
			err:    &errWant{Name: "NodeOperationError", Message: "URL parameter cannot be empty"},
		},
		{
			name:   "URL errors become items with continueOnFail",
			params: `{"url": "={{ $json.u }}"}`,
			input:  `[{"u": "nope"}, {"u": 5}]`,
			cont:   true,
			want: `[{"json": {"error": "Invalid URL: nope. URL must start with \"http\" or \"https\"."}, "pairedItem": {"item": 0}},
				{"json": {"error": "URL parameter must be a string, got number"}, "pairedItem": {"item": 1}}]`,
		},
	})
}
