package engine

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/noderun/noderun/nodes"
)

// NodeState is one node's context data (ExecuteContext.State) in a
// Checkpoint. Nodes keep Go values there ([]nodes.Item, int, ...), which
// a plain JSON round trip would turn into generic values their type
// assertions no longer match, so each value is written with its kind:
// {"key": {"kind": "items"|"int"|"static"|"json", "value": ...}}.
type NodeState map[string]any

// State value kinds.
const (
	stateItems  = "items"  // []nodes.Item
	stateItem   = "item"   // nodes.Item
	stateInt    = "int"    // int
	stateStatic = "static" // map[string]map[string]any (Code node static data)
	stateJSON   = "json"   // any other JSON value, key order kept
)

type stateValue struct {
	Kind  string          `json:"kind"`
	Value json.RawMessage `json:"value"`
}

// MarshalJSON writes each value with its kind.
func (s NodeState) MarshalJSON() ([]byte, error) {
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make(map[string]stateValue, len(s))
	for _, k := range keys {
		var (
			kind = stateJSON
			raw  []byte
			err  error
		)
		switch v := s[k].(type) {
		case []nodes.Item:
			kind = stateItems
			if v == nil {
				v = []nodes.Item{}
			}
			raw, err = json.Marshal(v)
		case nodes.Item:
			kind = stateItem
			raw, err = json.Marshal(v)
		case int:
			kind = stateInt
			raw, err = json.Marshal(v)
		case map[string]map[string]any:
			kind = stateStatic
			raw, err = json.Marshal(v)
		default:
			raw, err = nodes.MarshalJSON(v)
		}
		if err != nil {
			return nil, fmt.Errorf("node state %q: %w", k, err)
		}
		out[k] = stateValue{Kind: kind, Value: raw}
	}
	return json.Marshal(out)
}

// UnmarshalJSON restores each value to its Go type.
func (s *NodeState) UnmarshalJSON(b []byte) error {
	var in map[string]stateValue
	if err := json.Unmarshal(b, &in); err != nil {
		return fmt.Errorf("node state: %w", err)
	}
	st := make(NodeState, len(in))
	for k, sv := range in {
		var (
			v   any
			err error
		)
		switch sv.Kind {
		case stateItems:
			var items []nodes.Item
			err = json.Unmarshal(sv.Value, &items)
			if items == nil {
				items = []nodes.Item{}
			}
			v = items
		case stateItem:
			var it nodes.Item
			err = json.Unmarshal(sv.Value, &it)
			v = it
		case stateInt:
			var n int
			err = json.Unmarshal(sv.Value, &n)
			v = n
		case stateStatic:
			v, err = decodeStatic(sv.Value)
		case stateJSON:
			v, err = nodes.DecodeJSON(sv.Value)
		default:
			err = fmt.Errorf("unknown kind %q", sv.Kind)
		}
		if err != nil {
			return fmt.Errorf("node state %q: %w", k, err)
		}
		st[k] = v
	}
	*s = st
	return nil
}

// decodeStatic reads Code node static data, keeping key order.
func decodeStatic(raw []byte) (map[string]map[string]any, error) {
	generic, err := nodes.DecodeJSON(raw)
	if err != nil {
		return nil, err
	}
	top, ok := generic.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("static data is %T, not an object", generic)
	}
	m := make(map[string]map[string]any, len(top))
	for k, v := range top {
		inner, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("static data %q is %T, not an object", k, v)
		}
		m[k] = inner
	}
	return m, nil
}
