package routing

import (
	"slices"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// RequestOptionsName is the parameter name of the auto-added collection.
const RequestOptionsName = "requestOptions"

// requestOptionsProperty returns a fresh copy of n8n's
// commonDeclarativeNodeOptionParameters ("Request Options").
func requestOptionsProperty() *nodes.Property {
	return &nodes.Property{
		DisplayName: "Request Options", Name: RequestOptionsName, Type: nodes.TypeCollection,
		IsNodeSetting: true, Placeholder: "Add Option", Default: map[string]any{},
		Options: []*nodes.Property{
			{
				DisplayName: "Batching", Name: "batching", Placeholder: "Add Batching", Type: nodes.TypeFixedCollection,
				TypeOptions: map[string]any{"multipleValues": false},
				Default:     map[string]any{"batch": map[string]any{}},
				Options: []*nodes.Property{{
					DisplayName: "Batching", Name: "batch",
					Values: []*nodes.Property{
						{
							DisplayName: "Items per Batch", Name: "batchSize", Type: nodes.TypeNumber,
							TypeOptions: map[string]any{"minValue": float64(-1)}, Default: float64(50),
							Description: "Input will be split in batches to throttle requests. -1 for disabled. 0 will be treated as 1.",
						},
						{
							DisplayName: "Batch Interval (ms)", Name: "batchInterval", Type: nodes.TypeNumber,
							TypeOptions: map[string]any{"minValue": float64(0)}, Default: float64(1000),
							Description: "Time (in milliseconds) between each batch of requests. 0 for disabled.",
						},
					},
				}},
			},
			{
				DisplayName: "Ignore SSL Issues (Insecure)", Name: "allowUnauthorizedCerts", Type: nodes.TypeBoolean,
				NoDataExpression: true, Default: false,
				Description: "Whether to accept the response even if SSL certificate validation is not possible",
			},
			{
				DisplayName: "Proxy", Name: "proxy", Type: nodes.TypeString, Default: "",
				Placeholder: "e.g. http://myproxy:3128",
				Description: "HTTP proxy to use. If authentication is required it can be defined as follow: http://username:password@myproxy:3128",
			},
			{
				DisplayName: "Timeout", Name: "timeout", Type: nodes.TypeNumber,
				TypeOptions: map[string]any{"minValue": float64(1)}, Default: float64(10000),
				Description: "Time in ms to wait for the server to send response headers (and start the response body) before aborting the request",
			},
		},
	}
}

// AddRequestOptions adds n8n's "Request Options" collection to a
// declarative description (DirectoryLoader.applyDeclarativeNodeOptionParameters):
// appended when the node has none, else merged with the node's own
// requestOptions entries and sorted by display name. Calling it again is
// harmless.
func AddRequestOptions(d *nodes.Description) {
	common := requestOptionsProperty()
	idx := slices.IndexFunc(d.Properties, func(p *nodes.Property) bool { return p != nil && p.Name == RequestOptionsName })
	if idx < 0 {
		d.Properties = append(d.Properties, common)
		return
	}
	existing := d.Properties[idx]
	merged := *common
	merged.Options = slices.Clone(common.Options)
	for _, o := range existing.Options {
		if o == nil {
			continue
		}
		if j := slices.IndexFunc(merged.Options, func(c *nodes.Property) bool { return c.Name == o.Name }); j >= 0 {
			merged.Options[j] = o
			continue
		}
		merged.Options = append(merged.Options, o)
	}
	slices.SortStableFunc(merged.Options, func(a, b *nodes.Property) int {
		return strings.Compare(sortName(a), sortName(b))
	})
	d.Properties[idx] = &merged
}

func sortName(p *nodes.Property) string {
	if p.DisplayName != "" {
		return p.DisplayName
	}
	return p.Name
}
