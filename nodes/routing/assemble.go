package routing

import (
	"fmt"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// requestData is n8n's DeclarativeRestApiSettings.ResultOptions for one
// item: the request options being assembled and what to do with replies.
type requestData struct {
	options     map[string]any
	paginate    *bool
	maxResults  any
	postReceive []postReceiveGroup
	pagination  *nodes.Pagination
}

// postReceiveGroup is one property's enabled postReceive actions with the
// property's value ($value inside the actions).
type postReceiveGroup struct {
	value   any
	actions []*nodes.PostReceiveAction
}

// assemble builds item i's request options: requestDefaults, then every
// plan step in order, deep-merged as RoutingNode.runNode does.
func (r *run) assemble(i int) (*requestData, error) {
	rd := &requestData{
		options: map[string]any{"qs": map[string]any{}, "body": map[string]any{}, "headers": map[string]any{}},
	}
	if ops := r.desc.RequestOperations; ops != nil {
		rd.pagination = ops.Pagination
	}
	keys := r.baseKeys()
	for k, v := range r.desc.RequestDefaults {
		val, err := r.eval(v, i, keys)
		if err != nil {
			return nil, r.itemError(i, fmt.Errorf("requestDefaults.%s: %w", k, err))
		}
		rd.options[k] = val
	}
	for si := range r.plan.steps {
		if err := r.applyStep(rd, &r.plan.steps[si], i, keys); err != nil {
			return nil, err
		}
	}
	r.applyRequestOptions(rd.options)
	return rd, nil
}

// baseKeys are the routing variables every evaluation sees.
func (r *run) baseKeys() map[string]any {
	return map[string]any{"$credentials": r.credentials, "$version": r.version}
}

// applyStep merges one property's routing into rd for item i. keys holds
// the item's base routing variables; the step sets $value, $index and
// $parent in it (the evaluator does not keep the map).
func (r *run) applyStep(rd *requestData, s *step, i int, keys map[string]any) error {
	rt := s.prop.Routing
	where := s.path
	if where == "" {
		where = fmt.Sprintf("option %q", s.prop.Name)
	}
	var value any
	if s.path != "" {
		v, err := r.ctx.Param(s.path, i, nil)
		if err != nil {
			return r.itemError(i, fmt.Errorf("parameter %s: %w", s.path, err))
		}
		if s.extract {
			if v, err = extractParam(s.prop, v); err != nil {
				return r.itemError(i, fmt.Errorf("parameter %s: %w", s.path, err))
			}
		}
		value = v
	}
	keys["$value"] = value
	delete(keys, "$index")
	delete(keys, "$parent")
	if s.index >= 0 {
		keys["$index"] = s.index
		parent, _ := getPath(r.params, s.parentPath)
		if hasExpr(parent) {
			p, err := r.ctx.Evaluate(parent, i, nil)
			if err != nil {
				return r.itemError(i, fmt.Errorf("parameter %s: %w", s.parentPath, err))
			}
			parent = p
		}
		keys["$parent"] = parent
	}

	if ops := rt.Operations; ops != nil && ops.Pagination != nil {
		rd.pagination = ops.Pagination
	}
	for k, v := range rt.Request {
		val, err := r.eval(v, i, keys)
		if err != nil {
			return r.itemError(i, fmt.Errorf("%s: routing.request.%s: %w", where, k, err))
		}
		rd.options[k] = jsvalue.Merge(rd.options[k], val)
	}
	if send := rt.Send; send != nil {
		if send.Property != "" {
			name, err := r.evalString(send.Property, i, keys)
			if err != nil {
				return r.itemError(i, fmt.Errorf("%s: routing.send.property: %w", where, err))
			}
			val := value
			if jsvalue.Truthy(send.Value) {
				if val, err = r.eval(send.Value, i, keys); err != nil {
					return r.itemError(i, fmt.Errorf("%s: routing.send.value: %w", where, err))
				}
			} else {
				val = nodes.DeepCopy(val)
			}
			target := "qs"
			if send.Type == "body" {
				target = "body"
			}
			dst, ok := rd.options[target].(map[string]any)
			if !ok {
				dst = map[string]any{}
				rd.options[target] = dst
			}
			key := keyString(name)
			if send.PropertyInDotNotation != nil && !*send.PropertyInDotNotation {
				dst[key] = jsvalue.Merge(dst[key], val)
			} else {
				setPath(dst, key, val)
			}
		}
		if send.Paginate != nil {
			pv := send.Paginate
			if isExprString(pv) {
				v, err := r.evalString(pv, i, keys)
				if err != nil {
					return r.itemError(i, fmt.Errorf("%s: routing.send.paginate: %w", where, err))
				}
				pv = v
			}
			if rd.paginate == nil {
				b := jsvalue.Truthy(pv)
				rd.paginate = &b
			}
		}
	}
	if out := rt.Output; out != nil {
		if out.MaxResults != nil {
			mv := out.MaxResults
			if isExprString(mv) {
				v, err := r.evalString(mv, i, keys)
				if err != nil {
					return r.itemError(i, fmt.Errorf("%s: routing.output.maxResults: %w", where, err))
				}
				mv = v
			}
			if jsvalue.Truthy(mv) {
				rd.maxResults = mv
			}
		}
		var actions []*nodes.PostReceiveAction
		for _, a := range out.PostReceive {
			if a == nil {
				continue
			}
			if isExprString(a.Enabled) {
				v, err := r.evalString(a.Enabled, i, keys)
				if err != nil {
					return r.itemError(i, fmt.Errorf("%s: routing.output.postReceive %s enabled: %w", where, a.Type, err))
				}
				if !jsvalue.Truthy(v) {
					continue
				}
			} else if b, ok := a.Enabled.(bool); ok && !b {
				continue
			}
			actions = append(actions, a)
		}
		if len(actions) > 0 {
			rd.postReceive = append(rd.postReceive, postReceiveGroup{value: value, actions: actions})
		}
	}
	return nil
}

// applyRequestOptions applies the node's "Request Options" collection:
// proxy, allowUnauthorizedCerts and the timeout (300000 ms by default).
func (r *run) applyRequestOptions(opts map[string]any) {
	if r.reqOpts.proxy != "" {
		opts["proxy"] = r.reqOpts.proxy
	}
	if r.reqOpts.allowUnauthorizedCerts {
		opts["skipSslCertificateValidation"] = true
	}
	if r.reqOpts.timeout > 0 {
		opts["timeout"] = r.reqOpts.timeout
	} else {
		opts["timeout"] = float64(300000)
	}
}
