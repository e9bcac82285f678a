package files_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/noderun/noderun/nodes"
)

func TestConvertToFile(t *testing.T) {
	t.Parallel()
	people := items(
		ordered(obj{"name": "ada", "n": 1.5, "ok": true, "nested": obj{"a": "x"}}, "name", "n", "ok", "nested"),
		ordered(obj{"name": "b,c \"q\"", "extra": nil}, "name", "extra"),
	)
	tests := []struct {
		name     string
		version  float64
		params   obj
		in       []nodes.Item
		wantText []string
		wantBin  []nodes.BinaryData
		paired   [][]int
	}{
		{
			name:     "csv of all items, flattened, quoted",
			params:   obj{"operation": "csv"},
			in:       people,
			wantText: []string{"\uFEFFname,n,ok,nested.a,extra\nada,1.5,TRUE,x,\n\"b,c \"\"q\"\"\",,,,"},
			wantBin:  []nodes.BinaryData{{MimeType: "text/csv", FileType: "text", FileExtension: "csv", FileName: "File.csv", FileSize: "59 B"}},
			paired:   [][]int{{0, 1}},
		},
		{
			name:     "csv without header, own delimiter and file name",
			params:   obj{"operation": "csv", "binaryPropertyName": "out", "options": obj{"headerRow": false, "delimiter": ";", "fileName": "x.txt"}},
			in:       items(obj{"a": "1;2", "b": 2.0}),
			wantText: []string{"\uFEFF\"1;2\";2"},
			wantBin:  []nodes.BinaryData{{MimeType: "text/plain", FileType: "text", FileExtension: "txt", FileName: "x.txt", FileSize: "10 B"}},
			paired:   [][]int{{0}},
		},
		{
			name:     "json: all items to one file",
			params:   obj{"operation": "toJson"},
			in:       items(obj{"b": 1.0, "a": "<x>"}, obj{}),
			wantText: []string{`[{"a":"<x>","b":1},{}]`},
			wantBin:  []nodes.BinaryData{{MimeType: "application/json", FileType: "json", FileExtension: "json", FileName: "file.json", FileSize: "22 B"}},
			paired:   [][]int{{0, 1}},
		},
		{
			name:     "json: each item formatted",
			params:   obj{"operation": "toJson", "mode": "each", "options": obj{"format": true, "fileName": "item.json"}},
			in:       items(obj{"a": arr{1.0}}, obj{}),
			wantText: []string{"{\n  \"a\": [\n    1\n  ]\n}", "{}"},
			wantBin: []nodes.BinaryData{
				{MimeType: "application/json", FileType: "json", FileExtension: "json", FileName: "item.json", FileSize: "22 B"},
				{MimeType: "application/json", FileType: "json", FileExtension: "json", FileName: "item.json", FileSize: "2 B"},
			},
			paired: [][]int{{0}, {1}},
		},
		{
			name:     "text file",
			params:   obj{"operation": "toText", "sourceProperty": "body"},
			in:       items(obj{"body": "héllo"}),
			wantText: []string{"héllo"},
			wantBin:  []nodes.BinaryData{{MimeType: "text/plain", FileType: "text", FileExtension: "txt", FileName: "file.txt", FileSize: "6 B"}},
			paired:   [][]int{{0}},
		},
		{
			name:     "base64 to file",
			version:  1.1,
			params:   obj{"operation": "toBinary", "sourceProperty": "b64", "options": obj{"fileName": "a.txt"}},
			in:       items(obj{"b64": "aGkh"}),
			wantText: []string{"hi!"},
			wantBin:  []nodes.BinaryData{{MimeType: "text/plain", FileType: "text", FileExtension: "txt", FileName: "a.txt", FileSize: "3 B"}},
			paired:   [][]int{{0}},
		},
		{
			name:     "data URI gives the MIME type",
			version:  1.1,
			params:   obj{"operation": "toBinary", "sourceProperty": "b64"},
			in:       items(obj{"b64": "data:image/png;base64,iVBORw0KGgo="}),
			wantText: []string{"\x89PNG\r\n\x1a\n"},
			wantBin:  []nodes.BinaryData{{MimeType: "image/png", FileType: "image", FileExtension: "png", FileName: "file.png", FileSize: "8 B"}},
			paired:   [][]int{{0}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := tc.version
			if v == 0 {
				v = 1
			}
			got, err := newFake(t, "convertToFile", v, tc.params, tc.in).run()
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.wantText) {
				t.Fatalf("got %d items, want %d", len(got), len(tc.wantText))
			}
			prop := "data"
			if p, ok := tc.params["binaryPropertyName"].(string); ok {
				prop = p
			}
			for i, it := range got {
				if diff := cmp.Diff(obj{}, it.JSON); diff != "" {
					t.Errorf("json %d (-want +got):\n%s", i, diff)
				}
				if diff := cmp.Diff(tc.wantText[i], binText(t, it, prop)); diff != "" {
					t.Errorf("file %d (-want +got):\n%s", i, diff)
				}
				if diff := cmp.Diff(tc.wantBin[i], *it.Binary[prop], cmpopts.IgnoreFields(nodes.BinaryData{}, "Data")); diff != "" {
					t.Errorf("binary %d (-want +got):\n%s", i, diff)
				}
				var p []int
				for _, pi := range it.PairedItem.Items {
					p = append(p, pi.Item)
				}
				if diff := cmp.Diff(tc.paired[i], p); diff != "" {
					t.Errorf("pairedItem %d (-want +got):\n%s", i, diff)
				}
			}
		})
	}
}

func TestConvertToFileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		params  obj
		in      []nodes.Item
		wantErr string
	}{
		{"missing source field", obj{"operation": "toText", "sourceProperty": "nope"}, items(obj{"a": 1.0}), `The value in "nope" is not set`},
		{"not base64", obj{"operation": "toBinary", "sourceProperty": "s"}, items(obj{"s": "hello world!"}),
			`The provided string is not valid base64 data. If you are trying to write plain text to a file, use the "Convert to Text File" operation instead.`},
		{"unknown encoding", obj{"operation": "toText", "sourceProperty": "s", "options": obj{"encoding": "klingon"}}, items(obj{"s": "x"}),
			"Encoding not recognized: 'klingon' (searched as: 'klingon')"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := newFake(t, "convertToFile", 1.1, tc.params, tc.in).run()
			var ne *nodes.NodeError
			if !errors.As(err, &ne) {
				t.Fatalf("err = %v", err)
			}
			if diff := cmp.Diff(tc.wantErr, ne.Message); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSpreadsheetRoundTrip(t *testing.T) {
	t.Parallel()
	in := items(obj{"name": "ada", "n": 36.0, "ok": true}, obj{"name": "bob", "n": 2.5})
	conv, err := newFake(t, "convertToFile", 1.1, obj{"operation": "xlsx", "options": obj{"sheetName": "People"}}, in).run()
	if err != nil {
		t.Fatal(err)
	}
	bd := conv[0].Binary["data"]
	if bd.MimeType != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" || bd.FileName != "File.xlsx" {
		t.Errorf("binary = %+v", bd)
	}
	got, err := newFake(t, "extractFromFile", 1, obj{"operation": "xlsx", "options": obj{"sheetName": "People"}}, conv).run()
	if err != nil {
		t.Fatal(err)
	}
	want := []any{obj{"name": "ada", "n": 36.0, "ok": true}, obj{"name": "bob", "n": 2.5}}
	if diff := cmp.Diff(want, jsonOf(got)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	_, err = newFake(t, "extractFromFile", 1, obj{"operation": "xlsx", "options": obj{"sheetName": "Nope"}}, conv).run()
	var ne *nodes.NodeError
	if !errors.As(err, &ne) || ne.Message != `Spreadsheet does not contain sheet called "Nope"!` {
		t.Errorf("err = %v", err)
	}
}

func TestHTMLTableFileRoundTrip(t *testing.T) {
	t.Parallel()
	conv, err := newFake(t, "convertToFile", 1.1, obj{"operation": "html"}, items(obj{"a": "x<y", "b": 2.0})).run()
	if err != nil {
		t.Fatal(err)
	}
	got, err := newFake(t, "extractFromFile", 1, obj{"operation": "html"}, conv).run()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]any{obj{"a": "x<y", "b": 2.0}}, jsonOf(got)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

// ordered records the key order of m.
func ordered(m obj, keys ...string) obj {
	nodes.SetKeyOrder(m, keys)
	return m
}
