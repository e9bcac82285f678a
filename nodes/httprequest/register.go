package httprequest

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/noderun/noderun/nodes"
)

// TypeName is the node type name.
const TypeName = "n8n-nodes-base.httpRequest"

// DescriptionJSON is n8n's description of the node (HttpRequestV3, which
// serves typeVersions 3 to 4.5). The one property of n8n's "credentials"
// type (sslCertificate, a UI credential picker) is stored as "hidden".
//
//go:embed description.json
var DescriptionJSON []byte

// Description decodes the node description.
func Description() (*nodes.Description, error) {
	var d nodes.Description
	if err := json.Unmarshal(DescriptionJSON, &d); err != nil {
		return nil, fmt.Errorf("httpRequest: decode description.json: %w", err)
	}
	d.Name = TypeName
	return &d, nil
}

// Type returns the registrable node type: the description and the handler.
func Type() (*nodes.Type, error) {
	d, err := Description()
	if err != nil {
		return nil, err
	}
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(Execute)}, nil
}

// Register adds the HTTP Request node (typeVersions 3, 4, 4.1 to 4.5) to r.
func Register(r *nodes.Registry) error {
	t, err := Type()
	if err != nil {
		return err
	}
	if err := r.Register(t); err != nil {
		return fmt.Errorf("httpRequest: %w", err)
	}
	return nil
}
