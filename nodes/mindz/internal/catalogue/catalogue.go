// Package catalogue is the hand-written Mindz node: there is no public
// OpenAPI document, so the 22 resources and 116 actions are written here
// from the node's docs pages (the seed catalogue) and expanded into the
// checked-in description.json by Build.
//
// Operations whose docs page was read carry Documented (the packages whose
// page showed them); the rest are inferred from the resource list and the
// naming the read pages use (List/Get/Create/Update/Partial Update/Delete,
// Django REST Framework style, which "Partial Update" points to). No page
// gives an HTTP method or path, so every route is inferred.
package catalogue

// Field is one operation field.
type Field struct {
	Display  string
	Name     string // n8n parameter name
	API      string // name in the request (defaults to Name)
	Type     string // string, number, boolean, options, dateTime
	In       string // path, query, body or "" (not sent)
	Required bool
	Default  any
	Desc     string
	Options  []string // labels; values are the lower-case snake form unless Values is set
	Values   []any
	// Always keeps an optional field at the top level, so that it is
	// always sent (with its default when unset), like List's Limit.
	Always bool
}

// Operation is one action of a resource.
type Operation struct {
	Name       string
	Method     string
	Path       string // relative to the base URL; {name} refers to a path field
	Action     string
	Desc       string
	Fields     []Field
	Documented string // packages whose docs page showed it; "" = inferred
}

// Resource is one resource with its operations.
type Resource struct {
	Name string
	Ops  []Operation
}

const (
	solyd = "mindz-solyd-n8n-nodes-mindz"
	dev2  = "n8n-nodes-dev-2-mindz"
	both  = solyd + ", " + dev2
)

func idField(display, name, desc string) Field {
	return Field{Display: display, Name: name, Type: "number", In: "path", Required: true, Default: 0, Desc: desc}
}

func keyField(display, name, desc string) Field {
	return Field{Display: display, Name: name, Type: "string", In: "path", Required: true, Default: "", Desc: desc}
}

// listFields are what the read List pages show: Limit, Offset, and for most
// Sort By, Sort Direction and Search.
func listFields(sortBy ...string) []Field {
	fs := []Field{
		{Display: "Limit", Name: "limit", Type: "number", In: "query", Default: 50, Always: true, Desc: "Maximum number of results (min 1)"},
		{Display: "Offset", Name: "offset", Type: "number", In: "query", Default: 0, Always: true, Desc: "Number of results to skip"},
	}
	if len(sortBy) > 0 {
		fs = append(fs,
			Field{Display: "Sort By", Name: "sortBy", API: "ordering_field", Type: "options", In: "query", Options: sortBy, Desc: "Sort field"},
			Field{Display: "Sort Direction", Name: "sortDirection", API: "ordering_direction", Type: "options", In: "query", Options: []string{"Ascending", "Descending"}, Values: []any{"asc", "desc"}, Desc: "Sort order"},
			Field{Display: "Search", Name: "search", Type: "string", In: "query", Desc: "Text filter"},
		)
	}
	return fs
}

func withParents(parents []Field, fs ...Field) []Field {
	return append(append([]Field(nil), parents...), fs...)
}

// crud builds the standard operations of a resource at path (which may
// contain parent path fields) with its item id field and body fields.
func crud(noun, path string, parents []Field, id Field, body []Field, which ...string) []Operation {
	item := path + "{" + id.Name + "}/"
	var ops []Operation
	for _, w := range which {
		switch w {
		case "List":
			ops = append(ops, Operation{Name: "List", Method: "GET", Path: path, Action: "List " + plural(noun), Desc: "List " + plural(noun), Fields: withParents(parents, listFields("ID", "Created At", "Updated At")...)})
		case "Get":
			ops = append(ops, Operation{Name: "Get", Method: "GET", Path: item, Action: "Get a " + noun, Desc: "Get a " + noun + " by ID", Fields: withParents(parents, id)})
		case "Create":
			ops = append(ops, Operation{Name: "Create", Method: "POST", Path: path, Action: "Create a " + noun, Desc: "Create a " + noun, Fields: withParents(parents, body...)})
		case "Update":
			ops = append(ops, Operation{Name: "Update", Method: "PUT", Path: item, Action: "Update a " + noun, Desc: "Replace a " + noun + "'s fields", Fields: withParents(parents, append([]Field{id}, body...)...)})
		case "Partial Update":
			ops = append(ops, Operation{Name: "Partial Update", Method: "PATCH", Path: item, Action: "Partially update a " + noun, Desc: "Change some fields of a " + noun, Fields: withParents(parents, append([]Field{id}, optional(body)...)...)})
		case "Delete":
			ops = append(ops, Operation{Name: "Delete", Method: "DELETE", Path: item, Action: "Delete a " + noun, Desc: "Delete a " + noun, Fields: withParents(parents, id)})
		}
	}
	return ops
}

func optional(fs []Field) []Field {
	out := make([]Field, len(fs))
	for i, f := range fs {
		f.Required = false
		out[i] = f
	}
	return out
}

func plural(noun string) string {
	switch noun[len(noun)-1] {
	case 's':
		return noun + "es"
	case 'y':
		return noun[:len(noun)-1] + "ies"
	}
	return noun + "s"
}

// link is an email campaign's link to courses, lists or plans.
func link(noun, seg, idDisplay, idName string) []Operation {
	campaign := []Field{idField("Email Campaign ID", "emailCampaignId", "ID of the email campaign")}
	target := Field{Display: idDisplay, Name: idName, Type: "number", In: "body", API: idName, Required: true, Default: 0, Desc: "ID of the " + noun}
	return crud(noun, "/email-campaigns/{emailCampaignId}/"+seg+"/", campaign,
		idField("Link ID", "linkId", "ID of the link"), []Field{target}, "List", "Get", "Create", "Delete")
}

func str(display, name, desc string) Field {
	return Field{Display: display, Name: name, Type: "string", In: "body", Desc: desc}
}

func num(display, name, desc string) Field {
	return Field{Display: display, Name: name, Type: "number", In: "body", Default: 0, Desc: desc}
}

func flag(display, name, desc string) Field {
	return Field{Display: display, Name: name, Type: "boolean", In: "body", Default: false, Desc: desc}
}

func required(f Field) Field { f.Required = true; return f }

func documented(ops []Operation, name, pkgs string, fields []Field) []Operation {
	for i := range ops {
		if ops[i].Name == name {
			ops[i].Documented = pkgs
			if fields != nil {
				ops[i].Fields = fields
			}
			return ops
		}
	}
	panic("catalogue: no operation " + name)
}
