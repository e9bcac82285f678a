package files

import "github.com/noderun/noderun/nodes"

// prop builds a property.
func prop(display, name, typ string, def any) *nodes.Property {
	return &nodes.Property{DisplayName: display, Name: name, Type: typ, Default: def}
}

// show sets displayOptions.show from key, values pairs and returns p.
func show(p *nodes.Property, kv ...any) *nodes.Property {
	if p.DisplayOptions == nil {
		p.DisplayOptions = &nodes.DisplayOptions{}
	}
	if p.DisplayOptions.Show == nil {
		p.DisplayOptions.Show = map[string][]any{}
	}
	for i := 0; i+1 < len(kv); i += 2 {
		p.DisplayOptions.Show[kv[i].(string)] = kv[i+1].([]any)
	}
	return p
}

// hide sets displayOptions.hide from key, values pairs and returns p.
func hide(p *nodes.Property, kv ...any) *nodes.Property {
	if p.DisplayOptions == nil {
		p.DisplayOptions = &nodes.DisplayOptions{}
	}
	if p.DisplayOptions.Hide == nil {
		p.DisplayOptions.Hide = map[string][]any{}
	}
	for i := 0; i+1 < len(kv); i += 2 {
		p.DisplayOptions.Hide[kv[i].(string)] = kv[i+1].([]any)
	}
	return p
}

// vals is a shorthand for a displayOptions value list.
func vals(v ...any) []any { return v }

// strs turns strings into a displayOptions value list.
func strs(v ...string) []any {
	out := make([]any, len(v))
	for i, s := range v {
		out[i] = s
	}
	return out
}

// choices builds option entries from name, value pairs.
func choices(pairs ...any) []*nodes.Property {
	var out []*nodes.Property
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, &nodes.Property{Name: pairs[i].(string), Value: pairs[i+1]})
	}
	return out
}

// options builds an options property from name, value pairs.
func options(display, name string, def any, pairs ...any) *nodes.Property {
	p := prop(display, name, nodes.TypeOptions, def)
	p.Options = choices(pairs...)
	return p
}

// collection builds a collection property with default {}.
func collection(display, name string, opts ...*nodes.Property) *nodes.Property {
	p := prop(display, name, nodes.TypeCollection, map[string]any{})
	p.Options = opts
	return p
}

// required marks p required and returns it.
func required(p *nodes.Property) *nodes.Property {
	p.Required = true
	return p
}

// noExpr marks p noDataExpression and returns it.
func noExpr(p *nodes.Property) *nodes.Property {
	p.NoDataExpression = true
	return p
}

// baseDescription fills the common description fields.
func baseDescription(display, name, group string, versions ...float64) *nodes.Description {
	return &nodes.Description{
		DisplayName: display,
		Name:        "n8n-nodes-base." + name,
		Group:       []string{group},
		Version:     nodes.Versions(versions),
		Defaults:    map[string]any{"name": display},
		Inputs:      []any{"main"},
		Outputs:     []any{"main"},
	}
}

// encodingOptions are n8n's encodeDecodeOptions (iconv-lite names).
func encodingOptions() []*nodes.Property {
	names := []string{"armscii8", "big5hkscs", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "cp437", "cp720", "cp737", "cp775", "cp808", "cp850", "cp852", "cp855", "cp856", "cp857", "cp858", "cp860", "cp861", "cp862", "cp863", "cp864", "cp865", "cp866", "cp869", "cp922", "cp932", "cp936", "cp949", "cp950", "cesu8", "eucjp", "euckr", "gb18030", "gb2312", "gbk", "georgianacademy", "georgianps", "hkscs", "hproman8", "iso646cn", "iso646jp", "iso88591", "iso885910", "iso885911", "iso885913", "iso885914", "iso885915", "iso885916", "iso88592", "iso88593", "iso88594", "iso88595", "iso88596", "iso88597", "iso88598", "iso88599", "koi8r", "koi8ru", "koi8t", "koi8u", "maccenteuro", "maccroatian", "maccyrillic", "macgreek", "maciceland", "macintosh", "macroman", "macromania", "macthai", "macturkish", "macukraine", "mik", "pt154", "rk1048", "shiftjis", "tcvn", "tis620", "ucs2", "utf16", "utf16be", "utf16le", "utf32", "utf32be", "utf32le", "utf7", "utf7imap", "utf8", "viscii", "windows1250", "windows1251", "windows1252", "windows1253", "windows1254", "windows1255", "windows1256", "windows1257", "windows1258", "windows874"}
	out := make([]*nodes.Property, len(names))
	for i, n := range names {
		out[i] = &nodes.Property{Name: n, Value: n}
	}
	return out
}
