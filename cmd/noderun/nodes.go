package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/noderun/noderun/internal/openapi"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/bundled"
	"github.com/noderun/noderun/nodes/chatwoot"
	"github.com/noderun/noderun/nodes/dnsfilter"
	"github.com/noderun/noderun/nodes/looker"
	"github.com/noderun/noderun/nodes/mindz"
)

func init() {
	commands["nodes"] = command{summary: "list the bundled node types, or describe one (nodes describe NODE)", run: runNodes}
}

// nodeInfo is one node type in `noderun nodes --json`.
type nodeInfo struct {
	Name        string         `json:"name"`
	Aliases     []string       `json:"aliases,omitempty"`
	DisplayName string         `json:"displayName"`
	Description string         `json:"description,omitempty"`
	Versions    []float64      `json:"versions"`
	Group       []string       `json:"group,omitempty"`
	Declarative bool           `json:"declarative"`
	Credentials []string       `json:"credentials,omitempty"`
	Resources   []resourceInfo `json:"resources,omitempty"`
	Operations  int            `json:"operations"`
}

// resourceInfo is one resource of a node type and its operations.
type resourceInfo struct {
	Name       string          `json:"name"`
	Value      any             `json:"value"`
	Operations []operationInfo `json:"operations"`
}

// operationInfo is one operation of a resource (or of a node without
// resources).
type operationInfo struct {
	Name   string `json:"name"`
	Value  any    `json:"value"`
	Action string `json:"action,omitempty"`
}

func runNodes(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "describe" {
		return runNodesDescribe(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("nodes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	jsonOut := fs.Bool("json", false, "print the node types with versions, resources and operations as JSON")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: noderun nodes [--json]\n       noderun nodes describe NODE [--resource R] [--operation O] [--markdown]\n\nLists the bundled node types: name, versions, resources and operations.\nNODE is a type name, an alias, the part after the last '.', or the display\nname, case-insensitively (dnsfilter, chatwoot, \"Edit Fields\").\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return exitUsage
	}
	reg, err := bundled.Registry()
	if err != nil {
		fmt.Fprintf(stderr, "noderun nodes: %v\n", err)
		return exitFail
	}
	infos := nodeInfos(reg)
	if *jsonOut {
		if err := writeJSON(stdout, infos); err != nil {
			fmt.Fprintf(stderr, "noderun nodes: %v\n", err)
			return exitFail
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TYPE\tNAME\tVERSIONS\tRESOURCES\tOPERATIONS\tCREDENTIALS")
	for _, n := range infos {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", n.Name, n.DisplayName, versionList(n.Versions), countOrDash(len(n.Resources)), countOrDash(n.Operations), dashIfEmpty(strings.Join(n.Credentials, ", ")))
	}
	if err := tw.Flush(); err != nil {
		return exitFail
	}
	return exitOK
}

// nodeInfos summarises every registered type, one entry per type name.
func nodeInfos(reg *nodes.Registry) []nodeInfo {
	aliases := map[string][]string{}
	for a, canon := range reg.Aliases() {
		aliases[canon] = append(aliases[canon], a)
	}
	var out []nodeInfo
	byName := map[string]int{}
	for _, t := range reg.Types() {
		d := t.Description
		i, seen := byName[d.Name]
		if !seen {
			i = len(out)
			byName[d.Name] = i
			al := aliases[d.Name]
			sort.Strings(al)
			out = append(out, nodeInfo{Name: d.Name, Aliases: al})
		}
		n := &out[i]
		n.Versions = append(n.Versions, d.Version...)
		if d.Version.Latest() >= slices.Max(n.Versions) {
			// The latest version describes the type.
			n.DisplayName, n.Description, n.Group, n.Declarative = d.DisplayName, d.Description, d.Group, t.IsDeclarative()
			n.Credentials = nil
			for _, c := range d.Credentials {
				n.Credentials = append(n.Credentials, c.Name)
			}
			n.Resources, n.Operations = resourcesOf(d)
		}
	}
	for i := range out {
		sort.Float64s(out[i].Versions)
		out[i].Versions = slices.Compact(out[i].Versions)
	}
	return out
}

// resourcesOf lists a description's resources with their operations, and
// the number of operations (also for nodes with operations but no
// resources).
func resourcesOf(d *nodes.Description) ([]resourceInfo, int) {
	var resources []resourceInfo
	for _, p := range d.Properties {
		if p.Name != "resource" || p.Type != nodes.TypeOptions {
			continue
		}
		for _, o := range p.Options {
			if slices.ContainsFunc(resources, func(r resourceInfo) bool { return r.Value == o.Value }) {
				continue
			}
			resources = append(resources, resourceInfo{Name: o.Name, Value: o.Value, Operations: []operationInfo{}})
		}
	}
	count := 0
	seen := map[string]bool{}
	for _, p := range d.Properties {
		if p.Name != "operation" || p.Type != nodes.TypeOptions {
			continue
		}
		var shownFor []any
		if p.DisplayOptions != nil {
			shownFor = p.DisplayOptions.Show["resource"]
		}
		for _, o := range p.Options {
			for ri := range resources {
				if shownFor != nil && !slices.Contains(shownFor, resources[ri].Value) {
					continue
				}
				k := fmt.Sprint(resources[ri].Value) + "\x00" + fmt.Sprint(o.Value)
				if seen[k] {
					continue
				}
				seen[k] = true
				resources[ri].Operations = append(resources[ri].Operations, operationInfo{Name: o.Name, Value: o.Value, Action: o.Action})
				count++
			}
			if len(resources) == 0 {
				k := fmt.Sprint(o.Value)
				if !seen[k] {
					seen[k] = true
					count++
				}
			}
		}
	}
	return resources, count
}

// resolveNode finds a type by name, alias, the part after the last '.'
// or the display name, case-insensitively.
func resolveNode(reg *nodes.Registry, query string) (*nodes.Type, error) {
	if t, err := reg.Lookup(query, 0); err == nil {
		return t, nil
	}
	q := strings.ToLower(strings.TrimSpace(query))
	squash := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), " ", "") }
	var matches []string
	for _, t := range reg.Types() {
		d := t.Description
		short := d.Name[strings.LastIndex(d.Name, ".")+1:]
		if strings.ToLower(short) == q || strings.ToLower(d.DisplayName) == q || squash(d.DisplayName) == squash(q) {
			if !slices.Contains(matches, d.Name) {
				matches = append(matches, d.Name)
			}
		}
	}
	for alias, canon := range reg.Aliases() {
		if strings.ToLower(alias) == q && !slices.Contains(matches, canon) {
			matches = append(matches, canon)
		}
	}
	switch len(matches) {
	case 0:
		return nil, fmt.Errorf("no node type matches %q (see noderun nodes)", query)
	case 1:
		return reg.Lookup(matches[0], 0)
	}
	sort.Strings(matches)
	return nil, fmt.Errorf("%q matches several node types: %s", query, strings.Join(matches, ", "))
}

func runNodesDescribe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("nodes describe", flag.ContinueOnError)
	fs.SetOutput(stderr)
	resource := fs.String("resource", "", "only this resource (its value or name, case-insensitive)")
	operation := fs.String("operation", "", "only this operation (its value or name, case-insensitive; needs --resource when the node has resources)")
	markdown := fs.Bool("markdown", false, "print the Markdown page (as in the integration's README.md)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: noderun nodes describe NODE [--resource R] [--operation O] [--markdown]\n\nPrints a node type's documentation: overview, credentials and, per\noperation, the HTTP request, a properties table (name, type, required,\ndefault, description), the output and troubleshooting.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parseInterleavedFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	reg, err := bundled.Registry()
	if err != nil {
		fmt.Fprintf(stderr, "noderun nodes describe: %v\n", err)
		return exitFail
	}
	t, err := resolveNode(reg, pos[0])
	if err != nil {
		fmt.Fprintf(stderr, "noderun nodes describe: %v\n", err)
		return exitUsage
	}
	page, err := describeNode(t, *resource, *operation)
	if err != nil {
		fmt.Fprintf(stderr, "noderun nodes describe: %v\n", err)
		return exitUsage
	}
	if !*markdown {
		page = markdownToText(page)
	}
	if _, err := stdout.Write(page); err != nil {
		return exitFail
	}
	return exitOK
}

// parseInterleavedFlags parses flags that may come after the positional
// argument (noderun nodes describe dnsfilter --resource X).
func parseInterleavedFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// credentialTypesJSON is every bundled integration's credential types as
// one JSON array, for the docs' credential sections.
func credentialTypesJSON() []byte {
	var all []any
	for _, src := range [][]byte{chatwoot.CredentialTypes, dnsfilter.CredentialTypes, looker.CredentialTypes, mindz.CredentialTypes} {
		src = bytes.TrimSpace(src)
		if len(src) > 0 && src[0] == '[' {
			var list []any
			if json.Unmarshal(src, &list) == nil {
				all = append(all, list...)
			}
			continue
		}
		var one any
		if json.Unmarshal(src, &one) == nil {
			all = append(all, one)
		}
	}
	b, _ := json.Marshal(all)
	return b
}

// describeNode renders a node type's documentation as Markdown, narrowed
// to one resource and operation when asked.
func describeNode(t *nodes.Type, resource, operation string) ([]byte, error) {
	d := t.Description
	resources, _ := resourcesOf(d)
	if len(resources) == 0 {
		if resource != "" {
			return nil, fmt.Errorf("node type %q has no resources", d.Name)
		}
		return describePlain(d, operation)
	}
	narrowed := *d
	narrowed.Properties = slices.Clone(d.Properties)
	if resource != "" {
		r, err := pickResource(resources, resource)
		if err != nil {
			return nil, fmt.Errorf("node type %q: %w", d.Name, err)
		}
		var opValue any
		if operation != "" {
			op, err := pickOperation(r, operation)
			if err != nil {
				return nil, fmt.Errorf("node type %q, resource %q: %w", d.Name, r.Name, err)
			}
			opValue = op.Value
		}
		for i, p := range narrowed.Properties {
			switch {
			case p.Name == "resource" && p.Type == nodes.TypeOptions && p.DisplayOptions == nil:
				c := *p
				c.Options = slices.DeleteFunc(slices.Clone(p.Options), func(o *nodes.Property) bool { return o.Value != r.Value })
				narrowed.Properties[i] = &c
			case p.Name == "operation" && p.Type == nodes.TypeOptions && opValue != nil && p.DisplayOptions != nil && slices.Contains(p.DisplayOptions.Show["resource"], r.Value):
				c := *p
				c.Options = slices.DeleteFunc(slices.Clone(p.Options), func(o *nodes.Property) bool { return o.Value != opValue })
				narrowed.Properties[i] = &c
			}
		}
	} else if operation != "" {
		return nil, errors.New("--operation needs --resource for a node with resources")
	}
	page, err := openapi.RenderMarkdown(openapi.DocInput{Description: &narrowed, CredentialTypes: credentialTypesJSON()})
	if err != nil {
		return nil, err
	}
	// The overview counts what was rendered; say what the node has.
	if resource != "" {
		_, total := resourcesOf(d)
		rendered := fmt.Sprintf("%d resources, %d operations.", 1, optionCount(&narrowed))
		page = bytes.Replace(page, []byte(rendered), []byte(fmt.Sprintf("%d resources, %d operations (shown: resource %q).", len(resources), total, resource)), 1)
	}
	return page, nil
}

// optionCount is the number of options of all "operation" properties, as
// the page overview counts them.
func optionCount(d *nodes.Description) int {
	n := 0
	for _, p := range d.Properties {
		if p.Name == "operation" && p.Type == nodes.TypeOptions {
			n += len(p.Options)
		}
	}
	return n
}

func pickResource(resources []resourceInfo, q string) (*resourceInfo, error) {
	var names []string
	for i, r := range resources {
		if strings.EqualFold(fmt.Sprint(r.Value), q) || strings.EqualFold(r.Name, q) {
			return &resources[i], nil
		}
		names = append(names, r.Name)
	}
	return nil, fmt.Errorf("no resource %q (have: %s)", q, strings.Join(names, ", "))
}

func pickOperation(r *resourceInfo, q string) (*operationInfo, error) {
	var names []string
	for i, o := range r.Operations {
		if strings.EqualFold(fmt.Sprint(o.Value), q) || strings.EqualFold(o.Name, q) || strings.EqualFold(o.Action, q) {
			return &r.Operations[i], nil
		}
		names = append(names, o.Name)
	}
	return nil, fmt.Errorf("no operation %q (have: %s)", q, strings.Join(names, ", "))
}

func versionList(vs []float64) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, ", ")
}

func countOrDash(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprint(n)
}

func dashIfEmpty(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
