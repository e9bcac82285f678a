package trigger_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/trigger"
)

const jsonType = "application/json; charset=utf-8"

func TestReceivedResponse(t *testing.T) {
	t.Parallel()
	started := map[string]any{"message": "Workflow was started"}
	tests := []struct {
		name    string
		version float64
		params  map[string]any
		want    *nodes.WebhookResponse
	}{
		{"default", 2, nil, &nodes.WebhookResponse{StatusCode: 200, Headers: map[string]string{"content-type": jsonType}, Body: started}},
		{"v1 response code", 1, map[string]any{"responseCode": 201.0},
			&nodes.WebhookResponse{StatusCode: 201, Headers: map[string]string{"content-type": jsonType}, Body: started}},
		{"v2 response code option", 2, map[string]any{"options": map[string]any{"responseCode": map[string]any{"values": map[string]any{"responseCode": 202.0}}}},
			&nodes.WebhookResponse{StatusCode: 202, Headers: map[string]string{"content-type": jsonType}, Body: started}},
		{"v2 custom code", 2.1, map[string]any{"options": map[string]any{"responseCode": map[string]any{"values": map[string]any{"responseCode": "customCode", "customCode": 418.0}}}},
			&nodes.WebhookResponse{StatusCode: 418, Headers: map[string]string{"content-type": jsonType}, Body: started}},
		{"response data", 2, map[string]any{"options": map[string]any{"responseData": "success", "responseHeaders": map[string]any{"entries": []any{map[string]any{"name": "X-Id", "value": 7.0}}}}},
			&nodes.WebhookResponse{StatusCode: 200, Headers: map[string]string{"x-id": "7", "content-type": "text/html; charset=utf-8"}, Body: "success"}},
		{"no response body", 2, map[string]any{"options": map[string]any{"noResponseBody": true}},
			&nodes.WebhookResponse{StatusCode: 200, Headers: map[string]string{}}},
		{"content type header kept", 2, map[string]any{"options": map[string]any{"responseHeaders": map[string]any{"entries": []any{map[string]any{"name": "Content-Type", "value": "text/plain"}}}}},
			&nodes.WebhookResponse{StatusCode: 200, Headers: map[string]string{"content-type": "text/plain"}, Body: started}},
	}
	for _, tt := range tests {
		params := map[string]any{"path": "p"}
		for k, v := range tt.params {
			params[k] = v
		}
		got := webhookOf(t, webhookNode(tt.version, params)).ReceivedResponse()
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestLastNodeResponse(t *testing.T) {
	t.Parallel()
	items := []nodes.Item{
		{JSON: map[string]any{"a": 1.0, "data": map[string]any{"x": "inner"}}, Binary: map[string]*nodes.BinaryData{"data": {Data: "UERG", MimeType: "application/pdf"}}},
		{JSON: map[string]any{"a": 2.0}},
	}
	lastNode := func(extra map[string]any) map[string]any {
		p := map[string]any{"path": "p", "responseMode": "lastNode"}
		for k, v := range extra {
			p[k] = v
		}
		return p
	}
	tests := []struct {
		name   string
		params map[string]any
		items  []nodes.Item
		want   *nodes.WebhookResponse
		err    string
	}{
		{"first entry json", lastNode(nil), items,
			&nodes.WebhookResponse{StatusCode: 200, Headers: map[string]string{"content-type": jsonType}, Body: items[0].JSON}, ""},
		{"property name and content type", lastNode(map[string]any{"options": map[string]any{"responsePropertyName": "data.x", "responseContentType": "text/plain"}}), items,
			&nodes.WebhookResponse{StatusCode: 200, Headers: map[string]string{"content-type": "text/plain"}, Body: "inner"}, ""},
		{"all entries with code and header", lastNode(map[string]any{"responseData": "allEntries", "options": map[string]any{
			"responseCode":    map[string]any{"values": map[string]any{"responseCode": 201.0}},
			"responseHeaders": map[string]any{"entries": []any{map[string]any{"name": "X-A", "value": "b"}}}}}), items,
			&nodes.WebhookResponse{StatusCode: 201, Headers: map[string]string{"x-a": "b", "content-type": jsonType}, Body: []any{items[0].JSON, items[1].JSON}}, ""},
		{"all entries of nothing", lastNode(map[string]any{"responseData": "allEntries"}), nil,
			&nodes.WebhookResponse{StatusCode: 200, Headers: map[string]string{"content-type": jsonType}, Body: []any{}}, ""},
		{"no data", lastNode(map[string]any{"responseData": "noData"}), items,
			&nodes.WebhookResponse{StatusCode: 200, Headers: map[string]string{}}, ""},
		{"first entry binary", lastNode(map[string]any{"responseData": "firstEntryBinary"}), items,
			&nodes.WebhookResponse{StatusCode: 200, Headers: map[string]string{"content-type": "application/pdf"}, Body: []byte("PDF")}, ""},
		{"no item", lastNode(nil), nil, nil, "No item to return was found"},
		{"binary: no item", lastNode(map[string]any{"responseData": "firstEntryBinary"}), nil, nil, "No item was found to return"},
		{"binary: no binary", lastNode(map[string]any{"responseData": "firstEntryBinary"}), items[1:], nil, "No binary data was found to return"},
		{"binary: missing property", lastNode(map[string]any{"responseData": "firstEntryBinary", "responseBinaryPropertyName": "file"}), items, nil,
			"The binary property 'file' which should be returned does not exist"},
	}
	for _, tt := range tests {
		got, err := webhookOf(t, webhookNode(2, tt.params)).LastNodeResponse(tt.items)
		if tt.err != "" {
			var he *trigger.HTTPError
			if !errors.As(err, &he) || he.Code != 500 || he.Message != tt.err {
				t.Errorf("%s: error %v, want HTTP 500 %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}
