package files_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
)

func TestExtractFromFile(t *testing.T) {
	t.Parallel()
	csvFile := func(text string) []nodes.Item { return []nodes.Item{fileItem(text, "text/csv", "data.csv")} }
	tests := []struct {
		name    string
		params  obj
		in      []nodes.Item
		want    []any
		paired  []int
		wantErr string
	}{
		{
			name:   "csv with header, empty cells left out",
			params: obj{"operation": "csv"},
			in:     csvFile("name,age,city\nada,36,\nbob,,Paris\n"),
			want:   []any{obj{"name": "ada", "age": "36"}, obj{"name": "bob", "city": "Paris"}},
			paired: []int{0, 0},
		},
		{
			name:   "csv include empty cells, quoted fields, CRLF",
			params: obj{"operation": "csv", "options": obj{"includeEmptyCells": true}},
			in:     csvFile("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n1,\r\n"),
			want:   []any{obj{"a": "x, y", "b": `say "hi"`}, obj{"a": "1", "b": ""}},
			paired: []int{0, 0},
		},
		{
			name:   "csv without header row gives index-keyed objects",
			params: obj{"operation": "csv", "options": obj{"headerRow": false}},
			in:     csvFile("a,,c\n1,2,3"),
			want:   []any{obj{"row": obj{"0": "a", "2": "c"}}, obj{"row": obj{"0": "1", "1": "2", "2": "3"}}},
			paired: []int{0, 0},
		},
		{
			name:   "csv delimiter and max rows",
			params: obj{"operation": "csv", "options": obj{"delimiter": ";", "maxRowCount": 1.0}},
			in:     csvFile("a;b\n1;2\n3;4\n"),
			want:   []any{obj{"a": "1", "b": "2"}},
			paired: []int{0},
		},
		{
			name:   "bad csv keeps the records before the error",
			params: obj{"operation": "csv"},
			in:     csvFile("a,b\n1,2\n3,\"open\n"),
			want:   []any{obj{"a": "1", "b": "2"}},
			paired: []int{0},
		},
		{
			name:   "csv record length mismatch stops there",
			params: obj{"operation": "csv"},
			in:     csvFile("a,b\n1,2\n3,4,5\n6,7\n"),
			want:   []any{obj{"a": "1", "b": "2"}},
			paired: []int{0},
		},
		{
			name:   "csv skipping records with errors",
			params: obj{"operation": "csv", "options": obj{"skipRecordsWithErrors": obj{"value": obj{"enabled": true}}}},
			in:     csvFile("a,b\n1,2\n3,4,5\n6,7\n"),
			want:   []any{obj{"a": "1", "b": "2"}, obj{"a": "6", "b": "7"}},
			paired: []int{0, 0},
		},
		{
			name:    "csv too many skipped records",
			params:  obj{"operation": "csv", "options": obj{"skipRecordsWithErrors": obj{"value": obj{"enabled": true, "maxSkippedRecords": 1.0}}}},
			in:      csvFile("a,b\n1\n2\n"),
			wantErr: "Max number of skipped records exceeded",
		},
		{
			name:   "csv rows from two items keep their lineage",
			params: obj{"operation": "csv"},
			in:     append(csvFile("a\n1\n"), csvFile("a\n2\n3\n")...),
			want:   []any{obj{"a": "1"}, obj{"a": "2"}, obj{"a": "3"}},
			paired: []int{0, 1, 1},
		},
		{
			name:    "missing binary",
			params:  obj{"operation": "csv"},
			in:      items(obj{"x": 1.0}),
			wantErr: "This operation expects the node's input data to contain a binary file 'data', but none was found [item 0]",
		},
		{
			name:    "missing binary field",
			params:  obj{"operation": "csv", "binaryPropertyName": "file"},
			in:      csvFile("a\n1"),
			wantErr: "The item has no binary field 'file' [item 0]",
		},
		{
			name:   "empty input",
			params: obj{"operation": "csv"},
			in:     nil,
			want:   []any{},
			paired: []int{},
		},
		{
			name:   "from json",
			params: obj{"operation": "fromJson"},
			in:     []nodes.Item{fileItem(`{"a":[1,2],"b":{"c":true}}`, "application/json", "x.json")},
			want:   []any{obj{"data": obj{"a": arr{1.0, 2.0}, "b": obj{"c": true}}}},
			paired: []int{0},
		},
		{
			name:   "text to nested destination keeping json",
			params: obj{"operation": "text", "destinationKey": "out.text", "options": obj{"keepSource": "both"}},
			in:     []nodes.Item{{JSON: obj{"id": 7.0}, Binary: fileItem("\uFEFFhello", "text/plain", "a.txt").Binary}},
			want:   []any{obj{"id": 7.0, "out": obj{"text": "hello"}}},
			paired: []int{0},
		},
		{
			name:   "binary to base64 property",
			params: obj{"operation": "binaryToPropery"},
			in:     []nodes.Item{fileItem("hi!", "text/plain", "a.txt")},
			want:   []any{obj{"data": "aGkh"}},
			paired: []int{0},
		},
		{
			name:    "moveTo operations need the file",
			params:  obj{"operation": "text"},
			in:      append([]nodes.Item{fileItem("x", "text/plain", "a.txt")}, items(obj{})...),
			wantErr: "This operation expects the node's input data to contain a binary file 'data', but none was found [item 1]",
		},
		{
			name:   "empty JSON file is an empty object",
			params: obj{"operation": "fromJson"},
			in:     []nodes.Item{fileItem("", "application/json", "x.json")},
			want:   []any{obj{"data": obj{}}},
			paired: []int{0},
		},
		{
			name:   "xml is read as text",
			params: obj{"operation": "xml"},
			in:     []nodes.Item{fileItem("<a>1</a>", "application/xml", "x.xml")},
			want:   []any{obj{"data": "<a>1</a>"}},
			paired: []int{0},
		},
		{
			name:    "ods is refused clearly",
			params:  obj{"operation": "ods"},
			in:      []nodes.Item{fileItem("PK", "application/vnd.oasis.opendocument.spreadsheet", "a.csv")},
			wantErr: "Extract From ODS is not supported by noderun",
		},
		{
			name:    "pdf is refused clearly",
			params:  obj{"operation": "pdf"},
			in:      []nodes.Item{fileItem("%PDF-1.4", "application/pdf", "a.pdf")},
			wantErr: "Extract From PDF is not supported by noderun",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := newFake(t, "extractFromFile", 1, tc.params, tc.in).run()
			if tc.wantErr != "" {
				var ne *nodes.NodeError
				if !errors.As(err, &ne) {
					t.Fatalf("error %v, want NodeError %q", err, tc.wantErr)
				}
				if diff := cmp.Diff(tc.wantErr, ne.Message); diff != "" {
					t.Errorf("message (-want +got):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, jsonOf(got)); diff != "" {
				t.Errorf("json (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.paired, pairedOf(got)); diff != "" {
				t.Errorf("pairedItem (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExtractContinueOnFail(t *testing.T) {
	t.Parallel()
	f := newFake(t, "extractFromFile", 1, obj{"operation": "fromJson"},
		[]nodes.Item{fileItem("{bad", "application/json", "a.json"), fileItem(`[1]`, "application/json", "b.json")})
	f.continue_ = true
	got, err := f.run()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || pairedOf(got)[0] != 0 || pairedOf(got)[1] != 1 {
		t.Fatalf("got %+v", got)
	}
	if diff := cmp.Diff(obj{"error": "The file selected in 'Input Binary Field' is not in JSON format"}, got[0].JSON); diff != "" {
		t.Errorf("item 0 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(obj{"data": arr{1.0}}, got[1].JSON); diff != "" {
		t.Errorf("item 1 (-want +got):\n%s", diff)
	}
}

func TestExtractWrongFormatMessage(t *testing.T) {
	t.Parallel()
	_, err := newFake(t, "extractFromFile", 1, obj{"operation": "xlsx"},
		[]nodes.Item{fileItem("a,b", "text/csv", "x.csv")}).run()
	var ne *nodes.NodeError
	if !errors.As(err, &ne) {
		t.Fatalf("err = %v", err)
	}
	want := "The file selected in 'Input Binary Field' is not in xlsx format"
	if ne.Message != want {
		t.Errorf("message %q, want %q", ne.Message, want)
	}
}

func TestExtractCSVErrorsInVersion11(t *testing.T) {
	t.Parallel()
	in := []nodes.Item{fileItem("a,b\n1,2\n3,4,5\n", "text/csv", "x.csv")}
	got, err := newFake(t, "extractFromFile", 1, obj{"operation": "csv"}, in).run()
	if err != nil || len(got) != 1 {
		t.Fatalf("v1: %v %v", jsonOf(got), err)
	}
	_, err = newFake(t, "extractFromFile", 1.1, obj{"operation": "csv"}, in).run()
	var ne *nodes.NodeError
	if !errors.As(err, &ne) || ne.Message != "Invalid Record Length: columns length is 2, got 3 on line 3" {
		t.Errorf("v1.1: %v", err)
	}
}
