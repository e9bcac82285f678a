package expr

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/dop251/goja/ast"
)

// unsafeProperties are the property names n8n's PrototypeSanitizer
// refuses (n8n-workflow utils.ts unsafeObjectProperties).
var unsafeProperties = map[string]bool{
	"__proto__": true, "prototype": true, "constructor": true, "getPrototypeOf": true,
	"setPrototypeOf": true, "getOwnPropertyDescriptor": true, "getOwnPropertyDescriptors": true,
	"defineProperty": true, "defineProperties": true, "mainModule": true, "binding": true,
	"_linkedBinding": true, "_load": true, "prepareStackTrace": true, "__lookupGetter__": true,
	"__lookupSetter__": true, "__defineGetter__": true, "__defineSetter__": true, "caller": true,
	"callee": true, "arguments": true, "getBuiltinModule": true, "dlopen": true, "execve": true,
	"loadEnvFile": true,
}

// dollarMessage is n8n's DollarSignValidator error.
const dollarMessage = `Cannot access "$" without calling it as a function`

// insertion replaces the bytes [at, end) of a chunk's source with text
// (end == at inserts).
type insertion struct {
	at, end int
	text    string
}

// sanitizeAST applies n8n's static sandbox checks to a parsed chunk:
// member access to an unsafe property name (a.b or a["b"]) and a bare $
// that is not called are ExpressionErrors. It returns the insertions that
// route every computed member key through __sanitize, n8n's run-time
// check (x[k] becomes x[__sanitize(k)]).
func sanitizeAST(src string, n ast.Node) ([]insertion, error) {
	var err error
	var ins []insertion
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		if err != nil || !v.IsValid() {
			return
		}
		switch v.Kind() {
		case reflect.Interface, reflect.Pointer:
			if v.IsNil() {
				return
			}
			if v.Kind() == reflect.Pointer {
				switch x := v.Interface().(type) {
				case *ast.DotExpression:
					if name := x.Identifier.Name.String(); unsafeProperties[name] {
						err = unsafeError(name)
						return
					}
					walk(reflect.ValueOf(x.Left))
					return
				case *ast.BracketExpression:
					switch m := x.Member.(type) {
					case *ast.StringLiteral:
						if unsafeProperties[m.Value.String()] {
							err = unsafeError(m.Value.String())
							return
						}
					case *ast.NumberLiteral:
					default:
						ins = append(ins,
							insertion{at: int(x.LeftBracket), end: int(x.LeftBracket), text: sanitizerName + "("},
							insertion{at: int(x.RightBracket) - 1, end: int(x.RightBracket) - 1, text: ")"})
					}
				case *ast.CallExpression:
					if id, ok := x.Callee.(*ast.Identifier); ok && id.Name == "$" {
						for _, a := range x.ArgumentList {
							walk(reflect.ValueOf(a))
						}
						return
					}
					if id, ok := x.Callee.(*ast.Identifier); ok && id.Name == "$if" {
						edits, ifErr := rewriteIf(src, x, id)
						if ifErr != nil {
							err = ifErr
							return
						}
						if edits != nil {
							ins = append(ins, edits...)
							for _, a := range x.ArgumentList {
								walk(reflect.ValueOf(a))
							}
							return
						}
					}
				case *ast.Identifier:
					if x.Name == "$" {
						err = &ExpressionError{Message: dollarMessage}
					}
					return
				}
			}
			walk(v.Elem())
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(n))
	return ins, err
}

// ifArity is n8n's error for a $if with too few arguments.
const ifArity = "$if requires at least 2 parameters: test, value_if_true[, and value_if_false]"

// rewriteIf turns $if(test, a, b) into ((test) ? (a) : (b)), as n8n's
// extendSyntax does, so only the chosen branch is evaluated (a missing b
// is false). It returns nil edits when the call cannot be rewritten
// safely (spread arguments, unexpected layout); $if then runs as a
// function.
func rewriteIf(src string, call *ast.CallExpression, callee *ast.Identifier) ([]insertion, error) {
	args := call.ArgumentList
	for _, a := range args {
		if _, spread := a.(*ast.SpreadElement); spread {
			return nil, nil
		}
	}
	if len(args) < 2 {
		return nil, &ExpressionError{Message: ifArity}
	}
	// The separating commas: the last ',' before each later argument,
	// with only blanks and opening parentheses in between.
	commas := make([]int, 0, 2)
	for _, a := range args[1:min(len(args), 3)] {
		i := int(a.Idx0()) - 2
		for i >= 0 && strings.ContainsRune(" \t\r\n(", rune(src[i])) {
			i--
		}
		if i < 0 || src[i] != ',' {
			return nil, nil
		}
		commas = append(commas, i)
	}
	name := int(callee.Idx) - 1
	open := int(call.LeftParenthesis) - 1
	closing := int(call.RightParenthesis) - 1
	if name < 0 || open < name || closing >= len(src) || src[open] != '(' || src[closing] != ')' {
		return nil, nil
	}
	edits := []insertion{
		{at: name, end: open + 1, text: "(("},
		{at: commas[0], end: commas[0] + 1, text: ") ? ("},
	}
	if len(args) == 2 {
		edits = append(edits, insertion{at: closing, end: closing, text: ") : false"})
		return edits, nil
	}
	end := closing
	if len(args) > 3 {
		// Extra arguments are ignored: drop them with the comma before.
		end = int(args[3].Idx0()) - 2
		for end >= 0 && src[end] != ',' {
			end--
		}
		if end < commas[1] {
			return nil, nil
		}
		edits = append(edits, insertion{at: end, end: closing, text: ""})
	}
	edits = append(edits,
		insertion{at: commas[1], end: commas[1] + 1, text: ") : ("},
		insertion{at: closing, end: closing, text: ")"})
	return edits, nil
}

// sanitizerName is the global run-time key check.
const sanitizerName = "__sanitize"

// applyInsertions returns src with ins applied.
func applyInsertions(src string, ins []insertion) string {
	if len(ins) == 0 {
		return src
	}
	sort.SliceStable(ins, func(i, j int) bool { return ins[i].at < ins[j].at })
	var b strings.Builder
	last := 0
	for _, in := range ins {
		if in.at < last || in.end > len(src) {
			continue // overlapping edit: cannot happen for well-formed ASTs
		}
		b.WriteString(src[last:in.at])
		b.WriteString(in.text)
		last = in.end
	}
	b.WriteString(src[last:])
	return b.String()
}

func unsafeError(name string) error {
	return &ExpressionError{Message: fmt.Sprintf("Cannot access %q due to security concerns", name)}
}
