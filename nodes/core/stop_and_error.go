package core

import (
	"encoding/json"
	"fmt"

	"github.com/noderun/noderun/nodes"
)

// stopAndErrorDescription is n8n's Stop and Error node.
func stopAndErrorDescription() *nodes.Description {
	return &nodes.Description{
		DisplayName: "Stop and Error",
		Name:        "n8n-nodes-base.stopAndError",
		Icon:        "node:stop-and-error",
		Group:       []string{"input"},
		Version:     nodes.Versions{1},
		Description: "Throw an error in the workflow",
		Defaults:    map[string]any{"name": "Stop and Error"},
		Inputs:      mainPorts(1),
		Outputs:     []any{},
		Properties: []*nodes.Property{
			{DisplayName: "Error Type", Name: "errorType", Type: nodes.TypeOptions, Default: "errorMessage", Description: "Type of error to throw",
				Options: []*nodes.Property{option("Error Message", "errorMessage", ""), option("Error Object", "errorObject", "")}},
			{DisplayName: "Error Message", Name: "errorMessage", Type: nodes.TypeString, Placeholder: "An error occurred!", Default: "", Required: true,
				DisplayOptions: show("errorType", list("errorMessage"))},
			{DisplayName: "Error Object", Name: "errorObject", Type: nodes.TypeJSON, Description: "Object containing error properties", Default: "", Required: true,
				TypeOptions: map[string]any{"alwaysOpenEditWindow": true}, Placeholder: "{\n\t\"code\": \"404\",\n\t\"description\": \"The resource could not be fetched\"\n}",
				DisplayOptions: show("errorType", list("errorObject"))},
		},
	}
}

// executeStopAndError always fails the node with the configured error.
func executeStopAndError(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	errorType, err := paramString(ctx, "errorType", 0, "errorMessage")
	if err != nil {
		return nil, itemError(ctx, err, 0, "")
	}
	name := ctx.Node().Name
	if errorType == "errorMessage" {
		msg, err := paramString(ctx, "errorMessage", 0, "")
		if err != nil {
			return nil, itemError(ctx, err, 0, "")
		}
		return nil, nodes.NewOperationError(name, msg)
	}
	raw, err := ctx.Param("errorObject", 0, "")
	if err != nil {
		return nil, itemError(ctx, err, 0, "")
	}
	obj, ok := raw.(map[string]any)
	if !ok {
		s := jsString(raw)
		if uerr := json.Unmarshal([]byte(s), &obj); uerr != nil || obj == nil {
			return nil, nodes.NewOperationError(name, fmt.Sprintf("Error Object is not valid JSON: %v", uerr))
		}
	}
	str := func(k string) string {
		s, _ := obj[k].(string)
		return s
	}
	msg := str("message")
	if msg == "" {
		msg = str("description")
	}
	if msg == "" {
		msg = str("error")
	}
	if msg == "" {
		msg = "Error: " + jsonStringify(obj)
	}
	e := nodes.NewOperationError(name, msg)
	e.Level = "error"
	e.SetDescription(str("description"))
	e.Context["metadata"] = obj
	return nil, e
}
