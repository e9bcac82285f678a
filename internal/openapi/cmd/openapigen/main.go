// Command openapigen is `noderun gen` without the rest of the CLI, so that
// the bundled integrations' go:generate directives need nothing else:
//
//	go run ../../internal/openapi/cmd/openapigen openapi --name acme spec.json -o .
package main

import (
	"os"

	"github.com/noderun/noderun/internal/openapi"
)

func main() {
	os.Exit(openapi.RunGen(os.Args[1:], os.Stdout, os.Stderr))
}
