package main

import (
	"io"

	"github.com/noderun/noderun/internal/openapi"
)

// runGen is `noderun gen openapi|docs ...`:
//
//	noderun gen openapi --name acme --display-name "Acme" spec.json -o nodes/acme/
//	noderun gen docs nodes/acme/
//
// Options beyond the n8n-openapi-node mapping: --strip-prefix REGEXP,
// --names-from-summaries, --additional-fields, --display-by-value,
// --drop-unused-tags, --base-url URL, --credential TYPE, --header "K: V".
func runGen(args []string, stdout, stderr io.Writer) int {
	return openapi.RunGen(args, stdout, stderr)
}
