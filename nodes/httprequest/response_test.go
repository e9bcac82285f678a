package httprequest_test

import "testing"

func TestResponseFormats(t *testing.T) {
	t.Parallel()
	const fullJSON = `{"response": {"response": {"fullResponse": true}}}`
	runCases(t, []nodeCase{
		{
			name:    "autodetect: JSON object",
			params:  `{"url": "BASE/a"}`,
			replies: []reply{{Body: `{"a": {"b": [1, 2]}}`}},
			want:    `[{"json": {"a": {"b": [1, 2]}}, "pairedItem": {"item": 0}}]`,
		},
		{
			name:    "autodetect: empty JSON body is {}",
			params:  `{"url": "BASE/a"}`,
			replies: []reply{{Body: ""}},
			want:    `[{"json": {}, "pairedItem": {"item": 0}}]`,
		},
		{
			name:    "autodetect: invalid JSON with a JSON content type fails",
			params:  `{"url": "BASE/a"}`,
			replies: []reply{{Body: "{oops"}},
			err:     &errWant{Name: "NodeOperationError", Message: "Invalid JSON in response body"},
		},
		{
			name:    "autodetect: text becomes {data}",
			params:  `{"url": "BASE/t"}`,
			replies: []reply{{Headers: map[string]string{"Content-Type": "text/plain; charset=utf-8"}, Body: "hello"}},
			want:    `[{"json": {"data": "hello"}, "pairedItem": {"item": 0}}]`,
		},
		{
			name:    "autodetect: image becomes binary, input json kept",
			params:  `{"url": "BASE/pic.png"}`,
			input:   `[{"keep": 1}]`,
			replies: []reply{{Headers: map[string]string{"Content-Type": "image/png"}, Body: "PNG"}},
			want: `[{"json": {"keep": 1}, "pairedItem": {"item": 0}, "binary": {"data": {"data": "UE5H", "mimeType": "image/png",
				"fileName": "pic.png", "directory": "BASE/pic.png", "fileExtension": "png", "fileSize": "3 B", "fileType": "image"}}}]`,
		},
		{
			name:    "text format keeps JSON text (compact) in the output property",
			params:  `{"url": "BASE/raw", "options": {"response": {"response": {"responseFormat": "text", "outputPropertyName": "payload"}}}}`,
			replies: []reply{{Body: `{"greeting": "hello", "n": 1}`}},
			want:    `[{"json": {"payload": "{\"greeting\":\"hello\",\"n\":1}"}, "pairedItem": {"item": 0}}]`,
			reqs: []caseReq{{Method: "GET", Path: "/raw", Headers: map[string]string{
				"accept": "application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, */*;q=0.1"}}},
		},
		{
			name:    "json format rejects text",
			params:  `{"url": "BASE/x", "options": {"response": {"response": {"responseFormat": "json"}}}}`,
			replies: []reply{{Headers: map[string]string{"Content-Type": "text/plain"}, Body: "not json"}},
			err:     &errWant{Name: "NodeOperationError", Message: `Response body is not valid JSON. Change "Response Format" to "Text"`},
			reqs:    []caseReq{{Method: "GET", Path: "/x", Headers: map[string]string{"accept": "application/json,text/*;q=0.99"}}},
		},
		{
			name:    "json format parses JSON sent as text",
			params:  `{"url": "BASE/x", "options": {"response": {"response": {"responseFormat": "json"}}}}`,
			replies: []reply{{Headers: map[string]string{"Content-Type": "text/plain"}, Body: `[{"a": 1}, {"a": 2}]`}},
			want:    `[{"json": {"a": 1}, "pairedItem": {"item": 0}}, {"json": {"a": 2}, "pairedItem": {"item": 0}}]`,
		},
		{
			name:    "file format with a named property",
			params:  `{"url": "BASE/doc", "options": {"response": {"response": {"responseFormat": "file", "outputPropertyName": "doc"}}}}`,
			replies: []reply{{Headers: map[string]string{"Content-Type": "application/pdf"}, Body: "%PDF"}},
			want: `[{"json": {}, "pairedItem": {"item": 0}, "binary": {"doc": {"data": "JVBERg==", "mimeType": "application/pdf",
				"fileName": "doc", "directory": "BASE/doc", "fileExtension": "pdf", "fileSize": "4 B", "fileType": "pdf"}}}]`,
		},
		{
			name:    "file name from Content-Disposition",
			params:  `{"url": "BASE/export?id=1", "options": {"response": {"response": {"responseFormat": "file"}}}}`,
			replies: []reply{{Headers: map[string]string{"Content-Type": "text/csv", "Content-Disposition": `attachment; filename="r.csv"`}, Body: "a\n"}},
			want: `[{"json": {}, "pairedItem": {"item": 0}, "binary": {"data": {"data": "YQo=", "mimeType": "text/csv",
				"fileName": "r.csv", "directory": "BASE/export?id=1", "fileExtension": "csv", "fileSize": "2 B", "fileType": "text"}}}]`,
		},
		{
			name:    "file at the root URL is named after the property and MIME type",
			params:  `{"url": "BASE/", "options": {"response": {"response": {"responseFormat": "file", "outputPropertyName": "img"}}}}`,
			replies: []reply{{Headers: map[string]string{"Content-Type": "image/jpeg"}, Body: "JPG"}},
			want: `[{"json": {}, "pairedItem": {"item": 0}, "binary": {"img": {"data": "SlBH", "mimeType": "image/jpeg",
				"fileName": "img.jpg", "fileExtension": "jpg", "fileSize": "3 B", "fileType": "image"}}}]`,
		},
		{
			name:    "full response",
			params:  `{"url": "BASE/info", "options": ` + fullJSON + `}`,
			replies: []reply{{Status: 202, Headers: map[string]string{"X-Request-Id": "r1"}, Body: `{"queued": true}`}},
			want: `[{"json": {"body": {"queued": true}, "headers": {"content-type": "application/json", "x-request-id": "r1", "content-length": "16"},
				"statusCode": 202, "statusMessage": "Accepted"}, "pairedItem": {"item": 0}}]`,
		},
		{
			name:    "full response with text format",
			params:  `{"url": "BASE/info", "options": {"response": {"response": {"fullResponse": true, "responseFormat": "text"}}}}`,
			replies: []reply{{Headers: map[string]string{"Content-Type": "text/plain"}, Body: "ok"}},
			want: `[{"json": {"data": "ok", "headers": {"content-type": "text/plain", "content-length": "2"},
				"statusCode": 200, "statusMessage": "OK"}, "pairedItem": {"item": 0}}]`,
		},
		{
			name:    "never error returns the error body as data",
			params:  `{"url": "BASE/missing", "options": {"response": {"response": {"neverError": true}}}}`,
			replies: []reply{{Status: 404, Body: `{"message": "nope"}`}},
			want:    `[{"json": {"message": "nope"}, "pairedItem": {"item": 0}}]`,
		},
	})
}

func TestErrors(t *testing.T) {
	t.Parallel()
	runCases(t, []nodeCase{
		{
			name:    "404 is a NodeApiError with the server's message as description",
			params:  `{"url": "BASE/orders/1"}`,
			replies: []reply{{Status: 404, Body: `{"message": "order not found", "code": "NOT_FOUND"}`}},
			err: &errWant{Name: "NodeApiError", Message: "The resource you are requesting could not be found",
				Description: "order not found", HTTPCode: "404"},
		},
		{
			name:    "500 with a text body",
			params:  `{"url": "BASE/boom"}`,
			replies: []reply{{Status: 500, Headers: map[string]string{"Content-Type": "text/plain"}, Body: "kaput"}},
			err: &errWant{Name: "NodeApiError", Message: "The service was not able to process your request",
				Description: "kaput", HTTPCode: "500"},
		},
		{
			name:    "429 keeps n8n's status message when thrown",
			params:  `{"url": "BASE/busy"}`,
			replies: []reply{{Status: 429, Body: `{}`}},
			err:     &errWant{Name: "NodeApiError", Message: "The service is receiving too many requests from you", HTTPCode: "429"},
		},
		{
			name:    "continueOnFail in 4.5: the request error plus details",
			params:  `{"url": "=BASE/orders/{{ $json.id }}"}`,
			input:   `[{"id": 404}, {"id": 7}]`,
			cont:    true,
			replies: []reply{{Status: 404, Body: `{"message":"order not found","code":"NOT_FOUND"}`}, {Body: `{"id": 7}`}},
			want: `[{"json": {"error": {"message": "404 - \"{\\\"message\\\":\\\"order not found\\\",\\\"code\\\":\\\"NOT_FOUND\\\"}\"",
					"name": "AxiosError", "code": "ERR_BAD_REQUEST", "status": 404},
				"details": {"message": "The resource you are requesting could not be found", "description": "order not found",
					"httpCode": "404", "body": {"message": "order not found", "code": "NOT_FOUND"}, "context": {"itemIndex": 0}}},
				"pairedItem": {"item": 0}},
				{"json": {"id": 7}, "pairedItem": {"item": 1}}]`,
		},
		{
			name:    "continueOnFail before 4.5: no details; JSON format reports the parsed body",
			version: 4.2,
			params:  `{"url": "BASE/x", "options": {"response": {"response": {"responseFormat": "json"}}}}`,
			cont:    true,
			replies: []reply{{Status: 503, Body: `{"a":1}`}},
			want: `[{"json": {"error": {"message": "503 - {\"a\":1}", "name": "AxiosError", "code": "ERR_BAD_RESPONSE", "status": 503}},
				"pairedItem": {"item": 0}}]`,
		},
		{
			name:    "continueOnFail: 429 gets the batching hint",
			params:  `{"url": "BASE/busy"}`,
			cont:    true,
			version: 4.4,
			replies: []reply{{Status: 429, Body: `{}`}},
			want: `[{"json": {"error": {"message": "Try spacing your requests out using the batching settings under 'Options'",
				"name": "AxiosError", "code": "ERR_BAD_REQUEST", "status": 429}}, "pairedItem": {"item": 0}}]`,
		},
		{
			name:    "v3 does not follow redirects",
			version: 3,
			params:  `{"url": "BASE/old"}`,
			replies: []reply{{Status: 302, Headers: map[string]string{"Location": "/new"}, Body: `{}`}},
			err:     &errWant{Name: "NodeApiError", Message: "Request failed with status code 302", HTTPCode: "302"},
			reqs:    []caseReq{{Method: "GET", Path: "/old"}},
		},
		{
			name:    "v4 follows redirects",
			params:  `{"url": "BASE/old"}`,
			replies: []reply{{Status: 302, Headers: map[string]string{"Location": "/new"}, Body: `{}`}, {Body: `{"here": true}`}},
			want:    `[{"json": {"here": true}, "pairedItem": {"item": 0}}]`,
			reqs:    []caseReq{{Method: "GET", Path: "/old"}, {Method: "GET", Path: "/new"}},
		},
		{
			name:    "redirect option off",
			params:  `{"url": "BASE/old", "options": {"redirect": {"redirect": {"followRedirects": false}}}}`,
			replies: []reply{{Status: 301, Headers: map[string]string{"Location": "/new"}, Body: `{}`}},
			err:     &errWant{Name: "NodeApiError", Message: "Request failed with status code 301", HTTPCode: "301"},
		},
	})
}
