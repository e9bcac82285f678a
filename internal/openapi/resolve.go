package openapi

import (
	"fmt"
	"strconv"
	"strings"
)

// resolver ports the package's RefResolver: oneOf/anyOf take their first
// member, allOf members are resolved and shallow-merged (later keys win),
// and a $ref is replaced by its target with the sibling keys kept underneath.
type resolver struct {
	doc *Object
}

// resolveRef returns the resolved schema and the refs it went through. refs
// is nil when no ref was followed (JavaScript undefined); its entries are a
// ref string or nil (an allOf member that had no ref).
func (r *resolver) resolveRef(v any) (*Object, []any, error) {
	schema, ok := v.(*Object)
	if !ok {
		return nil, nil, fmt.Errorf("schema is %s, not an object", jsTypeName(v))
	}
	if schema.Has("properties") {
		return schema, nil, nil
	}
	if one, ok := schema.Get("oneOf"); ok {
		first, err := firstMember(one, "oneOf")
		if err != nil {
			return nil, nil, err
		}
		if schema, ok = first.(*Object); !ok {
			return nil, nil, fmt.Errorf("oneOf[0] is %s, not an object", jsTypeName(first))
		}
	}
	if anyOf, ok := schema.Get("anyOf"); ok {
		first, err := firstMember(anyOf, "anyOf")
		if err != nil {
			return nil, nil, err
		}
		if schema, ok = first.(*Object); !ok {
			return nil, nil, fmt.Errorf("anyOf[0] is %s, not an object", jsTypeName(first))
		}
	}
	if all, ok := schema.Get("allOf"); ok {
		members, ok := all.([]any)
		if !ok {
			return nil, nil, fmt.Errorf("allOf is %s, not an array", jsTypeName(all))
		}
		merged := NewObject()
		refs := []any{}
		for _, m := range members {
			s, rs, err := r.resolveRef(m)
			if err != nil {
				return nil, nil, err
			}
			assign(merged, s)
			if rs == nil {
				refs = append(refs, nil)
			} else {
				refs = append(refs, rs...)
			}
		}
		return merged, refs, nil
	}
	if refV, ok := schema.Get("$ref"); ok {
		ref, _ := refV.(string)
		target, err := r.findRef(ref)
		if err != nil {
			return nil, nil, err
		}
		rest := schema.Clone()
		rest.Delete("$ref")
		assign(rest, target)
		return rest, []any{ref}, nil
	}
	return schema, nil, nil
}

func (r *resolver) resolve(v any) (*Object, error) {
	s, _, err := r.resolveRef(v)
	return s, err
}

func firstMember(v any, key string) (any, error) {
	arr, ok := v.([]any)
	if !ok || len(arr) == 0 {
		return nil, fmt.Errorf("%s has no first member", key)
	}
	return arr[0], nil
}

// findRef follows a local "#/a/b" reference (segments are used as written,
// as the package does) and any chain of $refs at its target.
func (r *resolver) findRef(ref string) (*Object, error) {
	for hops := 0; hops < 64; hops++ {
		parts := strings.Split(ref, "/")[1:]
		var cur any = r.doc
		for _, p := range parts {
			switch c := cur.(type) {
			case *Object:
				cur, _ = c.Get(p)
			case []any:
				i, err := strconv.Atoi(p)
				if err != nil || i < 0 || i >= len(c) {
					cur = nil
				} else {
					cur = c[i]
				}
			default:
				cur = nil
			}
			if !jsTruthy(cur) {
				return nil, fmt.Errorf("Schema not found for ref '%s'", ref)
			}
		}
		obj, ok := cur.(*Object)
		if !ok {
			return nil, fmt.Errorf("ref '%s' points at %s, not an object", ref, jsTypeName(cur))
		}
		next, ok := obj.Get("$ref")
		if !ok {
			return obj, nil
		}
		ref, _ = next.(string)
	}
	return nil, fmt.Errorf("ref '%s': too many chained $refs", ref)
}

// assign is Object.assign(dst, src) for one source.
func assign(dst *Object, src any) {
	switch s := src.(type) {
	case *Object:
		for _, k := range s.Keys() {
			v, _ := s.Get(k)
			dst.Set(k, v)
		}
	case []any:
		for i, v := range s {
			dst.Set(strconv.Itoa(i), v)
		}
	case string:
		for i, u := range utf16Units(s) {
			dst.Set(strconv.Itoa(i), u)
		}
	}
}

// exampleBuilder ports SchemaExample: the first example, default, or an
// object/array built from properties/items. visited never shrinks, so a ref
// seen once gives {} everywhere after, as in the package.
type exampleBuilder struct {
	r       *resolver
	visited map[any]bool
}

func (r *resolver) extractExample(schema any) (any, error) {
	b := &exampleBuilder{r: r, visited: map[any]bool{}}
	return b.build(schema)
}

func (b *exampleBuilder) build(v any) (any, error) {
	schema, refs, err := b.r.resolveRef(v)
	if err != nil {
		return nil, err
	}
	if refs != nil {
		for _, ref := range refs {
			key := ref
			if ref == nil {
				key = undefined
			}
			if b.visited[key] {
				return NewObject(), nil
			}
			b.visited[key] = true
		}
	}
	if one, ok := schema.Get("oneOf"); ok {
		first, err := firstMember(one, "oneOf")
		if err != nil {
			return nil, err
		}
		return b.build(first)
	}
	if all, ok := schema.Get("allOf"); ok {
		members, _ := all.([]any)
		out := NewObject()
		examples := make([]any, 0, len(members))
		for _, m := range members {
			ex, err := b.build(m)
			if err != nil {
				return nil, err
			}
			examples = append(examples, ex)
		}
		for _, ex := range examples {
			assign(out, ex)
		}
		return out, nil
	}
	if ex, ok := schema.Get("example"); ok {
		return ex, nil
	}
	if def, ok := schema.Get("default"); ok {
		return def, nil
	}
	if props, ok := schema.Get("properties"); ok && jsTruthy(props) {
		out := NewObject()
		if po, ok := props.(*Object); ok {
			for _, k := range po.Keys() {
				pv, _ := po.Get(k)
				ex, err := b.build(pv)
				if err != nil {
					return nil, err
				}
				out.Set(k, ex)
			}
		}
		return out, nil
	}
	if items, ok := schema.Get("items"); ok && jsTruthy(items) {
		ex, err := b.build(items)
		if err != nil {
			return nil, err
		}
		return []any{ex}, nil
	}
	return undefined, nil
}
