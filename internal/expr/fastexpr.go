package expr

import (
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja/ast"
)

// fastExpr is a chunk shape Go evaluates exactly as JavaScript does,
// beyond the plain paths and binary operations of fastpath.go and
// fastbinop.go: string methods, $itemIndex/$runIndex and array literals.
// Every shape is checked against goja by fastexpr_test.go.
type fastExpr interface {
	// eval computes the value for data d whose current item JSON is root;
	// values returned never alias the item. fastFallback means JavaScript
	// is needed.
	eval(d *Data, root any, protoHas func(string) bool) (any, fastResult)
}

// parseFast recognises a fastExpr in the parsed chunk node, whose source
// text is src (node offsets are 1-based into src); nil when the shape is
// not one Go evaluates.
func parseFast(node ast.Expression, src string) fastExpr {
	return parseFastNode(node, func(n ast.Node) (string, bool) {
		i0, i1 := int(n.Idx0())-1, int(n.Idx1())-1
		if i0 < 0 || i1 > len(src) || i0 > i1 {
			return "", false
		}
		return src[i0:i1], true
	})
}

// parseFastNode is parseFast's recursion; text returns a node's source.
func parseFastNode(node ast.Expression, text func(ast.Node) (string, bool)) fastExpr {
	switch n := node.(type) {
	case *ast.Identifier:
		switch n.Name {
		case "$itemIndex", "$position", "$thisItemIndex":
			return indexExpr{}
		case "$runIndex", "$thisRunIndex":
			return indexExpr{run: true}
		}
	case *ast.CallExpression:
		dot, ok := n.Callee.(*ast.DotExpression)
		if !ok || len(n.ArgumentList) != 0 {
			return nil
		}
		m := string(dot.Identifier.Name)
		if m != "toUpperCase" && m != "toLowerCase" && m != "trim" {
			return nil
		}
		s, ok := text(dot.Left)
		if !ok {
			return nil
		}
		if p := parsePath(s); p != nil {
			return stringMethod{path: p, method: m}
		}
	case *ast.ArrayLiteral:
		arr := arrayExpr{}
		for _, el := range n.Value {
			if el == nil {
				return nil // a hole
			}
			if _, spread := el.(*ast.SpreadElement); spread {
				return nil
			}
			f := parseFastElement(el, text)
			if f == nil {
				return nil
			}
			arr.elems = append(arr.elems, f)
		}
		return arr
	}
	return nil
}

// parseFastElement recognises an array element: any fast shape.
func parseFastElement(el ast.Expression, text func(ast.Node) (string, bool)) fastExpr {
	s, ok := text(el)
	if !ok {
		return nil
	}
	s = strings.TrimSpace(s)
	if p := parsePath(s); p != nil {
		return pathExpr{p}
	}
	if b := parseBinaryOp(s); b != nil {
		return binopExpr{b}
	}
	return parseFastNode(el, text)
}

// pathExpr is a $json path as an array element.
type pathExpr struct{ p *jsonPath }

func (x pathExpr) eval(_ *Data, root any, protoHas func(string) bool) (any, fastResult) {
	v, res := x.p.read(root, protoHas)
	if res == fastValue {
		return copyJSON(v), res
	}
	return nil, res
}

// binopExpr is a binaryOp as an array element.
type binopExpr struct{ b *binaryOp }

func (x binopExpr) eval(_ *Data, root any, protoHas func(string) bool) (any, fastResult) {
	v, ok := x.b.eval(root, protoHas)
	if !ok {
		return nil, fastFallback
	}
	return v, fastValue
}

// indexExpr is $itemIndex (or $runIndex when run).
type indexExpr struct{ run bool }

func (x indexExpr) eval(d *Data, _ any, _ func(string) bool) (any, fastResult) {
	if x.run {
		return float64(d.RunIndex), fastValue
	}
	return float64(d.ItemIndex), fastValue
}

// stringMethod is `<path>.toUpperCase()`, `.toLowerCase()` or `.trim()`
// on an ASCII string (other strings need JavaScript's Unicode rules).
type stringMethod struct {
	path   *jsonPath
	method string
}

func (x stringMethod) eval(_ *Data, root any, protoHas func(string) bool) (any, fastResult) {
	v, res := x.path.read(root, protoHas)
	switch res {
	case fastUndefined:
		return nil, fastUndefined // method of undefined: TypeError, swallowed
	case fastFallback:
		return nil, fastFallback
	}
	s, ok := v.(string)
	if !ok {
		if v == nil {
			return nil, fastUndefined // method of null: TypeError, swallowed
		}
		return nil, fastFallback
	}
	if !isASCII(s) {
		return nil, fastFallback
	}
	switch x.method {
	case "toUpperCase":
		return asciiUpper(s), fastValue
	case "toLowerCase":
		return asciiLower(s), fastValue
	}
	return strings.Trim(s, " \t\n\v\f\r"), fastValue
}

// arrayExpr is an array literal of fast elements.
type arrayExpr struct{ elems []fastExpr }

func (x arrayExpr) eval(d *Data, root any, protoHas func(string) bool) (any, fastResult) {
	out := make([]any, len(x.elems))
	for i, el := range x.elems {
		v, res := el.eval(d, root, protoHas)
		if res == fastFallback {
			return nil, fastFallback
		}
		out[i] = v // undefined elements export as null
	}
	return out, fastValue
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func asciiUpper(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			return strings.ToUpper(s)
		}
	}
	return s
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}
