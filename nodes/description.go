package nodes

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/noderun/noderun/internal/jsvalue"
)

// Description is a node type's description in n8n's INodeTypeDescription
// shape. It loads from the JSON a community package ships and can be
// written as a Go value.
type Description struct {
	DisplayName       string             `json:"displayName" validate:"required"`
	Name              string             `json:"name" validate:"required"`
	Icon              any                `json:"icon,omitempty"`
	Group             []string           `json:"group,omitempty"`
	Version           Versions           `json:"version" validate:"required,min=1"`
	DefaultVersion    float64            `json:"defaultVersion,omitempty"`
	Subtitle          string             `json:"subtitle,omitempty"`
	Description       string             `json:"description,omitempty"`
	Defaults          map[string]any     `json:"defaults,omitempty"`
	Inputs            any                `json:"inputs,omitempty"`
	Outputs           any                `json:"outputs,omitempty"`
	OutputNames       []string           `json:"outputNames,omitempty"`
	Credentials       []*CredentialSlot  `json:"credentials,omitempty" validate:"dive"`
	RequestDefaults   map[string]any     `json:"requestDefaults,omitempty"`
	RequestOperations *RoutingOperations `json:"requestOperations,omitempty"`
	Properties        []*Property        `json:"properties" validate:"dive"`
	Documentation     map[string]any     `json:"documentationUrl,omitempty"`
	Extra             map[string]any     `json:"-"`
}

// IsTrigger reports whether the node type starts workflows (group trigger).
func (d *Description) IsTrigger() bool { return slices.Contains(d.Group, "trigger") }

// CredentialSlot is one entry of a description's credentials list.
type CredentialSlot struct {
	Name           string          `json:"name" validate:"required"`
	Required       bool            `json:"required,omitempty"`
	DisplayOptions *DisplayOptions `json:"displayOptions,omitempty"`
}

// Versions is a node type's version: one number or a list in JSON.
type Versions []float64

// MarshalJSON writes one number when there is a single version.
func (v Versions) MarshalJSON() ([]byte, error) {
	if len(v) == 1 {
		return json.Marshal(v[0])
	}
	return json.Marshal([]float64(v))
}

// UnmarshalJSON accepts a number or an array of numbers.
func (v *Versions) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var vs []float64
		if err := json.Unmarshal(b, &vs); err != nil {
			return fmt.Errorf("version: %w", err)
		}
		*v = vs
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return fmt.Errorf("version: want a number or a list of numbers: %w", err)
	}
	*v = Versions{f}
	return nil
}

// Has reports whether v lists version.
func (v Versions) Has(version float64) bool { return slices.Contains(v, version) }

// Latest returns the highest version.
func (v Versions) Latest() float64 {
	if len(v) == 0 {
		return 1
	}
	return slices.Max(v)
}

// Property types.
const (
	TypeString          = "string"
	TypeNumber          = "number"
	TypeBoolean         = "boolean"
	TypeOptions         = "options"
	TypeMultiOptions    = "multiOptions"
	TypeCollection      = "collection"
	TypeFixedCollection = "fixedCollection"
	TypeJSON            = "json"
	TypeNotice          = "notice"
	TypeCallout         = "callout"
	TypeHidden          = "hidden"
	TypeDateTime        = "dateTime"
	TypeResourceLocator = "resourceLocator"
	TypeResourceMapper  = "resourceMapper"
	TypeColor           = "color"
	TypeFilter          = "filter"
	TypeAssignments     = "assignmentCollection"
	TypeCredentialsSel  = "credentialsSelect"
	TypeButton          = "button"
)

// Property is one node parameter (INodeProperties). The same struct also
// describes the entries of Options, which n8n overloads:
//   - for options/multiOptions, entries carry Name (label), Value, Action,
//     Description and Routing;
//   - for collection, entries are full properties;
//   - for fixedCollection, entries are groups with Name, DisplayName and Values.
type Property struct {
	DisplayName      string          `json:"displayName,omitempty"`
	Name             string          `json:"name" validate:"required"`
	Type             string          `json:"type,omitempty" validate:"omitempty,oneof=string number boolean options multiOptions collection fixedCollection json notice callout hidden dateTime resourceLocator resourceMapper color filter assignmentCollection credentialsSelect button workflowSelector curlImport"`
	Default          any             `json:"default,omitempty"`
	Value            any             `json:"value,omitempty"`
	Action           string          `json:"action,omitempty"`
	Description      string          `json:"description,omitempty"`
	Hint             string          `json:"hint,omitempty"`
	Placeholder      string          `json:"placeholder,omitempty"`
	Required         bool            `json:"required,omitempty"`
	NoDataExpression bool            `json:"noDataExpression,omitempty"`
	DisplayOptions   *DisplayOptions `json:"displayOptions,omitempty"`
	Options          []*Property     `json:"options,omitempty" validate:"dive"`
	Values           []*Property     `json:"values,omitempty" validate:"dive"`
	TypeOptions      map[string]any  `json:"typeOptions,omitempty"`
	Routing          *Routing        `json:"routing,omitempty"`
	Modes            []*Property     `json:"modes,omitempty"`
	ExtractValue     map[string]any  `json:"extractValue,omitempty"`
	ValidateType     string          `json:"validateType,omitempty"`
	IsNodeSetting    bool            `json:"isNodeSetting,omitempty"`
}

// MultipleValues reports typeOptions.multipleValues.
func (p *Property) MultipleValues() bool {
	b, _ := p.TypeOptions["multipleValues"].(bool)
	return b
}

// Option returns the entry of Options whose value (for options types) or
// name (for collection/fixedCollection) is key, or nil.
func (p *Property) Option(key any) *Property {
	for _, o := range p.Options {
		if p.Type == TypeOptions || p.Type == TypeMultiOptions {
			if jsvalue.LooseEqual(o.Value, key) {
				return o
			}
			continue
		}
		if s, ok := key.(string); ok && o.Name == s {
			return o
		}
	}
	return nil
}

// DisplayOptions decide when a property is shown (n8n's displayOptions).
// Keys are sibling names, "/root" names, "@version"; values are lists of
// accepted values or {"_cnd": {op: operand}} conditions.
type DisplayOptions struct {
	Show map[string][]any `json:"show,omitempty"`
	Hide map[string][]any `json:"hide,omitempty"`
}

// Routing is a property's declarative routing (INodePropertyRouting).
type Routing struct {
	Request    map[string]any     `json:"request,omitempty"`
	Send       *RoutingSend       `json:"send,omitempty"`
	Output     *RoutingOutput     `json:"output,omitempty"`
	Operations *RoutingOperations `json:"operations,omitempty"`
}

// RoutingSend places a parameter value into the request.
type RoutingSend struct {
	Type                  string `json:"type,omitempty" validate:"omitempty,oneof=body query"`
	Property              string `json:"property,omitempty"`
	PropertyInDotNotation *bool  `json:"propertyInDotNotation,omitempty"`
	Value                 any    `json:"value,omitempty"`
	Paginate              any    `json:"paginate,omitempty"`
	PreSend               []any  `json:"preSend,omitempty"`
}

// RoutingOutput post-processes responses.
type RoutingOutput struct {
	MaxResults  any                  `json:"maxResults,omitempty"`
	PostReceive []*PostReceiveAction `json:"postReceive,omitempty" validate:"dive"`
}

// PostReceiveAction is one response post-processing step.
type PostReceiveAction struct {
	Type       string         `json:"type" validate:"required,oneof=rootProperty filter limit set setKeyValue sort binaryData"`
	Enabled    any            `json:"enabled,omitempty"`
	Properties map[string]any `json:"properties,omitempty"`
}

// RoutingOperations holds pagination settings.
type RoutingOperations struct {
	Pagination *Pagination `json:"pagination,omitempty"`
}

// Pagination is generic (continue + request) or offset pagination.
type Pagination struct {
	Type       string         `json:"type" validate:"required,oneof=generic offset"`
	Properties map[string]any `json:"properties"`
}
