package httprequest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"maps"
	"mime"
	"net/url"
	pathpkg "path"
	"strings"

	"github.com/gabriel-vasile/mimetype"
	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// binaryContentTypes are the content types autodetect turns into files.
var binaryContentTypes = []string{
	"image/", "audio/", "video/", "application/octet-stream", "application/gzip",
	"application/zip", "application/vnd.rar", "application/epub+zip", "application/x-bzip",
	"application/x-bzip2", "application/x-cdf", "application/vnd.amazon.ebook",
	"application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.ms-fontobject", "application/vnd.oasis.opendocument.presentation",
	"application/pdf", "application/x-tar", "application/vnd.visio", "application/vnd.ms-excel",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/x-7z-compressed",
}

// undefined marks a JavaScript undefined body (an empty reply).
type undefinedT struct{}

var undefined = undefinedT{}

// shaper turns responses into output items for one input item.
type shaper struct {
	node      string
	item      int
	input     nodes.Item
	opts      options
	url       string
	fullURL   string // with the query string, as the reply's URL
	paginated bool
	// jsonRequested is request's json:true (axios parses the body): set for
	// the json and text formats unless the body content type is raw.
	jsonRequested bool
}

// items converts one response.
func (s *shaper) items(resp *nodes.Response) ([]nodes.Item, error) {
	format := s.opts.ResponseFormat
	ctype := resp.Headers.Get("Content-Type")
	var body any
	switch format {
	case "autodetect":
		switch {
		case strings.Contains(ctype, "application/json"):
			format = "json"
			if len(bytes.TrimSpace(resp.Raw)) == 0 {
				body = map[string]any{}
				break
			}
			v, err := decodeJSON(resp.Raw)
			switch {
			case err == nil:
				body = v
			case s.paginated || s.opts.NeverError:
				body = map[string]any{}
			default:
				return nil, nodes.NewOperationError(s.node, "Invalid JSON in response body").WithItem(s.item)
			}
		case isBinaryType(ctype):
			format = "file"
		default:
			format = "text"
			if len(resp.Raw) == 0 {
				body = undefined
			} else {
				body = string(resp.Raw)
			}
		}
	case "file":
	default:
		body = s.axiosBody(resp.Raw)
	}

	switch format {
	case "file":
		return []nodes.Item{s.fileItem(resp)}, nil
	case "text":
		name := s.opts.outputName()
		out := map[string]any{}
		if s.opts.FullResponse {
			out["headers"] = resp.HeaderMap()
			out["statusCode"] = resp.StatusCode
			out["statusMessage"] = resp.StatusMessage
		}
		if t := toText(body, resp.Raw); t != undefined {
			out[name] = t
		}
		return []nodes.Item{s.newItem(out)}, nil
	}
	// json
	if str, ok := body.(string); ok {
		if strings.TrimSpace(str) == "" {
			body = map[string]any{}
		} else {
			return nil, nodes.NewOperationError(s.node, `Response body is not valid JSON. Change "Response Format" to "Text"`).WithItem(s.item)
		}
	}
	if body == undefined {
		body = map[string]any{}
	}
	if s.opts.FullResponse {
		return []nodes.Item{s.newItem(map[string]any{
			"body": body, "headers": resp.HeaderMap(),
			"statusCode": resp.StatusCode, "statusMessage": resp.StatusMessage,
		})}, nil
	}
	if arr, ok := body.([]any); ok {
		out := make([]nodes.Item, 0, len(arr))
		for _, e := range arr {
			out = append(out, s.newItem(e))
		}
		return out, nil
	}
	return []nodes.Item{s.newItem(body)}, nil
}

// axiosBody is the body as the request library hands it over: parsed JSON
// when json:true and the text parses, else the text; an empty body is
// undefined.
func (s *shaper) axiosBody(raw []byte) any {
	if len(raw) == 0 {
		return undefined
	}
	if s.jsonRequested {
		if v, err := decodeJSON(raw); err == nil {
			return v
		}
	}
	return string(raw)
}

// newItem wraps a JSON value in an item paired with the input item; null
// becomes {} as n8n's replaceNullValues does.
func (s *shaper) newItem(v any) nodes.Item {
	if v == nil {
		v = map[string]any{}
	}
	return nodes.Item{JSON: v, PairedItem: nodes.One(nodes.Paired(s.item, 0))}
}

// fileItem puts the body into a binary property.
func (s *shaper) fileItem(resp *nodes.Response) nodes.Item {
	it := nodes.Item{Binary: map[string]*nodes.BinaryData{}, PairedItem: nodes.One(nodes.Paired(s.item, 0))}
	maps.Copy(it.Binary, s.input.Binary)
	if s.opts.FullResponse {
		it.JSON = map[string]any{"headers": resp.HeaderMap(), "statusCode": resp.StatusCode, "statusMessage": resp.StatusMessage}
	} else {
		it.JSON = jsvalue.Clone(s.input.JSON)
		if it.JSON == nil {
			it.JSON = map[string]any{}
		}
	}
	bd := prepareBinary(resp.Raw, mimeFromContentType(resp.Headers.Get("Content-Type")))
	s.nameFromResponse(bd, resp)
	bd.FileName = fileName(bd, s.url, s.opts.OutputPropertyName)
	it.Binary[s.opts.outputName()] = bd
	return it
}

// nameFromResponse is prepareBinaryData's naming for a streamed reply: the
// Content-Disposition file name, else the URL path, gives fileName (its
// extension wins over the MIME type's), and directory is the full URL.
func (s *shaper) nameFromResponse(bd *nodes.BinaryData, resp *nodes.Response) {
	var filePath string
	if _, ps, err := mime.ParseMediaType(resp.Headers.Get("Content-Disposition")); err == nil && ps["filename"] != "" {
		filePath = ps["filename"]
	}
	u, err := url.Parse(s.fullURL)
	if err == nil {
		u.User = nil
	}
	if filePath == "" && err == nil {
		filePath = strings.TrimPrefix(u.EscapedPath(), "/")
	}
	if filePath == "" {
		return
	}
	if err == nil {
		bd.Directory = u.String()
	}
	bd.FileName = pathpkg.Base(filePath)
	if ext := strings.TrimPrefix(pathpkg.Ext(bd.FileName), "."); ext != "" {
		bd.FileExtension = ext
	}
}

// toText is the node's toText: objects and arrays as JSON text, other
// values as they are.
func toText(body any, raw []byte) any {
	switch body.(type) {
	case map[string]any, []any:
		var buf bytes.Buffer
		if err := json.Compact(&buf, raw); err == nil {
			return buf.String()
		}
		b, _ := json.Marshal(body)
		return string(b)
	}
	return body
}

// decodeJSON parses a JSON document, numbers as float64.
func decodeJSON(raw []byte) (any, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	return v, nil
}

func isBinaryType(ctype string) bool {
	for _, t := range binaryContentTypes {
		if strings.Contains(ctype, t) {
			return true
		}
	}
	return false
}

// mimeFromContentType is the media type of a Content-Type header.
func mimeFromContentType(ct string) string {
	if ct == "" {
		return ""
	}
	ct, _, _ = strings.Cut(ct, " ")
	ct, _, _ = strings.Cut(ct, ";")
	return ct
}

// prepareBinary is n8n's prepareBinaryData for a body with a known (or
// detected) MIME type.
func prepareBinary(raw []byte, mime string) *nodes.BinaryData {
	if mime == "" {
		mime = mimeFromContentType(mimetype.Detect(raw).String())
	}
	bd := &nodes.BinaryData{
		Data:     base64.StdEncoding.EncodeToString(raw),
		MimeType: mime,
		FileSize: nodes.FormatFileSize(int64(len(raw))),
		FileType: nodes.FileTypeFromMimeType(mime),
	}
	bd.FileExtension = mimeExtension(mime)
	return bd
}

// mimeExtensions are the mime-types package's extensions where they differ
// from the mimetype library's.
var mimeExtensions = map[string]string{
	"application/octet-stream": "bin",
	"audio/mpeg":               "mpga",
}

// mimeExtension is mime-types' extension(): the usual extension for a
// MIME type, "" when unknown.
func mimeExtension(mime string) string {
	if e, ok := mimeExtensions[mime]; ok {
		return e
	}
	if mt := mimetype.Lookup(mime); mt != nil {
		return strings.TrimPrefix(mt.Extension(), ".")
	}
	return ""
}

// fileName is the node's setFilename: the URL's last segment when the URL
// ends with the extension, else "<outputPropertyName or data>.<ext>".
func fileName(bd *nodes.BinaryData, url, responseFileName string) string {
	if bd.FileName != "" || bd.FileExtension == "" {
		return bd.FileName
	}
	if strings.HasSuffix(url, bd.FileExtension) {
		return url[strings.LastIndexByte(url, '/')+1:]
	}
	if responseFileName == "" {
		responseFileName = "data"
	}
	return responseFileName + "." + bd.FileExtension
}
