package expr

import (
	"errors"
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
	// prog, when run, yields a function that evaluates the chunk with its
	// argument as the data scope.
	prog *goja.Program
	// path is set when the chunk is a pure $json path that can be read from
	// the Go value without JavaScript.
	path *jsonPath
	// binop is set when the chunk is `<path> <op> <number>`.
	binop *binaryOp
	// fx is set for the other chunk shapes Go evaluates (fastexpr.go).
	fx fastExpr
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
	if constructorRe.MatchString(body) {
		c.err = &ExpressionError{Message: "Expression contains invalid constructor function call"}
		return c
	}
	chunks := split(body)
	// Tournament's rule: exactly a blank text chunk and one code chunk is
	// whole-value mode; anything else is a template.
	c.whole = len(chunks) == 2 && !chunks[0].Code && chunks[0].Text == "" && chunks[1].Code
	for _, ch := range chunks {
		if !ch.Code {
			if ch.Text != "" {
				c.pieces = append(c.pieces, piece{text: ch.Text})
			}
			continue
		}
		// An unclosed "{{" still runs as code, as tournament does.
		cd, err := compileCode(ch.Text)
		if err != nil {
			var ee *ExpressionError
			if errors.As(err, &ee) {
				c.err = ee
			} else {
				c.err = &SyntaxError{Expression: s, Offset: ch.Offset + 1, Message: err.Error()}
			}
			return c
		}
		c.pieces = append(c.pieces, piece{code: cd})
	}
	return c
}

// syntaxMessage is n8n's message for a chunk that is not an expression.
const syntaxMessage = "invalid syntax"

// compileCode compiles one chunk. As in tournament, its first statement
// must be an expression statement (later ones are ignored), and a leading
// "{" is parenthesised so object literals work.
func compileCode(src string) (*code, error) {
	trimmed := strings.TrimSpace(src)
	if strings.HasPrefix(trimmed, "{") {
		trimmed = "(" + trimmed + ")"
	}
	prog, err := parser.ParseFile(nil, "", trimmed, 0)
	if err != nil {
		return nil, errString(syntaxMessage)
	}
	if len(prog.Body) == 0 {
		return nil, errString(syntaxMessage)
	}
	es, ok := prog.Body[0].(*ast.ExpressionStatement)
	if !ok {
		return nil, errString(syntaxMessage)
	}
	ins, err := sanitizeAST(trimmed, es)
	if err != nil {
		return nil, err
	}
	expr := trimmed
	if len(prog.Body) > 1 {
		expr = trimmed[:int(prog.Body[1].Idx0())-1]
	}
	expr = strings.TrimRight(expr, "; \t\r\n")
	cd := &code{src: expr, path: parsePath(expr)}
	if cd.path == nil {
		cd.binop = parseBinaryOp(expr)
	}
	if cd.path == nil && cd.binop == nil {
		cd.fx = parseFast(es.Expression, trimmed)
	}
	expr = applyInsertions(expr, ins)
	wrapped := "(function(" + scopeParam + "){with(" + scopeParam + "){return (" + expr + "\n)}})"
	cd.prog, err = goja.Compile("expression", wrapped, false)
	if err != nil {
		return nil, errString(syntaxMessage)
	}
	return cd, nil
}

// scopeParam names the data scope parameter of a compiled chunk.
const scopeParam = "___n8n_data"

// errString is a constant-message error.
type errString string

func (e errString) Error() string { return string(e) }
