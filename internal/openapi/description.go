package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/noderun/noderun/nodes"
)

// NodeConfig is what a node description needs beyond the spec.
type NodeConfig struct {
	// Name is the node type name ("dnsfilter").
	Name string
	// DisplayName is the name users see ("DNSFilter").
	DisplayName string
	// Description is the node's one-line description; empty gives
	// "Interact with <DisplayName> API".
	Description string
	// Credential, when set, is the credential type every request is
	// authenticated with (a required credentials entry).
	Credential string
	// BaseURL, when set, is requestDefaults.baseURL (a URL or an
	// expression such as "={{$credentials.url}}").
	BaseURL string
	// Headers are requestDefaults.headers.
	Headers map[string]string
	// Icon is the n8n icon reference ("file:acme.svg"), optional.
	Icon string
}

// BuildDescription maps doc to a complete declarative node description.
func BuildDescription(doc *Object, cfg NodeConfig, opts Options) (*nodes.Description, *Result, error) {
	if cfg.Name == "" || cfg.DisplayName == "" {
		return nil, nil, fmt.Errorf("build description: name and display name are required")
	}
	res, err := BuildProperties(doc, opts)
	if err != nil {
		return nil, nil, fmt.Errorf("build description %q: %w", cfg.Name, err)
	}
	desc := cfg.Description
	if desc == "" {
		desc = "Interact with " + cfg.DisplayName + " API"
	}
	d := &nodes.Description{
		DisplayName: cfg.DisplayName,
		Name:        cfg.Name,
		Group:       []string{"transform"},
		Version:     nodes.Versions{1},
		Subtitle:    `={{$parameter["operation"] + ": " + $parameter["resource"]}}`,
		Description: desc,
		Defaults:    map[string]any{"name": cfg.DisplayName},
		Inputs:      []any{"main"},
		Outputs:     []any{"main"},
		Properties:  res.Properties,
	}
	if cfg.Icon != "" {
		d.Icon = cfg.Icon
	}
	if cfg.Credential != "" {
		d.Credentials = []*nodes.CredentialSlot{{Name: cfg.Credential, Required: true}}
	}
	if cfg.BaseURL != "" || len(cfg.Headers) > 0 {
		d.RequestDefaults = map[string]any{}
		if len(cfg.Headers) > 0 {
			h := map[string]any{}
			for k, v := range cfg.Headers {
				h[k] = v
			}
			d.RequestDefaults["headers"] = h
		}
		if cfg.BaseURL != "" {
			d.RequestDefaults["baseURL"] = cfg.BaseURL
		}
	}
	if err := nodes.ValidateDescription(d); err != nil {
		res.Warnings = append(res.Warnings, Warning{Path: "#", Message: err.Error()})
	}
	return d, res, nil
}

// MarshalDescription writes a description as the checked-in JSON:
// two-space indentation, no HTML escaping, a final newline. The output is
// deterministic (map keys sorted).
func MarshalDescription(d *nodes.Description) ([]byte, error) {
	return marshalIndent(d)
}

func marshalIndent(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
