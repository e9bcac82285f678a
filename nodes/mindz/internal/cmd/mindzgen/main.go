// Command mindzgen writes the Mindz node's description.json and
// doc-notes.json from the hand-written catalogue:
//
//	go run ./internal/cmd/mindzgen .
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/noderun/noderun/nodes/mindz/internal/catalogue"
)

func main() {
	dir := "."
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	files, err := catalogue.Files()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
