package schemagen

import (
	"sort"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// condition turns a top-level property's displayOptions into the "if"
// schema that holds exactly when n8n shows the property. ok is false when
// the options cannot be expressed statically (_cnd operators, nested
// paths, @tool...); cond is nil when the property is always shown.
//
// A parameter left out takes its default, so a clause on key k also
// matches an absent k when k's default (for the other values the
// condition asks for) is among the accepted values. Expression values
// ("=...") make n8n show the property; the schema then does not apply the
// property's constraints.
func (g *paramGen) condition(do *nodes.DisplayOptions) (cond any, ok bool) {
	var clauses []any
	for _, k := range sortedKeys(do.Show) {
		c, keep, ok := g.clause(k, do.Show[k], do.Show)
		if !ok {
			return nil, false
		}
		if keep != nil {
			if !*keep {
				return nil, false // never shown: nothing to constrain
			}
			continue
		}
		clauses = append(clauses, c)
	}
	for _, k := range sortedKeys(do.Hide) {
		c, keep, ok := g.clause(k, do.Hide[k], do.Show)
		if !ok {
			return nil, false
		}
		if keep != nil {
			if *keep {
				return nil, false // always hidden
			}
			continue
		}
		clauses = append(clauses, obj{"not": c})
	}
	switch len(clauses) {
	case 0:
		return nil, true
	case 1:
		return clauses[0], true
	}
	return obj{"allOf": clauses}, true
}

// clause is the schema of "parameter k has one of values". For @version
// the answer is static over the description's versions: fixed says whether
// it holds for all (true) or none (false); mixed versions are not
// expressible (ok false).
func (g *paramGen) clause(k string, values []any, show map[string][]any) (c any, fixed *bool, ok bool) {
	for _, v := range values {
		if _, isMap := v.(map[string]any); isMap {
			return nil, nil, false
		}
	}
	if k == "@version" {
		all, none := true, true
		for _, v := range g.versions {
			if nodes.Displayed(&nodes.Property{DisplayOptions: &nodes.DisplayOptions{Show: map[string][]any{"@version": values}}}, nil, nil, v) {
				none = false
			} else {
				all = false
			}
		}
		switch {
		case all:
			t := true
			return nil, &t, true
		case none:
			f := false
			return nil, &f, true
		}
		return nil, nil, false
	}
	k = strings.TrimPrefix(k, "/")
	if strings.HasPrefix(k, "@") || strings.ContainsAny(k, ".[") || k == "" {
		return nil, nil, false
	}
	present := obj{"required": []any{k}, "properties": obj{k: obj{"enum": values}}}
	if g.defaultMatches(k, values, show) {
		return obj{"anyOf": []any{present, obj{"not": obj{"required": []any{k}}}}}, nil, true
	}
	return present, nil, true
}

// defaultMatches reports whether the default that parameter k takes, when
// the other shown values are as in show, is among values. Among
// same-named properties it considers those whose own show conditions
// overlap show (for example the "operation" of the resource asked for).
func (g *paramGen) defaultMatches(k string, values []any, show map[string][]any) bool {
	var candidates, all []*nodes.Property
	for _, p := range g.top {
		if p == nil || p.Name != k || uiOnly(p) {
			continue
		}
		all = append(all, p)
		if p.DisplayOptions == nil || overlaps(p.DisplayOptions.Show, show) {
			candidates = append(candidates, p)
		}
	}
	if len(candidates) == 0 {
		candidates = all
	}
	if len(candidates) == 0 {
		// Not a parameter of the node: n8n reads undefined.
		for _, v := range values {
			if v == nil {
				return true
			}
		}
		return false
	}
	for _, p := range candidates {
		for _, v := range values {
			if mustJSON(p.Default) == mustJSON(v) {
				return true
			}
		}
	}
	return false
}

// overlaps reports whether conditions a and b can hold together: every key
// they share has a value in common.
func overlaps(a, b map[string][]any) bool {
	for k, av := range a {
		bv, ok := b[k]
		if !ok {
			continue
		}
		common := false
		for _, x := range av {
			for _, y := range bv {
				if mustJSON(x) == mustJSON(y) {
					common = true
				}
			}
		}
		if !common {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string][]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
