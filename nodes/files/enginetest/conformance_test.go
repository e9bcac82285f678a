package enginetest_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/bundled"
)

// TestConformance runs the cases recorded from n8n 2.41 under
// ../testdata/conformance through the bundled engine and compares every
// node's output items: json, pairedItem and binary entries (metadata and
// decoded content; n8n's extra "bytes" field and empty binary maps are not
// part of our item model).
func TestConformance(t *testing.T) {
	t.Parallel()
	dirs, err := filepath.Glob("../testdata/conformance/*/workflow.json")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	eng, err := bundled.NewEngine(bundled.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, wfPath := range dirs {
		dir := filepath.Dir(wfPath)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			raw, err := os.ReadFile(wfPath)
			if err != nil {
				t.Fatal(err)
			}
			wf, err := engine.Parse(raw, "workflow.json", engine.Selector{})
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			res, err := eng.Run(context.Background(), wf, engine.RunOptions{Mode: "manual"})
			if err != nil && res == nil {
				t.Fatalf("run: %v", err)
			}
			var want recorded
			b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if string(res.Status) != want.Status {
				t.Errorf("status %s, want %s (%v)", res.Status, want.Status, res.Error)
			}
			if want.Error != nil {
				var got [2]string
				if res.Error != nil {
					got = [2]string{res.Error.Message, res.Error.DescriptionText()}
				}
				if diff := cmp.Diff([2]string{want.Error.Message, want.Error.Description}, got); diff != "" {
					t.Errorf("error message, description (-n8n +noderun):\n%s", diff)
				}
			}
			for name, runs := range want.RunData {
				if why, ok := knownDifferences[filepath.Base(dir)+"/"+name]; ok {
					t.Logf("node %q not compared: %s", name, why)
					continue
				}
				for o, items := range runs[0].Data.Main {
					got, _ := res.Output(name, o, 0)
					if diff := cmp.Diff(normalizeWant(t, items), normalizeGot(t, got)); diff != "" {
						t.Errorf("node %q output %d (-n8n +noderun):\n%s", name, o, diff)
					}
				}
			}
		})
	}
}

// knownDifferences are nodes whose output is known to differ from n8n's,
// with the reason.
var knownDifferences = map[string]string{
	"files-html-markdown-xml/HTML to MD": "node-html-markdown keeps the collapsed whitespace inside a heading " +
		`("#  Title "); html-to-markdown trims it ("# Title"); the other lines match`,
	"files-xml-html-more/MD": "node-html-markdown keeps collapsed edge whitespace in blocks (\" one \") and writes a " +
		"<br> after a list as a line of two spaces; html-to-markdown trims both; the other lines match",
}

const xlsxMime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// recorded is the part of expected.json the comparison reads.
type recorded struct {
	Status string `json:"status"`
	Error  *struct {
		Message     string `json:"message"`
		Description string `json:"description"`
	} `json:"error"`
	RunData map[string][]struct {
		Data struct {
			Main [][]map[string]any `json:"main"`
		} `json:"data"`
	} `json:"runData"`
}

// comparable item: json, pairedItem and binary with decoded content.
func normalizeWant(t *testing.T, items []map[string]any) []any {
	t.Helper()
	out := []any{}
	for _, it := range items {
		m := map[string]any{"json": it["json"], "pairedItem": it["pairedItem"]}
		if bin, ok := it["binary"].(map[string]any); ok && len(bin) > 0 {
			m["binary"] = binaryView(t, bin)
		}
		out = append(out, m)
	}
	return out
}

func normalizeGot(t *testing.T, items []nodes.Item) []any {
	t.Helper()
	b, err := json.Marshal(items)
	if err != nil {
		t.Fatal(err)
	}
	var raw []map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	for i, it := range items {
		if len(it.Binary) > 0 {
			view := map[string]any{}
			for k, bd := range it.Binary {
				data, err := bd.Bytes()
				if err != nil {
					t.Fatal(err)
				}
				view[k] = binaryFields(bd.MimeType, bd.FileType, bd.FileExtension, bd.FileName, bd.FileSize, string(data))
			}
			raw[i]["binary"] = view
		}
	}
	return normalizeWant(t, raw)
}

func binaryView(t *testing.T, bin map[string]any) map[string]any {
	t.Helper()
	out := map[string]any{}
	for k, v := range bin {
		e, _ := v.(map[string]any)
		if _, done := e["content"]; done {
			out[k] = e
			continue
		}
		s, _ := e["data"].(string)
		data, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			t.Fatalf("binary %s: %v", k, err)
		}
		str := func(key string) string { v, _ := e[key].(string); return v }
		out[k] = binaryFields(str("mimeType"), str("fileType"), str("fileExtension"), str("fileName"), str("fileSize"), string(data))
	}
	return out
}

func binaryFields(mime, typ, ext, name, size, content string) map[string]any {
	if mime == xlsxMime {
		// Workbooks are zip archives whose bytes differ between writers;
		// their content is compared through Extract From File instead.
		size, content = "", "<workbook>"
	}
	return map[string]any{"mimeType": mime, "fileType": typ, "fileExtension": ext, "fileName": name, "fileSize": size, "content": content}
}
