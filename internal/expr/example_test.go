package expr_test

import (
	"fmt"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

func ExampleEvaluator_Evaluate() {
	e := expr.New(expr.Options{})
	data := &expr.Data{Input: []nodes.Item{
		{JSON: map[string]any{"name": "Ada", "langs": []any{"en", "fr"}}},
	}}
	for _, s := range []string{
		"={{ $json.langs }}",                       // whole value: keeps its type
		"=Hi {{ $json.name }} ({{ $json.langs }})", // template: joined as a string
		"={{ $json.name.toUpperCase() }}",
		"={{ $json.missing.deep }}", // runtime errors yield undefined (nil)
		"not an expression {{ 1 }}",
	} {
		v, err := e.Evaluate(s, data)
		fmt.Printf("%#v %v\n", v, err)
	}
	// Output:
	// []interface {}{"en", "fr"} <nil>
	// "Hi Ada (en,fr)" <nil>
	// "ADA" <nil>
	// <nil> <nil>
	// "not an expression {{ 1 }}" <nil>
}
