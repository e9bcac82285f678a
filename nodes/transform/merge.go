package transform

import (
	"fmt"

	"github.com/noderun/noderun/nodes"
)

// mergeTypes returns the Merge node types (v3.x and the legacy v2.x).
func mergeTypes() []*nodes.Type {
	v3 := &nodes.Type{
		Description: mergeV3Description(),
		Handler:     nodes.HandlerFunc(executeMergeV3),
		Inputs: func(params map[string]any) int {
			n := int(numOf(params, "numberInputs", 2))
			if n < 1 {
				n = 2
			}
			return n
		},
		RequiredInputs: func(params map[string]any) []int {
			if strOf(params, "mode", "append") != "chooseBranch" {
				return nil
			}
			n := int(numOf(params, "numberInputs", 2))
			if n < 2 {
				n = 2
			}
			all := make([]int, n)
			for i := range all {
				all[i] = i
			}
			return all
		},
	}
	v2 := &nodes.Type{
		Description: mergeV2Description(),
		Handler:     nodes.HandlerFunc(executeMergeV2),
		Inputs:      func(map[string]any) int { return 2 },
		RequiredInputs: func(params map[string]any) []int {
			if strOf(params, "mode", "append") == "chooseBranch" {
				return []int{0, 1}
			}
			return nil
		},
	}
	return []*nodes.Type{v3, v2}
}

// mergeInputs returns the data of every configured input.
func mergeInputs(ctx nodes.ExecuteContext) ([][]nodes.Item, error) {
	n, err := paramNumber(ctx, "numberInputs", 0, 2)
	if err != nil {
		return nil, err
	}
	if n < 2 {
		n = 2
	}
	inputs := make([][]nodes.Item, int(n))
	for i := range inputs {
		inputs[i] = inputItems(ctx, i)
	}
	return inputs, nil
}

func executeMergeV3(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	mode, err := paramString(ctx, "mode", 0, "append")
	if err != nil {
		return nil, err
	}
	inputs, err := mergeInputs(ctx)
	if err != nil {
		return nil, err
	}
	var out []nodes.Item
	switch mode {
	case "append":
		out = []nodes.Item{}
		for _, in := range inputs {
			out = append(out, in...)
		}
	case "combine":
		by, err := paramString(ctx, "combineBy", 0, "combineByFields")
		if err != nil {
			return nil, err
		}
		switch by {
		case "combineByFields":
			out, err = combineByFields(ctx, inputs[0], inputs[1], "fieldsToMatchString")
		case "combineByPosition":
			out, err = combineByPosition(ctx, inputs)
		case "combineAll":
			out, err = combineAll(ctx, inputs[0], inputs[1])
		default:
			err = opError(ctx, fmt.Sprintf("The combine mode %q is not known", by), "")
		}
		if err != nil {
			return nil, err
		}
	case "chooseBranch":
		out, err = chooseBranch(ctx, inputs)
		if err != nil {
			return nil, err
		}
	case "combineBySql":
		return nil, opError(ctx, "The SQL Query mode of the Merge node is not supported by noderun", "Use Combine by matching fields, position or all combinations instead")
	default:
		return nil, opError(ctx, fmt.Sprintf("The mode %q is not known", mode), "")
	}
	return nodes.Outputs{out}, nil
}

func chooseBranch(ctx nodes.ExecuteContext, inputs [][]nodes.Item) ([]nodes.Item, error) {
	out := []nodes.Item{}
	chooseMode, err := paramString(ctx, "chooseBranchMode", 0, "waitForAll")
	if err != nil || chooseMode != "waitForAll" {
		return out, err
	}
	output, err := paramString(ctx, "output", 0, "specifiedInput")
	if err != nil {
		return nil, err
	}
	switch output {
	case "specifiedInput":
		use, err := paramNumber(ctx, "useDataOfInput", 0, 1)
		if err != nil {
			return nil, err
		}
		if int(use) > len(inputs) || use < 1 {
			return nil, opError(ctx, fmt.Sprintf("Input %s doesn't exist", jsString(use)),
				fmt.Sprintf("The node has only %d inputs, so selecting input %s is not possible.", len(inputs), jsString(use)))
		}
		out = append(out, inputs[int(use)-1]...)
	case "empty":
		out = append(out, nodes.Item{JSON: map[string]any{}, PairedItem: pairedList(append(append([]nodes.Item{}, inputs[0]...), inputs[1]...)...)})
	}
	return out, nil
}

// combineByFields joins input 1 and input 2 on fields; fieldsParam is
// "fieldsToMatchString" (v3) or "" for the v2 mergeByFields list.
func combineByFields(ctx nodes.ExecuteContext, input1, input2 []nodes.Item, fieldsParam string) ([]nodes.Item, error) {
	out := []nodes.Item{}
	var pairs []fieldPair
	advanced := true
	if fieldsParam != "" {
		var err error
		if advanced, err = paramBool(ctx, "advanced", 0, false); err != nil {
			return nil, err
		}
	}
	if advanced {
		list, err := paramList(ctx, "mergeByFields.values", 0)
		if err != nil {
			return nil, err
		}
		for _, e := range list {
			pairs = append(pairs, fieldPair{strOf(e, "field1", ""), strOf(e, "field2", "")})
		}
	} else {
		s, err := paramString(ctx, fieldsParam, 0, "")
		if err != nil {
			return nil, err
		}
		for _, f := range splitComma(s) {
			pairs = append(pairs, fieldPair{f, f})
		}
	}
	if err := checkMatchFields(ctx, pairs); err != nil {
		return nil, err
	}
	joinMode, err := paramString(ctx, "joinMode", 0, "keepMatches")
	if err != nil {
		return nil, err
	}
	outputDataFrom, err := paramString(ctx, "outputDataFrom", 0, "both")
	if err != nil {
		return nil, err
	}
	options, err := paramMap(ctx, "options", 0)
	if err != nil {
		return nil, err
	}
	o := matchOptions{
		joinMode: joinMode, outputDataFrom: outputDataFrom,
		disableDot:      boolOf(options, "disableDotNotation", false),
		fuzzy:           boolOf(options, "fuzzyCompare", false),
		multipleMatches: strOf(options, "multipleMatches", "all"),
	}
	if o.multipleMatches == "" {
		o.multipleMatches = "all"
	}
	if versionOf(ctx) < 2.1 {
		f1, f2 := make([]string, len(pairs)), make([]string, len(pairs))
		for i, p := range pairs {
			f1[i], f2[i] = p.field1, p.field2
		}
		if err := checkInput(ctx, input1, f1, o.disableDot, "Input 1"); err != nil {
			return nil, err
		}
		if err := checkInput(ctx, input2, f2, o.disableDot, "Input 2"); err != nil {
			return nil, err
		}
	}
	if len(input1) == 0 || len(input2) == 0 {
		if len(input1) == 0 && joinMode == "keepNonMatches" && outputDataFrom == "input1" {
			return out, nil
		}
		if len(input2) == 0 && joinMode == "keepNonMatches" && outputDataFrom == "input2" {
			return out, nil
		}
		switch {
		case joinMode == "keepMatches",
			joinMode == "enrichInput1" && len(input1) == 0,
			joinMode == "enrichInput2" && len(input2) == 0:
			return out, nil
		}
		return append(append(out, input1...), input2...), nil
	}
	m := findMatches(input1, input2, pairs, o)
	clash, err := readClash(ctx)
	if err != nil {
		return nil, err
	}
	switch joinMode {
	case "keepMatches", "keepEverything":
		switch outputDataFrom {
		case "input1":
			for _, e := range m.matched {
				out = append(out, e.entry)
			}
		case "input2":
			out = append(out, m.matched2...)
		case "both":
			out = append(out, mergeMatched(m.matched, clash, joinMode)...)
		}
		if joinMode == "keepEverything" {
			u1, u2 := m.unmatched1, m.unmatched2
			if clash.resolveClash == "addSuffix" {
				u1, u2 = addSuffix(u1, "1"), addSuffix(u2, "2")
			}
			out = append(append(out, u1...), u2...)
		}
	case "keepNonMatches":
		switch outputDataFrom {
		case "input1":
			return append(out, m.unmatched1...), nil
		case "input2":
			return append(out, m.unmatched2...), nil
		case "both":
			out = append(out, addSourceField(m.unmatched1, "input1")...)
			out = append(out, addSourceField(m.unmatched2, "input2")...)
		}
	case "enrichInput1", "enrichInput2":
		out = append(out, mergeMatched(m.matched, clash, joinMode)...)
		rest, suffix := m.unmatched1, "1"
		if joinMode == "enrichInput2" {
			rest, suffix = m.unmatched2, "2"
		}
		if clash.resolveClash == "addSuffix" {
			rest = addSuffix(rest, suffix)
		}
		out = append(out, rest...)
	}
	return out, nil
}

// combineByPosition merges the items at the same index of every input.
func combineByPosition(ctx nodes.ExecuteContext, inputs [][]nodes.Item) ([]nodes.Item, error) {
	out := []nodes.Item{}
	clash, err := readClash(ctx)
	if err != nil {
		return nil, err
	}
	includeUnpaired, err := paramBool(ctx, "options.includeUnpaired", 0, false)
	if err != nil {
		return nil, err
	}
	preferredIndex := len(inputs) - 1
	if len(clash.resolveClash) > len("preferInput") && clash.resolveClash[:len("preferInput")] == "preferInput" {
		var n int
		if _, err := fmt.Sscanf(clash.resolveClash[len("preferInput"):], "%d", &n); err == nil && n >= 1 && n <= len(inputs) {
			preferredIndex = n - 1
		}
	}
	// n8n captures the preferred input before suffixing the others.
	preferred := inputs[preferredIndex]
	if clash.resolveClash == "addSuffix" {
		suffixed := make([][]nodes.Item, len(inputs))
		for i, in := range inputs {
			suffixed[i] = addSuffix(in, fmt.Sprint(i+1))
		}
		inputs = suffixed
	}
	num := len(preferred)
	for _, in := range inputs {
		if includeUnpaired {
			num = max(num, len(in))
		} else {
			num = min(num, len(in))
		}
	}
	mergeInto := selectMergeMethod(clash)
	for i := 0; i < num; i++ {
		var jsons []map[string]any
		var bins []map[string]*nodes.BinaryData
		paired := nodes.PairedItems{Items: []nodes.PairedItem{}, List: true}
		for _, in := range inputs {
			if i < len(in) {
				jsons = append(jsons, in[i].Object())
				bins = append(bins, in[i].Binary)
				paired.Items = append(paired.Items, in[i].PairedItem.Items...)
			} else {
				jsons = append(jsons, map[string]any{})
			}
		}
		if i < len(preferred) {
			jsons = append(jsons, preferred[i].Object())
			bins = append(bins, preferred[i].Binary)
			paired.Items = append(paired.Items, preferred[i].PairedItem.Items...)
		}
		out = append(out, nodes.Item{JSON: mergeInto(map[string]any{}, jsons...), Binary: mergeBinary(bins...), PairedItem: paired})
	}
	return out, nil
}

// combineAll is the cross join of input 1 and input 2.
func combineAll(ctx nodes.ExecuteContext, input1, input2 []nodes.Item) ([]nodes.Item, error) {
	out := []nodes.Item{}
	clash, err := readClash(ctx)
	if err != nil {
		return nil, err
	}
	if clash.resolveClash == "preferInput1" {
		input1, input2 = input2, input1
	}
	if clash.resolveClash == "addSuffix" {
		input1, input2 = addSuffix(input1, "1"), addSuffix(input2, "2")
	}
	mergeInto := selectMergeMethod(clash)
	for _, e1 := range input1 {
		for _, e2 := range input2 {
			out = append(out, nodes.Item{
				JSON:       mergeInto(e1.Object(), e2.Object()),
				Binary:     mergeBinary(e1.Binary, e2.Binary),
				PairedItem: pairedList(e1, e2),
			})
		}
	}
	return out, nil
}

// splitComma splits "a, b" into trimmed names, keeping empty entries as n8n
// does for fieldsToMatchString (an empty name is then reported).
func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			out = append(out, trimSpace(s[start:i]))
			start = i + 1
		}
	}
	return out
}

func trimSpace(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t' || s[len(s)-1] == '\n') {
		s = s[:len(s)-1]
	}
	return s
}
