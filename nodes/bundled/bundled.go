// Package bundled assembles everything noderun ships: the core nodes, the
// bundled integrations, their credential types, the generic declarative
// handler, the HTTP client and the credential store, into a ready engine.
//
//	eng, err := bundled.NewEngine(bundled.Options{CredentialsFile: "creds.json"})
//	res, err := eng.Run(ctx, wf, engine.RunOptions{})
//
// Embedders that want a different set of nodes build their own
// nodes.Registry and call engine.New directly.
package bundled

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/chatwoot"
	"github.com/noderun/noderun/nodes/code"
	"github.com/noderun/noderun/nodes/core"
	"github.com/noderun/noderun/nodes/dnsfilter"
	"github.com/noderun/noderun/nodes/files"
	"github.com/noderun/noderun/nodes/flow"
	"github.com/noderun/noderun/nodes/httprequest"
	"github.com/noderun/noderun/nodes/looker"
	"github.com/noderun/noderun/nodes/mindz"
	"github.com/noderun/noderun/nodes/routing"
	"github.com/noderun/noderun/nodes/transform"
	"github.com/noderun/noderun/nodes/trigger"
)

// registrars add node types to a registry, in order.
var registrars = []func(*nodes.Registry) error{
	core.Register,
	transform.Register,
	httprequest.Register,
	flow.Register,
	code.Register,
	files.Register,
	chatwoot.Register,
	dnsfilter.Register,
	looker.Register,
	mindz.Register,
	trigger.Register,
}

// credentialTypeSources are n8n-shaped credential type JSON documents of the
// bundled integrations.
var credentialTypeSources = [][]byte{
	chatwoot.CredentialTypes,
	dnsfilter.CredentialTypes,
	looker.CredentialTypes,
	mindz.CredentialTypes,
	files.CredentialTypes,
}

// Registry returns a new registry with every bundled node type, the
// integration folders named by NODERUN_NODES, and the generic declarative
// handler.
func Registry() (*nodes.Registry, error) { return RegistryWith(envNodeDirs()...) }

// RegistryWith is Registry with the declarative nodes of the given
// integration folders (see RegisterNodeDir) instead of NODERUN_NODES.
func RegistryWith(nodeDirs ...string) (*nodes.Registry, error) {
	r := nodes.NewRegistry()
	for _, register := range registrars {
		if err := register(r); err != nil {
			return nil, fmt.Errorf("bundled nodes: %w", err)
		}
	}
	for _, dir := range nodeDirs {
		if err := RegisterNodeDir(r, nil, dir); err != nil {
			return nil, err
		}
	}
	r.Declarative = routing.New()
	return r, nil
}

// CredentialTypes returns the built-in credential types plus those of the
// bundled integrations and of the folders named by NODERUN_NODES.
func CredentialTypes() (*credentials.Types, error) { return CredentialTypesWith(envNodeDirs()...) }

// CredentialTypesWith is CredentialTypes with the credential types of the
// given integration folders instead of NODERUN_NODES.
func CredentialTypesWith(nodeDirs ...string) (*credentials.Types, error) {
	types := credentials.BuiltinTypes()
	for _, src := range credentialTypeSources {
		if err := loadCredentialTypes(types, src); err != nil {
			return nil, fmt.Errorf("bundled credential types: %w", err)
		}
	}
	for _, dir := range nodeDirs {
		if err := registerCredentialTypes(types, dir); err != nil {
			return nil, err
		}
	}
	return types, nil
}

// Options configure NewEngine.
type Options struct {
	// Registry to use; nil builds RegistryWith(NodeDirs...).
	Registry *nodes.Registry
	// NodeDirs are integration folders (description.json, credentials.json)
	// to load next to the bundled nodes; nil uses NODERUN_NODES.
	NodeDirs []string
	// CredentialsFile is a JSON credentials file ({"<id>": {name, type,
	// data}}); empty uses Store, else the default encrypted store.
	CredentialsFile string
	// Store overrides the credential store.
	Store credentials.Store
	// WorkflowsDir is where Execute Workflow finds workflows by id.
	WorkflowsDir string
	// Logger for the engine (default: discard).
	Logger *slog.Logger
	// EnvAccess enables $env in expressions.
	EnvAccess func(string) (string, bool)
}

// NewEngine returns an engine wired with the bundled nodes, the HTTP client
// and credentials.
func NewEngine(opts Options) (*engine.Engine, error) {
	dirs := opts.NodeDirs
	if dirs == nil {
		dirs = envNodeDirs()
	}
	reg := opts.Registry
	if reg == nil {
		var err error
		if reg, err = RegistryWith(dirs...); err != nil {
			return nil, err
		}
	}
	types, err := CredentialTypesWith(dirs...)
	if err != nil {
		return nil, err
	}
	store := opts.Store
	if store == nil && opts.CredentialsFile != "" {
		fs, err := credentials.OpenFileStore(opts.CredentialsFile)
		if err != nil {
			return nil, fmt.Errorf("credentials file: %w", err)
		}
		store = fs
	}
	client := &httpx.Client{}
	engOpts := []engine.Option{
		engine.WithSender(client.Do),
		engine.WithDeclarativeHandler(reg.Declarative),
	}
	if store != nil {
		engOpts = append(engOpts, engine.WithCredentials(&credentialProvider{m: credentials.NewManager(types, store)}))
	} else {
		engOpts = append(engOpts, engine.WithCredentials(&lazyDefaultStore{types: types}))
	}
	if opts.Logger != nil {
		engOpts = append(engOpts, engine.WithLogger(opts.Logger))
	}
	if opts.EnvAccess != nil {
		engOpts = append(engOpts, engine.WithEnvAccess(opts.EnvAccess))
	}
	if opts.WorkflowsDir != "" {
		engOpts = append(engOpts, engine.WithSubWorkflows(engine.DirLoader(opts.WorkflowsDir)))
	}
	return engine.New(reg, engOpts...), nil
}

// credentialProvider adapts a credentials.Manager to the engine.
type credentialProvider struct{ m *credentials.Manager }

func (p *credentialProvider) ref(node *nodes.Node, typeName string) (nodes.CredentialRef, error) {
	ref, ok := node.Credentials[typeName]
	if !ok {
		return ref, nodes.NewOperationErrorf(node.Name, "node has no %q credential selected (set node.credentials.%s to {id, name})", typeName, typeName)
	}
	return ref, nil
}

func (p *credentialProvider) Data(ctx context.Context, node *nodes.Node, typeName string) (map[string]any, error) {
	ref, err := p.ref(node, typeName)
	if err != nil {
		return nil, err
	}
	return p.m.Data(ctx, ref, typeName)
}

func (p *credentialProvider) Do(ctx context.Context, node *nodes.Node, typeName string, req *nodes.Request, send engine.Sender) (*nodes.Response, error) {
	ref, err := p.ref(node, typeName)
	if err != nil {
		return nil, err
	}
	cred, err := p.m.Resolve(ctx, ref, typeName)
	if err != nil {
		return nil, err
	}
	return p.m.Do(ctx, cred, req, send)
}

// lazyDefaultStore opens the default encrypted store only when a node
// actually needs a credential, so workflows without credentials never
// create a key file.
type lazyDefaultStore struct {
	types *credentials.Types
	once  sync.Once
	p     *credentialProvider
	err   error
}

func (l *lazyDefaultStore) provider() (*credentialProvider, error) {
	l.once.Do(func() {
		store, err := credentials.OpenDefaultStore()
		if err != nil {
			l.err = fmt.Errorf("open the credential store: %w", err)
			return
		}
		l.p = &credentialProvider{m: credentials.NewManager(l.types, store)}
	})
	return l.p, l.err
}

func (l *lazyDefaultStore) Data(ctx context.Context, node *nodes.Node, typeName string) (map[string]any, error) {
	p, err := l.provider()
	if err != nil {
		return nil, err
	}
	return p.Data(ctx, node, typeName)
}

func (l *lazyDefaultStore) Do(ctx context.Context, node *nodes.Node, typeName string, req *nodes.Request, send engine.Sender) (*nodes.Response, error) {
	p, err := l.provider()
	if err != nil {
		return nil, err
	}
	return p.Do(ctx, node, typeName, req, send)
}
