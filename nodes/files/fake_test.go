package files_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/files"
)

// fakeCtx is a nodes.ExecuteContext for handler tests. Parameters get the
// description's defaults applied as the engine does; the only expressions
// understood are "={{ $json.path }}".
type fakeCtx struct {
	node      *nodes.Node
	typ       *nodes.Type
	inputs    [][]nodes.Item
	continue_ bool
	creds     map[string]map[string]any
}

// typeByName finds a registered type of the package.
func typeByName(t testing.TB, name string) *nodes.Type {
	t.Helper()
	for _, ty := range files.Types() {
		if ty.Name() == "n8n-nodes-base."+name {
			return ty
		}
	}
	t.Fatalf("no type %s", name)
	return nil
}

func newFake(t testing.TB, typ string, version float64, params map[string]any, in []nodes.Item) *fakeCtx {
	t.Helper()
	ty := typeByName(t, typ)
	if params == nil {
		params = map[string]any{}
	}
	full := nodes.NodeParameters(ty.Description.Properties, params, version)
	return &fakeCtx{
		node:   &nodes.Node{Name: "Node", Type: ty.Name(), TypeVersion: version, Parameters: full},
		typ:    ty,
		inputs: [][]nodes.Item{in},
	}
}

// run executes the node and returns its first output.
func (f *fakeCtx) run() ([]nodes.Item, error) {
	out, err := f.typ.Handler.Execute(f)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no outputs")
	}
	return out[0], nil
}

func (f *fakeCtx) Context() context.Context { return context.Background() }
func (f *fakeCtx) Node() *nodes.Node        { return f.node }
func (f *fakeCtx) Type() *nodes.Type        { return f.typ }
func (f *fakeCtx) RunIndex() int            { return 0 }
func (f *fakeCtx) Mode() string             { return "manual" }
func (f *fakeCtx) InputData(i int) []nodes.Item {
	if i < len(f.inputs) {
		return f.inputs[i]
	}
	return nil
}

func (f *fakeCtx) Param(path string, item int, def any) (any, error) {
	v, ok := f.RawParam(path)
	if !ok {
		return def, nil
	}
	return f.Evaluate(v, item, nil)
}

func (f *fakeCtx) RawParam(path string) (any, bool) {
	var cur any = f.node.Parameters
	for _, k := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[k]; !ok {
			return nil, false
		}
	}
	return cur, true
}

func (f *fakeCtx) Evaluate(v any, item int, _ map[string]any) (any, error) {
	switch t := v.(type) {
	case string:
		if !strings.HasPrefix(t, "={{") {
			return strings.TrimPrefix(t, "="), nil
		}
		expr := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(t, "={{"), "}}"))
		if !strings.HasPrefix(expr, "$json.") {
			return nil, fmt.Errorf("fake context cannot evaluate %q", t)
		}
		in := f.InputData(0)
		if item >= len(in) {
			return nil, nil
		}
		return in[item].Object()[strings.TrimPrefix(expr, "$json.")], nil
	case map[string]any:
		out := map[string]any{}
		for k, x := range t {
			r, err := f.Evaluate(x, item, nil)
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			r, err := f.Evaluate(x, item, nil)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	}
	return v, nil
}

func (f *fakeCtx) ContinueOnFail() bool { return f.continue_ }
func (f *fakeCtx) Credential(typ string) (map[string]any, error) {
	if c, ok := f.creds[typ]; ok {
		return c, nil
	}
	return nil, fmt.Errorf("node %q: no credential of type %q", f.node.Name, typ)
}
func (f *fakeCtx) HTTP(context.Context, *nodes.Request, string) (*nodes.Response, error) {
	return nil, fmt.Errorf("no http")
}
func (f *fakeCtx) State() map[string]any    { return map[string]any{} }
func (f *fakeCtx) Timezone() *time.Location { return time.UTC }
func (f *fakeCtx) Logger() *slog.Logger     { return slog.Default() }
func (f *fakeCtx) Services() nodes.Services { return nil }

func (f *fakeCtx) PutExecutionToWait(time.Time) error {
	return fmt.Errorf("fake context: cannot wait")
}

func (f *fakeCtx) SendResponse(*nodes.WebhookResponse) error {
	return fmt.Errorf("fake context: no webhook request")
}

type obj = map[string]any
type arr = []any

// items builds input items from JSON objects.
func items(objs ...map[string]any) []nodes.Item {
	out := make([]nodes.Item, len(objs))
	for i, o := range objs {
		out[i] = nodes.Item{JSON: o}
	}
	return out
}

// fileItem is an item carrying text as binary "data".
func fileItem(text, mime, name string) nodes.Item {
	ext := ""
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		ext = name[i+1:]
	}
	return nodes.Item{JSON: obj{}, Binary: map[string]*nodes.BinaryData{"data": {
		Data: base64.StdEncoding.EncodeToString([]byte(text)), MimeType: mime, FileName: name, FileExtension: ext,
	}}}
}

// jsonOf returns the JSON payloads of items.
func jsonOf(items []nodes.Item) []any {
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = it.JSON
	}
	return out
}

// pairedOf returns the paired item indexes of items (first entry each).
func pairedOf(items []nodes.Item) []int {
	out := make([]int, len(items))
	for i, it := range items {
		out[i] = -1
		if len(it.PairedItem.Items) > 0 {
			out[i] = it.PairedItem.Items[0].Item
		}
	}
	return out
}

// binText decodes an item's binary entry.
func binText(t *testing.T, it nodes.Item, key string) string {
	t.Helper()
	bd := it.Binary[key]
	if bd == nil {
		t.Fatalf("no binary %q in %+v", key, it)
	}
	b, err := bd.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
