package routing

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// LoadDescription decodes a declarative node description in n8n's JSON
// shape (an INodeTypeDescription), validates it with
// nodes.ValidateDescription and adds the "Request Options" collection.
// Errors name the node and the JSON path of the offending value.
func LoadDescription(data []byte) (*nodes.Description, error) {
	var head struct {
		Name string `json:"name"`
	}
	_ = json.Unmarshal(data, &head)
	name := head.Name
	if name == "" {
		name = "(unnamed)"
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, fmt.Errorf("node type %q: decode description: %w", name, err)
	}
	// n8n's documentationUrl is a string; the model keeps an object there,
	// so a string goes to Extra instead.
	if raw, ok := all["documentationUrl"]; ok && len(bytes.TrimSpace(raw)) > 0 && bytes.TrimSpace(raw)[0] == '"' {
		delete(all, "documentationUrl")
		data, _ = json.Marshal(all)
		all["documentationUrl~"] = raw
	}
	var d nodes.Description
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&d); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("node type %q: description field %s: cannot use JSON %s as %s", name, locate(all, te), te.Value, te.Type)
		}
		return nil, fmt.Errorf("node type %q: decode description: %w", name, err)
	}
	d.Extra = unknownFields(all)
	if err := nodes.ValidateDescription(&d); err != nil {
		return nil, err
	}
	if !d.IsTrigger() {
		AddRequestOptions(&d)
	}
	return &d, nil
}

// knownFields are the top-level keys nodes.Description decodes.
var knownFields = map[string]bool{
	"displayName": true, "name": true, "icon": true, "group": true, "version": true, "defaultVersion": true,
	"subtitle": true, "description": true, "defaults": true, "inputs": true, "outputs": true, "outputNames": true,
	"credentials": true, "requestDefaults": true, "requestOperations": true, "properties": true, "documentationUrl": true,
}

// unknownFields keeps the keys the model has no field for in Extra.
func unknownFields(all map[string]json.RawMessage) map[string]any {
	var out map[string]any
	for k, raw := range all {
		if knownFields[k] {
			continue
		}
		k = strings.TrimSuffix(k, "~")
		var v any
		if json.Unmarshal(raw, &v) != nil {
			continue
		}
		if out == nil {
			out = map[string]any{}
		}
		out[k] = v
	}
	return out
}

// Register loads a description from JSON and registers it in reg as a
// declarative type (Handler nil) under its name and the given aliases. It
// installs a routing handler as reg.Declarative when none is set.
func Register(reg *nodes.Registry, data []byte, aliases ...string) (*nodes.Type, error) {
	d, err := LoadDescription(data)
	if err != nil {
		return nil, err
	}
	t := &nodes.Type{Description: d, Aliases: aliases}
	if err := reg.Register(t); err != nil {
		return nil, err
	}
	if reg.Declarative == nil {
		reg.Declarative = New()
	}
	return t, nil
}

// locate turns a decoding error's field path into the description's path
// with the failing property's index and name ("properties[3](email).
// routing.send.property"), decoding the properties one by one to find it.
func locate(all map[string]json.RawMessage, te *json.UnmarshalTypeError) string {
	rest, ok := strings.CutPrefix(te.Field, "properties")
	if !ok {
		return te.Field
	}
	var props []json.RawMessage
	if json.Unmarshal(all["properties"], &props) != nil {
		return te.Field
	}
	for i, raw := range props {
		var p nodes.Property
		if err := json.Unmarshal(raw, &p); err != nil {
			var head struct {
				Name string `json:"name"`
			}
			_ = json.Unmarshal(raw, &head)
			field := rest
			var inner *json.UnmarshalTypeError
			if errors.As(err, &inner) && inner.Field != "" {
				field = "." + inner.Field
			}
			return fmt.Sprintf("properties[%d](%s)%s", i, head.Name, field)
		}
	}
	return te.Field
}
