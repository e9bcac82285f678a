package nodes

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/noderun/noderun/internal/jsvalue"
)

// NodeParameters rebuilds a node's parameters from what the workflow stored,
// as n8n's Workflow constructor does with NodeHelpers.getNodeParameters(
// properties, stored, returnDefaults=true, returnNoneDisplayed=false, node):
//   - each level first resolves every simple (non-collection) value with its
//     default, shown or not; displayOptions are checked against those
//     values, and "/path" keys against the top level's;
//   - every displayed property gets its stored value or its default; hidden
//     properties and keys the description does not have are dropped;
//   - collections keep only the keys present, without defaults (a
//     fixedCollection inside one is still completed);
//   - fixedCollection groups present (or in the default) are completed with
//     their fields' defaults, and dropped when nothing in them is shown;
//   - same-named properties resolve to the last displayed one;
//   - noDataExpression values lose a leading "=", filter values get their
//     combinator and options, resource locators their "__rl" marker.
//
// Keys come in n8n's order (recorded with SetKeyOrder): the order
// getParameterResolveOrder visits the properties in. Unlike n8n, stored
// values are shared with the result, not copied (defaults are copied):
// treat both as read-only.
func NodeParameters(props []*Property, stored map[string]any, version float64) map[string]any {
	if stored == nil {
		// A node's parameters are always an object in n8n.
		stored = map[string]any{}
	}
	pc := paramsCall{version: version}
	return pc.get(props, stored, false, false, false, nil, "")
}

// paramsCall holds what stays the same through one NodeParameters call.
type paramsCall struct {
	version float64
}

// get is getNodeParameters with returnDefaults=true. values is the level's
// stored data (any JSON value; nil for undefined), root the top level's
// display values (nil at the top).
func (pc *paramsCall) get(props []*Property, values any, returnNoneDisplayed, onlySimpleTypes, dataIsResolved bool, root map[string]any, parentType string) map[string]any {
	if !jsvalue.Truthy(values) {
		// n8n skips every property of a level whose data is falsy.
		return map[string]any{}
	}
	plan := paramsPlanFor(props)
	out := &orderedMap{m: make(map[string]any, len(props))}
	// The display check reads the simple values with their defaults (a
	// first pass), or, in that first pass, the values resolved so far.
	check := out.m
	if !dataIsResolved && !returnNoneDisplayed {
		check = pc.get(props, values, true, true, true, root, parentType)
	}
	if root == nil {
		root = check
	}
	level, _ := values.(map[string]any)
	for _, i := range plan.order {
		p := props[i]
		v, present := level[p.Name]
		if !present && parentType == TypeCollection {
			continue
		}
		if !returnNoneDisplayed && !pc.displayed(check, plan.display[i], root) {
			continue
		}
		if p.Type != TypeCollection && p.Type != TypeFixedCollection {
			if plan.duplicates[p.Name] && !pc.displayed(check, plan.display[i], root) {
				continue
			}
			out.set(p.Name, simpleValue(p, v, present, !onlySimpleTypes))
			continue
		}
		if onlySimpleTypes {
			continue
		}
		var val any
		if p.Type == TypeCollection {
			switch {
			case p.MultipleValues():
				if present {
					val = v
				} else if d, ok := p.Default.([]any); ok {
					val = DeepCopy(d)
				} else {
					val = []any{}
				}
			case present:
				val = pc.get(p.Options, v, returnNoneDisplayed, false, false, root, TypeCollection)
			default:
				val = DeepCopy(p.Default)
			}
		} else {
			val = pc.fixedCollection(p, v, present, returnNoneDisplayed, root)
		}
		out.set(p.Name, val)
	}
	if onlySimpleTypes {
		// The display check values are only read: no copies, no key order.
		return out.m
	}
	return out.done()
}

// fixedCollection completes the groups of a fixedCollection value (the
// stored one, or the default when nothing is stored).
func (pc *paramsCall) fixedCollection(p *Property, v any, present, returnNoneDisplayed bool, root map[string]any) map[string]any {
	groups := &orderedMap{m: map[string]any{}}
	pv := v
	if !present {
		pv = p.Default
	}
	stored, _ := pv.(map[string]any)
	multiple := p.MultipleValues()
	for _, name := range Keys(stored) {
		opt := groupOption(p, name)
		if opt == nil {
			continue
		}
		if multiple {
			entries := []any{}
			for _, e := range iterateJS(stored[name]) {
				entries = append(entries, pc.get(opt.Values, e, returnNoneDisplayed, false, false, root, TypeFixedCollection))
			}
			groups.set(name, entries)
			continue
		}
		sub := pc.get(opt.Values, stored[name], returnNoneDisplayed, false, false, root, TypeFixedCollection)
		if len(sub) != 0 {
			groups.set(name, sub)
		}
	}
	return groups.done()
}

// groupOption finds a fixedCollection group by name.
func groupOption(p *Property, name string) *Property {
	for _, o := range p.Options {
		if o.Name == name {
			return o
		}
	}
	return nil
}

// iterateJS lists what JavaScript's for...of yields for a stored group
// value: an array's elements, a string's characters. n8n throws on other
// values; they give no entries here.
func iterateJS(v any) []any {
	switch t := v.(type) {
	case []any:
		return t
	case string:
		out := make([]any, 0, len(t))
		for _, u := range utf16Units(t) {
			out = append(out, u)
		}
		return out
	}
	return nil
}

// utf16Units splits s like JavaScript string iteration (by code point).
func utf16Units(s string) []string {
	out := make([]string, 0, len(s))
	for _, r := range s {
		out = append(out, string(r))
	}
	return out
}

// simpleValue is the value n8n gives a displayed simple property with
// returnDefaults. Stored values are shared, not copied (nothing changes
// node parameters in place); defaults are copied when copyValue is set.
func simpleValue(p *Property, v any, present, copyValue bool) any {
	cp := DeepCopy
	if !copyValue {
		cp = func(v any) any { return v }
	}
	var val any
	switch {
	case p.Type == TypeBoolean || p.Type == TypeNumber || p.Type == TypeOptions:
		if present {
			val = v
		} else {
			val = cp(p.Default)
		}
	case p.Type == TypeResourceLocator && isJSObject(p.Default):
		if present {
			val = v
		} else {
			m := &orderedMap{m: map[string]any{}}
			m.set("__rl", true)
			if d, ok := p.Default.(map[string]any); ok {
				for _, k := range Keys(d) {
					m.set(k, cp(d[k]))
				}
			}
			val = m.done()
		}
	case p.Type == TypeFilter && present && isJSObject(v) && v != nil:
		val = filterValue(v)
	default:
		if present && v != nil {
			val = v
		} else {
			val = cp(p.Default)
		}
	}
	if p.NoDataExpression {
		if s, ok := val.(string); ok && strings.HasPrefix(s, "=") && !isFromAIOnlyExpression(s) {
			val = s[1:]
		}
	}
	return val
}

// isJSObject reports typeof v === "object" (null, objects and arrays).
func isJSObject(v any) bool {
	switch v.(type) {
	case nil, map[string]any, []any:
		return true
	}
	return false
}

// filterValue patches a filter value like n8n (and its FilterConditions
// editor): combinator defaults to "and", options get their defaults first.
func filterValue(v any) any {
	m, ok := DeepCopy(v).(map[string]any)
	if !ok {
		return DeepCopy(v)
	}
	f := &orderedMap{m: m, keys: Keys(m)}
	if m["combinator"] == nil {
		f.set("combinator", "and")
	}
	opts := &orderedMap{m: map[string]any{}}
	opts.set("caseSensitive", true)
	opts.set("leftValue", "")
	opts.set("typeValidation", "strict")
	opts.set("version", float64(1))
	if o, ok := m["options"].(map[string]any); ok {
		for _, k := range Keys(o) {
			opts.set(k, o[k])
		}
	}
	f.set("options", opts.done())
	return f.done()
}

// fromAIPrefix matches the start of a lone $fromAI() call.
var fromAIPrefix = regexp.MustCompile(`(?i)^\$fromAI\s*\(`)

// fromAIMarker is n8n's FROM_AI_AUTO_GENERATED_MARKER.
const fromAIMarker = "/*n8n-auto-generated-fromAI-override*/"

// isFromAIOnlyExpression is n8n's check for an expression that is one
// $fromAI(...) call and nothing else (it keeps its "=").
func isFromAIOnlyExpression(expr string) bool {
	s := strings.TrimPrefix(expr, "=")
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "{{") && strings.HasSuffix(s, "}}") && len(s) >= 4 {
		s = strings.TrimSpace(s[2 : len(s)-2])
	}
	s = strings.TrimSpace(strings.TrimPrefix(s, fromAIMarker))
	loc := fromAIPrefix.FindStringIndex(s)
	if loc == nil {
		return false
	}
	depth, inQuotes, quote := 1, false, byte(0)
	i := loc[1]
	var last byte
	for i < len(s) && depth > 0 {
		c := s[i]
		switch {
		case inQuotes:
			if c == '\\' && i+1 < len(s) {
				i += 2
				continue
			}
			if c == quote {
				inQuotes = false
			}
		case c == '"' || c == '\'' || c == '`':
			inQuotes, quote = true, c
		case c == '(':
			if last != 0 && (isIdentByte(last) || last == ')') {
				return false
			}
			depth++
		case c == ')':
			depth--
		}
		if !inQuotes && c != ' ' && c != '\t' && c != '\n' {
			last = c
		}
		i++
	}
	return depth == 0 && strings.TrimSpace(s[i:]) == ""
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// orderedMap builds a map and records its insertion order.
type orderedMap struct {
	m    map[string]any
	keys []string
}

func (o *orderedMap) set(k string, v any) {
	if _, ok := o.m[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.m[k] = v
}

func (o *orderedMap) done() map[string]any {
	SetKeyOrder(o.m, o.keys)
	return o.m
}

// undefined stands for JavaScript's undefined among display values.
type undefined struct{}

// displayed is n8n's displayParameter(values, p, node, description, root)
// for a property's displayOptions rules.
func (pc *paramsCall) displayed(values map[string]any, d *displayRules, root map[string]any) bool {
	if d == nil {
		return true
	}
	for _, r := range d.show {
		actual := pc.propertyValues(values, r.key, root)
		for _, v := range actual {
			if s, ok := v.(string); ok && strings.HasPrefix(s, "=") {
				return true
			}
		}
		if !n8nConditions(r.conds, actual) {
			return false
		}
	}
	for _, r := range d.hide {
		actual := pc.propertyValues(values, r.key, root)
		if len(actual) != 0 && n8nConditions(r.conds, actual) {
			return false
		}
	}
	return true
}

// propertyValues is n8n's getPropertyValues: the values a displayOptions
// key refers to, as a list.
func (pc *paramsCall) propertyValues(values map[string]any, key string, root map[string]any) []any {
	var v any = undefined{}
	switch {
	case strings.HasPrefix(key, "/"):
		if x, ok := GetPath(root, key[1:]); ok {
			v = x
		}
	case key == "@version":
		v = pc.version
	case key == "@tool":
		v = false
	case key == "@feature":
		return nil
	default:
		if x, ok := GetPath(values, key); ok {
			v = x
		}
	}
	if m, ok := v.(map[string]any); ok && jsvalue.Truthy(m["__rl"]) {
		if x, ok := m["value"]; ok {
			v = x
		} else {
			v = undefined{}
		}
	}
	if list, ok := v.([]any); ok {
		return list
	}
	return []any{v}
}

// n8nConditions is n8n's checkConditions: some condition matches; a plain
// value by strict equality with some value, a {_cnd} condition by holding
// for every value.
func n8nConditions(conds []any, actual []any) bool {
	for _, c := range conds {
		if m, ok := c.(map[string]any); ok && len(m) == 1 {
			if cnd, ok := m["_cnd"].(map[string]any); ok && len(cnd) > 0 {
				if cndHolds(cnd, actual) {
					return true
				}
				continue
			}
		}
		for _, a := range actual {
			if sameValueZero(a, c) {
				return true
			}
		}
	}
	return false
}

// cndHolds evaluates the first operator of a _cnd condition on every value.
func cndHolds(cnd map[string]any, actual []any) bool {
	op := Keys(cnd)[0]
	target := cnd[op]
	if len(actual) == 0 {
		return op == "not"
	}
	for _, a := range actual {
		if !cndOne(op, target, a) {
			return false
		}
	}
	return true
}

func cndOne(op string, target, a any) bool {
	switch op {
	case "eq":
		return jsvalue.DeepEqual(a, target)
	case "not":
		return !jsvalue.DeepEqual(a, target)
	case "gte":
		return jsCompare(a, target, func(c int) bool { return c >= 0 })
	case "lte":
		return jsCompare(a, target, func(c int) bool { return c <= 0 })
	case "gt":
		return jsCompare(a, target, func(c int) bool { return c > 0 })
	case "lt":
		return jsCompare(a, target, func(c int) bool { return c < 0 })
	case "between":
		rng, _ := target.(map[string]any)
		from, to := jsGet(rng, "from"), jsGet(rng, "to")
		return jsCompare(a, from, func(c int) bool { return c >= 0 }) &&
			jsCompare(a, to, func(c int) bool { return c <= 0 })
	case "includes", "startsWith", "endsWith", "regex":
		s, ok := a.(string)
		if !ok {
			return false
		}
		t := jsvalue.String(target)
		switch op {
		case "includes":
			return strings.Contains(s, t)
		case "startsWith":
			return strings.HasPrefix(s, t)
		case "endsWith":
			return strings.HasSuffix(s, t)
		}
		re, err := regexp.Compile(t)
		return err == nil && re.MatchString(s)
	case "exists":
		switch a.(type) {
		case nil, undefined:
			return false
		}
		return a != ""
	}
	return false
}

func jsGet(m map[string]any, k string) any {
	if v, ok := m[k]; ok {
		return v
	}
	return undefined{}
}

// jsCompare applies a JavaScript relational operator: two strings compare
// by code units, anything else as numbers (undefined and objects are NaN,
// which compares false).
func jsCompare(a, b any, holds func(int) bool) bool {
	as, aok := a.(string)
	bs, bok := b.(string)
	if aok && bok {
		return holds(strings.Compare(as, bs))
	}
	af, bf := jsNumber(a), jsNumber(b)
	if math.IsNaN(af) || math.IsNaN(bf) {
		return false
	}
	switch {
	case af < bf:
		return holds(-1)
	case af > bf:
		return holds(1)
	}
	return holds(0)
}

func jsNumber(v any) float64 {
	switch v.(type) {
	case undefined, map[string]any:
		return math.NaN()
	}
	f, ok := jsvalue.ToNumber(v)
	if !ok {
		return math.NaN()
	}
	return f
}

// sameValueZero is Array.prototype.includes' equality: primitives by value
// (numbers of any Go type alike), objects never equal to a literal copy.
func sameValueZero(a, b any) bool {
	switch a.(type) {
	case map[string]any, []any:
		return false
	case undefined:
		_, ok := b.(undefined)
		return ok
	}
	if af, ok := jsvalue.ToFloat(a); ok {
		bf, ok := jsvalue.ToFloat(b)
		return ok && af == bf
	}
	switch b.(type) {
	case map[string]any, []any, undefined:
		return false
	}
	return a == b
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

// paramsPlan is what getNodeParameters works out from one level's
// properties alone: the order it visits them in, the names used more than
// once, and each property's displayOptions rules in a fixed order.
type paramsPlan struct {
	order      []int
	duplicates map[string]bool
	display    []*displayRules
}

// displayRules are a property's show and hide rules, keys sorted (Go maps
// forget the description's key order).
type displayRules struct {
	show, hide []displayRule
}

// displayRule is one displayOptions key and its accepted values.
type displayRule struct {
	key   string
	conds []any
}

// planKey identifies a properties slice: descriptions are built once and
// not changed afterwards, so its first element and length name it.
type planKey struct {
	first *Property
	n     int
}

// paramsPlans caches plans per properties slice.
var paramsPlans sync.Map // planKey -> *paramsPlan

// paramsPlanFor returns the (cached) plan of props.
func paramsPlanFor(props []*Property) *paramsPlan {
	if len(props) == 0 {
		return &paramsPlan{}
	}
	key := planKey{props[0], len(props)}
	if p, ok := paramsPlans.Load(key); ok {
		return p.(*paramsPlan)
	}
	p := newParamsPlan(props)
	paramsPlans.Store(key, p)
	return p
}

func newParamsPlan(props []*Property) *paramsPlan {
	plan := &paramsPlan{duplicates: map[string]bool{}, display: make([]*displayRules, len(props))}
	seen := map[string]bool{}
	for i, p := range props {
		if seen[p.Name] {
			plan.duplicates[p.Name] = true
		}
		seen[p.Name] = true
		if d := p.DisplayOptions; d != nil {
			plan.display[i] = &displayRules{show: sortedRules(d.Show), hide: sortedRules(d.Hide)}
		}
	}
	plan.order = resolveOrder(props, plan.display)
	return plan
}

func sortedRules(m map[string][]any) []displayRule {
	rules := make([]displayRule, 0, len(m))
	for k, v := range m {
		rules = append(rules, displayRule{k, v})
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].key < rules[j].key })
	return rules
}

// resolveOrder is n8n's getParameterResolveOrder, quirks included: a
// property whose same-level dependencies are not resolved yet is queued
// again once per missing dependency, but also visited right away, so the
// order lists properties more than once and first visits keep the
// description's order.
func resolveOrder(props []*Property, display []*displayRules) []int {
	deps := map[string][]string{}
	for i, p := range props {
		list := deps[p.Name]
		if list == nil {
			list = []string{}
		}
		if d := display[i]; d != nil {
			for _, rules := range [][]displayRule{d.show, d.hide} {
				for _, r := range rules {
					if strings.HasPrefix(r.key, "@") || contains(list, r.key) {
						continue
					}
					list = append(list, r.key)
				}
			}
		}
		deps[p.Name] = list
	}
	queue := make([]int, len(props))
	for i := range queue {
		queue[i] = i
	}
	order := make([]int, 0, len(props))
	resolved := map[string]bool{}
	lastLen, lastReduction, iterations := len(queue), -1, 0
	for len(queue) != 0 {
		iterations++
		i := queue[0]
		queue = queue[1:]
		name := props[i].Name
		if len(deps[name]) == 0 {
			order = append(order, i)
			resolved[name] = true
			continue
		}
		for _, dep := range deps[name] {
			if _, here := deps[dep]; here && !resolved[dep] {
				queue = append(queue, i)
			}
		}
		order = append(order, i)
		resolved[name] = true
		if len(queue) < lastLen {
			lastReduction = iterations
		}
		if iterations > lastReduction+len(props) {
			// n8n throws "Could not resolve parameter dependencies"; keep
			// what was resolved.
			break
		}
		lastLen = len(queue)
	}
	return order
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
