package validate

import (
	"slices"
	"sort"

	"github.com/noderun/noderun/nodes"
)

// credentials checks that node i has the credentials its description
// requires for its parameters, and none of a type it does not take.
func (v *validator) credentials(i int, n *nodes.Node, t *nodes.Type) {
	params := v.params[i]
	path := key(nodePath(i), "credentials")
	accepted := map[string]bool{}
	// Nodes that do not run need no credentials.
	_, pinned := v.wf.PinData[n.Name]
	skip := n.Disabled || pinned
	for _, slot := range t.Description.Credentials {
		if slot == nil {
			continue
		}
		accepted[slot.Name] = true
		if skip || !slot.Required || !nodes.Displayed(&nodes.Property{DisplayOptions: slot.DisplayOptions}, params, params, n.TypeVersion) {
			continue
		}
		if _, ok := n.Credentials[slot.Name]; !ok {
			v.add(Error, path, n.Name, "credential %q is required: set credentials.%s to {\"id\": ..., \"name\": ...}", slot.Name, slot.Name)
		}
	}
	// Nodes that pick a credential type by parameter (HTTP Request's
	// predefined and generic authentication).
	dynamic := false
	for param, mode := range map[string]string{"nodeCredentialType": "predefinedCredentialType", "genericAuthType": "genericCredentialType"} {
		typ, ok := params[param].(string)
		if !ok {
			continue
		}
		dynamic = true
		if typ == "" || typ[0] == '=' || params["authentication"] != mode {
			continue
		}
		accepted[typ] = true
		if _, ok := n.Credentials[typ]; !ok && !skip {
			v.add(Error, path, n.Name, "credential %q is required by authentication %q: set credentials.%s to {\"id\": ..., \"name\": ...}", typ, mode, typ)
		}
	}
	names := make([]string, 0, len(n.Credentials))
	for name := range n.Credentials {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if accepted[name] {
			continue
		}
		if dynamic && slices.Contains([]string{"httpBasicAuth", "httpDigestAuth", "httpHeaderAuth", "httpQueryAuth", "httpCustomAuth", "oAuth1Api", "oAuth2Api"}, name) {
			// Generic credentials left over from another authentication
			// choice; n8n keeps and ignores them.
			continue
		}
		var want []string
		for a := range accepted {
			want = append(want, a)
		}
		sort.Strings(want)
		if len(want) == 0 {
			v.add(Error, key(path, name), n.Name, "node type %q takes no credentials, not %q", n.Type, name)
			continue
		}
		v.add(Error, key(path, name), n.Name, "node type %q does not take a %q credential (it takes: %s)", n.Type, name, joinQuoted(want))
	}
}

func joinQuoted(list []string) string {
	s := ""
	for i, e := range list {
		if i > 0 {
			s += ", "
		}
		s += `"` + e + `"`
	}
	return s
}
