package openapi

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// httpMethods are the path item keys that are operations, as
// openapi-types' OpenAPIV3.HttpMethods lists them.
var httpMethods = map[string]bool{
	"get": true, "put": true, "post": true, "delete": true,
	"options": true, "head": true, "patch": true, "trace": true,
}

// Options change the mapping. The zero value is the package's default
// mapping, field for field.
type Options struct {
	// OperationIDPrefix, when set, is removed from the start of every
	// operationId before it is turned into a name (DNSFilter's
	// `^V1_[A-Za-z_]+-`).
	OperationIDPrefix *regexp.Regexp
	// NamesFromSummaries names operations after their summary (when they
	// have one) rather than startCase(operationId).
	NamesFromSummaries bool
	// AdditionalFields moves optional query parameters and optional body
	// fields of each operation into an "Additional Fields" collection, so
	// that fields the user did not add are not sent.
	AdditionalFields bool
	// DisplayByValue gates operation fields on the operation's value
	// rather than its name. The package uses the name, which hides the
	// fields of operations whose name has characters other than letters,
	// digits and spaces; this fixes that.
	DisplayByValue bool
	// DropUnusedTags leaves out declared tags that no generated operation
	// uses (the package lists them as resources without operations).
	DropUnusedTags bool
	// RenameReserved renames fields called "resource" or "operation",
	// which would share the node's resource and operation parameters, to
	// "<name>Parameter" (the request still uses the spec's name).
	RenameReserved bool
}

// Warning is something of the spec that could not be mapped, or was mapped
// with a loss, with the spec path it concerns.
type Warning struct {
	Path    string
	Message string
}

// String formats the warning as "path: message".
func (w Warning) String() string { return w.Path + ": " + w.Message }

// Result is a generated property list with what was left out.
type Result struct {
	Properties []*nodes.Property
	// Resources and Operations count the resource options and the
	// operation options over all resources.
	Resources  int
	Operations int
	Warnings   []Warning
}

type generator struct {
	doc  *Object
	r    *resolver
	opts Options
	warn []Warning
}

// Load parses an OpenAPI 3 JSON document.
func Load(data []byte) (*Object, error) {
	v, err := ParseJSON(data)
	if err != nil {
		return nil, fmt.Errorf("parse OpenAPI document: %w", err)
	}
	doc, ok := v.(*Object)
	if !ok {
		return nil, errors.New("parse OpenAPI document: top level is not an object")
	}
	if ver, ok := doc.String("openapi"); !ok || !strings.HasPrefix(ver, "3.") {
		if _, isSwagger := doc.Get("swagger"); isSwagger {
			return nil, errors.New("parse OpenAPI document: Swagger 2.0 is not supported, convert it to OpenAPI 3 first")
		}
	}
	return doc, nil
}

// BuildProperties maps doc to node properties: the resource selector, one
// operation selector per resource, then every operation's fields.
func BuildProperties(doc *Object, opts Options) (*Result, error) {
	g := &generator{doc: doc, r: &resolver{doc: doc}, opts: opts}
	return g.build()
}

type tagInfo struct {
	name, description string
}

type operationOption struct {
	resource string
	options  []*nodes.Property
}

func (g *generator) warnf(path, format string, args ...any) {
	g.warn = append(g.warn, Warning{Path: path, Message: fmt.Sprintf(format, args...)})
}

func (g *generator) build() (*Result, error) {
	// ResourceCollector: tags from operations (walked first), then declared tags.
	tags := map[string]*tagInfo{}
	var tagSeen []string
	tagsOrder := map[string]int{}
	usedTags := map[string]bool{}

	var byResource []*operationOption
	resourceIndex := map[string]*operationOption{}
	var fields []*nodes.Property
	ops := 0

	paths, _ := g.doc.Object("paths")
	for _, pattern := range paths.Keys() {
		item, ok := paths.Object(pattern)
		if !ok {
			continue
		}
		for _, method := range item.Keys() {
			if !httpMethods[method] {
				continue
			}
			opV, _ := item.Get(method)
			op, ok := opV.(*Object)
			spath := "#/paths/" + pointerEscape(pattern) + "/" + method
			if !ok {
				g.warnf(spath, "operation is not an object")
				continue
			}
			opTags := operationTags(op)
			for _, t := range opTags {
				if _, ok := tags[t]; !ok {
					tags[t] = &tagInfo{name: t}
					tagSeen = append(tagSeen, t)
				}
			}
			if jsTruthy(getOr(op, "deprecated")) {
				continue
			}
			option, opFields, err := g.parseOperation(op, method, pattern, spath)
			if err != nil {
				g.warnf(spath, "Failed to parse operation: %v", err)
				continue
			}
			added := false
			for _, tag := range opTags {
				resource := StartCase(tag)
				oo := resourceIndex[resource]
				if oo == nil {
					oo = &operationOption{resource: resource}
					resourceIndex[resource] = oo
					byResource = append(byResource, oo)
				}
				if dup := findOption(oo.options, option.Value); dup != nil {
					g.warnf(spath, "Failed to parse operation: Duplicate operation '%v' for resource '%s'", option.Value, resource)
					break
				}
				oo.options = append(oo.options, option)
				usedTags[tag] = true
				added = true
				show := option.Name
				if g.opts.DisplayByValue {
					show = fmt.Sprint(option.Value)
				} else if fmt.Sprint(option.Value) != option.Name {
					g.warnf(spath, "operation name %q differs from its value %q: n8n never shows its fields (set DisplayByValue)", option.Name, option.Value)
				}
				for _, f := range cloneProperties(opFields) {
					f.DisplayOptions = &nodes.DisplayOptions{Show: map[string][]any{
						"resource":  {resource},
						"operation": {show},
					}}
					fields = append(fields, f)
				}
			}
			if added {
				ops++
			}
		}
	}
	if declared, ok := g.doc.Get("tags"); ok {
		list, _ := declared.([]any)
		for i, tv := range list {
			to, ok := tv.(*Object)
			if !ok {
				g.warnf(fmt.Sprintf("#/tags/%d", i), "tag is not an object")
				continue
			}
			name := jsToString(getOr(to, "name"))
			desc := ""
			if d, ok := to.Get("description"); ok && jsTruthy(d) {
				desc = jsToString(d)
			}
			if _, ok := tags[name]; !ok {
				tagSeen = append(tagSeen, name)
			}
			tags[name] = &tagInfo{name: name, description: desc}
			tagsOrder[name] = len(tagsOrder)
		}
	}
	if len(byResource) == 0 {
		return nil, errors.New("No operations found in OpenAPI document")
	}
	sorted := sortTags(tagSeen, tagsOrder)
	if g.opts.DropUnusedTags {
		kept := sorted[:0:0]
		for _, t := range sorted {
			if usedTags[t] {
				kept = append(kept, t)
			} else {
				g.warnf("#/tags", "tag %q has no operation; left out", t)
			}
		}
		sorted = kept
	}
	resource := &nodes.Property{
		DisplayName: "Resource", Name: "resource", Type: nodes.TypeOptions,
		NoDataExpression: true, Default: "",
	}
	for _, t := range sorted {
		info := tags[t]
		resource.Options = append(resource.Options, &nodes.Property{
			Name: StartCase(t), Value: StartCase(t), Description: info.description,
		})
	}
	props := []*nodes.Property{resource}
	for _, oo := range byResource {
		props = append(props, &nodes.Property{
			DisplayName: "Operation", Name: "operation", Type: nodes.TypeOptions, NoDataExpression: true,
			DisplayOptions: &nodes.DisplayOptions{Show: map[string][]any{"resource": {oo.resource}}},
			Options:        oo.options, Default: "",
		})
	}
	props = append(props, fields...)
	return &Result{Properties: props, Resources: len(resource.Options), Operations: ops, Warnings: g.warn}, nil
}

func getOr(o *Object, key string) any {
	v, ok := o.Get(key)
	if !ok {
		return undefined
	}
	return v
}

// operationTags are the operation's tags, or ["default"] when it has none.
func operationTags(op *Object) []string {
	v, _ := op.Get("tags")
	list, _ := v.([]any)
	if len(list) == 0 {
		return []string{"default"}
	}
	out := make([]string, 0, len(list))
	for _, t := range list {
		out = append(out, jsToString(t))
	}
	return out
}

func findOption(opts []*nodes.Property, value any) *nodes.Property {
	for _, o := range opts {
		if o.Value == value {
			return o
		}
	}
	return nil
}

// sortTags orders tags as ResourceCollector.sortedTags does: V8's
// Array.prototype.sort with (a, b) => order[a] - order[b], where an
// undeclared tag compares as NaN; then "default", unless declared, last.
func sortTags(seen []string, order map[string]int) []string {
	tags := append([]string(nil), seen...)
	cmp := func(a, b string) (int, bool) {
		oa, okA := order[a]
		ob, okB := order[b]
		if !okA || !okB {
			return 0, false // NaN
		}
		return oa - ob, true
	}
	v8Sort(tags, cmp)
	if _, declared := order["default"]; !declared {
		for i, t := range tags {
			if t == "default" {
				tags = append(append(tags[:i:i], tags[i+1:]...), "default")
				break
			}
		}
	}
	return tags
}

// v8Sort is V8's TimSort for the short arrays tag lists are: one natural
// run, then binary insertion sort. A comparison that is NaN (ok false)
// counts as "not less", as in V8.
func v8Sort(a []string, cmp func(a, b string) (int, bool)) {
	n := len(a)
	if n < 2 {
		return
	}
	less := func(x, y string) bool { c, ok := cmp(x, y); return ok && c < 0 }
	if n >= 64 {
		// Longer lists: a stable sort gives the same order when every
		// tag is declared (the only case where the order is well defined).
		stableSort(a, less)
		return
	}
	// CountAndMakeRun.
	run := 2
	desc := less(a[1], a[0])
	for i := 2; i < n; i++ {
		if desc {
			if !less(a[i], a[i-1]) {
				break
			}
		} else if less(a[i], a[i-1]) {
			break
		}
		run++
	}
	if desc {
		for i, j := 0, run-1; i < j; i, j = i+1, j-1 {
			a[i], a[j] = a[j], a[i]
		}
	}
	// BinaryInsertionSort from run to n.
	for start := run; start < n; start++ {
		pivot := a[start]
		left, right := 0, start
		for left < right {
			mid := left + (right-left)>>1
			if less(pivot, a[mid]) {
				right = mid
			} else {
				left = mid + 1
			}
		}
		copy(a[left+1:start+1], a[left:start])
		a[left] = pivot
	}
}

func stableSort(a []string, less func(x, y string) bool) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && less(a[j], a[j-1]); j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func pointerEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
