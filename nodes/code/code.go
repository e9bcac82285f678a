package code

import (
	"regexp"
	"strings"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// codeNode runs the Code node.
type codeNode struct{ opts Options }

// Execute implements nodes.Handler.
func (n *codeNode) Execute(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	node := ctx.Node()
	lang := "javaScript"
	if node.TypeVersion == 2 {
		l, err := stringParam(ctx, "language", 0, "javaScript")
		if err != nil {
			return nil, err
		}
		lang = l
	}
	switch lang {
	case "javaScript":
	case "python", "pythonNative":
		e := nodes.NewOperationError(node.Name, "Python is not supported by noderun; use JavaScript")
		e.SetDescription("noderun runs the Code node's JavaScript only. Set the node's language to JavaScript and port the code.")
		return nil, e
	default:
		return nil, nodes.NewOperationErrorf(node.Name, "Unsupported language: %s", lang)
	}
	mode, err := stringParam(ctx, "mode", 0, "runOnceForAllItems")
	if err != nil {
		return nil, err
	}
	code, err := stringParam(ctx, "jsCode", 0, "")
	if err != nil {
		return nil, err
	}
	r, err := newRunner(ctx, n.opts)
	if err != nil {
		return nil, err
	}
	defer saveStatic(ctx, r)
	if mode == "runOnceForEachItem" {
		return n.eachItem(ctx, r, code)
	}
	return n.allItems(ctx, r, code)
}

// allItems is runOnceForAllItems: the code runs once with items,
// $input.all() and the data of item 0.
func (n *codeNode) allItems(ctx nodes.ExecuteContext, r *expr.CodeRunner, code string) (nodes.Outputs, error) {
	name := ctx.Node().Name
	res, defined, err := r.Run(ctx.Context(), code, exprData(ctx, 0), map[string]any{"items": expr.InputItems})
	if err != nil {
		e, msg := codeFailure(name, err)
		if ctx.ContinueOnFail() {
			return nodes.Outputs{{{JSON: map[string]any{"error": msg}}}}, nil
		}
		return nil, e
	}
	items, err := validateAllItems(name, res, defined)
	if err != nil {
		return nil, err
	}
	return nodes.Outputs{items}, nil
}

// disallowedRe finds $input methods runOnceForEachItem code cannot use.
var disallowedRe = regexp.MustCompile(`\$input\.(first|last|all|itemMatching)`)

// eachItem is runOnceForEachItem: the code runs per item with item,
// $input.item and $json; null (and any falsy value) drops the item.
func (n *codeNode) eachItem(ctx nodes.ExecuteContext, r *expr.CodeRunner, code string) (nodes.Outputs, error) {
	name := ctx.Node().Name
	if m := disallowedRe.FindStringSubmatch(code); m != nil {
		for i, line := range strings.Split(code, "\n") {
			if strings.Contains(line, m[1]) && !strings.HasPrefix(line, "//") && !strings.HasPrefix(line, "*") {
				e := nodes.NewOperationErrorf(name, "Can't use .%s() here [line %d, for item 0]", m[1], i+1)
				e.SetDescription("This is only available in 'Run Once for All Items' mode")
				return nil, e.WithItem(0)
			}
		}
	}
	in := ctx.InputData(0)
	out := make([]nodes.Item, 0, len(in))
	for i := range in {
		res, defined, err := r.Run(ctx.Context(), code, exprData(ctx, i), map[string]any{"item": expr.InputItem})
		if err != nil {
			e, msg := codeFailure(name, err)
			if !ctx.ContinueOnFail() {
				return nil, e
			}
			out = append(out, nodes.Item{JSON: map[string]any{"error": msg}, PairedItem: nodes.One(nodes.PairedItem{Item: i})})
			continue
		}
		o, keep := eachItemResult(res, defined)
		if !keep {
			continue
		}
		it, err := toItem(name, o, len(out))
		if err != nil {
			return nil, err
		}
		it.PairedItem = nodes.One(nodes.PairedItem{Item: i})
		out = append(out, it)
	}
	return nodes.Outputs{out}, nil
}
