package routing

import (
	"fmt"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// makeRequest sends item i's request, paginating when the item asked for it
// and a pagination is defined (RoutingNode.makeRequest).
func (r *run) makeRequest(rd *requestData, i int) ([]nodes.Item, error) {
	if rd.paginate != nil && *rd.paginate && rd.pagination != nil {
		if _, ok := rd.options["qs"].(map[string]any); !ok {
			rd.options["qs"] = map[string]any{}
		}
		switch rd.pagination.Type {
		case "generic":
			return r.paginateGeneric(rd, i)
		case "offset":
			return r.paginateOffset(rd, i)
		}
		return nil, nil
	}
	resp, err := r.send(rd.options)
	if err != nil {
		return nil, err
	}
	return r.postProcess(resp, rd, i)
}

// send converts options to a request and sends it with the credential.
func (r *run) send(opts map[string]any) (*nodes.Response, error) {
	req, err := toRequest(opts)
	if err != nil {
		return nil, err
	}
	return r.ctx.HTTP(r.ctx.Context(), req, r.credType)
}

// paginateGeneric repeats the request, each time shallow-merging the
// evaluated pagination request over the original options, while continue
// is truthy.
func (r *run) paginateGeneric(rd *requestData, i int) ([]nodes.Item, error) {
	props := rd.pagination.Properties
	keys := map[string]any{"$request": rd.options, "$response": map[string]any{}, "$version": r.version}
	var out []nodes.Item
	for page := 0; ; page++ {
		if err := r.ctx.Context().Err(); err != nil {
			return nil, err
		}
		extra, err := r.eval(props["request"], i, keys)
		if err != nil {
			return nil, fmt.Errorf("pagination request: %w", err)
		}
		opts := make(map[string]any, len(rd.options)+4)
		for k, v := range rd.options {
			opts[k] = v
		}
		if m, ok := extra.(map[string]any); ok {
			for k, v := range m {
				opts[k] = v
			}
		}
		resp, err := r.send(opts)
		if err != nil {
			return nil, err
		}
		keys["$response"] = fullResponse(resp)
		items, err := r.postProcess(resp, rd, i)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		cont, err := r.eval(props["continue"], i, keys)
		if err != nil {
			return nil, fmt.Errorf("pagination continue: %w", err)
		}
		if !jsvalue.Truthy(cont) {
			return out, nil
		}
	}
}

// paginateOffset sends limit/offset pages until one comes back short or
// maxResults items are in.
func (r *run) paginateOffset(rd *requestData, i int) ([]nodes.Item, error) {
	props := rd.pagination.Properties
	target := "qs"
	if str(props["type"]) == "body" {
		target = "body"
	}
	params, ok := rd.options[target].(map[string]any)
	if !ok {
		params = map[string]any{}
		rd.options[target] = params
	}
	limitParam, offsetParam := str(props["limitParameter"]), str(props["offsetParameter"])
	pageSize, _ := toInt(props["pageSize"])
	rootProperty := str(props["rootProperty"])
	params[limitParam] = float64(pageSize)
	params[offsetParam] = float64(0)
	maxResults, hasMax := 0, false
	if rd.maxResults != nil {
		maxResults, hasMax = toInt(rd.maxResults)
	}
	var out []nodes.Item
	for {
		if err := r.ctx.Context().Err(); err != nil {
			return nil, err
		}
		if hasMax && maxResults > 0 {
			missing := maxResults - len(out)
			if missing < 1 {
				break
			}
			params[limitParam] = float64(min(pageSize, missing))
		}
		resp, err := r.send(rd.options)
		if err != nil {
			return nil, err
		}
		page, err := r.postProcess(resp, rd, i)
		if err != nil {
			return nil, err
		}
		off, _ := jsvalue.ToFloat(params[offsetParam])
		params[offsetParam] = off + float64(pageSize)
		if rootProperty != "" {
			var first any
			if len(page) > 0 {
				first = page[0].JSON
			}
			v, ok := getPath(first, rootProperty)
			if !ok {
				return nil, fmt.Errorf("The rootProperty %q could not be found on item.", rootProperty)
			}
			arr, _ := v.([]any)
			page = make([]nodes.Item, len(arr))
			for j, e := range arr {
				page[j] = nodes.Item{JSON: e}
			}
		}
		out = append(out, page...)
		if len(page) == 0 || len(page) != pageSize {
			break
		}
	}
	return out, nil
}
