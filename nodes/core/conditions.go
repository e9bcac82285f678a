package core

import (
	"errors"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// ENABLE_LESS_STRICT_TYPE_VALIDATION in n8n.
const enableLooseTypeValidation = "Try changing the type of comparison. Alternatively you can enable 'Convert types where required'."

// conditionsDescription is the "conditions" filter property of If v2 and
// Filter v2 (caseSensitive from options.ignoreCase, typeValidation from
// looseTypeValidation, version by node version).
func conditionsDescription(version string) *nodes.Property {
	return &nodes.Property{
		DisplayName: "Conditions", Name: "conditions", Placeholder: "Add Condition", Type: nodes.TypeFilter, Default: map[string]any{},
		TypeOptions: map[string]any{"filter": map[string]any{
			"caseSensitive":  "={{!$parameter.options.ignoreCase}}",
			"typeValidation": typeValidationStrictness(2.1),
			"version":        version,
		}},
	}
}

func typeValidationStrictness(v float64) string {
	return `={{ ($nodeVersion < ` + jsvalue.FormatNumber(v) + ` ? $parameter.options.looseTypeValidation :  $parameter.looseTypeValidation) ? "loose" : "strict" }}`
}

// filterNodeProperties are the properties If v2 and Filter v2 share.
func filterNodeProperties() []*nodes.Property {
	return []*nodes.Property{
		conditionsDescription("={{ $nodeVersion >= 2.3 ? 3 : $nodeVersion >= 2.2 ? 2 : 1 }}"),
		looseTypeValidationProperty(false, show("@version", list(cnd("gte", 2.1)))),
		{DisplayName: "Options", Name: "options", Type: nodes.TypeCollection, Placeholder: "Add option", Default: map[string]any{},
			Options: []*nodes.Property{
				{DisplayName: "Ignore Case", Description: "Whether to ignore letter case when evaluating conditions", Name: "ignoreCase", Type: nodes.TypeBoolean, Default: true},
				looseTypeValidationProperty(true, show("@version", list(cnd("lt", 2.1)))),
			}},
	}
}

// evalConditions resolves the filter parameter at path for item i and
// evaluates it. Errors get n8n's node-level treatment: the "Convert types"
// hint when validation is strict and the error has no description.
func evalConditions(ctx nodes.ExecuteContext, path string, i int, looseSince float64, options map[string]any) (bool, error) {
	v, err := ctx.Param(path, i, map[string]any{})
	if err != nil {
		return false, conditionError(ctx, err, i, looseSince, options)
	}
	fv, err := parseFilterValue(v)
	if err != nil {
		return false, conditionError(ctx, userErrorf("", "%s", err.Error()), i, looseSince, options)
	}
	pass, err := fv.execute(i, ctx.Timezone())
	if err != nil {
		return false, conditionError(ctx, err, i, looseSince, options)
	}
	return pass, nil
}

// evalConditionsPlan is evalConditions through plan (when not nil and
// its expressions evaluate); the result and errors are the same.
func evalConditionsPlan(ctx nodes.ExecuteContext, plan *conditionsPlan, path string, i int, looseSince float64, options map[string]any) (bool, error) {
	if plan != nil {
		if fv, ok := plan.filter(ctx, i); ok {
			pass, err := fv.execute(i, ctx.Timezone())
			if err != nil {
				return false, conditionError(ctx, err, i, looseSince, options)
			}
			return pass, nil
		}
	}
	return evalConditions(ctx, path, i, looseSince, options)
}

func conditionError(ctx nodes.ExecuteContext, err error, i int, looseSince float64, options map[string]any) error {
	loose := false
	if ctx.Node().TypeVersion < looseSince {
		loose = jsvalue.Truthy(options["looseTypeValidation"])
	} else if b, perr := paramBool(ctx, "looseTypeValidation", i, false); perr == nil {
		loose = b
	}
	desc := ""
	var fe *filterError
	if errors.As(err, &fe) {
		desc = fe.Description
	}
	if !loose && desc == "" {
		desc = enableLooseTypeValidation
	}
	return itemError(ctx, err, i, desc)
}
