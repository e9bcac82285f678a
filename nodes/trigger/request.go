package trigger

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/internal/xmljs"
	"github.com/noderun/noderun/nodes"
)

// MaxBodyBytes caps a webhook request body (n8n's N8N_PAYLOAD_SIZE_MAX,
// 16 MiB by default); a larger body is refused with 413.
var MaxBodyBytes int64 = 16 << 20

// output is the Webhook node's webhook(): the request item on its
// method's output.
func (w *Webhook) output(r *http.Request, pathParams map[string]string, webhookURL, mode string) (nodes.Outputs, error) {
	// Taken first, so a request refused below leaves nothing behind.
	claims, hasClaims := w.jwtClaims.LoadAndDelete(r)
	opts := object(w.params, "options")
	execMode := "production"
	if mode == "manual" {
		execMode = "test"
		webhookURL = strings.Replace(webhookURL, "/webhook/", "/webhook-test/", 1)
	}
	params := map[string]any{}
	keys := make([]string, 0, len(pathParams))
	for k, v := range pathParams {
		params[k] = v
		keys = append(keys, k)
	}
	sort.Strings(keys)
	nodes.SetKeyOrder(params, keys)

	item, err := w.requestItem(r, opts, params)
	if err != nil {
		return nil, err
	}
	obj := item.JSON.(map[string]any)
	multi, _ := w.params["httpMethod"].([]any)
	if !w.wait && !w.shouldRun(w.Node, obj) {
		n := max(len(multi), 1)
		return make(nodes.Outputs, n), nil
	}
	obj["webhookUrl"] = webhookURL
	obj["executionMode"] = execMode
	order := []string{"headers", "params", "query", "body", "webhookUrl", "executionMode"}
	if hasClaims {
		obj["jwtPayload"] = claims
		order = append(order, "jwtPayload")
	}
	nodes.SetKeyOrder(obj, order)

	if multi == nil {
		return nodes.Outputs{{item}}, nil
	}
	idx := slices.IndexFunc(w.Methods, func(m string) bool { return strings.EqualFold(m, r.Method) })
	if idx < 0 {
		return nil, &HTTPError{Code: http.StatusMethodNotAllowed, Message: fmt.Sprintf("The requested webhook %q is not registered for method %s", w.Path, r.Method)}
	}
	out := make(nodes.Outputs, len(w.Methods))
	for i := range out {
		out[i] = []nodes.Item{}
	}
	out[idx] = []nodes.Item{item}
	return out, nil
}

// requestItem reads the request into n8n's item: the body parsed by
// content type, files and raw bodies as binary data.
func (w *Webhook) requestItem(r *http.Request, opts, params map[string]any) (nodes.Item, error) {
	headers := requestHeaders(r)
	query := queryObject(r.URL.RawQuery)
	newItem := func(body any) nodes.Item {
		obj := map[string]any{"headers": headers, "params": params, "query": query}
		if body != nil {
			obj["body"] = body
		}
		return nodes.Item{JSON: obj}
	}
	contentType, ctParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	rawBody := jsvalue.Truthy(opts["rawBody"])
	binaryOpt := w.version == 1 && jsvalue.Truthy(opts["binaryData"])

	if binaryOpt {
		return w.binaryItem(r, opts, newItem, contentType)
	}
	if contentType == "multipart/form-data" {
		return w.formDataItem(r, opts, newItem, ctParams["boundary"])
	}
	parseable := contentType == "application/json" || contentType == "text/plain" ||
		contentType == "application/x-www-form-urlencoded" || strings.HasSuffix(contentType, "/xml") || strings.HasSuffix(contentType, "+xml")
	if w.version > 1 && !parseable && !rawBody {
		return w.binaryItem(r, opts, newItem, contentType)
	}
	raw, err := readBody(r)
	if err != nil {
		return nodes.Item{}, err
	}
	body, err := parseBody(raw, contentType, ctParams["charset"])
	if err != nil {
		return nodes.Item{}, err
	}
	if body == nil {
		body = map[string]any{}
	}
	item := newItem(body)
	if rawBody {
		mt := contentType
		if mt == "" {
			mt = "application/json"
		}
		item.Binary = map[string]*nodes.BinaryData{"data": {Data: base64.StdEncoding.EncodeToString(raw), MimeType: mt}}
	}
	return item, nil
}

// binaryItem is handleBinaryData: the whole body becomes one binary entry
// (none when empty) and the JSON body is {}.
func (w *Webhook) binaryItem(r *http.Request, opts map[string]any, newItem func(any) nodes.Item, contentType string) (nodes.Item, error) {
	raw, err := readBody(r)
	if err != nil {
		return nodes.Item{}, err
	}
	item := newItem(map[string]any{})
	if len(raw) == 0 {
		return item, nil
	}
	prop := jsString(opts["binaryPropertyName"])
	if prop == "" {
		prop = "data"
	}
	name := ""
	if _, p, err := mime.ParseMediaType(r.Header.Get("Content-Disposition")); err == nil {
		name = p["filename"]
	}
	if name == "" {
		name = uuid4()
	}
	mt := r.Header.Get("Content-Type")
	if contentType != "" {
		mt = contentType
	}
	if mt == "" {
		mt = "application/octet-stream"
	}
	bd, err := nodes.PrepareBinaryData(raw, name, mt)
	if err != nil {
		return nodes.Item{}, fmt.Errorf("node %q: store the request body: %w", w.Node, err)
	}
	item.Binary = map[string]*nodes.BinaryData{prop: bd}
	return item, nil
}

// formDataItem is handleFormData: fields become the body, files binary
// entries named after their field ("files[]" -> "files", numbered when a
// field has several files, "data<n>" for unnamed ones, or
// "<binaryPropertyName><n>").
func (w *Webhook) formDataItem(r *http.Request, opts map[string]any, newItem func(any) nodes.Item, boundary string) (nodes.Item, error) {
	if boundary == "" {
		return nodes.Item{}, &HTTPError{Code: http.StatusUnprocessableEntity, Message: "Failed to parse request body", Header: nil}
	}
	body := io.LimitReader(r.Body, MaxBodyBytes+1)
	mr := multipart.NewReader(body, boundary)
	fields := map[string]any{}
	var fieldOrder []string
	type file struct {
		key, name, mimeType string
		data                []byte
	}
	var files []file
	var read int64
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nodes.Item{}, &HTTPError{Code: http.StatusUnprocessableEntity, Message: "Failed to parse request body"}
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return nodes.Item{}, &HTTPError{Code: http.StatusUnprocessableEntity, Message: "Failed to parse request body"}
		}
		if read += int64(len(data)); read > MaxBodyBytes {
			return nodes.Item{}, tooLarge()
		}
		key := part.FormName()
		if part.FileName() == "" && part.Header.Get("Content-Type") == "" {
			v := string(data)
			switch prev := fields[key].(type) {
			case nil:
				fields[key] = v
				fieldOrder = append(fieldOrder, key)
			case string:
				fields[key] = []any{prev, v}
			case []any:
				fields[key] = append(prev, v)
			}
			continue
		}
		mt := part.Header.Get("Content-Type")
		if mt == "" {
			mt = "application/octet-stream"
		}
		files = append(files, file{key: key, name: part.FileName(), mimeType: mt, data: data})
	}
	nodes.SetKeyOrder(fields, fieldOrder)
	item := newItem(fields)
	if len(files) == 0 {
		return item, nil
	}
	perKey := map[string]int{}
	for _, f := range files {
		perKey[f.key]++
	}
	item.Binary = map[string]*nodes.BinaryData{}
	count := 0
	fileCount := map[string]int{}
	prefix := jsString(opts["binaryPropertyName"])
	for _, f := range files {
		name := strings.TrimSuffix(f.key, "[]")
		switch {
		case strings.TrimSpace(name) == "":
			name = fmt.Sprintf("data%d", count)
		case perKey[f.key] > 1:
			name = fmt.Sprintf("%s%d", name, fileCount[f.key])
			fileCount[f.key]++
		}
		if prefix != "" {
			name = fmt.Sprintf("%s%d", prefix, count)
		}
		fileName := f.name
		if fileName == "" {
			fileName = uuid4()
		}
		bd, err := nodes.PrepareBinaryData(f.data, fileName, f.mimeType)
		if err != nil {
			return nodes.Item{}, fmt.Errorf("node %q: store uploaded file %q: %w", w.Node, fileName, err)
		}
		item.Binary[name] = bd
		count++
	}
	return item, nil
}

// tooLarge is the reply to a body over MaxBodyBytes.
func tooLarge() *HTTPError {
	return &HTTPError{Code: http.StatusRequestEntityTooLarge, Message: "request entity too large"}
}

// readBody reads the request body, inflating gzip and deflate encodings,
// up to MaxBodyBytes.
func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	var src io.Reader = r.Body
	switch strings.ToLower(r.Header.Get("Content-Encoding")) {
	case "gzip":
		gz, err := gzip.NewReader(r.Body)
		if err != nil {
			return nil, &HTTPError{Code: http.StatusBadRequest, Message: "invalid gzip body: " + err.Error()}
		}
		defer gz.Close()
		src = gz
	case "deflate":
		src = flate.NewReader(r.Body)
	}
	raw, err := io.ReadAll(io.LimitReader(src, MaxBodyBytes+1))
	if err != nil {
		return nil, &HTTPError{Code: http.StatusBadRequest, Message: "read request body: " + err.Error()}
	}
	if int64(len(raw)) > MaxBodyBytes {
		return nil, tooLarge()
	}
	return raw, nil
}

// parseBody is n8n's parseBody: JSON, form-urlencoded, text/plain and XML
// (*/xml, *+xml: as xml2js with n8n's options, see
// xmljs.WebhookParseOptions) are parsed; other types, empty bodies and
// whitespace-only XML give nil. A body that does not parse is n8n's
// UnprocessableRequestError: 422 "Failed to parse request body", the
// parser's message as hint.
func parseBody(raw []byte, contentType, charset string) (any, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	text := decodeText(raw, charset)
	switch {
	case contentType == "application/json":
		v, err := nodes.DecodeJSON([]byte(text))
		if err != nil {
			return nil, &HTTPError{Code: http.StatusUnprocessableEntity, Message: "Failed to parse request body"}
		}
		return v, nil
	case strings.HasSuffix(contentType, "/xml") || strings.HasSuffix(contentType, "+xml"):
		v, err := xmljs.Parse(text, xmljs.WebhookParseOptions())
		if err != nil {
			return nil, &HTTPError{Code: http.StatusUnprocessableEntity, Message: "Failed to parse request body", Hint: err.Error()}
		}
		return v, nil
	case contentType == "application/x-www-form-urlencoded":
		return queryObject(text), nil
	case contentType == "text/plain":
		return text, nil
	}
	return nil, nil
}

// decodeText decodes the body as Node.js's Buffer.toString(charset)
// would for the charsets webhooks see (UTF-8 default, latin1/binary).
func decodeText(raw []byte, charset string) string {
	switch strings.ToLower(charset) {
	case "latin1", "iso-8859-1", "binary":
		s, err := charmap.ISO8859_1.NewDecoder().Bytes(raw)
		if err == nil {
			return string(s)
		}
	}
	if utf8.Valid(raw) {
		return string(raw)
	}
	return strings.ToValidUTF8(string(raw), "\uFFFD")
}

// requestHeaders are the request headers as Node.js gives them: lower-case
// names, repeated values joined by ", " (cookie by "; ", set-cookie kept
// as a list), host included.
func requestHeaders(r *http.Request) map[string]any {
	h := map[string]any{}
	var order []string
	if r.Host != "" {
		h["host"] = r.Host
		order = append(order, "host")
	}
	keys := make([]string, 0, len(r.Header))
	for k := range r.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vs := r.Header[k]
		name := strings.ToLower(k)
		if name == "host" {
			continue
		}
		switch name {
		case "set-cookie":
			list := make([]any, len(vs))
			for i, v := range vs {
				list[i] = v
			}
			h[name] = list
		case "cookie":
			h[name] = strings.Join(vs, "; ")
		default:
			h[name] = strings.Join(vs, ", ")
		}
		order = append(order, name)
	}
	nodes.SetKeyOrder(h, order)
	return h
}

// queryObject parses a query string as Node.js's querystring.parse: a
// repeated key becomes a list of strings; order is kept.
func queryObject(raw string) map[string]any {
	out := map[string]any{}
	var order []string
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		k, v = unescape(k), unescape(v)
		switch prev := out[k].(type) {
		case nil:
			out[k] = v
			order = append(order, k)
		case string:
			out[k] = []any{prev, v}
		case []any:
			out[k] = append(prev, v)
		}
	}
	nodes.SetKeyOrder(out, order)
	return out
}

// unescape decodes a query component ('+' is a space), keeping it as is
// when it is not valid percent-encoding, as querystring.unescape does.
func unescape(s string) string {
	u, err := url.QueryUnescape(s)
	if err != nil {
		return strings.ReplaceAll(s, "+", " ")
	}
	return u
}

// uuid4 returns a random UUID (n8n names unnamed uploads with one).
func uuid4() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var buf bytes.Buffer
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			buf.WriteByte('-')
		}
		fmt.Fprintf(&buf, "%02x", c)
	}
	return buf.String()
}
