package routing_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes/routing"
)

// opDesc is a one-operation node whose operation option carries the given
// routing JSON, plus a "returnAll" switch that turns pagination on.
func opDesc(routingJSON string) string {
	return `{"displayName":"Op","name":"op","version":1,"inputs":["main"],"outputs":["main"],
	 "requestDefaults":{"baseURL":"{{BASE}}"},
	 "properties":[
	  {"displayName":"Operation","name":"operation","type":"options","default":"get",
	   "options":[{"name":"Get","value":"get","routing":` + routingJSON + `}]},
	  {"displayName":"Return All","name":"returnAll","type":"boolean","default":false,
	   "routing":{"send":{"paginate":"={{$value}}"}}},
	  {"displayName":"Limit","name":"limit","type":"number","default":0,
	   "displayOptions":{"show":{"returnAll":[false]}},
	   "routing":{"output":{"maxResults":"={{$value}}"}}}
	 ]}`
}

func TestPostReceiveActions(t *testing.T) {
	t.Parallel()
	body := map[string]any{"data": []any{
		map[string]any{"id": 2.0, "name": "beta"},
		map[string]any{"id": 1.0, "name": "Alpha"},
		map[string]any{"id": 3.0, "name": "gamma"},
	}, "total": 3.0}
	tests := []struct {
		name   string
		output string
		params map[string]any
		want   []any
	}{
		{"rootProperty", `[{"type":"rootProperty","properties":{"property":"data"}}]`, nil,
			[]any{map[string]any{"id": 2.0, "name": "beta"}, map[string]any{"id": 1.0, "name": "Alpha"}, map[string]any{"id": 3.0, "name": "gamma"}}},
		{"rootProperty on a scalar", `[{"type":"rootProperty","properties":{"property":"total"}}]`, nil, []any{3.0}},
		{"rootProperty then sort (case-insensitive)", `[{"type":"rootProperty","properties":{"property":"data"}},{"type":"sort","properties":{"key":"name"}}]`, nil,
			[]any{map[string]any{"id": 1.0, "name": "Alpha"}, map[string]any{"id": 2.0, "name": "beta"}, map[string]any{"id": 3.0, "name": "gamma"}}},
		{"filter with $responseItem and $response", `[{"type":"rootProperty","properties":{"property":"data"}},{"type":"filter","properties":{"pass":"={{ $responseItem.id > 1 && $response.statusCode === 200 }}"}}]`, nil,
			[]any{map[string]any{"id": 2.0, "name": "beta"}, map[string]any{"id": 3.0, "name": "gamma"}}},
		{"limit", `[{"type":"rootProperty","properties":{"property":"data"}},{"type":"limit","properties":{"maxResults":"2"}}]`, nil,
			[]any{map[string]any{"id": 2.0, "name": "beta"}, map[string]any{"id": 1.0, "name": "Alpha"}}},
		{"set with $response", `[{"type":"set","properties":{"value":"={{ {code: $response.statusCode, n: $response.body.total} }}"}}]`, nil,
			[]any{map[string]any{"code": 200.0, "n": 3.0}}},
		{"setKeyValue", `[{"type":"rootProperty","properties":{"property":"data"}},{"type":"setKeyValue","properties":{"name":"={{$responseItem.name}}","value":"={{$responseItem.id}}","fixed":"x"}}]`, nil,
			[]any{map[string]any{"name": "beta", "value": 2.0, "fixed": "x"}, map[string]any{"name": "Alpha", "value": 1.0, "fixed": "x"}, map[string]any{"name": "gamma", "value": 3.0, "fixed": "x"}}},
		{"disabled action skipped", `[{"type":"rootProperty","enabled":false,"properties":{"property":"data"}},{"type":"rootProperty","enabled":"={{ 1 === 2 }}","properties":{"property":"data"}}]`, nil,
			[]any{body}},
		{"maxResults truncates", `[{"type":"rootProperty","properties":{"property":"data"}}]`, map[string]any{"limit": 1.0},
			[]any{map[string]any{"id": 2.0, "name": "beta"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, nil, jsonReply(200, body))
			desc := loadDesc(t, opDesc(`{"request":{"method":"GET","url":"/things"},"output":{"postReceive":`+tt.output+`}}`), srv.URL)
			f := newFake(t, desc, tt.params, 1)
			out, err := routing.New().Execute(f.Context)
			if err != nil {
				t.Fatalf("Execute: %v", err)
			}
			var got []any
			for _, it := range out[0] {
				got = append(got, it.JSON)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPostReceiveBinaryData(t *testing.T) {
	t.Parallel()
	png := "\x89PNG\r\n\x1a\n" + strings.Repeat("\x00", 16)
	srv := newServer(t, nil, func(w http.ResponseWriter, _ *http.Request, _ []byte) { _, _ = w.Write([]byte(png)) })
	desc := loadDesc(t, opDesc(`{"request":{"method":"GET","url":"/file","encoding":"arraybuffer"},
		"output":{"postReceive":[{"type":"binaryData","properties":{"destinationProperty":"img"}}]}}`), srv.URL)
	out, err := routing.New().Execute(newFake(t, desc, nil, 1).Context)
	if err != nil {
		t.Fatalf("Execute: %v", err)
	}
	it := out[0][0]
	bin := it.Binary["img"]
	if bin == nil {
		t.Fatalf("no binary img: %+v", it)
	}
	want := []any{"image/png", "png", "24 B", "image", "iVBORw0KGgoAAAAAAAAAAAAAAAAAAAAA"}
	got := []any{bin.MimeType, bin.FileExtension, bin.FileSize, bin.FileType, bin.Data}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("binary (-want +got):\n%s", diff)
	}
	if m, ok := it.JSON.(map[string]any); !ok || len(m) != 0 {
		t.Errorf("json = %#v, want {}", it.JSON)
	}
}

func TestPaginationGeneric(t *testing.T) {
	t.Parallel()
	// Three pages: ids 1-2, 3-4, 5; "next" says whether more follow.
	srv := newServer(t, nil, func(w http.ResponseWriter, r *http.Request, b []byte) {
		page := r.URL.Query().Get("page")
		pages := map[string]any{
			"1": map[string]any{"items": []any{map[string]any{"id": 1}, map[string]any{"id": 2}}, "next": 2},
			"2": map[string]any{"items": []any{map[string]any{"id": 3}, map[string]any{"id": 4}}, "next": 3},
			"3": map[string]any{"items": []any{map[string]any{"id": 5}}, "next": nil},
		}
		jsonReply(200, pages[page])(w, r, b)
	})
	desc := loadDesc(t, opDesc(`{"request":{"method":"GET","url":"/list","qs":{"keep":"dropped-by-shallow-merge"}},
		"send":{"paginate":true},
		"output":{"postReceive":[{"type":"rootProperty","properties":{"property":"items"}}]},
		"operations":{"pagination":{"type":"generic","properties":{
			"continue":"={{ !!$response.body.next }}",
			"request":{"qs":{"page":"={{ $response.body ? $response.body.next : 1 }}","url":"={{ $request.url }}"}}}}}}`), srv.URL)
	out, err := routing.New().Execute(newFake(t, desc, map[string]any{"returnAll": true}, 1).Context)
	if err != nil {
		t.Fatalf("Execute: %v", err)
	}
	var ids []any
	for _, it := range out[0] {
		ids = append(ids, it.Object()["id"])
	}
	if diff := cmp.Diff([]any{1.0, 2.0, 3.0, 4.0, 5.0}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	var queries []string
	for _, r := range srv.requests() {
		queries = append(queries, r.Query)
	}
	want := []string{"page=1&url=%2Flist", "page=2&url=%2Flist", "page=3&url=%2Flist"}
	if diff := cmp.Diff(want, queries); diff != "" {
		t.Errorf("queries (-want +got):\n%s", diff)
	}
}

func TestPaginationOffset(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		params      map[string]any
		wantQueries []string
		wantIDs     int
	}{
		{"until a short page", map[string]any{"returnAll": true},
			[]string{"limit=2&offset=0", "limit=2&offset=2", "limit=2&offset=4"}, 5},
		{"until an empty page", map[string]any{"returnAll": true, "operation": "get4"},
			[]string{"limit=2&offset=0", "limit=2&offset=2", "limit=2&offset=4"}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			total := 5
			if tt.params["operation"] == "get4" {
				total = 4
			}
			srv := newServer(t, nil, func(w http.ResponseWriter, r *http.Request, b []byte) {
				var limit, offset int
				fmt.Sscan(r.URL.Query().Get("limit"), &limit)
				fmt.Sscan(r.URL.Query().Get("offset"), &offset)
				var data []any
				for i := offset; i < offset+limit && i < total; i++ {
					data = append(data, map[string]any{"id": i + 1})
				}
				if data == nil {
					data = []any{}
				}
				jsonReply(200, map[string]any{"data": data})(w, r, b)
			})
			routingJSON := `{"request":{"method":"GET","url":"/list"},"send":{"paginate":true},
				"operations":{"pagination":{"type":"offset","properties":{"limitParameter":"limit","offsetParameter":"offset","pageSize":2,"rootProperty":"data","type":"query"}}}}`
			js := strings.Replace(opDesc(routingJSON), `"options":[{"name":"Get","value":"get","routing":`+routingJSON+`}]`,
				`"options":[{"name":"Get","value":"get","routing":`+routingJSON+`},{"name":"Get4","value":"get4","routing":`+routingJSON+`}]`, 1)
			desc := loadDesc(t, js, srv.URL)
			out, err := routing.New().Execute(newFake(t, desc, tt.params, 1).Context)
			if err != nil {
				t.Fatalf("Execute: %v", err)
			}
			if len(out[0]) != tt.wantIDs {
				t.Errorf("items = %d, want %d", len(out[0]), tt.wantIDs)
			}
			var queries []string
			for _, r := range srv.requests() {
				queries = append(queries, r.Query)
			}
			if diff := cmp.Diff(tt.wantQueries, queries); diff != "" {
				t.Errorf("queries (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPaginationOffOrNodeLevel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		params    map[string]any
		wantPages int
	}{
		{"paginate false: one request", map[string]any{"returnAll": false}, 1},
		{"node-level requestOperations pagination", map[string]any{"returnAll": true}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, nil, func(w http.ResponseWriter, r *http.Request, b []byte) {
				var offset int
				fmt.Sscan(r.URL.Query().Get("skip"), &offset)
				n := max(0, min(2, 5-offset))
				data := make([]any, n)
				for i := range data {
					data[i] = map[string]any{"id": offset + i}
				}
				jsonReply(200, data)(w, r, b)
			})
			js := strings.Replace(opDesc(`{"request":{"method":"GET","url":"/list"}}`), `"requestDefaults"`,
				`"requestOperations":{"pagination":{"type":"offset","properties":{"limitParameter":"take","offsetParameter":"skip","pageSize":2,"type":"query"}}},"requestDefaults"`, 1)
			desc := loadDesc(t, js, srv.URL)
			if _, err := routing.New().Execute(newFake(t, desc, tt.params, 1).Context); err != nil {
				t.Fatalf("Execute: %v", err)
			}
			if got := len(srv.requests()); got != tt.wantPages {
				t.Errorf("requests = %d, want %d", got, tt.wantPages)
			}
		})
	}
}

func TestPostReceiveBinaryDataText(t *testing.T) {
	t.Parallel()
	srv := newServer(t, nil, func(w http.ResponseWriter, _ *http.Request, _ []byte) { _, _ = w.Write([]byte(`{"a":1}`)) })
	desc := loadDesc(t, opDesc(`{"request":{"method":"GET","url":"/file","encoding":"arraybuffer"},
		"output":{"postReceive":[{"type":"binaryData","properties":{"destinationProperty":"={{ 'd' + 'ata' }}"}}]}}`), srv.URL)
	out, err := routing.New().Execute(newFake(t, desc, nil, 1).Context)
	if err != nil {
		t.Fatalf("Execute: %v", err)
	}
	bin := out[0][0].Binary["data"]
	if bin == nil {
		t.Fatalf("no binary data: %+v", out[0][0])
	}
	got := []any{bin.MimeType, bin.FileExtension, bin.FileSize, bin.FileType, bin.Data}
	if diff := cmp.Diff([]any{"text/plain", "", "7 B", "text", "eyJhIjoxfQ=="}, got); diff != "" {
		t.Errorf("binary (-want +got):\n%s", diff)
	}
}
