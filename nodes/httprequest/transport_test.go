package httprequest_test

import (
	"crypto/md5"
	"errors"
	"fmt"
	"io"
	"log"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/nodes"
)

func TestOptions(t *testing.T) {
	t.Parallel()
	runCases(t, []nodeCase{
		{
			name:    "an untouched redirect option still follows in v4",
			params:  `{"url": "BASE/old", "options": {"redirect": {"redirect": {}}}}`,
			replies: []reply{{Status: 302, Headers: map[string]string{"Location": "/new"}, Body: `{}`}, {Body: `{"here": true}`}},
			want:    `[{"json": {"here": true}, "pairedItem": {"item": 0}}]`,
		},
		{
			name:    "v3 follows when asked",
			version: 3,
			params:  `{"url": "BASE/old", "options": {"redirect": {"redirect": {"followRedirects": true}}}}`,
			replies: []reply{{Status: 302, Headers: map[string]string{"Location": "/new"}, Body: `{}`}, {Body: `{"here": true}`}},
			want:    `[{"json": {"here": true}, "pairedItem": {"item": 0}}]`,
		},
		{
			name:   "an invalid proxy fails the item",
			params: `{"url": "BASE/x", "options": {"proxy": "http://"}}`,
			cont:   true,
			want:   `[{"json": {"error": "The proxy is not valid: the proxy URL does not contain a valid value for \"host\""}, "pairedItem": {"item": 0}}]`,
		},
	})
}

func TestMultipart(t *testing.T) {
	t.Parallel()
	type part struct{ Name, File, Type, Body string }
	var mu sync.Mutex
	var got []part
	var ctype string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		ctype = r.Header.Get("Content-Type")
		_, ps, err := mime.ParseMediaType(ctype)
		if err != nil {
			t.Errorf("content type %q: %v", ctype, err)
			return
		}
		mr := multipart.NewReader(r.Body, ps["boundary"])
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			var b strings.Builder
			buf := make([]byte, 512)
			for {
				n, err := p.Read(buf)
				b.Write(buf[:n])
				if err != nil {
					break
				}
			}
			got = append(got, part{Name: p.FormName(), File: p.FileName(), Type: p.Header.Get("Content-Type"), Body: b.String()})
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	f := newFake(t, 4.5, params(t, srv.URL, `{"method": "POST", "url": "BASE/up", "sendBody": true, "contentType": "multipart-form-data",
		"bodyParameters": {"parameters": [{"name": "title", "value": "={{ $json.t }}"},
			{"parameterType": "formBinaryData", "name": "file", "inputDataFieldName": "data"}]}}`),
		[]nodes.Item{{JSON: map[string]any{"t": "report"}, Binary: map[string]*nodes.BinaryData{
			"data": {Data: b64("a,b\n1,2\n"), MimeType: "text/csv", FileName: "r.csv"}}}})
	outs, err := f.run()
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []part{{Name: "title", Body: "report"}, {Name: "file", File: "r.csv", Type: "text/csv", Body: "a,b\n1,2\n"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parts (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(ctype, "multipart/form-data; boundary=") {
		t.Errorf("content type %q", ctype)
	}
	if diff := cmp.Diff(decode(t, `[{"json": {"ok": true}, "pairedItem": {"item": 0}}]`), any(plain(t, outs))); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

func TestNetworkErrors(t *testing.T) {
	t.Parallel()
	// A closed server: connection refused.
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	f := newFake(t, 4.5, map[string]any{"url": url + "/x"}, nil)
	_, err := f.run()
	var ne *nodes.NodeError
	if !errors.As(err, &ne) {
		t.Fatalf("want node error, got %v", err)
	}
	got := errWant{Name: ne.Name, Message: ne.Message, HTTPCode: ne.HTTPCode}
	want := errWant{Name: "NodeApiError", Message: "The service refused the connection - perhaps it is offline", HTTPCode: "ECONNREFUSED"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}

	f = newFake(t, 4.5, map[string]any{"url": url + "/x"}, nil)
	f.Continue = true
	outs, err := f.run()
	if err != nil {
		t.Fatal(err)
	}
	j := plain(t, outs)[0].(map[string]any)["json"].(map[string]any)
	reason := j["error"].(map[string]any)
	if reason["code"] != "ECONNREFUSED" || reason["name"] != "Error" || !strings.HasPrefix(reason["message"].(string), "connect ECONNREFUSED 127.0.0.1:") {
		t.Errorf("error item reason = %v", reason)
	}
	details := j["details"].(map[string]any)
	if _, hasDesc := details["description"]; details["message"] != want.Message || details["httpCode"] != "ECONNREFUSED" || details["body"] != nil || hasDesc {
		t.Errorf("error item details = %v", details)
	}
}

func TestTimeout(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	f := newFake(t, 4.5, map[string]any{"url": srv.URL, "options": map[string]any{"timeout": 50.0}}, nil)
	_, err := f.run()
	var ne *nodes.NodeError
	if !errors.As(err, &ne) {
		t.Fatalf("want node error, got %v", err)
	}
	got := errWant{Name: ne.Name, Message: ne.Message, HTTPCode: ne.HTTPCode}
	want := errWant{Name: "NodeApiError", Message: "The connection was aborted, perhaps the server is offline", HTTPCode: "ECONNABORTED"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
}

func TestSelfSignedCertificates(t *testing.T) {
	t.Parallel()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"tls":true}`))
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the rejected handshake
	srv.StartTLS()
	defer srv.Close()
	f := newFake(t, 4.5, map[string]any{"url": srv.URL}, nil)
	if _, err := f.run(); err == nil {
		t.Fatal("self-signed certificate accepted without allowUnauthorizedCerts")
	}
	f = newFake(t, 4.5, map[string]any{"url": srv.URL, "options": map[string]any{"allowUnauthorizedCerts": true}}, nil)
	outs, err := f.run()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(decode(t, `[{"json": {"tls": true}, "pairedItem": {"item": 0}}]`), any(plain(t, outs))); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

func TestBatching(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	f := newFake(t, 4.5, map[string]any{"url": srv.URL, "options": map[string]any{
		"batching": map[string]any{"batch": map[string]any{"batchSize": 2.0, "batchInterval": 60.0}}}},
		items(t, `[{}, {}, {}, {}]`))
	outs, err := f.run()
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(outs[0]) != 4 || len(times) != 4 {
		t.Fatalf("got %d items, %d requests", len(outs[0]), len(times))
	}
	// A pause before items 2 (a new batch) only: at least one interval
	// between the 2nd and 3rd request.
	if gap := times[2].Sub(times[1]); gap < 60*time.Millisecond {
		t.Errorf("no pause between batches: %v", gap)
	}
}

func TestDigestAuth(t *testing.T) {
	t.Parallel()
	const realm, nonce = "test", "abc123"
	var attempts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		auth := r.Header.Get("Authorization")
		if !strings.HasPrefix(auth, "Digest ") {
			w.Header().Set("WWW-Authenticate", `Digest realm="`+realm+`", nonce="`+nonce+`", qop="auth", opaque="op"`)
			w.WriteHeader(401)
			return
		}
		p := map[string]string{}
		for _, part := range strings.Split(strings.TrimPrefix(auth, "Digest "), ", ") {
			k, v, _ := strings.Cut(part, "=")
			p[k] = strings.Trim(v, `"`)
		}
		md := func(s string) string { return fmt.Sprintf("%x", md5.Sum([]byte(s))) }
		ha1 := md("ada:" + realm + ":s3cret")
		ha2 := md(r.Method + ":" + r.URL.RequestURI())
		want := md(ha1 + ":" + nonce + ":" + p["nc"] + ":" + p["cnonce"] + ":auth:" + ha2)
		if p["response"] != want || p["uri"] != r.URL.RequestURI() || p["opaque"] != "op" {
			w.WriteHeader(401)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"authed":true}`))
	}))
	defer srv.Close()
	f := newFake(t, 4.5, map[string]any{"url": srv.URL + "/secret", "authentication": "genericCredentialType", "genericAuthType": "httpDigestAuth",
		"sendQuery": true, "queryParameters": map[string]any{"parameters": []any{map[string]any{"name": "a", "value": "1"}}}}, nil)
	f.Creds = map[string]map[string]any{"httpDigestAuth": {"user": "ada", "password": "s3cret"}}
	outs, err := f.run()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(decode(t, `[{"json": {"authed": true}, "pairedItem": {"item": 0}}]`), any(plain(t, outs))); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if n := attempts.Load(); n != 2 {
		t.Errorf("%d requests, want the challenge and the answer", n)
	}
	// Wrong password: the second 401 is the error.
	f.Creds = map[string]map[string]any{"httpDigestAuth": {"user": "ada", "password": "nope"}}
	_, err = f.run()
	var ne *nodes.NodeError
	if !errors.As(err, &ne) || ne.HTTPCode != "401" {
		t.Errorf("wrong password: want a 401 NodeApiError, got %v", err)
	}
}
