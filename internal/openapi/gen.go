package openapi

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// Files a generated node folder holds, besides credentials.json (written by
// hand) and the optional doc inputs.
const (
	DescriptionFile = "description.json"
	CredentialsFile = "credentials.json"
	ReadmeFile      = "README.md"
	// DocIntroFile is Markdown added to the doc page after the overview.
	DocIntroFile = "doc-intro.md"
	// DocNotesFile is a JSON object of per-operation remarks keyed
	// "Resource:operation value".
	DocNotesFile = "doc-notes.json"
)

// Generated is the output of one gen invocation.
type Generated struct {
	// Dir is the output folder.
	Dir string
	// Files maps a file name inside Dir to its contents.
	Files map[string][]byte
	// Summary is a one-line description of what was generated.
	Summary  string
	Warnings []Warning
}

type headerFlag map[string]string

// String implements flag.Value.
func (h headerFlag) String() string { return fmt.Sprint(map[string]string(h)) }

// Set implements flag.Value: "Name: value".
func (h headerFlag) Set(v string) error {
	k, val, ok := strings.Cut(v, ":")
	if !ok {
		return fmt.Errorf("header %q: want \"Name: value\"", v)
	}
	h[strings.TrimSpace(k)] = strings.TrimSpace(val)
	return nil
}

// parseInterleaved parses flags that may come before or after positional
// arguments (`spec.json -o dir`).
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// Generate runs `gen <what> args...` without writing: args are what follows
// "gen" on the command line. Paths are relative to the current directory.
func Generate(args []string, stderr io.Writer) (*Generated, error) {
	if len(args) == 0 {
		return nil, errors.New("gen: want a subcommand: openapi or docs")
	}
	switch args[0] {
	case "openapi":
		return generateOpenAPI(args[1:], stderr)
	case "docs":
		return generateDocs(args[1:], stderr)
	}
	return nil, fmt.Errorf("gen: unknown subcommand %q (want openapi or docs)", args[0])
}

func generateOpenAPI(args []string, stderr io.Writer) (*Generated, error) {
	fs := flag.NewFlagSet("gen openapi", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg NodeConfig
	var opts Options
	headers := headerFlag{}
	var out, prefix string
	fs.StringVar(&cfg.Name, "name", "", "node type `name` (required)")
	fs.StringVar(&cfg.DisplayName, "display-name", "", "node display `name` (default: the name)")
	fs.StringVar(&cfg.Description, "description", "", "node description (default: \"Interact with <display name> API\")")
	fs.StringVar(&cfg.Credential, "credential", "", "credential `type` every request is authenticated with")
	fs.StringVar(&cfg.BaseURL, "base-url", "", "requestDefaults.baseURL (a URL or an expression such as ={{$credentials.url}})")
	var baseField string
	fs.StringVar(&baseField, "base-url-from-credential", "", "credential `field` holding the base URL (sets --base-url to ={{$credentials.FIELD}})")
	fs.StringVar(&cfg.Icon, "icon", "", "n8n icon reference")
	fs.Var(headers, "header", "requestDefaults header \"Name: value\" (repeatable)")
	fs.StringVar(&prefix, "strip-prefix", "", "`regexp` removed from the start of operationIds before naming")
	fs.BoolVar(&opts.NamesFromSummaries, "names-from-summaries", false, "name operations after their summaries")
	fs.BoolVar(&opts.AdditionalFields, "additional-fields", false, "group optional query and body fields into an \"Additional Fields\" collection")
	fs.BoolVar(&opts.DisplayByValue, "display-by-value", false, "gate operation fields on the operation value (the package uses the name)")
	fs.BoolVar(&opts.DropUnusedTags, "drop-unused-tags", false, "leave out declared tags without operations")
	fs.BoolVar(&opts.RenameReserved, "rename-reserved", false, "rename fields called resource or operation to <name>Parameter")
	fs.StringVar(&out, "o", "", "output `dir` (required)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) != 1 || cfg.Name == "" || out == "" {
		return nil, errors.New("gen openapi: usage: gen openapi --name NAME [flags] SPEC.json -o DIR")
	}
	if cfg.DisplayName == "" {
		cfg.DisplayName = cfg.Name
	}
	if baseField != "" {
		cfg.BaseURL = "={{$credentials." + baseField + "}}"
	}
	if len(headers) > 0 {
		cfg.Headers = headers
	}
	if prefix != "" {
		re, err := regexp.Compile("^(?:" + prefix + ")")
		if err != nil {
			return nil, fmt.Errorf("gen openapi: --strip-prefix: %w", err)
		}
		opts.OperationIDPrefix = re
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return nil, fmt.Errorf("gen openapi: %w", err)
	}
	doc, err := Load(data)
	if err != nil {
		return nil, fmt.Errorf("gen openapi %s: %w", pos[0], err)
	}
	desc, res, err := BuildDescription(doc, cfg, opts)
	if err != nil {
		return nil, fmt.Errorf("gen openapi %s: %w", pos[0], err)
	}
	descJSON, err := MarshalDescription(desc)
	if err != nil {
		return nil, fmt.Errorf("gen openapi: encode description: %w", err)
	}
	in, err := docInput(out, desc)
	if err != nil {
		return nil, err
	}
	in.Spec = doc
	readme, err := RenderMarkdown(in)
	if err != nil {
		return nil, err
	}
	return &Generated{
		Dir:      out,
		Files:    map[string][]byte{DescriptionFile: descJSON, ReadmeFile: readme},
		Summary:  fmt.Sprintf("%s: %d resources, %d operations, %d properties", cfg.Name, res.Resources, res.Operations, len(res.Properties)),
		Warnings: res.Warnings,
	}, nil
}

// docInput reads the optional doc inputs of a node folder.
func docInput(dir string, desc *nodes.Description) (DocInput, error) {
	in := DocInput{Description: desc}
	if b, err := os.ReadFile(filepath.Join(dir, CredentialsFile)); err == nil {
		in.CredentialTypes = b
	}
	if b, err := os.ReadFile(filepath.Join(dir, DocIntroFile)); err == nil {
		in.Intro = string(b)
	}
	if b, err := os.ReadFile(filepath.Join(dir, DocNotesFile)); err == nil {
		if err := json.Unmarshal(b, &in.Notes); err != nil {
			return in, fmt.Errorf("gen: %s: %w", filepath.Join(dir, DocNotesFile), err)
		}
	}
	return in, nil
}

// generateDocs renders README.md of a node folder from its description.json.
func generateDocs(args []string, stderr io.Writer) (*Generated, error) {
	fs := flag.NewFlagSet("gen docs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) != 1 {
		return nil, errors.New("gen docs: usage: gen docs DIR")
	}
	dir := pos[0]
	data, err := os.ReadFile(filepath.Join(dir, DescriptionFile))
	if err != nil {
		return nil, fmt.Errorf("gen docs: %w", err)
	}
	var desc nodes.Description
	if err := json.Unmarshal(data, &desc); err != nil {
		return nil, fmt.Errorf("gen docs: %s: %w", filepath.Join(dir, DescriptionFile), err)
	}
	in, err := docInput(dir, &desc)
	if err != nil {
		return nil, err
	}
	readme, err := RenderMarkdown(in)
	if err != nil {
		return nil, err
	}
	return &Generated{Dir: dir, Files: map[string][]byte{ReadmeFile: readme}, Summary: desc.Name + ": docs"}, nil
}

// RunGen is `noderun gen ...`: args follow "gen". It writes the generated
// files, prints a summary to stdout and warnings to stderr, and returns
// the exit code (0 ok, 1 failed, 2 usage).
func RunGen(args []string, stdout, stderr io.Writer) int {
	g, err := Generate(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(stderr, err)
		if strings.Contains(err.Error(), "usage") || strings.Contains(err.Error(), "subcommand") {
			return 2
		}
		return 1
	}
	for _, w := range g.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	if err := os.MkdirAll(g.Dir, 0o755); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	names := make([]string, 0, len(g.Files))
	for n := range g.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(g.Dir, n), g.Files[n], 0o644); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
	}
	fmt.Fprintf(stdout, "%s (wrote %s in %s)\n", g.Summary, strings.Join(names, ", "), g.Dir)
	return 0
}
