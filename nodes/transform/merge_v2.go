package transform

import "github.com/noderun/noderun/nodes"

// executeMergeV2 runs the legacy Merge 2 / 2.1 modes.
func executeMergeV2(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	mode, err := paramString(ctx, "mode", 0, "append")
	if err != nil {
		return nil, err
	}
	input1, input2 := inputItems(ctx, 0), inputItems(ctx, 1)
	out := []nodes.Item{}
	switch mode {
	case "append":
		out = append(append(out, input1...), input2...)
	case "combine":
		cm, err := paramString(ctx, "combinationMode", 0, "mergeByFields")
		if err != nil {
			return nil, err
		}
		switch cm {
		case "multiplex":
			out, err = combineAll(ctx, input1, input2)
		case "mergeByPosition":
			out, err = mergeByPositionV2(ctx, input1, input2)
		case "mergeByFields":
			out, err = combineByFields(ctx, input1, input2, "")
		}
		if err != nil {
			return nil, err
		}
	case "chooseBranch":
		cbm, err := paramString(ctx, "chooseBranchMode", 0, "waitForBoth")
		if err != nil {
			return nil, err
		}
		if cbm == "waitForBoth" {
			output, err := paramString(ctx, "output", 0, "input1")
			if err != nil {
				return nil, err
			}
			switch output {
			case "input1":
				out = append(out, input1...)
			case "input2":
				out = append(out, input2...)
			case "empty":
				out = append(out, nodes.Item{JSON: map[string]any{}, PairedItem: pairedList(append(append([]nodes.Item{}, input1...), input2...)...)})
			}
		}
	}
	return nodes.Outputs{out}, nil
}

func mergeByPositionV2(ctx nodes.ExecuteContext, input1, input2 []nodes.Item) ([]nodes.Item, error) {
	out := []nodes.Item{}
	clash, err := readClash(ctx)
	if err != nil {
		return nil, err
	}
	includeUnpaired, err := paramBool(ctx, "options.includeUnpaired", 0, false)
	if err != nil {
		return nil, err
	}
	if len(input1) == 0 || len(input2) == 0 {
		return append(append(out, input1...), input2...), nil
	}
	if clash.resolveClash == "preferInput1" {
		input1, input2 = input2, input1
	}
	if clash.resolveClash == "addSuffix" {
		input1, input2 = addSuffix(input1, "1"), addSuffix(input2, "2")
	}
	num := min(len(input1), len(input2))
	if includeUnpaired {
		num = max(len(input1), len(input2))
	}
	mergeInto := selectMergeMethod(clash)
	for i := 0; i < num; i++ {
		if i >= len(input1) {
			out = append(out, input2[i])
			continue
		}
		if i >= len(input2) {
			out = append(out, input1[i])
			continue
		}
		e1, e2 := input1[i], input2[i]
		out = append(out, nodes.Item{
			JSON:       mergeInto(e1.Object(), e2.Object()),
			Binary:     mergeBinary(e1.Binary, e2.Binary),
			PairedItem: pairedList(e1, e2),
		})
	}
	return out, nil
}
