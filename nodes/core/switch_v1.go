package core

import (
	"embed"
	"encoding/json"
	"fmt"
	"math"

	"github.com/noderun/noderun/nodes"
)

// descriptionFiles are n8n descriptions kept verbatim as JSON (dumped from
// n8n-nodes-base 2.41.1) where writing them as Go values gains nothing.
//
//go:embed descriptions/*.json
var descriptionFiles embed.FS

// loadDescription reads an embedded n8n description.
func loadDescription(file string) *nodes.Description {
	raw, err := descriptionFiles.ReadFile("descriptions/" + file)
	if err != nil {
		panic(fmt.Sprintf("core: embedded description %s: %v", file, err))
	}
	var d nodes.Description
	if err := json.Unmarshal(raw, &d); err != nil {
		panic(fmt.Sprintf("core: embedded description %s: %v", file, err))
	}
	return &d
}

// switchV1Outputs: Switch v1 always has four outputs.
func switchV1Outputs(map[string]any) int { return 4 }

// switchV2Outputs: outputsAmount in expression mode, else one per rule.
func switchV2Outputs(params map[string]any) int {
	if params["mode"] == "expression" {
		if params["outputsAmount"] == nil {
			return 4
		}
		n, ok := jsNumber(params["outputsAmount"])
		if !ok || n < 0 {
			return 0
		}
		return int(n)
	}
	rules, _ := params["rules"].(map[string]any)
	list, _ := rules["rules"].([]any)
	return len(list)
}

// executeSwitchV1 runs Switch v1 and v2: one value compared with each
// rule's value (If v1 operations), or an output-index expression.
func executeSwitchV1(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	items := ctx.InputData(0)
	version := ctx.Node().TypeVersion
	name := ctx.Node().Name
	var out nodes.Outputs
	if version < 2 {
		out = emptyOutputs(4)
	}
	checkIndexRange := func(index any) error {
		f, ok := jsNumber(index)
		if index == nil {
			return nil // undefined passes n8n's range check
		}
		if ok && (f < 0 || f >= float64(len(out))) {
			return nodes.NewOperationErrorf(name, "The ouput %s is not allowed. It has to be between 0 and %d!", jsString(index), len(out)-1)
		}
		return nil
	}
	push := func(index any, item nodes.Item) error {
		if err := checkIndexRange(index); err != nil {
			return err
		}
		f, ok := jsNumber(index)
		if !ok || f != math.Trunc(f) || f < 0 || int(f) >= len(out) {
			return fmt.Errorf("Cannot read properties of undefined (reading 'push')")
		}
		out[int(f)] = append(out[int(f)], item)
		return nil
	}
	for i := range items {
		item := items[i]
		err := func() error {
			rv, err := ctx.Param("rules.rules", i, []any{})
			if err != nil {
				return err
			}
			rules, _ := rv.([]any)
			mode, err := paramString(ctx, "mode", i, "rules")
			if err != nil {
				return err
			}
			if version >= 2 {
				item.PairedItem = nodes.One(nodes.Paired(i, 0))
			}
			switch mode {
			case "expression":
				if version >= 2 && i == 0 {
					amount, err := ctx.Param("outputsAmount", i, 4)
					if err != nil {
						return err
					}
					n, _ := jsNumber(amount)
					out = emptyOutputs(int(math.Max(0, n)))
				}
				idx, err := ctx.Param("output", i, "")
				if err != nil {
					return err
				}
				return push(idx, item)
			case "rules":
				if version >= 2 && i == 0 {
					out = emptyOutputs(len(rules))
				}
				dataType, err := paramString(ctx, "dataType", 0, "number")
				if err != nil {
					return err
				}
				v1, err := ctx.Param("value1", i, nil)
				if err != nil {
					return err
				}
				if dataType == "dateTime" {
					if v1, err = v1DateTime(v1); err != nil {
						return nodes.NewOperationError(name, err.Error())
					}
				}
				for r, raw := range rules {
					rule, _ := raw.(map[string]any)
					v2 := rule["value2"]
					if dataType == "dateTime" {
						if v2, err = v1DateTime(v2); err != nil {
							return nodes.NewOperationError(name, err.Error())
						}
					}
					op, _ := rule["operation"].(string)
					ok, err := v1Compare(op, v1, v2)
					if err != nil {
						return err
					}
					if !ok {
						continue
					}
					if err := checkIndexRange(rule["output"]); err != nil {
						return err
					}
					if version >= 2 {
						return push(float64(r), item)
					}
					return push(rule["output"], item)
				}
				fallback, err := ctx.Param("fallbackOutput", i, -1.0)
				if err != nil {
					return err
				}
				if f, ok := jsNumber(fallback); ok && f == -1 {
					return nil
				}
				return push(fallback, item)
			}
			return nil
		}()
		if err != nil {
			if ctx.ContinueOnFail() {
				if len(out) == 0 {
					out = nodes.Outputs{{}}
				}
				out[0] = append(out[0], nodes.Item{JSON: map[string]any{"error": errorMessage(err)}})
				continue
			}
			return nil, err
		}
	}
	return out, nil
}
