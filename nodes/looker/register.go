package looker

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/routing"
)

// TypeName is the node type name, under noderun's package prefix.
const TypeName = "n8n-nodes-noderun.looker"

// Alias is the short name the type also answers to.
const Alias = "looker"

// DescriptionJSON is the generated node description (n8n's
// INodeTypeDescription JSON).
//
//go:embed description.json
var DescriptionJSON []byte

// CredentialTypes is the lookerApi credential type (session login) in n8n's
// ICredentialType JSON shape, for the credentials package.
//
//go:embed credentials.json
var CredentialTypes []byte

// Register adds the Looker node type (declarative: no Handler) to r under
// TypeName and Alias.
func Register(r *nodes.Registry) error {
	if err := routing.RegisterLazy(r, TypeName, DescriptionJSON, Alias); err != nil {
		return fmt.Errorf("looker: %w", err)
	}
	return nil
}

// Description decodes the checked-in description as generated (without
// the "Request Options" collection that registration adds).
func Description() (*nodes.Description, error) {
	var d nodes.Description
	if err := json.Unmarshal(DescriptionJSON, &d); err != nil {
		return nil, fmt.Errorf("looker: decode description.json: %w", err)
	}
	return &d, nil
}
