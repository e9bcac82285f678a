package nodes_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
)

func TestFormatFileSize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0 B"}, {1, "1 B"}, {999, "999 B"}, {1000, "1 kB"}, {1234, "1.23 kB"}, {12345, "12.3 kB"},
		{123456, "123 kB"}, {999999, "1000 kB"} /* pretty-bytes rounds after choosing the unit */, {4_560_000, "4.56 MB"}, {7_000_000_000, "7 GB"},
	}
	for _, tc := range tests {
		if got := nodes.FormatFileSize(tc.n); got != tc.want {
			t.Errorf("FormatFileSize(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestPrepareBinaryData(t *testing.T) {
	t.Parallel()
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	tests := []struct {
		name     string
		data     []byte
		path     string
		mimeType string
		want     nodes.BinaryData
	}{
		{"mime from extension, path split", []byte("a,b"), "/tmp/in/data.csv", "",
			nodes.BinaryData{Data: "YSxi", MimeType: "text/csv", FileType: "text", FileExtension: "csv", FileName: "data.csv", Directory: "/tmp/in", FileSize: "3 B"}},
		{"query string dropped", []byte("{}"), "report.json?x=1", "",
			nodes.BinaryData{Data: "e30=", MimeType: "application/json", FileType: "json", FileExtension: "json", FileName: "report.json", FileSize: "2 B"}},
		{"sniffed", png, "", "",
			nodes.BinaryData{Data: "iVBORw0KGgoAAAANSUhEUg==", MimeType: "image/png", FileType: "image", FileExtension: "png", FileSize: "16 B"}},
		{"text falls back to text/plain without extension", []byte("hello"), "", "",
			nodes.BinaryData{Data: "aGVsbG8=", MimeType: "text/plain", FileType: "text", FileSize: "5 B"}},
		{"given MIME type sets the extension", []byte("<p/>"), "", "text/html",
			nodes.BinaryData{Data: "PHAvPg==", MimeType: "text/html", FileType: "html", FileExtension: "html", FileSize: "4 B"}},
	}
	for _, tc := range tests {
		got, err := nodes.PrepareBinaryData(tc.data, tc.path, tc.mimeType)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if diff := cmp.Diff(tc.want, *got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
		back, err := got.Bytes()
		if err != nil || !bytes.Equal(back, tc.data) {
			t.Errorf("%s: Bytes() = %q, %v", tc.name, back, err)
		}
	}
}

// TestBinaryStoreOnDisk swaps the process-wide store, so it does not run
// in parallel with the other tests of this file that prepare data.
func TestBinaryStoreOnDisk(t *testing.T) {
	dir := t.TempDir()
	prev := nodes.SetBinaryStore(&nodes.BinaryStore{Dir: dir, Threshold: 10})
	defer nodes.SetBinaryStore(prev)
	small, err := nodes.PrepareBinaryData([]byte("tiny"), "a.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	if small.ID != "" || small.Data != "dGlueQ==" {
		t.Errorf("small payload = %+v, want it in memory", small)
	}
	payload := []byte(strings.Repeat("x", 100))
	big, err := nodes.PrepareBinaryData(payload, "b.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	if big.Data != nodes.BinaryModeFilesystem || !strings.HasPrefix(big.ID, "filesystem-v2:") || big.FileSize != "100 B" {
		t.Errorf("big payload = %+v, want it on disk", big)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("store dir has %d files", len(entries))
	}
	back, err := big.Bytes()
	if err != nil || !bytes.Equal(back, payload) {
		t.Errorf("Bytes() = %d bytes, %v", len(back), err)
	}
	bad := &nodes.BinaryData{ID: "filesystem-v2:../../etc/passwd", Data: nodes.BinaryModeFilesystem}
	if _, err := bad.Bytes(); err == nil {
		t.Error("path escape accepted")
	}
	if _, err := os.Stat(filepath.Join(dir, strings.TrimPrefix(big.ID, "filesystem-v2:"))); err != nil {
		t.Error(err)
	}
}

func TestBinaryProperty(t *testing.T) {
	t.Parallel()
	item := nodes.Item{Binary: map[string]*nodes.BinaryData{"data": {Data: "aGk="}}}
	tests := []struct {
		item    nodes.Item
		prop    string
		wantMsg string
	}{
		{nodes.Item{JSON: map[string]any{}}, "data", "This operation expects the node's input data to contain a binary file 'data', but none was found [item 3]"},
		{item, "file", "The item has no binary field 'file' [item 3]"},
	}
	for _, tc := range tests {
		_, _, err := nodes.BinaryBytes("Node", tc.item, 3, tc.prop)
		var ne *nodes.NodeError
		if !errors.As(err, &ne) {
			t.Fatalf("err = %v", err)
		}
		if diff := cmp.Diff(tc.wantMsg, ne.Message); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
	b, bd, err := nodes.BinaryBytes("Node", item, 0, "data")
	if err != nil || string(b) != "hi" || bd != item.Binary["data"] {
		t.Errorf("BinaryBytes = %q %v %v", b, bd, err)
	}
}

func TestDecodeBase64Lenient(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"aGk=": "hi", "aGk": "hi", "a G k =": "hi", "-_8": "\xfb\xff", "": ""} {
		if got := nodes.DecodeBase64(in); string(got) != want {
			t.Errorf("DecodeBase64(%q) = %q, want %q", in, got, want)
		}
	}
}
