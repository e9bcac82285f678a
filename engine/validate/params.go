package validate

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// paramWalk is the state of one node's parameter walk.
type paramWalk struct {
	v       *validator
	node    string
	version float64
	root    map[string]any // top-level parameters with defaults
	// skipRequired is set for disabled and pinned nodes.
	skipRequired bool
}

// parameters checks node i's stored parameters against its description:
// unknown keys, option values, and required values left empty.
func (v *validator) parameters(i int, n *nodes.Node, t *nodes.Type) {
	w := &paramWalk{v: v, node: n.Name, version: n.TypeVersion, root: v.params[i]}
	// n8n reports no parameter issues for disabled or pinned nodes.
	_, pinned := v.wf.PinData[n.Name]
	w.skipRequired = n.Disabled || pinned
	w.level(t.Description.Properties, n.Parameters, v.params[i], key(nodePath(i), "parameters"), true, false)
}

// level checks one level of parameters: props are the properties of that
// level, stored what the workflow holds, full the values with defaults
// (what displayOptions see).
func (w *paramWalk) level(props []*nodes.Property, stored, full map[string]any, path string, top, collection bool) {
	if full == nil {
		full = stored
	}
	root := w.root
	if top {
		root = full
	}
	byName := map[string][]*nodes.Property{}
	for _, p := range props {
		if p != nil {
			byName[p.Name] = append(byName[p.Name], p)
		}
	}
	for _, k := range sortedKeys(stored) {
		list := byName[k]
		if len(list) == 0 {
			w.v.add(Warning, key(path, k), w.node, "the node has no parameter %q; n8n ignores it", k)
			continue
		}
		shown := w.displayed(list, full, root)
		if shown == nil {
			if top {
				w.v.add(Warning, key(path, k), w.node, "parameter %q is not shown for these settings (displayOptions); n8n ignores it", k)
				continue
			}
			// Options inside collections are shown when added.
			shown = list[0]
		}
		w.value(shown, stored[k], key(path, k))
	}
	// Required values, over displayed properties (stored or defaulted).
	for _, p := range props {
		if p == nil || !p.Required || !nodes.Displayed(p, full, root, w.version) {
			continue
		}
		if w.skipRequired {
			continue
		}
		if collection {
			// Collection options only count once added.
			if _, ok := stored[p.Name]; !ok {
				continue
			}
		}
		val, present := full[p.Name]
		if emptyRequired(p, val, present) {
			w.v.add(Error, key(path, p.Name), w.node, "parameter %q (%s) is required but empty", p.Name, label(p))
		}
	}
}

// displayed returns the property among same-named ones that is shown.
// Value-holding properties win over notices that reuse their name (as
// generated descriptions do for "operation").
func (w *paramWalk) displayed(list []*nodes.Property, full, root map[string]any) *nodes.Property {
	var notice *nodes.Property
	for _, p := range list {
		if !nodes.Displayed(p, full, root, w.version) {
			continue
		}
		switch p.Type {
		case nodes.TypeNotice, nodes.TypeCallout, nodes.TypeButton:
			if notice == nil {
				notice = p
			}
			continue
		}
		return p
	}
	return notice
}

// value checks one stored value against its property and recurses into
// collections.
func (w *paramWalk) value(p *nodes.Property, val any, path string) {
	if s, ok := val.(string); ok && strings.HasPrefix(s, "=") {
		return
	}
	if want := wrongType(p, val); want != "" {
		w.v.add(Error, path, w.node, "parameter %q (%s) must be %s, not %s", p.Name, label(p), want, jsonKind(val))
		return
	}
	switch p.Type {
	case nodes.TypeOptions:
		w.option(p, val, path)
	case nodes.TypeMultiOptions:
		if list, ok := val.([]any); ok {
			for j, e := range list {
				w.option(p, e, index(path, j))
			}
		}
	case nodes.TypeCollection:
		m, ok := val.(map[string]any)
		if !ok {
			if val != nil && !p.MultipleValues() {
				w.v.add(Error, path, w.node, "parameter %q (%s) must be an object", p.Name, label(p))
			}
			return
		}
		if p.MultipleValues() {
			return
		}
		w.level(p.Options, m, m, path, false, true)
	case nodes.TypeFixedCollection:
		m, ok := val.(map[string]any)
		if !ok {
			if val != nil {
				w.v.add(Error, path, w.node, "parameter %q (%s) must be an object", p.Name, label(p))
			}
			return
		}
		for _, g := range sortedKeys(m) {
			opt := p.Option(g)
			if opt == nil {
				w.v.add(Warning, key(path, g), w.node, "%q has no group %q; n8n ignores it", p.Name, g)
				continue
			}
			gpath := key(path, g)
			switch entries := m[g].(type) {
			case []any:
				for j, e := range entries {
					em, ok := e.(map[string]any)
					if !ok {
						continue
					}
					w.level(opt.Values, em, withDefaults(opt.Values, em), index(gpath, j), false, false)
				}
			case map[string]any:
				w.level(opt.Values, entries, withDefaults(opt.Values, entries), gpath, false, false)
			}
		}
	}
}

// withDefaults completes a fixedCollection entry with its fields' defaults
// for displayOptions, as n8n does.
func withDefaults(props []*nodes.Property, m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+len(props))
	for _, p := range props {
		if p != nil && p.Default != nil {
			out[p.Name] = p.Default
		}
	}
	for k, e := range m {
		out[k] = e
	}
	return out
}

// option checks that val is one of p's options (when they are static).
// n8n's execution does not check this (getNodeParametersIssues only
// reports missing required values), so it is a warning.
func (w *paramWalk) option(p *nodes.Property, val any, path string) {
	if s, ok := val.(string); ok && strings.HasPrefix(s, "=") {
		return
	}
	if len(p.Options) == 0 || p.TypeOptions["loadOptionsMethod"] != nil || p.TypeOptions["loadOptions"] != nil || p.TypeOptions["loadOptionsDependsOn"] != nil {
		return
	}
	if p.Option(val) != nil {
		return
	}
	values := make([]string, 0, len(p.Options))
	for _, o := range p.Options {
		if s := fmt.Sprintf("%v", o.Value); !slices.Contains(values, s) {
			values = append(values, s)
		}
	}
	if len(values) > 12 {
		values = append(values[:12], fmt.Sprintf("… %d more", len(values)-12))
	}
	// A warning, not an error: n8n runs the node with the value as it is
	// (a workflow from a newer n8n may use options this version lacks).
	w.v.add(Warning, path, w.node, "%s is not an option of %q (%s); want one of: %s", jsonText(val), p.Name, label(p), strings.Join(values, ", "))
}

// emptyRequired is n8n's addToIssuesIfMissing: a required string,
// dateTime or options value that is "" or undefined, an empty
// multiOptions array, or a resourceLocator without a (truthy or numeric)
// value. With typeOptions.multipleValues each element is checked.
func emptyRequired(p *nodes.Property, val any, present bool) bool {
	if p.MultipleValues() {
		list, _ := val.([]any)
		for _, e := range list {
			if emptyOne(p, e, true) {
				return true
			}
		}
		return false
	}
	return emptyOne(p, val, present)
}

func emptyOne(p *nodes.Property, val any, present bool) bool {
	switch p.Type {
	case nodes.TypeString, nodes.TypeDateTime, nodes.TypeOptions:
		return !present || val == ""
	case nodes.TypeMultiOptions:
		list, ok := val.([]any)
		return ok && len(list) == 0
	case nodes.TypeResourceLocator:
		if m, ok := val.(map[string]any); ok {
			if _, num := m["value"].(float64); num {
				return false
			}
			return !jsvalue.Truthy(m["value"])
		}
		return !jsvalue.Truthy(val)
	}
	return false
}

func label(p *nodes.Property) string {
	if p.DisplayName != "" {
		return p.DisplayName
	}
	return p.Name
}

func jsonText(v any) string {
	switch t := v.(type) {
	case string:
		return fmt.Sprintf("%q", t)
	case nil:
		return "null"
	}
	return fmt.Sprint(v)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// wrongType returns what a stored (non-expression) value should be when
// its JSON type cannot hold the property's value, as the JSON Schemas
// check; "" when it fits.
func wrongType(p *nodes.Property, val any) string {
	switch p.Type {
	case nodes.TypeNumber:
		switch val.(type) {
		case map[string]any, []any, bool:
			return "a number"
		}
	case nodes.TypeBoolean:
		if _, ok := val.(bool); !ok {
			return "true or false"
		}
	case nodes.TypeString, nodes.TypeDateTime, nodes.TypeColor:
		if p.MultipleValues() {
			return ""
		}
		switch val.(type) {
		case map[string]any, []any:
			return "a string"
		}
	case nodes.TypeMultiOptions:
		if _, ok := val.([]any); !ok {
			return "a list"
		}
	}
	return ""
}

// jsonKind names a value's JSON type.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case float64:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
