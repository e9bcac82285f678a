package expr_test

import (
	"testing"
	"time"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// Trigger -> Normalize -> Filter -> (current) Report; Filter dropped
// Normalize's item 1, so Report's input item 1 pairs back to item 2.
func refData() *expr.Data {
	trigger := []nodes.Item{
		{JSON: map[string]any{"name": "a"}, PairedItem: nodes.One(nodes.PairedItem{Item: 0})},
		{JSON: map[string]any{"name": "b"}, PairedItem: nodes.One(nodes.PairedItem{Item: 0})},
		{JSON: map[string]any{"name": "c"}, PairedItem: nodes.One(nodes.PairedItem{Item: 0})},
	}
	normalize := []nodes.Item{
		{JSON: map[string]any{"n": "A"}, PairedItem: nodes.One(nodes.PairedItem{Item: 0})},
		{JSON: map[string]any{"n": "B"}, PairedItem: nodes.One(nodes.PairedItem{Item: 1})},
		{JSON: map[string]any{"n": "C"}, PairedItem: nodes.One(nodes.PairedItem{Item: 2})},
	}
	filter := []nodes.Item{
		{JSON: map[string]any{"n": "A"}, PairedItem: nodes.One(nodes.PairedItem{Item: 0})},
		{JSON: map[string]any{"n": "C"}, PairedItem: nodes.One(nodes.PairedItem{Item: 2})},
	}
	lookup := &fakeLookup{
		outputs: map[string][][]nodes.Item{
			"Trigger":   {trigger},
			"Normalize": {normalize},
			"Filter":    {filter, {{JSON: map[string]any{"n": "B"}}}},
		},
		params: map[string]map[string]any{
			"Trigger":   {},
			"Normalize": {"mode": "manual"},
			"Filter":    {"conditions": map[string]any{"combinator": "and"}},
			"Unrun":     {},
			"Report":    {},
		},
		prev:      map[string]string{"Report": "Filter", "Filter": "Normalize", "Normalize": "Trigger"},
		current:   "Report",
		input:     filter,
		connected: map[string]int{},
		runs:      map[string]int{"Trigger": 1, "Normalize": 2, "Filter": 1},
	}
	return &expr.Data{
		ItemIndex: 1,
		RunIndex:  2,
		Input:     filter,
		Node: expr.NodeInfo{
			Name: "Report", ID: "node-7", Type: "n8n-nodes-base.set", TypeVersion: 3.4,
			Parameters: map[string]any{
				"mode":   "manual",
				"prefix": "=p-{{ $json.n }}",
				"both":   "={{ $parameter.prefix + '/' + $parameter.mode }}",
				"self":   "={{ $parameter.self }}",
				"nested": map[string]any{"x": "={{ $itemIndex }}"},
			},
		},
		Workflow:  expr.WorkflowInfo{ID: "wf1", Name: "My flow", Active: true},
		Execution: expr.ExecutionInfo{ID: "42", Mode: "test", ResumeURL: "http://h/webhook-waiting/42", CustomData: map[string]any{"k": "v"}},
		Lookup:    lookup,
		Vars:      map[string]any{"$value": "V", "$response": map[string]any{"body": map[string]any{"id": 9.0}}},
		Timezone:  time.UTC,
	}
}

func TestVariables(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	runEvalCases(t, e, refData, []evalCase{
		{"$json", "={{ $json.n }}", "C", ""},
		{"$data", "={{ $data.n }}", "C", ""},
		{"$itemIndex", "={{ $itemIndex }}", 1.0, ""},
		{"$runIndex", "={{ $runIndex }}", 2.0, ""},
		{"legacy indexes", "={{ [$position, $thisItemIndex, $thisRunIndex] }}", []any{1.0, 1.0, 2.0}, ""},
		{"$thisItem", "={{ $thisItem.json.n }}", "C", ""},
		{"$input.item", "={{ $input.item.json.n }}", "C", ""},
		{"$input.item.pairedItem", "={{ $input.item.pairedItem }}", map[string]any{"item": 2.0}, ""},
		{"$input.all", "={{ $input.all().map(i => i.json.n) }}", []any{"A", "C"}, ""},
		{"$input.first", "={{ $input.first().json.n }}", "A", ""},
		{"$input.last", "={{ $input.last().json.n }}", "C", ""},
		{"$input.params", "={{ $input.params.conditions.combinator }}", "and", ""},
		{"$binary empty", "={{ $binary }}", map[string]any{}, ""},
		{"$parameter", "={{ $parameter.mode }}", "manual", ""},
		{"$parameter resolves expressions", "={{ $parameter.prefix }}", "p-C", ""},
		{"$parameter chained", "={{ $parameter.both }}", "p-C/manual", ""},
		{"$parameter nested", "={{ $parameter.nested.x }}", 1.0, ""},
		{"$parameter missing", "={{ $parameter.nope }}", nil, ""},
		{"$parameter recursion", "={{ $parameter.self }}", nil, "Circular reference"},
		{"$rawParameter", "={{ $rawParameter.prefix }}", "=p-{{ $json.n }}", ""},
		{"$nodeVersion", "={{ $nodeVersion }}", 3.4, ""},
		{"$nodeId", "={{ $nodeId }}", "node-7", ""},
		{"$prevNode", "={{ [$prevNode.name, $prevNode.outputIndex, $prevNode.runIndex] }}", []any{"Filter", 0.0, 0.0}, ""},
		{"$node json same index", `={{ $node["Normalize"].json.n }}`, "B", ""},
		{"$node parameter", `={{ $node["Normalize"].parameter.mode }}`, "manual", ""},
		{"$node runIndex", `={{ $node["Normalize"].runIndex }}`, 1.0, ""},
		{"$node unknown", `={{ $node["Nope"].json }}`, nil, "Referenced node doesn't exist"},
		{"$node unexecuted", `={{ $node["Unrun"].json }}`, nil, "Node 'Unrun' hasn't been executed"},
		{"$node unexecuted binary", `={{ $node["Unrun"].binary }}`, nil, "Node 'Unrun' hasn't been executed"},
		{"$node unexecuted context", `={{ JSON.stringify($node["Unrun"].context) }}`, "{}", ""},
		{"$() item paired", "={{ $('Trigger').item.json.name }}", "c", ""},
		{"$() item one hop", "={{ $('Normalize').item.json.n }}", "C", ""},
		{"$() pairedItem", "={{ $('Normalize').pairedItem(0).json.n }}", "A", ""},
		{"$() itemMatching", "={{ $('Trigger').itemMatching(0).json.name }}", "a", ""},
		{"$() first", "={{ $('Normalize').first().json.n }}", "A", ""},
		{"$() last", "={{ $('Normalize').last().json.n }}", "C", ""},
		{"$() all", "={{ $('Normalize').all().length }}", 3.0, ""},
		{"$() first on branch", "={{ $('Filter').first(1).json.n }}", "B", ""},
		{"$() isExecuted", "={{ [$('Normalize').isExecuted, $('Unrun').isExecuted] }}", []any{true, false}, ""},
		{"$() params", "={{ $('Normalize').params.mode }}", "manual", ""},
		{"$() unknown", "={{ $('Nope').item }}", nil, "Referenced node doesn't exist"},
		{"$() unknown isExecuted", "={{ $('Nope').isExecuted }}", nil, "Referenced node doesn't exist"},
		{"$() unexecuted", "={{ $('Unrun').first() }}", nil, "Node 'Unrun' hasn't been executed"},
		{"$() unexecuted item", "={{ $('Unrun').item }}", nil, "Invalid expression"},
		{"$() no argument", "={{ $() }}", nil, "specify a node"},
		{"$items default input", "={{ $items().length }}", 2.0, ""},
		{"$items node", "={{ $items('Normalize').map(i => i.json.n) }}", []any{"A", "B", "C"}, ""},
		{"$items output", "={{ $items('Filter', 1)[0].json.n }}", "B", ""},
		{"$item", "={{ $item(0).$json.n }}", "A", ""},
		{"$item node", `={{ $item(0).$node["Normalize"].json.n }}`, "A", ""},
		{"$env denied", "={{ $env.HOME }}", nil, "access to env vars denied"},
		{"$env denied in template", "=x{{ $env['HOME'] }}", nil, "access to env vars denied"},
		{"$workflow", "={{ $workflow }}", map[string]any{"id": "wf1", "name": "My flow", "active": true}, ""},
		{"$execution", "={{ [$execution.id, $execution.mode, $execution.resumeUrl, $execution.resumeFormUrl] }}", []any{"42", "test", "http://h/webhook-waiting/42", "http://h/form-waiting/42"}, ""},
		{"$execution customData", "={{ $execution.customData.get('k') }}", "v", ""},
		{"$vars", "={{ $vars }}", map[string]any{}, ""},
		{"$mode", "={{ $mode }}", "manual", ""},
		{"Vars $value", "={{ $value }}", "V", ""},
		{"Vars $response", "={{ $response.body.id }}", 9.0, ""},
		{"$if", "={{ $if($json.n === 'C', 'yes', 'no') }}", "yes", ""},
		{"$if two args", "={{ $if(false, 'yes') }}", false, ""},
		{"$if one arg", "={{ $if(true) }}", nil, "$if requires at least 2 parameters"},
		{"$if is lazy", "={{ $if($json.missing, $json.missing.deep, 'none') }}", "none", ""},
		{"$if lazy true branch", "={{ $if(true, 'yes', $json.missing.deep) }}", "yes", ""},
		{"$if nested", "={{ $if(false, 1, $if(true, ($json.n), 3)) }}", "C", ""},
		{"$if extra args ignored", "={{ $if(false, 1, 2, 3) }}", 2.0, ""},
		{"$if with computed keys", "={{ $if($json['n'] === 'C', [1][0], 2) }}", 1.0, ""},
		{"$if in template", "=a{{ $if(1, 'b') }}c", "abc", ""},
		{"$if spread runs as function", "={{ $if(...[false, 'y', 'z']) }}", "z", ""},
		{"$if as value", "={{ typeof $if }}", "function", ""},
		{"$ifEmpty empty string", "={{ $ifEmpty('', 'd') }}", "d", ""},
		{"$ifEmpty empty array", "={{ $ifEmpty([], ['d']) }}", []any{"d"}, ""},
		{"$ifEmpty empty object", "={{ $ifEmpty({}, 1) }}", 1.0, ""},
		{"$ifEmpty null", "={{ $ifEmpty(null, 'n') }}", "n", ""},
		{"$ifEmpty value", "={{ $ifEmpty(0, 'd') }}", 0.0, ""},
		{"$ifEmpty arity", "={{ $ifEmpty(1) }}", nil, "expected two arguments"},
		{"$min $max", "={{ [$min(4, 2, 3), $max(4, 2, 3)] }}", []any{2.0, 4.0}, ""},
		{"$average", "={{ $average(1, 2, 6) }}", 3.0, ""},
		{"$not", "={{ [$not(false), $not(1)] }}", []any{true, false}, ""},
		{"$now is now", "={{ Math.abs(new Date($now.toString()).getTime() - Date.now()) < 60000 || typeof $now.toMillis === 'function' }}", true, ""},
	})
}

func TestEnvAllowed(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{Env: func(name string) (string, bool) {
		if name == "HOME" {
			return "/home/n8n", true
		}
		return "", false
	}})
	runEvalCases(t, e, refData, []evalCase{
		{"set", "={{ $env.HOME }}", "/home/n8n", ""},
		{"unset", "={{ $env.NOPE }}", nil, ""},
	})
}

func TestNoLookup(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	runEvalCases(t, e, testData, []evalCase{
		{"$prevNode", "={{ $prevNode.name }}", nil, ""},
		{"$()", "={{ $('X').item }}", nil, "Referenced node doesn't exist"},
		{"$input.params", "={{ $input.params }}", map[string]any{}, ""},
		{"$execution.mode default", "={{ $execution.mode }}", "test", ""},
	})
}

func TestBinary(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	data := func() *expr.Data {
		return &expr.Data{Input: []nodes.Item{{
			JSON:   map[string]any{},
			Binary: map[string]*nodes.BinaryData{"file": {Data: "aGk=", MimeType: "text/plain", FileName: "a.txt"}},
		}}}
	}
	runEvalCases(t, e, data, []evalCase{
		{"$binary has no data", "={{ $binary.file }}", map[string]any{"mimeType": "text/plain", "fileName": "a.txt"}, ""},
		{"item binary has data", "={{ $input.item.binary.file.data }}", "aGk=", ""},
	})
}
