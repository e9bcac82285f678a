package enginetest_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/bundled"
)

// pipeline turns a CSV text field into a file, parses it, hashes a column
// and renders the rows as an HTML table and as XML, with stored parameters
// that omit defaults as n8n exports them.
const pipeline = `{
  "name": "files-pipeline",
  "nodes": [
    {"id":"1","name":"Start","type":"n8n-nodes-base.manualTrigger","typeVersion":1,"position":[0,0],"parameters":{}},
    {"id":"2","name":"To File","type":"n8n-nodes-base.convertToFile","typeVersion":1.1,"position":[200,0],
     "parameters":{"operation":"toText","sourceProperty":"csv","options":{"fileName":"people.csv"}}},
    {"id":"3","name":"Parse","type":"n8n-nodes-base.extractFromFile","typeVersion":1,"position":[400,0],"parameters":{}},
    {"id":"4","name":"Hash","type":"n8n-nodes-base.crypto","typeVersion":2,"position":[600,0],
     "parameters":{"value":"={{ $json.name }}","dataPropertyName":"hash"}},
    {"id":"5","name":"Table","type":"n8n-nodes-base.html","typeVersion":1.2,"position":[800,0],
     "parameters":{"operation":"convertToHtmlTable","options":{"customStyling":true}}},
    {"id":"6","name":"XML","type":"n8n-nodes-base.xml","typeVersion":1,"position":[800,200],
     "parameters":{"mode":"jsonToxml","options":{"headless":true}}}
  ],
  "connections": {
    "Start":{"main":[[{"node":"To File","type":"main","index":0}]]},
    "To File":{"main":[[{"node":"Parse","type":"main","index":0}]]},
    "Parse":{"main":[[{"node":"Hash","type":"main","index":0}]]},
    "Hash":{"main":[[{"node":"Table","type":"main","index":0},{"node":"XML","type":"main","index":0}]]}
  },
  "settings":{"executionOrder":"v1"}
}`

func TestFilesPipeline(t *testing.T) {
	t.Parallel()
	wf, err := engine.Parse([]byte(pipeline), "pipeline.json", engine.Selector{})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := bundled.NewEngine(bundled.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := []nodes.Item{{JSON: map[string]any{"csv": "name,age\nada,36\nbob,\n"}}}
	res, err := eng.Run(context.Background(), wf, engine.RunOptions{Input: in})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != engine.StatusSuccess {
		t.Fatalf("status %s: %v", res.Status, res.Error)
	}
	file, _ := res.Output("To File", 0, 0)
	if len(file) != 1 || file[0].Binary["data"] == nil || file[0].Binary["data"].FileName != "people.csv" ||
		file[0].Binary["data"].MimeType != "text/plain" {
		t.Fatalf("To File output = %+v", file)
	}
	hashed, _ := res.Output("Hash", 0, 0)
	// SHA256 is crypto v2's default type.
	want := []any{
		map[string]any{"name": "ada", "age": "36", "hash": sha256Hex("ada")},
		map[string]any{"name": "bob", "hash": sha256Hex("bob")},
	}
	var got []any
	for _, it := range hashed {
		got = append(got, it.JSON)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Hash output (-want +got):\n%s", diff)
	}
	table, _ := res.Output("Table", 0, 0)
	wantTable := `<table  ><thead  ><tr><th>name</th><th>age</th><th>hash</th></tr></thead><tbody>` +
		`<tr  ><td  >ada</td><td  >36</td><td  >` + sha256Hex("ada") + `</td></tr>` +
		`<tr  ><td  >bob</td><td  >undefined</td><td  >` + sha256Hex("bob") + `</td></tr></tbody></table>`
	if len(table) != 1 || table[0].Object()["table"] != wantTable {
		t.Errorf("Table output = %v\nwant %s", table, wantTable)
	}
	xml, _ := res.Output("XML", 0, 0)
	wantXML := "<root>\n  <name>ada</name>\n  <age>36</age>\n  <hash>" + sha256Hex("ada") + "</hash>\n</root>"
	if len(xml) != 2 || xml[0].Object()["data"] != wantXML {
		t.Errorf("XML output = %v\nwant %s", xml, wantXML)
	}
}
