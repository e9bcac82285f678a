package credentials

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"

	"github.com/noderun/noderun/nodes"
)

//go:embed builtin_types.json
var builtinTypesJSON []byte

// BuiltinTypes returns a new registry holding the generic credential
// types: httpHeaderAuth, httpBasicAuth, httpQueryAuth, httpBearerAuth,
// httpCustomAuth and oAuth2Api. Bundled integrations register theirs on
// top.
func BuiltinTypes() *Types {
	types, err := LoadTypes(builtinTypesJSON)
	if err != nil {
		panic(fmt.Sprintf("credentials: builtin types: %v", err))
	}
	r := NewTypes()
	for _, t := range types {
		if t.Name == "httpCustomAuth" {
			t.AuthenticateFunc = customAuth
		}
		r.MustRegister(t)
	}
	return r
}

// customAuth is httpCustomAuth: the JSON property's headers, body and qs
// objects are merged over the request's (the HTTP Request node's logic).
func customAuth(data map[string]any, req *nodes.Request) error {
	var spec map[string]any
	switch v := data["json"].(type) {
	case map[string]any:
		spec = v
	case string:
		if v == "" {
			v = "{}"
		}
		if err := json.Unmarshal([]byte(v), &spec); err != nil {
			// Never echo the JSON: it holds the secrets.
			return fmt.Errorf("httpCustomAuth: property json is not valid JSON")
		}
	case nil:
		spec = map[string]any{}
	default:
		return fmt.Errorf("httpCustomAuth: property json is a %T, not JSON text", v)
	}
	if h, ok := spec["headers"].(map[string]any); ok {
		if req.Headers == nil {
			req.Headers = map[string]any{}
		}
		maps.Copy(req.Headers, h)
	}
	if q, ok := spec["qs"].(map[string]any); ok {
		if req.Query == nil {
			req.Query = map[string]any{}
		}
		maps.Copy(req.Query, q)
	}
	if b, ok := spec["body"].(map[string]any); ok {
		body, _ := req.Body.(map[string]any)
		merged := make(map[string]any, len(body)+len(b))
		maps.Copy(merged, body)
		maps.Copy(merged, b)
		req.Body = merged
	}
	return nil
}
