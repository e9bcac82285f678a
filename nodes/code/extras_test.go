package code_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes/bundled"
	"github.com/noderun/noderun/nodes/code"
)

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestConsoleLogGoesToNodeLogger(t *testing.T) {
	t.Parallel()
	var buf syncBuffer
	eng, err := bundled.NewEngine(bundled.Options{Logger: slog.New(slog.NewTextHandler(&buf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	wf := workflow(t, code.CodeType, 2, m{"jsCode": "console.log('hi', {a: 1}, [2], 3); console.warn('dropped'); return []"}, nil)
	if res, err := eng.Run(context.Background(), wf, engine.RunOptions{}); err != nil || res.Error != nil {
		t.Fatalf("run: %v %v", err, res.Error)
	}
	log := buf.String()
	if !strings.Contains(log, `output="'hi' {\"a\":1} [2] 3"`) || !strings.Contains(log, "node=Code") {
		t.Errorf("log %q lacks the console.log line", log)
	}
	if strings.Contains(log, "dropped") {
		t.Errorf("console.warn reached the log: %q", log)
	}
}

func TestDataAccess(t *testing.T) {
	t.Parallel()
	eng := newEngine(t)
	tests := []struct {
		name string
		typ  string
		p    map[string]any
		want outcome
	}{
		{"$item in Function", code.FunctionType, m{"functionCode": "return [{json: {second: $item(1).$json.name, node: $node['First'].json.name}}]"},
			outcome{Items: []any{item(m{"second": "b", "node": "a"}, 0)}}},
		{"getWorkflowStaticData in Function Item", code.FunctionItemType, m{"functionCode": "const s = getWorkflowStaticData('node'); s.seen = (s.seen || 0) + 1; return {seen: s.seen}"},
			outcome{Items: []any{item(m{"seen": 1.0}, 0), item(m{"seen": 2.0}, 1)}}},
		{"$env denied", code.CodeType, m{"jsCode": "return [{v: $env.HOME}]"}, outcome{Err: "access to env vars denied", Desc: "If you need access to environment variables, please ask your administrator to allow it (N8N_BLOCK_ENV_ACCESS_IN_NODE=false)"}},
		{"unknown node", code.CodeType, m{"jsCode": "return [{v: $('Nope').first()}]"}, outcome{Err: "Referenced node doesn't exist", Desc: "The node 'Nope' doesn't exist, but it's used in an expression here."}},
		{"workflow, prevNode, runIndex, parameter", code.CodeType, m{"jsCode": "return [{w: $workflow.name, p: $prevNode.name, r: $runIndex, mode: $parameter.mode}]"},
			outcome{Items: []any{item(m{"w": "code test", "p": "First", "r": 0.0, "mode": "runOnceForAllItems"}, 0)}}},
		{"static data", code.CodeType, m{"jsCode": "const s = $getWorkflowStaticData('node'); s.count = (s.count || 0) + 1; return [{c: s.count, g: typeof $getWorkflowStaticData('global')}]"},
			outcome{Items: []any{item(m{"c": 1.0, "g": "object"}, 0)}}},
		{"binary-only items", code.CodeType, m{"jsCode": "return [{binary: {data: {data: 'aGk=', mimeType: 'text/plain'}}}]"},
			outcome{Items: []any{item(m{}, 0)}}},
		{"binary next to a data key", code.CodeType, m{"jsCode": "return [{binary: {}, name: 'x'}]"}, outcome{Err: "Invalid output format [item 0]",
			Desc: `An output item contains the reserved key <code>binary</code>. To get around this, please wrap each item in an object, under a key called <code>json</code>. <a href="https://docs.n8n.io/data/data-structure/#data-structure" target="_blank">Example</a>`}},
		{"inconsistent items", code.CodeType, m{"jsCode": "return [{json: {}}, {}]"}, outcome{Err: "Inconsistent item format"}},
		{"jmespath and extension on items", code.CodeType, m{"jsCode": "return [{names: $jmespath($input.all().map(i => i.json), '[*].name'), sum: $input.all().map(i => i.json.n).sum()}]"},
			outcome{Items: []any{item(m{"names": []any{"a", "b"}, "sum": 3.0}, 0)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := 2.0
			if tt.typ != code.CodeType {
				v = 1
			}
			got := run(t, eng, workflow(t, tt.typ, v, tt.p, nil))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
