package routing

import "github.com/noderun/noderun/nodes"

// RegisterLazy registers a declarative description under name and aliases
// without decoding it: the JSON is loaded (and validated) the first time a
// workflow looks the type up, so large integrations cost nothing at start-up.
// name must be the description's own name.
func RegisterLazy(reg *nodes.Registry, name string, data []byte, aliases ...string) error {
	if reg.Declarative == nil {
		reg.Declarative = New()
	}
	return reg.RegisterLazy(name, aliases, func() (*nodes.Type, error) {
		d, err := LoadDescription(data)
		if err != nil {
			return nil, err
		}
		return &nodes.Type{Description: d, Aliases: aliases}, nil
	})
}
