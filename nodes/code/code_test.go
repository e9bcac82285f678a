package code_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/bundled"
	"github.com/noderun/noderun/nodes/code"
)

// newEngine returns the bundled engine with the code nodes registered
// with short limits (the default heap budget: the watchdog measures the
// whole process, and other tests run in parallel).
func newEngine(t *testing.T) *engine.Engine {
	t.Helper()
	return newEngineWith(t, code.Options{Timeout: 500 * time.Millisecond, MaxArrayLength: 1 << 20, MaxStringLength: 1 << 22})
}

// newEngineWith returns an engine whose code nodes have the given limits.
func newEngineWith(t *testing.T, opts code.Options) *engine.Engine {
	t.Helper()
	reg := nodes.NewRegistry()
	bundledReg, err := bundled.Registry()
	if err != nil {
		t.Fatal(err)
	}
	// The bundled registry already holds the code nodes; build one with
	// short limits: the core nodes from bundled, the code nodes from here.
	for _, name := range []string{"n8n-nodes-base.manualTrigger", "n8n-nodes-base.noOp"} {
		typ, err := bundledReg.Lookup(name, 1)
		if err != nil {
			t.Fatal(err)
		}
		if err := reg.Register(typ); err != nil {
			t.Fatal(err)
		}
	}
	if err := code.RegisterWith(reg, opts); err != nil {
		t.Fatal(err)
	}
	eng, err := bundled.NewEngine(bundled.Options{Registry: reg})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// workflow builds Trigger (pinned items) → First (a Set node naming the
// items) → the node under test.
func workflow(t *testing.T, typ string, version float64, params map[string]any, settings map[string]any) *engine.Workflow {
	t.Helper()
	node := map[string]any{"name": "Code", "type": typ, "typeVersion": version, "position": []any{400, 0}, "parameters": params}
	for k, v := range settings {
		node[k] = v
	}
	wf := map[string]any{
		"name": "code test",
		"nodes": []any{
			map[string]any{"name": "Trigger", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "position": []any{0, 0}, "parameters": map[string]any{}},
			map[string]any{"name": "First", "type": "n8n-nodes-base.noOp", "typeVersion": 1, "position": []any{200, 0}, "parameters": map[string]any{}},
			node,
		},
		"connections": map[string]any{
			"Trigger": map[string]any{"main": []any{[]any{map[string]any{"node": "First", "type": "main", "index": 0}}}},
			"First":   map[string]any{"main": []any{[]any{map[string]any{"node": "Code", "type": "main", "index": 0}}}},
		},
		"pinData": map[string]any{"Trigger": []any{
			map[string]any{"json": map[string]any{"n": 1, "name": "a"}},
			map[string]any{"json": map[string]any{"n": 2, "name": "b"}},
		}},
	}
	b, err := json.Marshal(wf)
	if err != nil {
		t.Fatal(err)
	}
	w, err := engine.Parse(b, "wf.json", engine.Selector{})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// outcome is what a test compares: the output items (json and paired
// item index) or the node error's message and description.
type outcome struct {
	Items []any
	Err   string
	Desc  string
}

func run(t *testing.T, eng *engine.Engine, wf *engine.Workflow) outcome {
	t.Helper()
	res, err := eng.Run(context.Background(), wf, engine.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Error != nil {
		var ne *nodes.NodeError
		if !errors.As(res.Error, &ne) {
			t.Fatalf("error %T %v is not a node error", res.Error, res.Error)
		}
		return outcome{Err: ne.Message, Desc: ne.DescriptionText()}
	}
	out, _ := res.Output("Code", 0, 0)
	o := outcome{Items: []any{}}
	for _, it := range out {
		p := -1
		if len(it.PairedItem.Items) > 0 {
			p = it.PairedItem.Items[0].Item
		}
		o.Items = append(o.Items, map[string]any{"json": it.JSON, "paired": p})
	}
	return o
}

func item(json map[string]any, paired int) any { return map[string]any{"json": json, "paired": paired} }

type m = map[string]any

func TestCodeNode(t *testing.T) {
	t.Parallel()
	eng := newEngine(t)
	all := func(code string) map[string]any { return m{"mode": "runOnceForAllItems", "jsCode": code} }
	each := func(code string) map[string]any { return m{"mode": "runOnceForEachItem", "jsCode": code} }
	tests := []struct {
		name     string
		params   map[string]any
		version  float64
		settings map[string]any
		want     outcome
	}{
		{name: "default placeholder mutates and returns $input.all()", params: all("for (const item of $input.all()) {\n  item.json.myNewField = 1;\n}\nreturn $input.all();"),
			want: outcome{Items: []any{item(m{"n": 1.0, "name": "a", "myNewField": 1.0}, 0), item(m{"n": 2.0, "name": "b", "myNewField": 1.0}, 1)}}},
		{name: "legacy items", params: all("return items.map(i => ({json: {double: i.json.n * 2}}))"),
			want: outcome{Items: []any{item(m{"double": 2.0}, 0), item(m{"double": 4.0}, 1)}}},
		{name: "objects without json are wrapped", params: all("return [{a: 1}, {a: 2}]"),
			want: outcome{Items: []any{item(m{"a": 1.0}, 0), item(m{"a": 2.0}, 1)}}},
		{name: "single object is one item", params: all("return {total: $input.all().length}"),
			want: outcome{Items: []any{item(m{"total": 2.0}, 0)}}},
		{name: "single item object", params: all("return {json: {x: $json.name}}"),
			want: outcome{Items: []any{item(m{"x": "a"}, 0)}}},
		{name: "null is no items", params: all("return null"), want: outcome{Items: []any{}}},
		{name: "$('First') and $node", params: all("return [{a: $('First').first().json.name, b: $('First').all().length, c: $node['First'].json.n}]"),
			want: outcome{Items: []any{item(m{"a": "a", "b": 2.0, "c": 1.0}, 0)}}},
		{name: "$input.first, last, expression extensions and luxon", params: all("return [{f: $input.first().json.n, l: $input.last().json.n, s: 'hello world'.toTitleCase(), y: DateTime.fromISO('2024-05-06').year}]"),
			want: outcome{Items: []any{item(m{"f": 1.0, "l": 2.0, "s": "Hello World", "y": 2024.0}, 0)}}},
		{name: "await", params: all("const v = await Promise.resolve(3); const w = await 4; return [{v: v + w}]"),
			want: outcome{Items: []any{item(m{"v": 7.0}, 0)}}},
		{name: "replace counted under the cap", params: all("const s = 'x'.repeat(1 << 20) + 'z'; return [{n: s.replace(/z/g, 'yyyyyyyy').length}]"),
			want: outcome{Items: []any{item(m{"n": float64(1<<20 + 8)}, 0)}}},
		{name: "dates serialize", params: all("return [{d: new Date(0)}]"),
			want: outcome{Items: []any{item(m{"d": "1970-01-01T00:00:00.000Z"}, 0)}}},
		{name: "returned pairedItem kept", params: all("return [{json: {a: 1}, pairedItem: {item: 1}}]"),
			want: outcome{Items: []any{item(m{"a": 1.0}, 1)}}},
		// validation
		{name: "undefined", params: all("const x = 1"), want: outcome{Err: "Code doesn't return items properly", Desc: "Please return an array of objects, one for each item you would like to output."}},
		{name: "number", params: all("return 5"), want: outcome{Err: "Code doesn't return items properly", Desc: "Please return an array of objects, one for each item you would like to output."}},
		{name: "array of numbers", params: all("return [1, 2]"), want: outcome{Err: "Code doesn't return items properly", Desc: "Please return an array of objects, one for each item you would like to output."}},
		{name: "json not an object", params: all("return [{json: 1}]"), want: outcome{Err: "A 'json' property isn't an object [item 0]", Desc: "In the returned data, every key named 'json' must point to an object."}},
		{name: "binary not an object", params: all("return [{json: {}, binary: 'x'}]"), want: outcome{Err: "A 'binary' property isn't an object [item 0]", Desc: "In the returned data, every key named 'binary' must point to an object."}},
		{name: "unknown key next to json", params: all("return [{json: {}}, {json: {}, foo: 1}]"), want: outcome{Err: "Invalid output format [item 1]",
			Desc: `An output item contains the reserved key <code>json</code>. To get around this, please wrap each item in an object, under a key called <code>json</code>. <a href="https://docs.n8n.io/data/data-structure/#data-structure" target="_blank">Example</a>`}},
		{name: "unknown key in another item", params: all("return [{json: {}}, {foo: 1}]"), want: outcome{Err: "Unknown top-level item key: foo [item 1]", Desc: "Access the properties of an item under `.json`, e.g. `item.json`"}},
		{name: "thrown error with line", params: all("const a = 1;\nthrow new Error('boom');"), want: outcome{Err: "boom [line 2]"}},
		{name: "reference error", params: all("\nreturn nope.x"), want: outcome{Err: "nope is not defined [line 2]", Desc: "ReferenceError"}},
		{name: "thrown string", params: all("throw 'x'"), want: outcome{Err: "Unknown error"}},
		{name: "syntax error", params: all("return {"), want: outcome{Err: "Unexpected token ) [line 2]", Desc: "SyntaxError"}},
		{name: "continueOnFail", params: all("throw new Error('bad')"), settings: m{"onError": "continueRegularOutput"},
			want: outcome{Items: []any{item(m{"error": "bad [line 1]"}, 0)}}},
		// each item
		{name: "each item placeholder", params: each("$input.item.json.myNewField = 1;\nreturn $input.item;"),
			want: outcome{Items: []any{item(m{"n": 1.0, "name": "a", "myNewField": 1.0}, 0), item(m{"n": 2.0, "name": "b", "myNewField": 1.0}, 1)}}},
		{name: "each item $json, item, $itemIndex", params: each("return {n: $json.n, same: item.json === $json, i: $itemIndex}"),
			want: outcome{Items: []any{item(m{"n": 1.0, "same": true, "i": 0.0}, 0), item(m{"n": 2.0, "same": true, "i": 1.0}, 1)}}},
		{name: "each item null drops", params: each("return $json.n === 1 ? null : {kept: $json.n}"),
			want: outcome{Items: []any{item(m{"kept": 2.0}, 1)}}},
		{name: "each item $('First').item", params: each("return {name: $('First').item.json.name}"),
			want: outcome{Items: []any{item(m{"name": "a"}, 0), item(m{"name": "b"}, 1)}}},
		{name: "each item extra keys dropped", params: each("return {json: {a: 1}, foo: 2}"),
			want: outcome{Items: []any{item(m{"a": 1.0}, 0), item(m{"a": 1.0}, 1)}}},
		{name: "each item array", params: each("return [{a: 1}]"), want: outcome{Err: "A 'json' property isn't an object [item 0]", Desc: "In the returned data, every key named 'json' must point to an object."}},
		{name: "each item string", params: each("return 'x'"), want: outcome{Err: "A 'json' property isn't an object [item 0]", Desc: "In the returned data, every key named 'json' must point to an object."}},
		{name: "each item $input.all refused", params: each("const a = 1;\nreturn $input.all()[0]"), want: outcome{Err: "Can't use .all() here [line 2, for item 0]", Desc: "This is only available in 'Run Once for All Items' mode"}},
		{name: "each item continueOnFail", params: each("if ($json.n === 2) throw new Error('two'); return {ok: 1}"), settings: m{"onError": "continueRegularOutput"},
			want: outcome{Items: []any{item(m{"ok": 1.0}, 0), item(m{"error": "two [line 1]"}, 1)}}},
		// versions and languages
		{name: "v1 ignores language", version: 1, params: m{"mode": "runOnceForAllItems", "language": "python", "jsCode": "return [{v: 1}]"},
			want: outcome{Items: []any{item(m{"v": 1.0}, 0)}}},
		{name: "python", params: m{"language": "pythonNative", "pythonCode": "return _items"},
			want: outcome{Err: "Python is not supported by noderun; use JavaScript", Desc: "noderun runs the Code node's JavaScript only. Set the node's language to JavaScript and port the code."}},
		{name: "legacy python", params: m{"language": "python", "pythonCode": "return items"},
			want: outcome{Err: "Python is not supported by noderun; use JavaScript", Desc: "noderun runs the Code node's JavaScript only. Set the node's language to JavaScript and port the code."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := tt.version
			if v == 0 {
				v = 2
			}
			got := run(t, eng, workflow(t, code.CodeType, v, tt.params, tt.settings))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestLegacyFunctionNodes(t *testing.T) {
	t.Parallel()
	eng := newEngine(t)
	tests := []struct {
		name string
		typ  string
		code string
		cof  bool
		want outcome
	}{
		{name: "function default", typ: code.FunctionType, code: "for (item of items) {\n  item.json.myNewField = 1;\n}\nconsole.log('Done!');\nreturn items;",
			want: outcome{Items: []any{item(m{"n": 1.0, "name": "a", "myNewField": 1.0}, 0), item(m{"n": 2.0, "name": "b", "myNewField": 1.0}, 1)}}},
		{name: "function replaces items", typ: code.FunctionType, code: "return [{json: {count: items.length, first: $json.name}}]",
			want: outcome{Items: []any{item(m{"count": 2.0, "first": "a"}, 0)}}},
		{name: "function no return", typ: code.FunctionType, code: "items[0].json.x = 1", want: outcome{Err: "No data got returned. Always return an Array of items!"}},
		{name: "function json not object", typ: code.FunctionType, code: "return [{json: 'x'}]", want: outcome{Err: "The json-property has to be an object!"}},
		{name: "function error line", typ: code.FunctionType, code: "\nthrow new Error('bad')", want: outcome{Err: "bad [Line 2]"}},
		{name: "function continueOnFail", typ: code.FunctionType, code: "throw new Error('bad')", cof: true, want: outcome{Items: []any{item(m{"error": "bad"}, 0)}}},
		{name: "function item default", typ: code.FunctionItemType, code: "item.myNewField = 1;\nreturn item;",
			want: outcome{Items: []any{item(m{"n": 1.0, "name": "a", "myNewField": 1.0}, 0), item(m{"n": 2.0, "name": "b", "myNewField": 1.0}, 1)}}},
		{name: "function item new object", typ: code.FunctionItemType, code: "return {i: $itemIndex, up: item.name.toUpperCase()}",
			want: outcome{Items: []any{item(m{"i": 0.0, "up": "A"}, 0), item(m{"i": 1.0, "up": "B"}, 1)}}},
		{name: "function item no return", typ: code.FunctionItemType, code: "item.x = 1", want: outcome{Err: "No data got returned. Always an object has to be returned!"}},
		{name: "function item error", typ: code.FunctionItemType, code: "if (item.n === 2) throw new Error('two'); return item", want: outcome{Err: "two [Line 1 | Item Index: 1]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var settings map[string]any
			if tt.cof {
				settings = m{"continueOnFail": true}
			}
			got := run(t, eng, workflow(t, tt.typ, 1, m{"functionCode": tt.code}, settings))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func cmpDiff(want, got outcome) string { return cmp.Diff(want, got) }
