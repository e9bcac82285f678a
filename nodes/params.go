package nodes

import (
	"strings"
)

// NodeParameters rebuilds a node's parameters from what the workflow stored,
// following n8n's NodeHelpers.getNodeParameters(returnDefaults=true,
// returnNoneDisplayed=false):
//   - every displayed top-level property gets its value, or its default;
//   - hidden properties and keys the description does not have are dropped;
//   - collections keep only the keys present, without defaults;
//   - fixedCollection entries are completed with their fields' defaults;
//   - same-named properties resolve to the displayed one.
//
// Properties are visited in the order of their displayOptions dependencies,
// so a property's visibility sees its controlling values with defaults.
func NodeParameters(props []*Property, stored map[string]any, version float64) map[string]any {
	return nodeParameters(props, stored, true, nil, version, "")
}

func nodeParameters(props []*Property, values map[string]any, returnDefaults bool, root map[string]any, version float64, parentType string) map[string]any {
	out := map[string]any{}
	full := map[string]any{}
	check := full
	if !returnDefaults {
		check = values
	}
	if root == nil {
		root = check
	}
	for _, i := range resolveOrder(props) {
		p := props[i]
		if !Displayed(p, check, root, version) {
			continue
		}
		v, present := values[p.Name]
		switch p.Type {
		case TypeCollection:
			switch {
			case p.MultipleValues():
				if present {
					out[p.Name] = v
				} else if returnDefaults {
					out[p.Name] = DeepCopy(p.Default)
				}
			case present:
				if m, ok := v.(map[string]any); ok {
					out[p.Name] = nodeParameters(p.Options, m, false, root, version, TypeCollection)
				} else {
					out[p.Name] = v
				}
			case returnDefaults:
				out[p.Name] = DeepCopy(p.Default)
			}
		case TypeFixedCollection:
			pv := v
			if !present || pv == nil {
				if !returnDefaults {
					continue
				}
				pv = DeepCopy(p.Default)
			}
			groups, _ := pv.(map[string]any)
			coll := map[string]any{}
			for gname, gval := range groups {
				opt := p.Option(gname)
				if opt == nil {
					continue
				}
				if list, ok := gval.([]any); ok && p.MultipleValues() {
					entries := make([]any, 0, len(list))
					for _, e := range list {
						em, _ := e.(map[string]any)
						if em == nil {
							em = map[string]any{}
						}
						entries = append(entries, nodeParameters(opt.Values, em, returnDefaults, root, version, TypeFixedCollection))
					}
					coll[gname] = entries
					continue
				}
				em, _ := gval.(map[string]any)
				if em == nil {
					em = map[string]any{}
				}
				sub := nodeParameters(opt.Values, em, returnDefaults, root, version, TypeFixedCollection)
				if len(sub) > 0 {
					coll[gname] = sub
				}
			}
			out[p.Name] = coll
		default:
			switch {
			case returnDefaults:
				if present && (v != nil || p.Type == TypeBoolean || p.Type == TypeNumber || p.Type == TypeOptions) {
					out[p.Name] = normalizeValue(p, v)
				} else {
					out[p.Name] = DeepCopy(p.Default)
				}
			case present && (parentType == TypeCollection || !valuesEqual(v, p.Default)):
				out[p.Name] = normalizeValue(p, v)
			default:
				continue
			}
		}
		if val, ok := out[p.Name]; ok {
			full[p.Name] = val
		}
	}
	return out
}

// normalizeValue applies n8n's per-type touches to a stored value: filter
// values get their combinator and options, noDataExpression values lose a
// leading "=".
func normalizeValue(p *Property, v any) any {
	if p.NoDataExpression {
		if s, ok := v.(string); ok && strings.HasPrefix(s, "=") {
			return s[1:]
		}
	}
	if p.Type == TypeFilter {
		if m, ok := v.(map[string]any); ok {
			m = DeepCopy(m).(map[string]any)
			if _, ok := m["combinator"]; !ok {
				m["combinator"] = "and"
			}
			opts, _ := m["options"].(map[string]any)
			if opts == nil {
				opts = map[string]any{}
			}
			for k, d := range map[string]any{"caseSensitive": true, "leftValue": "", "typeValidation": "strict", "version": float64(1)} {
				if _, ok := opts[k]; !ok {
					opts[k] = d
				}
			}
			m["options"] = opts
			return m
		}
	}
	return v
}

// resolveOrder orders property indexes so that a property comes after the
// siblings its displayOptions read (n8n's getParameterResolveOrder), keeping
// description order otherwise.
func resolveOrder(props []*Property) []int {
	index := map[string][]int{}
	for i, p := range props {
		index[p.Name] = append(index[p.Name], i)
	}
	order := make([]int, 0, len(props))
	state := make([]uint8, len(props)) // 0 new, 1 visiting, 2 done
	var visit func(i int)
	visit = func(i int) {
		if state[i] != 0 {
			return
		}
		state[i] = 1
		if d := props[i].DisplayOptions; d != nil {
			for _, m := range []map[string][]any{d.Show, d.Hide} {
				for _, k := range sortedKeys(m) {
					k = strings.TrimPrefix(k, "/")
					for _, j := range index[k] {
						if j != i {
							visit(j)
						}
					}
				}
			}
		}
		state[i] = 2
		order = append(order, i)
	}
	for i := range props {
		visit(i)
	}
	return order
}

func sortedKeys(m map[string][]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

// DeepCopy copies nested maps and slices of JSON values.
func DeepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[k] = DeepCopy(e)
		}
		if order, ok := recordedOrder(t); ok {
			SetKeyOrder(m, order)
		}
		return m
	case []any:
		s := make([]any, len(t))
		for i, e := range t {
			s[i] = DeepCopy(e)
		}
		return s
	}
	return v
}
