package nodes

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Binary storage modes as n8n writes them into BinaryData.Data when the
// payload is not held in memory.
const (
	// BinaryModeFilesystem is the Data marker (and ID prefix) of payloads
	// kept on disk, as n8n's filesystem binary mode writes them.
	BinaryModeFilesystem = "filesystem-v2"
)

// BinaryStore decides where prepared binary payloads live: base64 in memory
// (n8n's default mode) or, past Threshold bytes, in a file under Dir (n8n's
// filesystem mode, with ID "filesystem-v2:<name>" and Data "filesystem-v2").
type BinaryStore struct {
	// Dir holds the payload files; empty means a "noderun-binary" folder
	// under os.TempDir(), created on first use.
	Dir string
	// Threshold is the size in bytes above which payloads go to disk;
	// 0 or less keeps everything in memory.
	Threshold int
}

var (
	binaryStoreMu sync.RWMutex
	binaryStore   = &BinaryStore{Threshold: 64 << 20}
)

// SetBinaryStore replaces the store PrepareBinaryData uses and returns the
// previous one. Embedders call it once at start-up.
func SetBinaryStore(s *BinaryStore) *BinaryStore {
	binaryStoreMu.Lock()
	defer binaryStoreMu.Unlock()
	prev := binaryStore
	binaryStore = s
	return prev
}

// CurrentBinaryStore returns the store PrepareBinaryData uses.
func CurrentBinaryStore() *BinaryStore {
	binaryStoreMu.RLock()
	defer binaryStoreMu.RUnlock()
	return binaryStore
}

// dir returns the store's directory, creating it.
func (s *BinaryStore) dir() (string, error) {
	d := s.Dir
	if d == "" {
		d = filepath.Join(os.TempDir(), "noderun-binary")
	}
	if err := os.MkdirAll(d, 0o700); err != nil {
		return "", fmt.Errorf("binary store: %w", err)
	}
	return d, nil
}

// put stores data in bd: base64 in memory, or a file past the threshold.
func (s *BinaryStore) put(bd *BinaryData, data []byte) error {
	bd.FileSize = FormatFileSize(int64(len(data)))
	if s == nil || s.Threshold <= 0 || len(data) <= s.Threshold {
		bd.Data = base64.StdEncoding.EncodeToString(data)
		return nil
	}
	d, err := s.dir()
	if err != nil {
		return err
	}
	var rnd [16]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return fmt.Errorf("binary store: %w", err)
	}
	name := hex.EncodeToString(rnd[:])
	if err := os.WriteFile(filepath.Join(d, name), data, 0o600); err != nil {
		return fmt.Errorf("binary store: %w", err)
	}
	bd.Data = BinaryModeFilesystem
	bd.ID = BinaryModeFilesystem + ":" + name
	return nil
}

// read returns the bytes behind a filesystem ID.
func (s *BinaryStore) read(id string) ([]byte, error) {
	name := strings.TrimPrefix(id, BinaryModeFilesystem+":")
	if name == "" || strings.ContainsAny(name, `/\`) || name == ".." {
		return nil, fmt.Errorf("binary data id %q: not a stored payload", id)
	}
	d, err := s.dir()
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(d, name))
	if err != nil {
		return nil, fmt.Errorf("binary data id %q: %w", id, err)
	}
	return b, nil
}

// PrepareBinaryData builds a binary entry for data the way n8n's
// helpers.prepareBinaryData does: the MIME type is mimeType, else looked up
// from filePath's extension, else sniffed from the bytes, else
// "text/plain"; filePath sets fileName, directory and fileExtension. The
// payload goes to the current BinaryStore.
func PrepareBinaryData(data []byte, filePath, mimeType string) (*BinaryData, error) {
	bd := &BinaryData{}
	if mimeType == "" {
		if filePath != "" {
			mimeType = MimeTypeByExtension(path.Ext(stripQuery(filePath)))
		}
		if mimeType == "" {
			if mt, ext := SniffMimeType(data); mt != "" {
				mimeType, bd.FileExtension = mt, ext
			}
		}
		if mimeType == "" {
			mimeType = "text/plain"
		}
	} else {
		bd.FileExtension = ExtensionByMimeType(mimeType)
	}
	bd.MimeType = mimeType
	bd.FileType = FileTypeFromMimeType(mimeType)
	if filePath != "" {
		p := stripQuery(filePath)
		dir, base := path.Split(p)
		if dir = strings.TrimSuffix(dir, "/"); dir != "" {
			bd.Directory = dir
		} else if strings.HasPrefix(p, "/") {
			bd.Directory = "/"
		}
		bd.FileName = base
		if ext := strings.TrimPrefix(path.Ext(base), "."); ext != "" && base != path.Ext(base) {
			bd.FileExtension = ext
		}
	}
	if err := CurrentBinaryStore().put(bd, data); err != nil {
		return nil, err
	}
	return bd, nil
}

func stripQuery(p string) string {
	if i := strings.IndexByte(p, '?'); i >= 0 {
		return p[:i]
	}
	return p
}

// Bytes returns the payload of a binary entry: decoded base64, or the
// stored file for entries kept on disk.
func (b *BinaryData) Bytes() ([]byte, error) {
	if b == nil {
		return nil, fmt.Errorf("binary data: missing")
	}
	if b.ID != "" && strings.HasPrefix(b.ID, BinaryModeFilesystem+":") {
		return CurrentBinaryStore().read(b.ID)
	}
	out, err := base64.StdEncoding.DecodeString(b.Data)
	if err != nil {
		// Node's Buffer.from(s, "base64") is lenient: it ignores
		// whitespace and missing padding, and accepts URL-safe letters.
		return decodeBase64Lenient(b.Data), nil
	}
	return out, nil
}

// DecodeBase64 decodes base64 as Node's Buffer.from(s, "base64") does:
// standard or URL-safe letters, whitespace and missing padding allowed,
// invalid characters skipped.
func DecodeBase64(s string) []byte {
	if out, err := base64.StdEncoding.DecodeString(s); err == nil {
		return out
	}
	return decodeBase64Lenient(s)
}

// decodeBase64Lenient decodes base64 the way Node's Buffer.from does:
// characters outside the alphabet are skipped and decoding stops at "=".
func decodeBase64Lenient(s string) []byte {
	var clean strings.Builder
	for _, c := range s {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
			clean.WriteRune(c)
		case c == '-':
			clean.WriteByte('+')
		case c == '_':
			clean.WriteByte('/')
		case c == '=':
			goto done
		}
	}
done:
	out, _ := base64.RawStdEncoding.DecodeString(trimPartial(clean.String()))
	return out
}

// trimPartial drops a trailing single base64 character, which encodes no
// whole byte.
func trimPartial(s string) string {
	if len(s)%4 == 1 {
		return s[:len(s)-1]
	}
	return s
}

// BinaryProperty returns the binary entry named prop of item, failing with
// n8n's assertBinaryData messages.
func BinaryProperty(node string, item Item, itemIndex int, prop string) (*BinaryData, error) {
	if item.Binary == nil {
		return nil, NewOperationErrorf(node,
			"This operation expects the node's input data to contain a binary file '%s', but none was found [item %d]",
			prop, itemIndex).SetDescription("Make sure that the previous node outputs a binary file").WithItem(itemIndex)
	}
	bd := item.Binary[prop]
	if bd == nil {
		return nil, NewOperationErrorf(node, "The item has no binary field '%s' [item %d]", prop, itemIndex).
			SetDescription("Check that the parameter where you specified the input binary field name is correct, and that it matches a field in the binary input").
			WithItem(itemIndex)
	}
	return bd, nil
}

// BinaryBytes returns the payload of item's binary entry prop (see
// BinaryProperty and BinaryData.Bytes).
func BinaryBytes(node string, item Item, itemIndex int, prop string) ([]byte, *BinaryData, error) {
	bd, err := BinaryProperty(node, item, itemIndex, prop)
	if err != nil {
		return nil, nil, err
	}
	b, err := bd.Bytes()
	if err != nil {
		return nil, nil, NewOperationError(node, err.Error()).WithItem(itemIndex)
	}
	return b, bd, nil
}

// FormatFileSize formats a byte count as n8n's pretty-bytes does: decimal
// units, three significant digits ("999 B", "1 kB", "12.3 kB", "4.56 MB").
func FormatFileSize(n int64) string {
	if n < 1 {
		return strconv.FormatInt(n, 10) + " B"
	}
	units := []string{"B", "kB", "MB", "GB", "TB", "PB", "EB"}
	exp := min(int(math.Floor(math.Log10(float64(n))/3)), len(units)-1)
	v := float64(n) / math.Pow(1000, float64(exp))
	p, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 3, 64), 64)
	return strconv.FormatFloat(p, 'f', -1, 64) + " " + units[exp]
}

// FileTypeFromMimeType returns n8n's coarse fileType for a MIME type
// ("json", "html", "image", "audio", "video", "text", "pdf") or "".
func FileTypeFromMimeType(mimeType string) string {
	switch {
	case strings.HasPrefix(mimeType, "application/json"):
		return "json"
	case strings.HasPrefix(mimeType, "text/html"):
		return "html"
	case strings.HasPrefix(mimeType, "image/"):
		return "image"
	case strings.HasPrefix(mimeType, "audio/"):
		return "audio"
	case strings.HasPrefix(mimeType, "video/"):
		return "video"
	case strings.HasPrefix(mimeType, "text/"), strings.HasPrefix(mimeType, "application/javascript"):
		return "text"
	case strings.HasPrefix(mimeType, "application/pdf"):
		return "pdf"
	}
	return ""
}

// mimeByExt maps file extensions to MIME types as the mime-types package
// (mime-db) does for the formats workflows commonly handle.
var mimeByExt = map[string]string{
	"txt": "text/plain", "text": "text/plain", "log": "text/plain", "csv": "text/csv",
	"tsv": "text/tab-separated-values", "html": "text/html", "htm": "text/html",
	"css": "text/css", "md": "text/markdown", "markdown": "text/markdown",
	"ics": "text/calendar", "xml": "application/xml", "json": "application/json",
	"js": "application/javascript", "mjs": "application/javascript",
	"yaml": "text/yaml", "yml": "text/yaml", "rtf": "application/rtf",
	"pdf": "application/pdf", "zip": "application/zip", "gz": "application/gzip",
	"tar": "application/x-tar", "bin": "application/octet-stream",
	"xls":  "application/vnd.ms-excel",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	"ods":  "application/vnd.oasis.opendocument.spreadsheet",
	"odt":  "application/vnd.oasis.opendocument.text",
	"doc":  "application/msword",
	"png":  "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
	"webp": "image/webp", "svg": "image/svg+xml", "ico": "image/vnd.microsoft.icon",
	"bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff",
	"mp3": "audio/mpeg", "wav": "audio/wav", "ogg": "audio/ogg", "m4a": "audio/mp4",
	"mp4": "video/mp4", "webm": "video/webm", "mov": "video/quicktime", "avi": "video/x-msvideo",
	"woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
	"eml": "message/rfc822",
}

// extByMime is the first extension mime-db lists for a MIME type.
var extByMime = map[string]string{
	"text/plain": "txt", "text/csv": "csv", "text/html": "html", "text/css": "css",
	"text/markdown": "md", "text/calendar": "ics", "application/xml": "xml", "text/xml": "xml",
	"application/json": "json", "application/javascript": "js", "text/javascript": "js",
	"text/yaml": "yaml", "application/rtf": "rtf", "text/rtf": "rtf", "application/pdf": "pdf",
	"application/zip": "zip", "application/gzip": "gz", "application/x-tar": "tar",
	"application/octet-stream": "bin", "application/vnd.ms-excel": "xls",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         "xlsx",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   "docx",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
	"application/vnd.oasis.opendocument.spreadsheet":                            "ods",
	"application/vnd.oasis.opendocument.text":                                   "odt",
	"application/msword": "doc", "image/png": "png", "image/jpeg": "jpeg", "image/gif": "gif",
	"image/webp": "webp", "image/svg+xml": "svg", "image/bmp": "bmp", "image/tiff": "tif",
	"image/vnd.microsoft.icon": "ico", "image/x-icon": "ico",
	"audio/mpeg": "mpga", "audio/wav": "wav", "audio/wave": "wav", "audio/ogg": "oga",
	"audio/mp4": "m4a", "video/mp4": "mp4", "video/webm": "webm", "video/quicktime": "qt",
	"video/x-msvideo": "avi", "font/woff": "woff", "font/woff2": "woff2", "font/ttf": "ttf",
	"font/otf": "otf", "message/rfc822": "eml", "text/tab-separated-values": "tsv",
}

// MimeTypeByExtension returns the MIME type of a file extension (with or
// without the dot), or "" when unknown.
func MimeTypeByExtension(ext string) string {
	return mimeByExt[strings.ToLower(strings.TrimPrefix(ext, "."))]
}

// ExtensionByMimeType returns the usual extension (without dot) of a MIME
// type, ignoring parameters such as charset, or "" when unknown.
func ExtensionByMimeType(mimeType string) string {
	mt, _, _ := strings.Cut(mimeType, ";")
	return extByMime[strings.ToLower(strings.TrimSpace(mt))]
}

// SniffMimeType recognises binary formats by their leading bytes, as n8n's
// file-type does; text and unknown content give "".
func SniffMimeType(data []byte) (mimeType, ext string) {
	if len(data) == 0 {
		return "", ""
	}
	mt, _, _ := strings.Cut(http.DetectContentType(data), ";")
	if strings.HasPrefix(mt, "text/") || mt == "application/octet-stream" {
		return "", ""
	}
	if mt == "application/zip" {
		switch {
		case strings.Contains(string(data[:min(len(data), 2048)]), "xl/"):
			mt = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		case strings.Contains(string(data[:min(len(data), 2048)]), "mimetypeapplication/vnd.oasis.opendocument.spreadsheet"):
			mt = "application/vnd.oasis.opendocument.spreadsheet"
		}
	}
	if mt == "application/x-gzip" {
		mt = "application/gzip"
	}
	return mt, ExtensionByMimeType(mt)
}
