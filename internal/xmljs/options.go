package xmljs

// ParseOptions are the xml2js Parser options this package supports.
type ParseOptions struct {
	// AttrKey is the key holding an element's attributes ("$").
	AttrKey string
	// CharKey is the key holding an element's text when it also has
	// attributes or children ("_").
	CharKey string
	// ExplicitArray puts every child in an array, not only repeated ones.
	ExplicitArray bool
	// ExplicitRoot wraps the result in an object keyed by the root's name.
	ExplicitRoot bool
	// IgnoreAttrs drops attributes.
	IgnoreAttrs bool
	// MergeAttrs puts attributes next to child elements instead of under
	// AttrKey.
	MergeAttrs bool
	// Normalize collapses runs of whitespace in text to one space and
	// trims it.
	Normalize bool
	// NormalizeTags lower-cases element names.
	NormalizeTags bool
	// Trim trims whitespace around text.
	Trim bool
	// SanitizeNames renames elements and attributes called "__proto__",
	// "constructor" or "prototype" to "sanitized_<name>" (n8n's
	// sanitizeXmlName as tag and attribute name processor).
	SanitizeNames bool
}

// DefaultParseOptions are xml2js's own defaults (its "0.2" set).
func DefaultParseOptions() ParseOptions {
	return ParseOptions{AttrKey: "$", CharKey: "_", ExplicitArray: true, ExplicitRoot: true}
}

// WebhookParseOptions are the options of the parser n8n's webhook body
// parser (packages/cli/src/middlewares/body-parser.ts) reads XML request
// bodies with: normalize, normalizeTags, explicitArray false and
// sanitized names.
func WebhookParseOptions() ParseOptions {
	o := DefaultParseOptions()
	o.Normalize = true
	o.NormalizeTags = true
	o.ExplicitArray = false
	o.SanitizeNames = true
	return o
}

// BuildOptions are the xml2js Builder options this package supports.
type BuildOptions struct {
	// RootName is the root element's name ("root"); with "root" an object
	// with a single key uses that key as the root instead.
	RootName string
	// AttrKey is the key whose object holds an element's attributes ("$").
	AttrKey string
	// CharKey is the key holding an element's text ("_").
	CharKey string
	// Headless leaves out the XML declaration.
	Headless bool
	// CData wraps text containing <, > or & in CDATA sections.
	CData bool
}

// DefaultBuildOptions are xml2js's Builder defaults.
func DefaultBuildOptions() BuildOptions {
	return BuildOptions{RootName: "root", AttrKey: "$", CharKey: "_"}
}
