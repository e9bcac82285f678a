package routing_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes/routing"
)

// perItemDesc sends GET /items/<i> per input item.
const perItemDesc = `{"displayName":"Per Item","name":"perItem","version":1,"inputs":["main"],"outputs":["main"],
 "requestDefaults":{"baseURL":"{{BASE}}"},
 "properties":[{"displayName":"Operation","name":"operation","type":"options","default":"get",
   "options":[{"name":"Get","value":"get","routing":{"request":{"method":"GET","url":"=/items/{{$json.i}}"}}}]}]}`

func TestBatching(t *testing.T) {
	t.Parallel()
	// The server holds each request until its batch partner arrives, so
	// the test only passes when a batch's two requests are in flight
	// together.
	var (
		mu       sync.Mutex
		inFlight int
		maxSeen  int
		arrived  = make(chan struct{}, 8)
	)
	srv := newServer(t, nil, func(w http.ResponseWriter, r *http.Request, b []byte) {
		mu.Lock()
		inFlight++
		maxSeen = max(maxSeen, inFlight)
		mu.Unlock()
		arrived <- struct{}{}
		deadline := time.After(2 * time.Second)
		for {
			mu.Lock()
			n := maxSeen
			mu.Unlock()
			if n >= 2 {
				break
			}
			select {
			case <-deadline:
				w.WriteHeader(http.StatusGatewayTimeout)
				return
			case <-time.After(time.Millisecond):
			}
		}
		jsonReply(200, map[string]any{"path": r.URL.Path})(w, r, b)
		mu.Lock()
		inFlight--
		mu.Unlock()
	})
	desc := loadDesc(t, perItemDesc, srv.URL)
	f := newFake(t, desc, map[string]any{"requestOptions": map[string]any{
		"batching": map[string]any{"batch": map[string]any{"batchSize": 2.0, "batchInterval": 25.0}}}}, 4)
	var sleeps []time.Duration
	h := routing.New()
	h.Sleep = func(d time.Duration) { sleeps = append(sleeps, d) }
	out, err := h.Execute(f.Context)
	if err != nil {
		t.Fatalf("Execute: %v", err)
	}
	var paths []any
	for _, it := range out[0] {
		paths = append(paths, it.Object()["path"])
	}
	if diff := cmp.Diff([]any{"/items/0", "/items/1", "/items/2", "/items/3"}, paths); diff != "" {
		t.Errorf("items in item order (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]time.Duration{25 * time.Millisecond}, sleeps); diff != "" {
		t.Errorf("sleeps between batches (-want +got):\n%s", diff)
	}
	mu.Lock()
	defer mu.Unlock()
	if maxSeen < 2 {
		t.Errorf("max requests in flight = %d, want a batch's 2 together", maxSeen)
	}
}

func TestBatchIntervalIsWaited(t *testing.T) {
	t.Parallel()
	var times []time.Time
	var mu sync.Mutex
	srv := newServer(t, nil, func(w http.ResponseWriter, r *http.Request, b []byte) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		jsonReply(200, map[string]any{})(w, r, b)
	})
	desc := loadDesc(t, perItemDesc, srv.URL)
	f := newFake(t, desc, map[string]any{"requestOptions": map[string]any{
		"batching": map[string]any{"batch": map[string]any{"batchSize": 1.0, "batchInterval": 40.0}}}}, 2)
	start := time.Now()
	if _, err := routing.New().Execute(f.Context); err != nil {
		t.Fatalf("Execute: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(times) != 2 || times[1].Sub(start) < 40*time.Millisecond {
		t.Errorf("requests at %v after a start at %v: want the second batch 40ms after the first started", times, start)
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()

	tests := []struct {
		name         string
		reply        func(http.ResponseWriter, *http.Request, []byte)
		base         string
		reqOpts      map[string]any
		wantMsg      string
		wantDesc     string
		wantCode     string
		wantMessages []string
	}{
		{name: "404", reply: jsonReply(404, map[string]any{"message": "nope here"}),
			wantMsg: "The resource you are requesting could not be found", wantDesc: "nope here", wantCode: "404"},
		{name: "429 keeps the table text, as n8n 2.41 does", reply: jsonReply(429, map[string]any{"error": "slow down"}),
			wantMsg: "The service is receiving too many requests from you", wantDesc: "slow down", wantCode: "429"},
		{name: "500 text body", reply: func(w http.ResponseWriter, _ *http.Request, _ []byte) {
			w.WriteHeader(500)
			_, _ = w.Write([]byte("boom"))
		}, wantMsg: "The service was not able to process your request", wantDesc: "boom", wantCode: "500"},
		{name: "connection refused", base: closed,
			wantMsg: "The service refused the connection - perhaps it is offline", wantCode: "ECONNREFUSED",
			wantMessages: []string{"connect ECONNREFUSED " + ln.Addr().String(), "connect ECONNREFUSED " + ln.Addr().String()}},
		{name: "timeout from request options", reqOpts: map[string]any{"timeout": 50.0},
			reply: func(w http.ResponseWriter, r *http.Request, _ []byte) {
				select {
				case <-time.After(2 * time.Second):
				case <-r.Context().Done():
				}
			},
			wantMsg: "The connection was aborted, perhaps the server is offline", wantCode: "ECONNABORTED",
			wantMessages: []string{"timeout of 50ms exceeded", "timeout of 50ms exceeded"}},
		{name: "invalid proxy", reqOpts: map[string]any{"proxy": "http://proxy.local"}, reply: jsonReply(200, map[string]any{}),
			wantMsg: "The proxy is not valid", wantDesc: `The proxy URL does not contain a valid value for "port"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			base := tt.base
			if tt.reply != nil {
				base = newServer(t, nil, tt.reply).URL
			}
			desc := loadDesc(t, perItemDesc, base)
			params := map[string]any{}
			if tt.reqOpts != nil {
				params["requestOptions"] = tt.reqOpts
			}
			_, err := routing.New().Execute(newFake(t, desc, params, 1).Context)
			ne := nodeErr(t, err)
			got := []string{ne.Message, ne.DescriptionText(), ne.HTTPCode}
			if diff := cmp.Diff([]string{tt.wantMsg, tt.wantDesc, tt.wantCode}, got); diff != "" {
				t.Errorf("message, description, httpCode (-want +got):\n%s", diff)
			}
			if tt.wantMessages != nil {
				if diff := cmp.Diff(tt.wantMessages, ne.Messages); diff != "" {
					t.Errorf("messages (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestContinueOnFail(t *testing.T) {
	t.Parallel()
	srv := newServer(t, nil, func(w http.ResponseWriter, r *http.Request, b []byte) {
		if strings.HasSuffix(r.URL.Path, "/1") {
			jsonReply(404, map[string]any{"message": "gone"})(w, r, b)
			return
		}
		jsonReply(200, map[string]any{"ok": r.URL.Path})(w, r, b)
	})
	desc := loadDesc(t, perItemDesc, srv.URL)
	f := newFake(t, desc, nil, 3)
	f.Continue = true
	f.Runs = 2
	out, err := routing.New().Execute(f.Context)
	if err != nil {
		t.Fatalf("Execute: %v", err)
	}
	want := []any{
		map[string]any{"json": map[string]any{"ok": "/items/0"}},
		map[string]any{"json": map[string]any{"error": "The resource you are requesting could not be found"},
			"error": map[string]any{"message": "The resource you are requesting could not be found", "description": "gone", "httpCode": "404"}},
		map[string]any{"json": map[string]any{"ok": "/items/2"}},
	}
	if diff := cmp.Diff(want, itemsJSON(t, out)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if ctx := out[0][1].Error.Context; ctx["itemIndex"] != 1 || ctx["runIndex"] != 2 {
		t.Errorf("error context = %v, want itemIndex 1 runIndex 2", ctx)
	}
}

func TestCredentialSelection(t *testing.T) {
	t.Parallel()
	const js = `{"displayName":"Auth","name":"auth","version":1,"inputs":["main"],"outputs":["main"],
	 "credentials":[
	  {"name":"keyApi","required":true,"displayOptions":{"show":{"authentication":["apiKey"]}}},
	  {"name":"oauthApi","required":true,"displayOptions":{"show":{"authentication":["oAuth2"]}}}],
	 "requestDefaults":{"baseURL":"={{$credentials.base}}"},
	 "properties":[
	  {"displayName":"Authentication","name":"authentication","type":"options","default":"apiKey",
	   "options":[{"name":"Key","value":"apiKey"},{"name":"OAuth2","value":"oAuth2"},{"name":"Other","value":"other"}]},
	  {"displayName":"Operation","name":"operation","type":"options","default":"get",
	   "options":[{"name":"Get","value":"get","routing":{"request":{"url":"/me"}}}]}]}`
	tests := []struct {
		auth     string
		wantCred string
		wantErr  string
	}{
		{"apiKey", "keyApi", ""},
		{"oAuth2", "oauthApi", ""},
		{"other", "", `Node type "auth" does not have any credentials of type "other" defined`},
	}
	for _, tt := range tests {
		t.Run(tt.auth, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, nil, jsonReply(200, map[string]any{}))
			desc := loadDesc(t, js, "")
			f := newFake(t, desc, map[string]any{"authentication": tt.auth}, 1)
			f.Creds = map[string]map[string]any{"keyApi": {"base": srv.URL}, "oauthApi": {"base": srv.URL}}
			_, err := routing.New().Execute(f.Context)
			if tt.wantErr != "" {
				if ne := nodeErr(t, err); ne.Message != tt.wantErr {
					t.Errorf("error = %q, want %q", ne.Message, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Execute: %v", err)
			}
			if diff := cmp.Diff([]string{tt.wantCred}, f.credTypes); diff != "" {
				t.Errorf("credential used (-want +got):\n%s", diff)
			}
			if got := srv.requests(); len(got) != 1 || got[0].Path != "/me" {
				t.Errorf("requests = %+v, want GET /me on the credential's base URL", got)
			}
		})
	}
}

func TestDynamicSendPropertyInFixedCollection(t *testing.T) {
	t.Parallel()
	const js = `{"displayName":"Tags","name":"tags","version":1,"inputs":["main"],"outputs":["main"],
	 "requestDefaults":{"baseURL":"{{BASE}}"},
	 "properties":[
	  {"displayName":"Operation","name":"operation","type":"options","default":"set",
	   "options":[{"name":"Set","value":"set","routing":{"request":{"method":"POST","url":"/tags"}}}]},
	  {"displayName":"Attributes","name":"attributes","type":"json","default":"{}",
	   "routing":{"send":{"type":"body","property":"attrs","value":"={{ JSON.parse($value) }}"}}},
	  {"displayName":"Tags","name":"tags","type":"fixedCollection","typeOptions":{"multipleValues":true},"default":{},
	   "options":[{"name":"tag","displayName":"Tag","values":[
	    {"displayName":"Key","name":"key","type":"string","default":"","routing":{"send":{"type":"body","property":"=list[{{$index}}].k"}}},
	    {"displayName":"Value","name":"value","type":"string","default":"","routing":{"send":{"type":"body","property":"=list[{{$index}}].v","value":"={{ $parent.key + '=' + $value }}"}}}
	   ]}]}]}`
	srv := newServer(t, nil, jsonReply(200, map[string]any{}))
	desc := loadDesc(t, js, srv.URL)
	f := newFake(t, desc, map[string]any{
		"attributes": `={{ JSON.stringify({item: $json.i}) }}`,
		"tags": map[string]any{"tag": []any{
			map[string]any{"key": "a", "value": "1"},
			map[string]any{"key": "={{ 'b' + $json.i }}", "value": "2"},
		}},
	}, 1)
	if _, err := routing.New().Execute(f.Context); err != nil {
		t.Fatalf("Execute: %v", err)
	}
	want := `{"attrs":{"item":0},"list":[{"k":"a","v":"a=1"},{"k":"b0","v":"b0=2"}]}`
	if got := srv.requests(); len(got) != 1 || got[0].Body != want {
		t.Errorf("body = %+v, want %s", got, want)
	}
}

func TestConcurrencyKeepsItemOrder(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	srv := newServer(t, nil, func(w http.ResponseWriter, r *http.Request, b []byte) {
		// Later items answer faster, so arrival order differs from item order.
		if n.Add(1)%2 == 1 {
			time.Sleep(5 * time.Millisecond)
		}
		jsonReply(200, map[string]any{"p": r.URL.Path})(w, r, b)
	})
	desc := loadDesc(t, perItemDesc, srv.URL)
	out, err := routing.New().Execute(newFake(t, desc, nil, 40).Context)
	if err != nil {
		t.Fatalf("Execute: %v", err)
	}
	for i, it := range out[0] {
		if want := "/items/" + strconv.Itoa(i); it.Object()["p"] != want || !it.PairedItem.IsZero() {
			t.Fatalf("item %d = %v (paired %v), want %s", i, it.JSON, it.PairedItem, want)
		}
	}
}

func TestRequestOptionsReachTheRequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		reqOpts map[string]any
		want    []any
	}{
		{"untouched: 300 s timeout", nil, []any{300 * time.Second, false, ""}},
		{"timeout, SSL and proxy set", map[string]any{"timeout": 1500.0, "allowUnauthorizedCerts": true, "proxy": "http://127.0.0.1:3128"},
			[]any{1500 * time.Millisecond, true, "http://127.0.0.1:3128"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			desc := loadDesc(t, perItemDesc, "http://127.0.0.1:1")
			params := map[string]any{}
			if tt.reqOpts != nil {
				params["requestOptions"] = tt.reqOpts
			}
			f := newFake(t, desc, params, 1)
			f.Continue = true // the request itself fails: nothing listens
			if _, err := routing.New().Execute(f.Context); err != nil {
				t.Fatalf("Execute: %v", err)
			}
			r := f.sent[0]
			if diff := cmp.Diff(tt.want, []any{r.Timeout, r.SkipSSLCertificateValidation, r.Proxy}); diff != "" {
				t.Errorf("timeout, skip SSL, proxy (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIgnoreHTTPStatusErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t, nil, jsonReply(404, map[string]any{"message": "missing"}))
	js := strings.Replace(perItemDesc, `"url":"=/items/{{$json.i}}"`, `"url":"/x","ignoreHttpStatusErrors":true`, 1)
	desc := loadDesc(t, js, srv.URL)
	out, err := routing.New().Execute(newFake(t, desc, nil, 1).Context)
	if err != nil {
		t.Fatalf("Execute: %v", err)
	}
	if diff := cmp.Diff(map[string]any{"message": "missing"}, out[0][0].JSON); diff != "" {
		t.Errorf("item (-want +got):\n%s", diff)
	}
}

func TestExpressionErrorsFailTheNode(t *testing.T) {
	t.Parallel()
	js := strings.Replace(perItemDesc, `"url":"=/items/{{$json.i}}"`, `"url":"={{ $('Nope').item.json.x }}"`, 1)
	desc := loadDesc(t, js, "http://127.0.0.1:1")
	f := newFake(t, desc, nil, 1)
	f.Continue = true // assembly errors are not item errors, as in n8n
	_, err := routing.New().Execute(f.Context)
	ne := nodeErr(t, err)
	if ne.Name != "ExpressionError" || ne.ItemIndex != 0 || len(f.sent) != 0 {
		t.Errorf("error = %s %q (%q), item %d; %d requests sent", ne.Name, ne.Message, ne.DescriptionText(), ne.ItemIndex, len(f.sent))
	}
}

func TestCancelledRunStops(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	srv := newServer(t, nil, func(w http.ResponseWriter, r *http.Request, b []byte) {
		cancel() // the run is cancelled while the first request is served
		jsonReply(200, map[string]any{})(w, r, b)
	})
	desc := loadDesc(t, perItemDesc, srv.URL)
	f := newFake(t, desc, map[string]any{"requestOptions": map[string]any{
		"batching": map[string]any{"batch": map[string]any{"batchSize": 1.0, "batchInterval": 5000.0}}}}, 3)
	f.Ctx = ctx
	f.Continue = true
	start := time.Now()
	_, err := routing.New().Execute(f.Context)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("cancelled run took %v; the batch interval was not interrupted", d)
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("requests = %d, want 1", n)
	}
}

func TestMissingRequiredCredential(t *testing.T) {
	t.Parallel()
	srv := newServer(t, nil, jsonReply(200, map[string]any{}))
	f := newFake(t, loadDesc(t, svcDesc, srv.URL), map[string]any{"operation": "list"}, 1)
	_, err := routing.New().Execute(f.Context)
	if ne := nodeErr(t, err); !strings.Contains(ne.Message, "svcApi") || len(srv.requests()) != 0 {
		t.Errorf("error = %q, %d requests; want a failure naming svcApi and no request", ne.Message, len(srv.requests()))
	}
}

func TestOptionalCredentialMissingSendsUnauthenticated(t *testing.T) {
	t.Parallel()
	srv := newServer(t, nil, jsonReply(200, map[string]any{}))
	js := strings.Replace(perItemDesc, `"requestDefaults"`, `"credentials":[{"name":"optApi"}],"requestDefaults"`, 1)
	f := newFake(t, loadDesc(t, js, srv.URL), nil, 1)
	if _, err := routing.New().Execute(f.Context); err != nil {
		t.Fatalf("Execute: %v", err)
	}
	if diff := cmp.Diff([]string{""}, f.credTypes); diff != "" {
		t.Errorf("credential types (-want +got):\n%s", diff)
	}
}
