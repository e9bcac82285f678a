package files_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/noderun/noderun/nodes"
)

func TestReadFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustWrite := func(rel, text string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite("a.csv", "x,y\n1,2\n")
	mustWrite("sub/b.json", `{"k":1}`)
	mustWrite("sub/deeper/c.txt", "hello")
	mustWrite(".hidden.txt", "no")
	tests := []struct {
		name    string
		pattern string
		options obj
		want    []string // file names in order
	}{
		{"single file", filepath.Join(dir, "a.csv"), obj{}, []string{"a.csv"}},
		{"star stays in one directory", filepath.Join(dir, "*.*"), obj{}, []string{"a.csv"}},
		{"globstar crosses directories", filepath.Join(dir, "**/*.{json,txt}"), obj{}, []string{"b.json", "c.txt"}},
		{"no match gives no items", filepath.Join(dir, "*.pdf"), obj{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := newFake(t, "readWriteFile", 1, obj{"operation": "read", "fileSelector": tc.pattern, "options": tc.options}, items(obj{})).run()
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, it := range got {
				names = append(names, it.Binary["data"].FileName)
			}
			if diff := cmp.Diff(tc.want, names); diff != "" {
				t.Errorf("files (-want +got):\n%s", diff)
			}
		})
	}
	_, err := newFake(t, "readWriteFile", 1.1, obj{"operation": "read", "fileSelector": filepath.Join(dir, "*.pdf")}, items(obj{})).run()
	var ne *nodes.NodeError
	if !errors.As(err, &ne) || ne.Message != "No file(s) found" {
		t.Errorf("v1.1 without files: %v", err)
	}
	got, err := newFake(t, "readWriteFile", 1, obj{"operation": "read", "fileSelector": filepath.Join(dir, "a.csv"),
		"options": obj{"dataPropertyName": "file", "mimeType": "text/x-csv"}}, items(obj{})).run()
	if err != nil {
		t.Fatal(err)
	}
	wantBin := nodes.BinaryData{MimeType: "text/x-csv", FileType: "text", FileExtension: "csv", FileName: "a.csv", FileSize: "8 B", Directory: filepath.ToSlash(dir)}
	if diff := cmp.Diff(wantBin, *got[0].Binary["file"], cmpopts.IgnoreFields(nodes.BinaryData{}, "Data")); diff != "" {
		t.Errorf("binary (-want +got):\n%s", diff)
	}
	wantJSON := obj{"mimeType": "text/x-csv", "fileType": "text", "fileName": "a.csv", "fileExtension": "csv", "fileSize": "8 B"}
	if diff := cmp.Diff(wantJSON, got[0].JSON); diff != "" {
		t.Errorf("json (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff("x,y\n1,2\n", binText(t, got[0], "file")); diff != "" {
		t.Errorf("content (-want +got):\n%s", diff)
	}
}

func TestWriteFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	target := filepath.Join(dir, "out.txt")
	in := []nodes.Item{fileItem("one\n", "text/plain", "a.txt"), fileItem("two\n", "text/plain", "b.txt")}
	in[0].JSON = obj{"id": 1.0}
	got, err := newFake(t, "readWriteFile", 1, obj{"operation": "write", "fileName": target, "options": obj{"append": true}}, in).run()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]any{obj{"id": 1.0, "fileName": target}, obj{"fileName": target}}, jsonOf(got)); diff != "" {
		t.Errorf("json (-want +got):\n%s", diff)
	}
	if got[0].Binary["data"] == nil {
		t.Error("binary not passed through")
	}
	b, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("one\ntwo\n", string(b)); diff != "" {
		t.Errorf("appended file (-want +got):\n%s", diff)
	}
	if _, err := newFake(t, "readWriteFile", 1, obj{"operation": "write", "fileName": target}, in[1:]).run(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != "two\n" {
		t.Errorf("overwritten file = %q", b)
	}
	_, err = newFake(t, "readWriteFile", 1, obj{"operation": "write", "fileName": target}, items(obj{})).run()
	var ne *nodes.NodeError
	if !errors.As(err, &ne) || ne.Message != "This operation expects the node's input data to contain a binary file 'data', but none was found [item 0]" {
		t.Errorf("missing binary: %v", err)
	}
	f := newFake(t, "readWriteFile", 1, obj{"operation": "write", "fileName": filepath.Join(dir, "no/such/dir/x")}, in[:1])
	f.continue_ = true
	got, err = f.run()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got[0].Object()["error"].(string); !ok || pairedOf(got)[0] != 0 {
		t.Errorf("continue on fail item = %+v", got[0])
	}
}
