package httpx_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/nodes"
)

// seen is what the test server received.
type seen struct {
	Method, Path, RawQuery, Body string
	ContentType, Accept, UA      string
	Auth                         string
	HasBody                      bool
}

// echoServer records each request and replies with status and body.
func echoServer(t *testing.T, status int, contentType, body string) (*httptest.Server, *[]seen) {
	t.Helper()
	var got []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, seen{
			Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Body: string(b),
			ContentType: r.Header.Get("Content-Type"), Accept: r.Header.Get("Accept"),
			UA: r.Header.Get("User-Agent"), Auth: r.Header.Get("Authorization"), HasBody: len(b) > 0,
		})
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, &got
}

func TestDoRequestShape(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		req  nodes.Request
		want seen
	}{
		{
			name: "json body with base url and indices query",
			req: nodes.Request{Method: "POST", URL: "/users", Query: map[string]any{"a": []any{1.0}},
				Body: map[string]any{"name": "<Ada>", "n": 1.0}},
			want: seen{Method: "POST", Path: "/api/users", RawQuery: "a%5B0%5D=1", Body: `{"n":1,"name":"<Ada>"}`,
				ContentType: "application/json", Accept: "application/json, text/plain, */*", UA: "noderun", HasBody: true},
		},
		{
			name: "empty object body is not sent",
			req:  nodes.Request{Method: "PATCH", URL: "x", Body: map[string]any{}, JSON: true},
			want: seen{Method: "PATCH", Path: "/api/x", Accept: "application/json", UA: "noderun"},
		},
		{
			name: "body dropped on GET",
			req:  nodes.Request{Method: "GET", Body: map[string]any{"a": 1.0}},
			want: seen{Method: "GET", Path: "/api", Accept: "application/json, text/plain, */*", UA: "noderun"},
		},
		{
			name: "form encoded with explicit content type",
			req: nodes.Request{Method: "POST", Headers: map[string]any{"content-type": "application/x-www-form-urlencoded"},
				Body: map[string]any{"a": "x y", "b": 2.0}},
			want: seen{Method: "POST", Path: "/api", Body: "a=x+y&b=2", ContentType: "application/x-www-form-urlencoded",
				Accept: "application/json, text/plain, */*", UA: "noderun", HasBody: true},
		},
		{
			name: "raw string body, own user agent and accept, basic auth",
			req: nodes.Request{Method: "PUT", Body: "plain", Headers: map[string]any{"User-Agent": "me", "Accept": "text/csv"},
				Auth: &nodes.BasicAuth{Username: "u", Password: "p"}},
			want: seen{Method: "PUT", Path: "/api", Body: "plain", Accept: "text/csv", UA: "me", Auth: "Basic dTpw", HasBody: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, got := echoServer(t, 200, "application/json", `{}`)
			req := tt.req
			req.BaseURL = srv.URL + "/api"
			var c httpx.Client
			if _, err := c.Do(context.Background(), &req); err != nil {
				t.Fatalf("Do: %v", err)
			}
			if len(*got) != 1 {
				t.Fatalf("server saw %d requests, want 1", len(*got))
			}
			if diff := cmp.Diff(tt.want, (*got)[0]); diff != "" {
				t.Errorf("request on the wire (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDoResponse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		status   int
		body     string
		encoding string
		ignore   any
		wantBody any
		wantErr  bool
	}{
		{"json object", 200, `{"a":1,"b":[true,null]}`, "", nil, map[string]any{"a": 1.0, "b": []any{true, nil}}, false},
		{"json array", 200, `[1,2]`, "", nil, []any{1.0, 2.0}, false},
		{"text", 200, `hello`, "", nil, "hello", false},
		{"empty", 200, ``, "", nil, "", false},
		{"arraybuffer", 200, `{"a":1}`, "arraybuffer", nil, []byte(`{"a":1}`), false},
		{"404 is an error", 404, `{"message":"nope"}`, "", nil, map[string]any{"message": "nope"}, true},
		{"404 ignored", 404, `{"message":"nope"}`, "", true, map[string]any{"message": "nope"}, false},
		{"404 in except list", 404, `x`, "", map[string]any{"ignore": true, "except": []any{404.0}}, "x", true},
		{"500 not in except list", 500, `x`, "", map[string]any{"ignore": true, "except": []any{404.0}}, "x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, _ := echoServer(t, tt.status, "application/json", tt.body)
			var c httpx.Client
			resp, err := c.Do(context.Background(), &nodes.Request{URL: srv.URL, Encoding: tt.encoding, IgnoreHTTPStatusErrors: tt.ignore})
			var se *httpx.StatusError
			if tt.wantErr != errors.As(err, &se) {
				t.Fatalf("error = %v, want status error %v", err, tt.wantErr)
			}
			if se != nil {
				resp = se.Response
				if se.Error() != "Request failed with status code "+strconv.Itoa(tt.status) {
					t.Errorf("error text = %q", se.Error())
				}
			}
			if diff := cmp.Diff(tt.wantBody, resp.Body); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
			if resp.StatusCode != tt.status || resp.StatusMessage != http.StatusText(tt.status) {
				t.Errorf("status = %d %q", resp.StatusCode, resp.StatusMessage)
			}
		})
	}
}

func TestDoNetworkErrors(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := ln.Addr().String()
	ln.Close()

	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(slow.Close)

	tests := []struct {
		name     string
		req      nodes.Request
		wantCode string
	}{
		{"connection refused", nodes.Request{URL: "http://" + closedAddr + "/x"}, "ECONNREFUSED"},
		{"request timeout", nodes.Request{URL: slow.URL, Timeout: 50 * time.Millisecond}, "ECONNABORTED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var c httpx.Client
			_, err := c.Do(context.Background(), &tt.req)
			var ne *httpx.NetworkError
			if !errors.As(err, &ne) {
				t.Fatalf("error = %v (%T), want *NetworkError", err, err)
			}
			if ne.Code != tt.wantCode {
				t.Errorf("code = %q, want %q (%v)", ne.Code, tt.wantCode, ne)
			}
		})
	}
}

func TestDoRedirects(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("/from", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/to", http.StatusFound) })
	mux.HandleFunc("/to", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, `"arrived"`) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	var c httpx.Client

	resp, err := c.Do(context.Background(), &nodes.Request{URL: srv.URL + "/from"})
	if err != nil || resp.Body != "arrived" {
		t.Errorf("followed redirect: body %v, err %v", resp.Body, err)
	}
	_, err = c.Do(context.Background(), &nodes.Request{URL: srv.URL + "/from", DisableFollowRedirect: true})
	var se *httpx.StatusError
	if !errors.As(err, &se) || se.Response.StatusCode != http.StatusFound {
		t.Errorf("redirect not followed: err = %v, want a 302 status error", err)
	}
}

func TestDoInvalidProxy(t *testing.T) {
	t.Parallel()
	var c httpx.Client
	_, err := c.Do(context.Background(), &nodes.Request{URL: "http://127.0.0.1:1/", Proxy: "http://proxy.local"})
	var pe *httpx.ProxyError
	if !errors.As(err, &pe) || pe.Field != "port" {
		t.Errorf("err = %v, want ProxyError for port", err)
	}
}
