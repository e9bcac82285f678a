package routing

import (
	"fmt"

	"github.com/noderun/noderun/nodes"
)

// selectCredential picks the credential slot RoutingNode uses: the only
// one, or the one whose displayOptions.show.authentication lists the node's
// authentication parameter. It returns nil when the type declares none.
func selectCredential(ctx nodes.ExecuteContext, desc *nodes.Description) (*nodes.CredentialSlot, error) {
	switch len(desc.Credentials) {
	case 0:
		return nil, nil
	case 1:
		return desc.Credentials[0], nil
	}
	auth, err := ctx.Param("authentication", 0, nil)
	if err != nil {
		return nil, fmt.Errorf("parameter authentication: %w", err)
	}
	for _, c := range desc.Credentials {
		if c == nil || c.DisplayOptions == nil {
			continue
		}
		for _, v := range c.DisplayOptions.Show["authentication"] {
			if strictEqual(v, auth) {
				return c, nil
			}
		}
	}
	e := nodes.NewOperationErrorf(ctx.Node().Name, "Node type %q does not have any credentials of type %q defined", ctx.Node().Type, str(auth))
	return nil, e
}

// loadCredential resolves the slot's data; a missing optional credential
// means an unauthenticated request (slot nil).
func loadCredential(ctx nodes.ExecuteContext, slot *nodes.CredentialSlot) (*nodes.CredentialSlot, map[string]any, error) {
	if slot == nil {
		return nil, nil, nil
	}
	data, err := ctx.Credential(slot.Name)
	if err != nil {
		if slot.Required {
			return nil, nil, err
		}
		return nil, nil, nil
	}
	if data == nil {
		data = map[string]any{}
	}
	return slot, data, nil
}
