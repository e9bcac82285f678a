package validate

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"

	playground "github.com/go-playground/validator/v10"
	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// nodeRules are the struct rules of a workflow node.
type nodeRules struct {
	Name        string  `json:"name" validate:"required"`
	Type        string  `json:"type" validate:"required"`
	TypeVersion float64 `json:"typeVersion" validate:"gt=0"`
	OnError     string  `json:"onError" validate:"omitempty,oneof=stopWorkflow continueRegularOutput continueErrorOutput"`
	MaxTries    float64 `json:"maxTries" validate:"gte=0"`
	Wait        float64 `json:"waitBetweenTries" validate:"gte=0"`
}

// settingsRules are the struct rules of the workflow settings.
type settingsRules struct {
	ExecutionOrder   string  `json:"executionOrder" validate:"omitempty,oneof=v0 v1"`
	ExecutionTimeout float64 `json:"executionTimeout" validate:"gte=-1"`
}

var (
	rulesOnce sync.Once
	rules     *playground.Validate
	evalOnce  sync.Once
	evaluator *expr.Evaluator
)

func structValidator() *playground.Validate {
	rulesOnce.Do(func() {
		rules = playground.New()
		rules.RegisterTagNameFunc(func(f reflect.StructField) string { return jsonName(f.Tag.Get("json")) })
	})
	return rules
}

func defaultEvaluator() *expr.Evaluator {
	evalOnce.Do(func() { evaluator = expr.New(expr.Options{}) })
	return evaluator
}

func jsonName(tag string) string {
	name, _, _ := strings.Cut(tag, ",")
	return name
}

// ruleMessage words a failed struct rule.
func ruleMessage(fe playground.FieldError) string {
	switch fe.Tag() {
	case "required":
		return fmt.Sprintf("%s is required", fe.Field())
	case "oneof":
		return fmt.Sprintf("%s %q is not one of: %s", fe.Field(), fmt.Sprint(fe.Value()), strings.ReplaceAll(fe.Param(), " ", ", "))
	case "gt":
		return fmt.Sprintf("%s must be greater than %s", fe.Field(), fe.Param())
	case "gte":
		return fmt.Sprintf("%s must be at least %s", fe.Field(), fe.Param())
	}
	return fmt.Sprintf("%s fails rule %q", fe.Field(), fe.Tag())
}

// structRules checks node and settings fields through validator/v10.
func (v *validator) structRules() {
	sv := structValidator()
	for i, n := range v.wf.Nodes {
		if n == nil {
			v.add(Error, nodePath(i), "", "node is null")
			continue
		}
		r := nodeRules{Name: n.Name, Type: n.Type, TypeVersion: n.TypeVersion, OnError: n.OnError}
		if n.MaxTries != nil {
			r.MaxTries = *n.MaxTries
		}
		if n.WaitBetweenTries != nil {
			r.Wait = *n.WaitBetweenTries
		}
		v.report(sv.Struct(r), Error, nodePath(i), n.Name)
	}
	s := settingsRules{ExecutionOrder: v.wf.Settings.ExecutionOrder, ExecutionTimeout: v.wf.Settings.ExecutionTimeout}
	// n8n runs anything but "v1" in the legacy order: worth a warning only.
	v.report(sv.Struct(s), Warning, "settings", "")
}

func (v *validator) report(err error, sev Severity, base, node string) {
	if err == nil {
		return
	}
	var verrs playground.ValidationErrors
	if !errors.As(err, &verrs) {
		v.add(sev, base, node, "%v", err)
		return
	}
	for _, fe := range verrs {
		v.add(sev, key(base, fe.Field()), node, "%s", ruleMessage(fe))
	}
}

// nodeTypes resolves every node's type and reports unknown types and
// versions and duplicate names.
func (v *validator) nodeTypes() {
	for i, n := range v.wf.Nodes {
		if n == nil {
			continue
		}
		if first, dup := v.byName[n.Name]; dup {
			v.add(Error, key(nodePath(i), "name"), n.Name, "duplicate node name: nodes[%d] is also called %q (node names must be unique)", first, n.Name)
		} else {
			v.byName[n.Name] = i
		}
		if n.Type == "" {
			continue
		}
		t, err := v.reg.Lookup(n.Type, n.TypeVersion)
		if err != nil {
			var ute *nodes.UnknownTypeError
			if errors.As(err, &ute) && len(ute.Known) > 0 {
				v.add(Error, key(nodePath(i), "typeVersion"), n.Name, "node type %q has no typeVersion %v (known: %s)", n.Type, n.TypeVersion, strings.Join(ute.Known, ", "))
			} else if errors.As(err, &ute) {
				v.add(Error, key(nodePath(i), "type"), n.Name, "unknown node type %q", n.Type)
			} else {
				v.add(Error, key(nodePath(i), "type"), n.Name, "node type %q: %v", n.Type, err)
			}
			continue
		}
		v.types[i] = t
	}
}
