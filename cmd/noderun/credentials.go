package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/bundled"
)

func init() {
	commands["credentials"] = command{summary: "add, list, test, import and remove stored credentials", run: runCredentials}
}

const credentialsUsage = `Usage: noderun credentials <subcommand> [flags]

  add --type TYPE --name NAME --data KEY=VALUE... [--id ID]
        store a credential; --data KEY=@- reads that value from stdin,
        KEY=@FILE from a file
  list [--json]                 id, name and type of every credential (never a secret)
  test NAME|ID                  run the credential type's test request
  import FILE [--n8n-key KEY | --decrypted]
        import 'n8n export:credentials' output (FILE - reads stdin)
  remove NAME|ID                delete a credential

Every subcommand takes --store PATH: a .json file in the --credentials format,
or a SQLite store (default: $NODERUN_HOME/credentials.db, NODERUN_HOME
defaulting to ~/.noderun). The SQLite store is encrypted with the key in
NODERUN_ENCRYPTION_KEY, else with a key file created in NODERUN_HOME.

Exit codes: 0 success, 1 failure, 2 bad usage or input.
`

// runCredentials implements `noderun credentials`.
func runCredentials(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if code, done := groupHelp(args, credentialsUsage, stderr); done {
		return code
	}
	sub, rest := args[0], args[1:]
	c := &credCmd{stdin: stdin, stdout: stdout, stderr: stderr, name: "noderun credentials " + sub}
	switch sub {
	case "add":
		return c.add(rest)
	case "list", "ls":
		return c.list(rest)
	case "test":
		return c.test(rest)
	case "import":
		return c.importN8N(rest)
	case "remove", "rm", "delete":
		return c.remove(rest)
	}
	fmt.Fprintf(stderr, "noderun credentials: unknown subcommand %q\n\n%s", sub, credentialsUsage)
	return exitUsage
}

// credCmd carries one invocation's streams and store.
type credCmd struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	name           string
	storePath      string
	store          credentials.Store
	closer         io.Closer
}

func (c *credCmd) flags() *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.StringVar(&c.storePath, "store", "", "credential store: a .json credentials file or a SQLite database (default $NODERUN_HOME/credentials.db)")
	return fs
}

func (c *credCmd) failf(code int, format string, args ...any) int {
	return failf(c.stderr, c.name, code, format, args...)
}

// open opens the store named by --store, or the default store.
func (c *credCmd) open() error {
	path := c.storePath
	if strings.HasSuffix(strings.ToLower(path), ".json") {
		fs, err := credentials.OpenFileStore(path)
		if err != nil {
			return err
		}
		c.store = fs
		return nil
	}
	if path == "" {
		s, err := credentials.OpenDefaultStore()
		if err != nil {
			return err
		}
		c.store, c.closer = s, s
		return nil
	}
	home, err := credentials.DefaultHome()
	if err != nil {
		return err
	}
	key, err := credentials.LoadKey(home, os.Getenv(credentials.EnvEncryptionKey))
	if err != nil {
		return err
	}
	s, err := credentials.OpenSQLiteStore(path, key)
	if err != nil {
		return err
	}
	c.store, c.closer = s, s
	return nil
}

func (c *credCmd) close() {
	if c.closer != nil {
		c.closer.Close()
	}
}

// credentialTypes returns the types the CLI knows: the built-in ones and
// the bundled integrations'. Tests replace it.
var credentialTypes = bundled.CredentialTypes

func (c *credCmd) add(args []string) int {
	fs := c.flags()
	typ := fs.String("type", "", "credential type (e.g. httpHeaderAuth, chatwootApi)")
	name := fs.String("name", "", "credential name")
	id := fs.String("id", "", "credential id (default: a new random id)")
	var data multiFlag
	fs.Var(&data, "data", "a property as KEY=VALUE; KEY=@- reads the value from stdin, KEY=@FILE from a file (repeatable)")
	pos, ok := parseInterspersed(fs, args)
	if !ok {
		return exitUsage
	}
	if len(pos) > 0 || *typ == "" || *name == "" {
		return c.failf(exitUsage, "want --type and --name (and --data KEY=VALUE), no arguments")
	}
	types, err := credentialTypes()
	if err != nil {
		return c.failf(exitFail, "%v", err)
	}
	if types.Lookup(*typ) == nil {
		return c.failf(exitUsage, "unknown credential type %q (known: %s)", *typ, strings.Join(types.Names(), ", "))
	}
	props, err := types.Properties(*typ)
	if err != nil {
		return c.failf(exitUsage, "%v", err)
	}
	values, err := c.parseData(data, props)
	if err != nil {
		return c.failf(exitUsage, "%v", err)
	}
	cred := &credentials.Credential{ID: *id, Name: *name, Type: *typ, Data: values}
	// Check required properties as a run would.
	check := credentials.NewManager(types, credentials.NewMemoryStore(cred))
	if _, err := check.Resolve(context.Background(), nodes.CredentialRef{Name: *name}, *typ); err != nil {
		return c.failf(exitUsage, "%v", err)
	}
	if err := c.open(); err != nil {
		return c.failf(exitFail, "%v", err)
	}
	defer c.close()
	ctx := context.Background()
	if existing, err := c.store.Get(ctx, *name); err == nil && existing.ID != *id {
		return c.failf(exitFail, "a credential named %q already exists (id %s); remove it first or pass --id %s to replace it", *name, existing.ID, existing.ID)
	}
	if err := c.store.Put(ctx, cred); err != nil {
		return c.failf(exitFail, "%v", err)
	}
	fmt.Fprintf(c.stdout, "added credential %q (id %s, type %s)\n", cred.Name, cred.ID, cred.Type)
	return exitOK
}

// parseData turns KEY=VALUE flags into data, typed per the properties.
func (c *credCmd) parseData(pairs []string, props []*nodes.Property) (credentials.Data, error) {
	byName := map[string]*nodes.Property{}
	var names []string
	for _, p := range props {
		byName[p.Name] = p
		names = append(names, p.Name)
	}
	out := credentials.Data{}
	stdinUsed := false
	for _, pair := range pairs {
		key, val, ok := strings.Cut(pair, "=")
		if !ok || key == "" {
			return nil, fmt.Errorf("--data %q: want KEY=VALUE", key)
		}
		switch {
		case val == "@-":
			if stdinUsed {
				return nil, fmt.Errorf("--data %s=@-: only one value can come from stdin", key)
			}
			stdinUsed = true
			b, err := io.ReadAll(bufio.NewReader(c.stdin))
			if err != nil {
				return nil, fmt.Errorf("--data %s: read stdin: %w", key, err)
			}
			val = strings.TrimRight(string(b), "\r\n")
		case strings.HasPrefix(val, "@"):
			b, err := os.ReadFile(val[1:])
			if err != nil {
				return nil, fmt.Errorf("--data %s: %w", key, err)
			}
			val = strings.TrimRight(string(b), "\r\n")
		}
		p, known := byName[key]
		if !known && key != credentials.OAuth2TokenKey {
			return nil, fmt.Errorf("--data %s: not a property of this type (properties: %s)", key, strings.Join(names, ", "))
		}
		v, err := typedValue(p, key, val)
		if err != nil {
			return nil, err
		}
		out[key] = v
	}
	return out, nil
}

// typedValue converts a flag value to the property's type; the error never
// quotes the value, which may be a secret.
func typedValue(p *nodes.Property, key, val string) (any, error) {
	if p == nil { // oauthTokenData
		var m map[string]any
		if err := json.Unmarshal([]byte(val), &m); err != nil {
			return nil, fmt.Errorf("--data %s: want a JSON object", key)
		}
		return m, nil
	}
	if strings.HasPrefix(val, "=") {
		return val, nil // an expression
	}
	switch p.Type {
	case nodes.TypeNumber:
		f, err := strconv.ParseFloat(val, 64)
		if err != nil {
			return nil, fmt.Errorf("--data %s: want a number", key)
		}
		return f, nil
	case nodes.TypeBoolean:
		b, err := strconv.ParseBool(val)
		if err != nil {
			return nil, fmt.Errorf("--data %s: want true or false", key)
		}
		return b, nil
	}
	return val, nil
}

func (c *credCmd) list(args []string) int {
	fs := c.flags()
	asJSON := fs.Bool("json", false, "print a JSON array of {id, name, type}")
	pos, ok := parseInterspersed(fs, args)
	if !ok {
		return exitUsage
	}
	if len(pos) > 0 {
		return c.failf(exitUsage, "takes no arguments")
	}
	if err := c.open(); err != nil {
		return c.failf(exitFail, "%v", err)
	}
	defer c.close()
	list, err := c.store.List(context.Background())
	if err != nil {
		return c.failf(exitFail, "%v", err)
	}
	type row struct {
		ID   string `json:"id"`
		Name string `json:"name"`
		Type string `json:"type"`
	}
	rows := make([]row, 0, len(list))
	for _, cr := range list {
		rows = append(rows, row{cr.ID, cr.Name, cr.Type})
	}
	if *asJSON {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			return c.failf(exitFail, "%v", err)
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tTYPE")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Name, r.Type)
	}
	tw.Flush()
	return exitOK
}

func (c *credCmd) test(args []string) int {
	fs := c.flags()
	pos, ok := parseInterspersed(fs, args)
	if !ok {
		return exitUsage
	}
	if len(pos) != 1 {
		return c.failf(exitUsage, "want one credential name or id")
	}
	types, err := credentialTypes()
	if err != nil {
		return c.failf(exitFail, "%v", err)
	}
	if err := c.open(); err != nil {
		return c.failf(exitFail, "%v", err)
	}
	defer c.close()
	ctx := context.Background()
	m := credentials.NewManager(types, c.store)
	cred, err := m.Resolve(ctx, nodes.CredentialRef{ID: pos[0], Name: pos[0]}, "")
	if err != nil {
		return c.failf(exitFail, "%v", err)
	}
	client := &httpx.Client{}
	if err := m.Test(ctx, cred, client.Do); err != nil {
		var te *credentials.TestError
		if errors.As(err, &te) {
			fmt.Fprintf(c.stdout, "%s: %s\n", cred.Name, te.Message)
			return exitFail
		}
		return c.failf(exitFail, "%v", err)
	}
	fmt.Fprintf(c.stdout, "%s: %s\n", cred.Name, credentials.TestOKMessage)
	return exitOK
}

func (c *credCmd) importN8N(args []string) int {
	fs := c.flags()
	key := fs.String("n8n-key", "", "n8n's encryption key (N8N_ENCRYPTION_KEY, or encryptionKey in ~/.n8n/config) for encrypted data")
	decrypted := fs.Bool("decrypted", false, "the export was made with --decrypted (data are plain objects)")
	pos, ok := parseInterspersed(fs, args)
	if !ok {
		return exitUsage
	}
	if len(pos) != 1 {
		return c.failf(exitUsage, "want one export file (- for stdin)")
	}
	if *decrypted && *key != "" {
		return c.failf(exitUsage, "--decrypted and --n8n-key exclude each other")
	}
	var raw []byte
	var err error
	if pos[0] == "-" {
		raw, err = io.ReadAll(c.stdin)
	} else {
		raw, err = os.ReadFile(pos[0])
	}
	if err != nil {
		return c.failf(exitUsage, "%v", err)
	}
	if *decrypted {
		// A plain export has no encrypted strings: with no key any
		// encrypted data is reported clearly.
		*key = ""
	}
	creds, err := credentials.ImportN8N(raw, *key)
	if err != nil {
		if *decrypted && errors.Is(err, credentials.ErrN8NKeyNeeded) {
			return c.failf(exitUsage, "%v (the file is not a --decrypted export)", err)
		}
		return c.failf(exitUsage, "%v", err)
	}
	types, err := credentialTypes()
	if err != nil {
		return c.failf(exitFail, "%v", err)
	}
	if err := c.open(); err != nil {
		return c.failf(exitFail, "%v", err)
	}
	defer c.close()
	ctx := context.Background()
	for _, cr := range creds {
		if err := c.store.Put(ctx, cr); err != nil {
			return c.failf(exitFail, "%v", err)
		}
		fmt.Fprintf(c.stdout, "imported credential %q (id %s, type %s)\n", cr.Name, cr.ID, cr.Type)
		if types.Lookup(cr.Type) == nil {
			fmt.Fprintf(c.stderr, "%s: warning: credential %q has type %s, which no bundled node uses\n", c.name, cr.Name, cr.Type)
		}
	}
	return exitOK
}

func (c *credCmd) remove(args []string) int {
	fs := c.flags()
	pos, ok := parseInterspersed(fs, args)
	if !ok {
		return exitUsage
	}
	if len(pos) != 1 {
		return c.failf(exitUsage, "want one credential name or id")
	}
	if err := c.open(); err != nil {
		return c.failf(exitFail, "%v", err)
	}
	defer c.close()
	ctx := context.Background()
	cr, err := c.store.Get(ctx, pos[0])
	if err != nil {
		return c.failf(exitFail, "%v", err)
	}
	if err := c.store.Delete(ctx, cr.ID); err != nil {
		return c.failf(exitFail, "%v", err)
	}
	fmt.Fprintf(c.stdout, "removed credential %q (id %s)\n", cr.Name, cr.ID)
	return exitOK
}
