package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/noderun/noderun/internal/schemagen"
	"github.com/noderun/noderun/nodes/bundled"
)

func init() {
	commands["schema"] = command{summary: "write JSON Schemas for workflows and every bundled node type", run: runSchema}
}

func runSchema(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "schemas", "output folder (workflow.schema.json and nodes/*.schema.json)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: noderun schema [-o DIR]\n\nWrites the JSON Schemas (draft 2020-12) of the workflow file and of each\nbundled node type's parameters, generated from the node descriptions.\nStale node schemas in DIR/nodes are removed.\n\nFlags:")
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
		fmt.Fprintf(stderr, "noderun schema: %v\n", err)
		return exitFail
	}
	files, err := schemagen.Generate(reg)
	if err != nil {
		fmt.Fprintf(stderr, "noderun schema: %v\n", err)
		return exitFail
	}
	if err := writeSchemas(*out, files); err != nil {
		fmt.Fprintf(stderr, "noderun schema: %v\n", err)
		return exitFail
	}
	total := 0
	for _, b := range files {
		total += len(b)
	}
	fmt.Fprintf(stdout, "wrote %d schemas (%d KB) to %s\n", len(files), total/1024, *out)
	return exitOK
}

// writeSchemas writes files under dir and removes node schemas that are no
// longer generated.
func writeSchemas(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		path := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[n], 0o644); err != nil {
			return err
		}
	}
	old, err := filepath.Glob(filepath.Join(dir, schemagen.NodesDir, "*.schema.json"))
	if err != nil {
		return err
	}
	for _, path := range old {
		rel := schemagen.NodesDir + "/" + filepath.Base(path)
		if _, ok := files[rel]; !ok && strings.HasSuffix(path, ".schema.json") {
			if err := os.Remove(path); err != nil {
				return err
			}
		}
	}
	return nil
}
