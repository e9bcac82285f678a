package bundled

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/routing"
)

// NodeDirsEnv names the environment variable listing extra integration
// folders (separated by the OS path list separator, ':' on Unix) that
// Registry and CredentialTypes load next to the bundled ones.
const NodeDirsEnv = "NODERUN_NODES"

// Files of an integration folder, as `noderun gen openapi -o DIR` writes it.
const (
	descriptionFile = "description.json"
	credentialsFile = "credentials.json"
)

// envNodeDirs returns the folders named by NODERUN_NODES.
func envNodeDirs() []string {
	var dirs []string
	for _, d := range filepath.SplitList(os.Getenv(NodeDirsEnv)) {
		if d = strings.TrimSpace(d); d != "" {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// RegisterNodeDir registers the declarative node of an integration folder
// (its description.json) in reg and its credential types
// (credentials.json, optional) in types: a generated integration runs
// with no Go code. Errors name the folder and file.
func RegisterNodeDir(reg *nodes.Registry, types *credentials.Types, dir string) error {
	data, err := os.ReadFile(filepath.Join(dir, descriptionFile))
	if err != nil {
		return fmt.Errorf("node folder %s: %w", dir, err)
	}
	if _, err := routing.Register(reg, data); err != nil {
		return fmt.Errorf("node folder %s: %s: %w", dir, descriptionFile, err)
	}
	if types == nil {
		return nil
	}
	return registerCredentialTypes(types, dir)
}

// registerCredentialTypes adds a folder's credentials.json, if any.
func registerCredentialTypes(types *credentials.Types, dir string) error {
	data, err := os.ReadFile(filepath.Join(dir, credentialsFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("node folder %s: %w", dir, err)
	}
	if err := loadCredentialTypes(types, data); err != nil {
		return fmt.Errorf("node folder %s: %s: %w", dir, credentialsFile, err)
	}
	return nil
}

// loadCredentialTypes registers the credential types of one n8n-shaped
// JSON document.
func loadCredentialTypes(types *credentials.Types, data []byte) error {
	list, err := credentials.LoadTypes(data)
	if err != nil {
		return err
	}
	for _, t := range list {
		if err := types.Register(t); err != nil {
			return err
		}
	}
	return nil
}
