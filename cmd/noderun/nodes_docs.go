package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/noderun/noderun/nodes"
)

// describePlain documents a node type without resources (the core nodes):
// overview, credentials and its top-level parameters with the settings
// that show them; with operation set, only the parameters of that
// operation.
func describePlain(d *nodes.Description, operation string) ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", d.DisplayName)
	if d.Description != "" {
		fmt.Fprintf(&b, "%s\n\n", d.Description)
	}
	fmt.Fprintf(&b, "Node type `%s`, versions %s.", d.Name, versionList(d.Version))
	if d.IsTrigger() {
		b.WriteString(" Trigger: starts workflows.")
	}
	b.WriteString("\n\n")
	if len(d.Credentials) > 0 {
		b.WriteString("## Credentials\n\n")
		for _, c := range d.Credentials {
			fmt.Fprintf(&b, "- `%s`", c.Name)
			if c.Required {
				b.WriteString(" (required")
				if c.DisplayOptions != nil {
					b.WriteString(" when " + shownWhen(c.DisplayOptions))
				}
				b.WriteString(")")
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	var opValue any
	if operation != "" {
		for _, p := range d.Properties {
			if p.Name != "operation" || p.Type != nodes.TypeOptions {
				continue
			}
			for _, o := range p.Options {
				if strings.EqualFold(fmt.Sprint(o.Value), operation) || strings.EqualFold(o.Name, operation) {
					opValue = o.Value
				}
			}
		}
		if opValue == nil {
			return nil, fmt.Errorf("node type %q has no operation %q", d.Name, operation)
		}
		fmt.Fprintf(&b, "Operation `%v`.\n\n", opValue)
	}
	b.WriteString("## Parameters\n\n| Name | Parameter | Type | Required | Default | Shown when | Description |\n|---|---|---|---|---|---|---|\n")
	for _, p := range d.Properties {
		if p.Type == nodes.TypeNotice || p.Type == nodes.TypeCallout || p.Type == nodes.TypeButton {
			continue
		}
		if opValue != nil && p.DisplayOptions != nil {
			if ops, ok := p.DisplayOptions.Show["operation"]; ok && !slices.Contains(ops, opValue) {
				continue
			}
		}
		typ := p.Type
		if vals := optionValues(p); vals != "" {
			typ += ": " + vals
		}
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s | %s | %s |\n", cellText(p.DisplayName), p.Name, cellText(typ), yesNoText(p.Required), cellText(defaultValue(p.Default)), cellText(shownWhen(p.DisplayOptions)), cellText(firstLine(p.Description)))
	}
	b.WriteString("\nOutput: the node's items (see the n8n documentation of this node).\n")
	return []byte(b.String()), nil
}

// optionValues lists an options property's values, shortened.
func optionValues(p *nodes.Property) string {
	if p.Type != nodes.TypeOptions && p.Type != nodes.TypeMultiOptions {
		return ""
	}
	var vals []string
	for _, o := range p.Options {
		vals = append(vals, fmt.Sprint(o.Value))
	}
	if len(vals) > 8 {
		vals = append(vals[:8], "…")
	}
	return strings.Join(vals, ", ")
}

// shownWhen words displayOptions: "resource=a|b, operation=x; not mode=y".
func shownWhen(do *nodes.DisplayOptions) string {
	if do == nil {
		return "always"
	}
	part := func(m map[string][]any) string {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var s []string
		for _, k := range keys {
			var vals []string
			for _, v := range m[k] {
				js, _ := json.Marshal(v)
				vals = append(vals, strings.Trim(string(js), `"`))
			}
			s = append(s, k+"="+strings.Join(vals, "|"))
		}
		return strings.Join(s, ", ")
	}
	out := part(do.Show)
	if len(do.Hide) > 0 {
		if out != "" {
			out += "; "
		}
		out += "not " + part(do.Hide)
	}
	return out
}

func defaultValue(v any) string {
	if v == nil {
		return ""
	}
	js, _ := json.Marshal(v)
	s := string(js)
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return "`" + s + "`"
}

func firstLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

func cellText(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ")
}

func yesNoText(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// markdownToText turns a generated Markdown page into terminal text:
// headings underlined, tables aligned in columns, the generator comment
// dropped.
func markdownToText(md []byte) []byte {
	var out bytes.Buffer
	lines := strings.Split(string(md), "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		switch {
		case strings.HasPrefix(line, "<!--"):
			if i+1 < len(lines) && lines[i+1] == "" {
				i++
			}
		case strings.HasPrefix(line, "|"):
			tw := tabwriter.NewWriter(&out, 0, 0, 2, ' ', 0)
			for ; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
				cells := splitRow(lines[i])
				if isSeparator(cells) {
					continue
				}
				fmt.Fprintln(tw, strings.Join(cells, "\t"))
			}
			i--
			_ = tw.Flush()
		case strings.HasPrefix(line, "# "), strings.HasPrefix(line, "## "):
			title := strings.TrimLeft(line, "# ")
			under := "="
			if strings.HasPrefix(line, "## ") {
				under = "-"
			}
			fmt.Fprintf(&out, "%s\n%s\n", title, strings.Repeat(under, utf8.RuneCountInString(title)))
		case strings.HasPrefix(line, "### "):
			fmt.Fprintf(&out, "» %s\n", strings.TrimPrefix(line, "### "))
		default:
			out.WriteString(line)
			if i < len(lines)-1 {
				out.WriteByte('\n')
			}
		}
	}
	return out.Bytes()
}

// splitRow splits a Markdown table row on unescaped pipes.
func splitRow(row string) []string {
	row = strings.TrimSpace(row)
	row = strings.TrimPrefix(row, "|")
	row = strings.TrimSuffix(row, "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		if row[i] == '\\' && i+1 < len(row) && row[i+1] == '|' {
			cur.WriteByte('|')
			i++
			continue
		}
		if row[i] == '|' {
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
			continue
		}
		cur.WriteByte(row[i])
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

func isSeparator(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(c, "-: ") != "" {
			return false
		}
	}
	return true
}
