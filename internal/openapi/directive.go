package openapi

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// GeneratorCommand is the go:generate command the bundled integrations use.
const GeneratorCommand = "go run ../../internal/openapi/cmd/openapigen"

// FromDirectives re-runs, in memory, every `//go:generate go run
// ../../internal/openapi/cmd/openapigen ...` directive of goFile, with paths
// relative to the file's folder as go generate would. A test compares the
// result with the checked-in files so that they cannot drift.
func FromDirectives(goFile string, stderr io.Writer) ([]*Generated, error) {
	src, err := os.ReadFile(goFile)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(goFile)
	var out []*Generated
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		rest, ok := strings.CutPrefix(line, "//go:generate "+GeneratorCommand+" ")
		if !ok {
			continue
		}
		args, err := splitArgs(rest)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", goFile, err)
		}
		g, err := generateIn(dir, args, stderr)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", goFile, err)
		}
		out = append(out, g)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no //go:generate %s directive", goFile, GeneratorCommand)
	}
	return out, nil
}

// generateIn runs Generate with relative paths taken from dir.
func generateIn(dir string, args []string, stderr io.Writer) (*Generated, error) {
	if dir == "." || dir == "" {
		return Generate(args, stderr)
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if err := os.Chdir(dir); err != nil {
		return nil, err
	}
	defer os.Chdir(wd)
	return Generate(args, stderr)
}

// splitArgs splits a go:generate line the way go generate does: on spaces,
// with double-quoted strings (Go syntax) kept whole.
func splitArgs(s string) ([]string, error) {
	var args []string
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return args, nil
		}
		if s[0] == '"' {
			end := 1
			for ; end < len(s); end++ {
				if s[end] == '\\' {
					end++
					continue
				}
				if s[end] == '"' {
					break
				}
			}
			if end >= len(s) {
				return nil, fmt.Errorf("unterminated quoted string in go:generate line")
			}
			var v string
			if _, err := fmt.Sscanf(s[:end+1], "%q", &v); err != nil {
				return nil, err
			}
			args = append(args, expandVars(v))
			s = s[end+1:]
			continue
		}
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			i = len(s)
		}
		args = append(args, expandVars(s[:i]))
		s = s[i:]
	}
}

// expandVars expands $NAME and ${NAME} as go generate does ($DOLLAR is a
// dollar sign).
func expandVars(s string) string {
	return os.Expand(s, func(name string) string {
		if name == "DOLLAR" {
			return "$"
		}
		return os.Getenv(name)
	})
}
