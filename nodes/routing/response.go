package routing

import (
	"encoding/base64"
	"fmt"
	"sort"
	"strings"

	"github.com/gabriel-vasile/mimetype"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// postProcess turns one response into items (postProcessResponseData):
// without postReceive an array body gives one item per element and any
// other body one item; with postReceive the actions run in order on
// [{json: body}].
func (r *run) postProcess(resp *nodes.Response, rd *requestData, i int) ([]nodes.Item, error) {
	if len(rd.postReceive) == 0 {
		if arr, ok := resp.Body.([]any); ok {
			items := make([]nodes.Item, len(arr))
			for j, e := range arr {
				items[j] = nodes.Item{JSON: e}
			}
			return items, nil
		}
		return []nodes.Item{{JSON: resp.Body}}, nil
	}
	items := []nodes.Item{{JSON: resp.Body}}
	var full map[string]any
	for _, g := range rd.postReceive {
		for _, a := range g.actions {
			if full == nil {
				full = fullResponse(resp)
			}
			var err error
			items, err = r.postReceive(a, items, resp, full, g.value, i)
			if err != nil {
				return nil, err
			}
		}
	}
	return items, nil
}

// postReceive runs one action (runPostReceiveAction).
func (r *run) postReceive(a *nodes.PostReceiveAction, items []nodes.Item, resp *nodes.Response, full map[string]any, value any, i int) ([]nodes.Item, error) {
	keys := func(extra map[string]any) map[string]any {
		k := map[string]any{"$response": full, "$value": value, "$version": r.version}
		for n, v := range extra {
			k[n] = v
		}
		return k
	}
	switch a.Type {
	case "rootProperty":
		prop := str(a.Properties["property"])
		var out []nodes.Item
		for _, it := range items {
			v, _ := getPath(it.JSON, prop)
			if arr, ok := v.([]any); ok {
				for _, e := range arr {
					out = append(out, nodes.Item{JSON: e})
				}
				continue
			}
			out = append(out, nodes.Item{JSON: v})
		}
		return out, nil
	case "filter":
		out := items[:0:0]
		for _, it := range items {
			pass, err := r.eval(a.Properties["pass"], i, keys(map[string]any{"$credentials": r.credentials, "$responseItem": it.JSON}))
			if err != nil {
				return nil, fmt.Errorf("postReceive filter: %w", err)
			}
			if jsvalue.Truthy(pass) {
				out = append(out, it)
			}
		}
		return out, nil
	case "limit":
		mv, err := r.eval(a.Properties["maxResults"], i, keys(nil))
		if err != nil {
			return nil, fmt.Errorf("postReceive limit: %w", err)
		}
		n, ok := toInt(mv)
		if !ok {
			return items[:0], nil // slice(0, NaN) is empty
		}
		if n < 0 {
			n = max(len(items)+n, 0)
		}
		if n < len(items) {
			items = items[:n]
		}
		return items, nil
	case "set":
		v, err := r.eval(a.Properties["value"], i, keys(nil))
		if err != nil {
			return nil, fmt.Errorf("postReceive set: %w", err)
		}
		return []nodes.Item{{JSON: v}}, nil
	case "setKeyValue":
		out := make([]nodes.Item, 0, len(items))
		for _, it := range items {
			obj := make(map[string]any, len(a.Properties))
			k := keys(map[string]any{"$responseItem": it.JSON})
			for name, expr := range a.Properties {
				v, err := r.eval(expr, i, k)
				if err != nil {
					return nil, fmt.Errorf("postReceive setKeyValue %s: %w", name, err)
				}
				obj[name] = v
			}
			out = append(out, nodes.Item{JSON: obj})
		}
		return out, nil
	case "sort":
		key := str(a.Properties["key"])
		sortKey := func(it nodes.Item) string {
			m, _ := it.JSON.(map[string]any)
			v, ok := m[key]
			if !ok || v == nil {
				return ""
			}
			return strings.ToLower(str(v))
		}
		sort.SliceStable(items, func(x, y int) bool { return sortKey(items[x]) < sortKey(items[y]) })
		return items, nil
	case "binaryData":
		dest, err := r.eval(a.Properties["destinationProperty"], i, keys(nil))
		if err != nil {
			return nil, fmt.Errorf("postReceive binaryData: %w", err)
		}
		bin := binaryData(resp)
		for j := range items {
			switch items[j].JSON.(type) {
			case string, []byte: // the body as text or bytes is now the binary
				items[j].JSON = map[string]any{}
			}
			items[j].Binary = map[string]*nodes.BinaryData{str(dest): bin}
		}
		return items, nil
	}
	return nil, nil
}

// binaryData is n8n's prepareBinaryData(body) for a response body: the
// MIME type and extension come from the bytes' signature (n8n uses the
// file-type package, which knows binary formats only), and text, which no
// signature identifies, falls back to text/plain.
func binaryData(resp *nodes.Response) *nodes.BinaryData {
	raw := resp.Raw
	if b, ok := resp.Body.([]byte); ok {
		raw = b
	}
	mime, ext := "text/plain", ""
	mt := mimetype.Detect(raw)
	detected, _, _ := strings.Cut(mt.String(), ";")
	if !isTextual(mt) {
		mime, ext = detected, strings.TrimPrefix(mt.Extension(), ".")
	}
	bd := &nodes.BinaryData{
		Data:          base64.StdEncoding.EncodeToString(raw),
		MimeType:      mime,
		FileExtension: ext,
		FileSize:      nodes.FormatFileSize(int64(len(raw))),
		FileType:      nodes.FileTypeFromMimeType(mime),
	}
	return bd
}

// isTextual reports a detection that only says "this is text" (plain
// text, JSON, HTML, XML, CSV ...), which file-type would not make.
func isTextual(mt *mimetype.MIME) bool {
	for m := mt; m != nil; m = m.Parent() {
		if m.Is("text/plain") {
			return true
		}
	}
	return false
}
