package engine

import (
	"fmt"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// lookup implements expr.NodeLookup over a run's data for one node.
type lookup struct {
	run  *run
	node *nodes.Node
	exec *execData
}

var (
	_ expr.NodeLookup = (*lookup)(nil)
	_ expr.RunCounter = (*lookup)(nil)
)

// Runs implements expr.RunCounter.
func (l *lookup) Runs(name string) int { return len(l.run.result.RunData[name]) }

func (l *lookup) HasNode(name string) bool { return l.run.wf.Node(name) != nil }

func (l *lookup) Executed(name string) bool { return len(l.run.result.RunData[name]) > 0 }

func (l *lookup) Output(name string, output, run int) ([]nodes.Item, bool) {
	return l.run.result.Output(name, output, run)
}

func (l *lookup) ConnectedOutput(name string) int {
	for out, conns := range l.run.wf.Connections.Main(name) {
		for _, c := range conns {
			if c.Node == l.node.Name {
				return out
			}
		}
	}
	return 0
}

func (l *lookup) Parameters(name string) map[string]any {
	if p, ok := l.run.params[name]; ok {
		return p
	}
	if n := l.run.wf.Node(name); n != nil {
		return n.Parameters
	}
	return nil
}

func (l *lookup) PrevNode() (string, int, int) {
	if len(l.exec.source) == 0 || l.exec.source[0] == nil {
		return "", 0, 0
	}
	s := l.exec.source[0]
	return s.PreviousNode, s.PreviousNodeOutput, s.PreviousNodeRun
}

// Paired follows pairedItem lineage from the current node's input item
// itemIndex back to node target (n8n's $('X').item / getPairedItem).
func (l *lookup) Paired(target string, itemIndex int) (nodes.Item, error) {
	if l.run.wf.Node(target) == nil {
		return nodes.Item{}, &expr.ExpressionError{Message: fmt.Sprintf("Referenced node doesn't exist: %s", target)}
	}
	if !l.Executed(target) {
		// n8n: .item on a node that has not run fails the lineage lookup.
		return nodes.Item{}, &expr.ExpressionError{Message: "Invalid expression",
			Description: fmt.Sprintf("Node '%s' hasn't been executed: there is no paired item to read", target)}
	}
	// The current input item was stamped {item: itemIndex, input: k}.
	input := l.run.connectionInputOf(l.exec.inputs)
	if itemIndex < 0 || itemIndex >= len(input) || len(input[itemIndex].PairedItem.Items) == 0 {
		return nodes.Item{}, &expr.ExpressionError{Message: "Can't get data for expression", Description: fmt.Sprintf("item %d does not exist", itemIndex)}
	}
	start := input[itemIndex].PairedItem.Items[0]
	found := map[string]nodes.Item{}
	var order []string
	var err error
	if src := sourceFor(start, l.exec.source); src != nil {
		err = l.walk(target, *src, start, 0, found, &order)
	}
	if err != nil {
		return nodes.Item{}, err
	}
	switch len(order) {
	case 0:
		return nodes.Item{}, &expr.ExpressionError{Message: fmt.Sprintf("Paired item data for item from node '%s' is unavailable", l.node.Name),
			Description: fmt.Sprintf("Invalid expression: no path back to node '%s'", target)}
	case 1:
		return found[order[0]], nil
	default:
		return nodes.Item{}, &expr.ExpressionError{Message: "Multiple matches found",
			Description: fmt.Sprintf("Multiple matching items for the expression [item %d] in node '%s'", itemIndex, target)}
	}
}

// sourceFor is the node run paired item p refers to: its
// SourceOverwrite when set, else the source of its input among sources
// (n8n's getPairedItem: nextPairedItem.sourceOverwrite ??
// sourceArray[inputIndex], after checking the input exists). Nil when
// there is none.
func sourceFor(p nodes.PairedItem, sources []*Source) *Source {
	in := p.InputIndex()
	if in < 0 || in >= len(sources) {
		return nil
	}
	if o := p.SourceOverwrite; o != nil {
		return &Source{PreviousNode: o.PreviousNode, PreviousNodeOutput: o.PreviousNodeOutput, PreviousNodeRun: o.PreviousNodeRun}
	}
	return sources[in]
}

// walk resolves paired item p, which refers to node run s, until target
// is reached.
func (l *lookup) walk(target string, s Source, p nodes.PairedItem, depth int, found map[string]nodes.Item, order *[]string) error {
	if depth > 1000 {
		return &expr.ExpressionError{Message: "Paired item lineage is too deep"}
	}
	items, ok := l.run.result.Output(s.PreviousNode, s.PreviousNodeOutput, s.PreviousNodeRun)
	if !ok || p.Item < 0 || p.Item >= len(items) {
		return nil
	}
	item := items[p.Item]
	if s.PreviousNode == target {
		key := fmt.Sprintf("%d/%d/%d", s.PreviousNodeOutput, s.PreviousNodeRun, p.Item)
		if _, dup := found[key]; !dup {
			found[key] = item
			*order = append(*order, key)
		}
		return nil
	}
	runs := l.run.result.RunData[s.PreviousNode]
	if s.PreviousNodeRun >= len(runs) {
		return nil
	}
	prevSources := runs[s.PreviousNodeRun].Source
	for _, pp := range item.PairedItem.Items {
		next := sourceFor(pp, prevSources)
		if next == nil {
			continue
		}
		if err := l.walk(target, *next, pp, depth+1, found, order); err != nil {
			return err
		}
	}
	return nil
}
