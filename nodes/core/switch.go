package core

import (
	"errors"
	"fmt"
	"math"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// switchDescription is n8n's Switch v3 description (versions 3–3.4).
func switchDescription() *nodes.Description {
	ruleDefault := map[string]any{"values": []any{map[string]any{
		"conditions": map[string]any{
			"options":    map[string]any{"caseSensitive": true, "leftValue": "", "typeValidation": "strict"},
			"conditions": []any{map[string]any{"leftValue": "", "rightValue": "", "operator": map[string]any{"type": "string", "operation": "equals"}}},
			"combinator": "and",
		},
	}}}
	return &nodes.Description{
		DisplayName:    "Switch",
		Name:           "n8n-nodes-base.switch",
		Icon:           "node:switch",
		Group:          []string{"transform"},
		Version:        nodes.Versions{3, 3.1, 3.2, 3.3, 3.4},
		DefaultVersion: 3.4,
		Subtitle:       `=mode: {{$parameter["mode"]}}`,
		Description:    "Route items depending on defined expression or rules",
		Defaults:       map[string]any{"name": "Switch", "color": "#506000"},
		Inputs:         mainPorts(1),
		Outputs:        "={{(configuredOutputs)($parameter)}}",
		Properties: []*nodes.Property{
			{DisplayName: "Mode", Name: "mode", Type: nodes.TypeOptions, NoDataExpression: true, Default: "rules", Description: "How data should be routed",
				Options: []*nodes.Property{
					option("Rules", "rules", "Build a matching rule for each output"),
					option("Expression", "expression", "Write an expression to return the output index"),
				}},
			{DisplayName: "Number of Outputs", Name: "numberOutputs", Type: nodes.TypeNumber, NoDataExpression: true, Default: 4,
				Description: "How many outputs to create", DisplayOptions: show("mode", list("expression"), "@version", list(cnd("gte", 3.3)))},
			{DisplayName: "Number of Outputs", Name: "numberOutputs", Type: nodes.TypeNumber, Default: 4,
				Description: "How many outputs to create", DisplayOptions: show("mode", list("expression"), "@version", list(cnd("lt", 3.3)))},
			{DisplayName: "Output Index", Name: "output", Type: nodes.TypeNumber, ValidateType: "number", Default: "={{}}",
				Hint:           "The index to route the item to, starts at 0",
				Description:    "The output index to send the input item to. Use an expression to calculate which input item should be routed to which output. The expression must return a number.",
				DisplayOptions: show("mode", list("expression"))},
			{DisplayName: "Routing Rules", Name: "rules", Placeholder: "Add Routing Rule", Type: nodes.TypeFixedCollection,
				TypeOptions: map[string]any{"multipleValues": true, "sortable": true}, Default: ruleDefault,
				DisplayOptions: show("mode", list("rules")),
				Options: []*nodes.Property{{Name: "values", DisplayName: "Routing Rule", Values: []*nodes.Property{
					{DisplayName: "Conditions", Name: "conditions", Placeholder: "Add Condition", Type: nodes.TypeFilter, Default: map[string]any{},
						TypeOptions: map[string]any{"multipleValues": false, "filter": map[string]any{
							"caseSensitive":  "={{!$parameter.options.ignoreCase}}",
							"typeValidation": typeValidationStrictness(3.1),
							"version":        "={{ $nodeVersion >=3.4 ? 3 : $nodeVersion >= 3.2 ? 2 : 1 }}",
						}}},
					{DisplayName: "Rename Output", Name: "renameOutput", Type: nodes.TypeBoolean, Default: false},
					{DisplayName: "Output Name", Name: "outputKey", Type: nodes.TypeString, Default: "",
						Description: "The label of output to which to send data to if rule matches", DisplayOptions: show("renameOutput", list(true))},
				}}}},
			looseTypeValidationProperty(false, show("@version", list(cnd("gte", 3.1)))),
			{DisplayName: "Options", Name: "options", Type: nodes.TypeCollection, Placeholder: "Add option", Default: map[string]any{},
				DisplayOptions: show("mode", list("rules")),
				Options: []*nodes.Property{
					{DisplayName: "Fallback Output", Name: "fallbackOutput", Type: nodes.TypeOptions, Default: "none",
						Description: "If no rule matches the item will be sent to this output, by default they will be ignored",
						TypeOptions: map[string]any{"loadOptionsDependsOn": list("rules.values", "/rules", "/rules.values"), "loadOptionsMethod": "getFallbackOutputOptions"}},
					{DisplayName: "Ignore Case", Description: "Whether to ignore letter case when evaluating conditions", Name: "ignoreCase", Type: nodes.TypeBoolean, Default: true},
					looseTypeValidationProperty(true, show("@version", list(cnd("lt", 3.1)))),
					{DisplayName: "Rename Fallback Output", Name: "renameFallbackOutput", Type: nodes.TypeString, Placeholder: "e.g. Fallback", Default: "",
						DisplayOptions: show("fallbackOutput", list("extra"))},
					{DisplayName: "Send data to all matching outputs", Name: "allMatchingOutputs", Type: nodes.TypeBoolean, Default: false,
						Description: "Whether to send data to all outputs meeting conditions (and not just the first one)"},
				}},
		},
	}
}

// switchOutputs is n8n's configuredOutputs: numberOutputs in expression
// mode, else one output per rule plus the extra fallback output.
func switchOutputs(params map[string]any) int {
	if params["mode"] == "expression" {
		n, _ := jsNumber(params["numberOutputs"])
		if params["numberOutputs"] == nil {
			n = 4
		}
		if n < 0 || math.IsNaN(n) {
			return 0
		}
		return int(n)
	}
	rules, _ := params["rules"].(map[string]any)
	values, _ := rules["values"].([]any)
	n := len(values)
	if opts, ok := params["options"].(map[string]any); ok && opts["fallbackOutput"] == "extra" {
		n++
	}
	return n
}

// switchOutputNames are the outputs' display names.
func switchOutputNames(params map[string]any) []string {
	n := switchOutputs(params)
	names := make([]string, 0, n)
	if params["mode"] == "expression" {
		for i := 0; i < n; i++ {
			names = append(names, fmt.Sprint(i))
		}
		return names
	}
	rules, _ := params["rules"].(map[string]any)
	values, _ := rules["values"].([]any)
	for i, r := range values {
		rm, _ := r.(map[string]any)
		key, _ := rm["outputKey"].(string)
		if key == "" {
			key = fmt.Sprint(i)
		}
		names = append(names, key)
	}
	if len(names) < n {
		name := "Fallback"
		if opts, ok := params["options"].(map[string]any); ok {
			if s, _ := opts["renameFallbackOutput"].(string); s != "" {
				name = s
			}
		}
		names = append(names, name)
	}
	return names
}

// executeSwitch routes items by rules or by an output-index expression.
func executeSwitch(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	items := ctx.InputData(0)
	mode, err := paramString(ctx, "mode", 0, "rules")
	if err != nil {
		return nil, itemError(ctx, err, 0, "")
	}
	var out nodes.Outputs
	for i := range items {
		if err := ctx.Context().Err(); err != nil {
			return nil, err
		}
		item := items[i]
		item.PairedItem = nodes.One(nodes.Paired(i, 0))
		var err error
		if mode == "expression" {
			out, err = switchByExpression(ctx, out, item, i)
		} else if mode == "rules" {
			out, err = switchByRules(ctx, out, item, i)
		}
		if err != nil {
			if ctx.ContinueOnFail() {
				if len(out) == 0 {
					out = nodes.Outputs{{}}
				}
				out[0] = append(out[0], nodes.Item{JSON: map[string]any{"error": errorMessage(err)}})
				continue
			}
			return nil, itemError(ctx, err, i, "")
		}
	}
	if len(out) == 0 {
		return nodes.Outputs{{}}, nil
	}
	return out, nil
}

// errorMessage is n8n's error.message: a node error's message without
// the node name Error() adds.
func errorMessage(err error) string {
	var ne *nodes.NodeError
	if errors.As(err, &ne) {
		return ne.Message
	}
	return err.Error()
}

func emptyOutputs(n int) nodes.Outputs {
	out := make(nodes.Outputs, n)
	for k := range out {
		out[k] = []nodes.Item{}
	}
	return out
}

// checkIndexRange is Switch's checkIndexRange with n8n's texts (including
// the "ouput" typo).
func checkIndexRange(n int, index float64, i int) error {
	if index == float64(n) {
		return userErrorf(fmt.Sprintf("Output indexes are zero based, if you want to use the extra output use %s", jsvalue.FormatNumber(index-1)),
			"The ouput %s is not allowed. ", jsvalue.FormatNumber(index))
	}
	if index < 0 || index > float64(n) {
		return userErrorf(fmt.Sprintf("It has to be between 0 and %d", n-1), "The ouput %s is not allowed", jsvalue.FormatNumber(index))
	}
	return nil
}

func switchByExpression(ctx nodes.ExecuteContext, out nodes.Outputs, item nodes.Item, i int) (nodes.Outputs, error) {
	nv, err := ctx.Param("numberOutputs", i, 4)
	if err != nil {
		return out, err
	}
	if i == 0 {
		n, _ := jsNumber(nv)
		if n < 0 || math.IsNaN(n) {
			n = 0
		}
		out = emptyOutputs(int(n))
	}
	ov, err := ctx.Param("output", i, nil)
	if err != nil {
		return out, err
	}
	r := validateFieldType("output", ov, "number", validateOptions{})
	if !r.Valid {
		// n8n's parameter validation (validateValueAgainstSchema) fails
		// with an ExpressionError before the node sees the value.
		e := &nodes.NodeError{
			Name: "ExpressionError", Message: fmt.Sprintf("Invalid input for 'Output Index' [item %d]", i),
			Level: "warning", Functionality: "regular", NodeName: ctx.Node().Name, ItemIndex: i,
			Context: map[string]any{"runIndex": ctx.RunIndex(), "itemIndex": i, "nodeCause": ctx.Node().Name},
		}
		e.SetDescription(r.Message)
		return out, e
	}
	idx, ok := r.NewValue.(float64)
	if !ok || math.IsNaN(idx) {
		return out, userErrorf("", "The ouput %s is not allowed", jsString(ov))
	}
	if err := checkIndexRange(len(out), idx, i); err != nil {
		return out, err
	}
	if idx != math.Trunc(idx) {
		return out, userErrorf("", "The ouput %s is not allowed", jsvalue.FormatNumber(idx))
	}
	out[int(idx)] = append(out[int(idx)], item)
	return out, nil
}

func switchByRules(ctx nodes.ExecuteContext, out nodes.Outputs, item nodes.Item, i int) (nodes.Outputs, error) {
	rv, _ := ctx.RawParam("rules.values")
	rules, _ := rv.([]any)
	if len(rules) == 0 {
		return out, nil
	}
	options, err := paramMap(ctx, "options", i)
	if err != nil {
		return out, err
	}
	fallback := options["fallbackOutput"]
	if i == 0 {
		n := len(rules)
		if fallback == "extra" {
			n++
		}
		out = emptyOutputs(n)
	}
	matched := false
	for r := range rules {
		pass, err := evalConditions(ctx, fmt.Sprintf("rules.values[%d].conditions", r), i, 3.1, options)
		if err != nil {
			return out, err
		}
		if !pass {
			continue
		}
		matched = true
		if r >= len(out) {
			return out, checkIndexRange(len(out), float64(r), i)
		}
		out[r] = append(out[r], item)
		if !jsvalue.Truthy(options["allMatchingOutputs"]) {
			return out, nil
		}
	}
	if fallback == nil || fallback == "none" || matched {
		return out, nil
	}
	if fallback == "extra" {
		out[len(out)-1] = append(out[len(out)-1], item)
		return out, nil
	}
	idx, ok := jsNumber(fallback)
	if !ok {
		return out, userErrorf("", "The ouput %s is not allowed", jsString(fallback))
	}
	if err := checkIndexRange(len(out), idx, i); err != nil {
		return out, err
	}
	out[int(idx)] = append(out[int(idx)], item)
	return out, nil
}
