package main

import (
	"io"

	"github.com/noderun/noderun/internal/openapi"
)

func init() {
	commands["gen"] = command{
		summary: "generate a declarative node from an OpenAPI spec (gen openapi), or its docs (gen docs)",
		run: func(args []string, _ io.Reader, stdout, stderr io.Writer) int {
			return runGen(args, stdout, stderr)
		},
	}
}

// runGen is `noderun gen openapi|docs ...`:
//
//	noderun gen openapi --name acme --display-name "Acme" spec.json -o nodes/acme/
//	noderun gen docs nodes/acme/
//
// Options beyond the n8n-openapi-node mapping: --strip-prefix REGEXP,
// --names-from-summaries, --additional-fields, --display-by-value,
// --drop-unused-tags, --rename-reserved, --base-url URL,
// --base-url-from-credential FIELD, --credential TYPE, --header "K: V".
func runGen(args []string, stdout, stderr io.Writer) int {
	return openapi.RunGen(args, stdout, stderr)
}
