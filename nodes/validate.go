package nodes

import (
	"errors"
	"fmt"
	"strings"

	"github.com/go-playground/validator/v10"
)

var structValidator = validator.New(validator.WithRequiredStructEnabled())

// ValidateDescription checks a description's struct rules and the
// property tree, reporting every problem with the node and property path.
func ValidateDescription(d *Description) error {
	var problems []string
	if err := structValidator.Struct(d); err != nil {
		var verrs validator.ValidationErrors
		if errors.As(err, &verrs) {
			for _, fe := range verrs {
				problems = append(problems, fmt.Sprintf("%s: failed rule %q (value %v)", jsonPath(fe.Namespace()), fe.Tag(), fe.Value()))
			}
		} else {
			problems = append(problems, err.Error())
		}
	}
	for i, p := range d.Properties {
		if p == nil {
			problems = append(problems, fmt.Sprintf("properties[%d]: null property", i))
			continue
		}
		problems = append(problems, checkProperty(p, fmt.Sprintf("properties[%d](%s)", i, p.Name))...)
	}
	if len(problems) > 0 {
		return &DescriptionError{Node: d.Name, Problems: problems}
	}
	return nil
}

func checkProperty(p *Property, path string) []string {
	var out []string
	switch p.Type {
	case TypeOptions, TypeMultiOptions:
		if len(p.Options) == 0 && p.TypeOptions["loadOptionsMethod"] == nil && p.TypeOptions["loadOptions"] == nil {
			out = append(out, path+": options property has no options")
		}
		for j, o := range p.Options {
			if o.Value == nil {
				out = append(out, fmt.Sprintf("%s.options[%d](%s): option has no value", path, j, o.Name))
			}
			if o.Routing != nil && o.Routing.Send != nil && o.Routing.Send.Type != "" && o.Routing.Send.Type != "body" && o.Routing.Send.Type != "query" {
				out = append(out, fmt.Sprintf("%s.options[%d]: routing.send.type %q is not body or query", path, j, o.Routing.Send.Type))
			}
		}
	case TypeCollection:
		for j, o := range p.Options {
			out = append(out, checkProperty(o, fmt.Sprintf("%s.options[%d](%s)", path, j, o.Name))...)
		}
	case TypeFixedCollection:
		for j, g := range p.Options {
			for k, v := range g.Values {
				out = append(out, checkProperty(v, fmt.Sprintf("%s.options[%d](%s).values[%d](%s)", path, j, g.Name, k, v.Name))...)
			}
		}
	case "":
		out = append(out, path+": property has no type")
	}
	if r := p.Routing; r != nil && r.Output != nil {
		for j, a := range r.Output.PostReceive {
			if a == nil || a.Type == "" {
				out = append(out, fmt.Sprintf("%s.routing.output.postReceive[%d]: action has no type", path, j))
			}
		}
	}
	return out
}

// jsonPath turns a validator namespace (Description.Properties[3].Name)
// into the JSON path of the description.
func jsonPath(ns string) string {
	parts := strings.Split(ns, ".")
	if len(parts) > 1 {
		parts = parts[1:]
	}
	for i, p := range parts {
		if p == "" {
			continue
		}
		parts[i] = strings.ToLower(p[:1]) + p[1:]
	}
	return strings.Join(parts, ".")
}

// DescriptionError lists the problems of an invalid node description.
type DescriptionError struct {
	Node     string
	Problems []string
}

func (e *DescriptionError) Error() string {
	return fmt.Sprintf("node type %q: invalid description:\n  %s", e.Node, strings.Join(e.Problems, "\n  "))
}
