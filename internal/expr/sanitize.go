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

// insertion is text to insert into a chunk's source at a byte offset.
type insertion struct {
	at   int
	text string
}

// sanitizeAST applies n8n's static sandbox checks to a parsed chunk:
// member access to an unsafe property name (a.b or a["b"]) and a bare $
// that is not called are ExpressionErrors. It returns the insertions that
// route every computed member key through __sanitize, n8n's run-time
// check (x[k] becomes x[__sanitize(k)]).
func sanitizeAST(n ast.Node) ([]insertion, error) {
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
							insertion{at: int(x.LeftBracket), text: sanitizerName + "("},
							insertion{at: int(x.RightBracket) - 1, text: ")"})
					}
				case *ast.CallExpression:
					if id, ok := x.Callee.(*ast.Identifier); ok && id.Name == "$" {
						for _, a := range x.ArgumentList {
							walk(reflect.ValueOf(a))
						}
						return
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
		b.WriteString(src[last:in.at])
		b.WriteString(in.text)
		last = in.at
	}
	b.WriteString(src[last:])
	return b.String()
}

func unsafeError(name string) error {
	return &ExpressionError{Message: fmt.Sprintf("Cannot access %q due to security concerns", name)}
}
