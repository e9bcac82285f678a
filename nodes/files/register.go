package files

import (
	_ "embed"
	"fmt"

	"github.com/noderun/noderun/nodes"
)

// CredentialTypes is the "crypto" credential type Crypto 2 reads its HMAC
// secret and signing key from, in n8n's ICredentialType JSON shape.
//
//go:embed credentials.json
var CredentialTypes []byte

// Types returns every node type of the package.
func Types() []*nodes.Type {
	return []*nodes.Type{
		extractFromFileType(),
		convertToFileType(),
		readWriteFileType(),
		htmlType(),
		markdownType(),
		xmlType(),
		cryptoType(),
	}
}

// Register adds the file and text nodes to r.
func Register(r *nodes.Registry) error {
	for _, t := range Types() {
		if err := r.Register(t); err != nil {
			return fmt.Errorf("files: %w", err)
		}
	}
	return nil
}
