package expr

import (
	"regexp"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
)

// compiled is an expression string split and compiled once; it is shared
// by every evaluation and every pooled runtime.
type compiled struct {
	// pieces are the chunks in order (text or code).
	pieces []piece
	// whole is true when the expression is exactly one code chunk with no
	// text around it: its value keeps its type.
	whole bool
	// err is the *SyntaxError or *ExpressionError the expression always
	// fails with (bad syntax, ".constructor").
	err error
}

// piece is one text or code chunk of a compiled expression.
type piece struct {
	text string
	code *code
}

// code is one compiled {{ }} chunk.
type code struct {
	// src is the JavaScript expression as written (trimmed).
	src string
	// prog, when run, yields a function that evaluates the chunk with
	// `this` as the data scope. Nil for an empty chunk (undefined).
	prog *goja.Program
	// path is set when the chunk is a pure $json path that can be read from
	// the Go value without JavaScript.
	path *jsonPath
}

// constructorRe is n8n's check for constructor access in an expression.
var constructorRe = regexp.MustCompile(`\.\s*constructor`)

// compile splits and compiles the expression s (with its leading "="),
// using and filling the evaluator's cache.
func (e *evaluator) compile(s string) *compiled {
	if c, ok := e.cache.Load(s); ok {
		return c.(*compiled)
	}
	c := compileExpression(s)
	actual, _ := e.cache.LoadOrStore(s, c)
	return actual.(*compiled)
}

// compileExpression does the work of compile without caching.
func compileExpression(s string) *compiled {
	body := strings.TrimPrefix(s, "=")
	c := &compiled{}
	chunks := split(body)
	codeChunks, textLen := 0, 0
	for _, ch := range chunks {
		if !ch.Code {
			if ch.Text != "" {
				c.pieces = append(c.pieces, piece{text: ch.Text})
				textLen += len(ch.Text)
			}
			continue
		}
		codeChunks++
		if !ch.Closed {
			c.err = &SyntaxError{Expression: s, Offset: ch.Offset + 1, Message: "unterminated {{ (missing }})"}
			return c
		}
		cd, err := compileCode(ch.Text)
		if err != nil {
			c.err = &SyntaxError{Expression: s, Offset: ch.Offset + 1, Message: err.Error()}
			return c
		}
		c.pieces = append(c.pieces, piece{code: cd})
	}
	c.whole = codeChunks == 1 && textLen == 0
	if constructorRe.MatchString(body) {
		c.err = &ExpressionError{Message: "Expression contains invalid constructor function call"}
	}
	return c
}

// syntaxMessage is n8n's message for a chunk that is not one expression.
const syntaxMessage = "invalid syntax"

// compileCode compiles one chunk: it must be a single JavaScript expression
// (a leading "{" is parenthesised so object literals work).
func compileCode(src string) (*code, error) {
	trimmed := strings.TrimSpace(src)
	if strings.HasPrefix(trimmed, "{") {
		trimmed = "(" + trimmed + ")"
	}
	cd := &code{src: trimmed}
	prog, err := parser.ParseFile(nil, "", trimmed, 0)
	if err != nil {
		return nil, errString(syntaxMessage + ": " + err.Error())
	}
	var stmts []ast.Statement
	for _, st := range prog.Body {
		if _, empty := st.(*ast.EmptyStatement); !empty {
			stmts = append(stmts, st)
		}
	}
	if len(stmts) == 0 {
		return cd, nil // empty chunk: undefined
	}
	if _, ok := stmts[0].(*ast.ExpressionStatement); len(stmts) != 1 || !ok {
		return nil, errString(syntaxMessage)
	}
	expr := strings.TrimRight(trimmed, "; \t\r\n")
	cd.path = parsePath(expr)
	wrapped := "(function(){with(this){return (" + expr + "\n)}})"
	cd.prog, err = goja.Compile("expression", wrapped, false)
	if err != nil {
		return nil, errString(syntaxMessage + ": " + err.Error())
	}
	return cd, nil
}

// errString is a constant-message error.
type errString string

func (e errString) Error() string { return string(e) }
