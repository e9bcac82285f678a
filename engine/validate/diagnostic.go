package validate

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Severity says whether a Diagnostic stops a run.
type Severity string

// Severities.
const (
	// Error is a problem that makes the workflow fail or run wrongly.
	Error Severity = "error"
	// Warning is a likely mistake that n8n tolerates (it ignores the
	// offending part).
	Warning Severity = "warning"
)

// Diagnostic is one problem found in a workflow.
type Diagnostic struct {
	// Severity is error or warning.
	Severity Severity `json:"severity"`
	// Path is the JSON path into the workflow file, such as
	// nodes[3].parameters.operation or connections["If"].main[1][0].node.
	Path string `json:"path"`
	// Node is the name of the node concerned, if any.
	Node string `json:"node,omitempty"`
	// Message says what is wrong, in the user's terms.
	Message string `json:"message"`
	// Line and Column locate Path in the file (1-based) when the
	// diagnostic came from File; a path that is not in the file (a
	// missing parameter) points at its nearest enclosing value.
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
}

// String renders the diagnostic on one line: "error nodes[1].type (Node): message".
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(string(d.Severity))
	if d.Path != "" {
		b.WriteString(" ")
		b.WriteString(d.Path)
	}
	if d.Node != "" {
		fmt.Fprintf(&b, " (%s)", d.Node)
	}
	b.WriteString(": ")
	b.WriteString(d.Message)
	return b.String()
}

// HasErrors reports whether any diagnostic is an error.
func HasErrors(diags []Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func Count(diags []Diagnostic) (errors, warnings int) {
	for _, d := range diags {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// sortDiagnostics orders diagnostics by path (numeric indexes by value),
// then severity and message, so output is stable.
func sortDiagnostics(diags []Diagnostic) {
	sort.SliceStable(diags, func(i, j int) bool {
		if c := comparePaths(diags[i].Path, diags[j].Path); c != 0 {
			return c < 0
		}
		if diags[i].Severity != diags[j].Severity {
			return diags[i].Severity == Error
		}
		return diags[i].Message < diags[j].Message
	})
}

// comparePaths compares JSON paths segment-wise, bracketed numbers by value.
func comparePaths(a, b string) int {
	for a != "" && b != "" {
		sa, ra := nextSegment(a)
		sb, rb := nextSegment(b)
		if sa != sb {
			na, ea := strconv.Atoi(sa)
			nb, eb := strconv.Atoi(sb)
			if ea == nil && eb == nil {
				if na < nb {
					return -1
				}
				return 1
			}
			return strings.Compare(sa, sb)
		}
		a, b = ra, rb
	}
	return strings.Compare(a, b)
}

// nextSegment splits off the first segment of a path: a name, or the
// content of a [..] index.
func nextSegment(p string) (string, string) {
	p = strings.TrimPrefix(p, ".")
	if strings.HasPrefix(p, "[") {
		if i := strings.IndexByte(p, ']'); i > 0 {
			return p[1:i], p[i+1:]
		}
		return p, ""
	}
	i := strings.IndexAny(p, ".[")
	if i < 0 {
		return p, ""
	}
	return p[:i], p[i:]
}

// key appends an object key to a JSON path: .name for identifiers,
// ["other key"] otherwise.
func key(path, k string) string {
	if isIdent(k) {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	return path + "[" + strconv.Quote(k) + "]"
}

// index appends an array index to a JSON path.
func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || r == '$' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z'):
		case i > 0 && r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return true
}
