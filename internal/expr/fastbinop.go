package expr

import (
	"math"
	"regexp"
	"strconv"
)

// binaryOp is a chunk of the form `<$json path> <op> <number literal>`
// ({{ $json.age + 1 }}, {{ $json.total >= 100 }}), which Go evaluates
// exactly as JavaScript does when the path holds a number.
type binaryOp struct {
	path *jsonPath
	op   string
	num  float64
}

var binaryOpRe = regexp.MustCompile(`^(\$(?:json|data)[A-Za-z0-9_$.\[\]"']*)\s*(===|!==|==|!=|>=|<=|>|<|\+|-|\*|/|%)\s*(-?(?:\d+\.?\d*|\.\d+))$`)

// parseBinaryOp recognises a binaryOp chunk, or returns nil.
func parseBinaryOp(s string) *binaryOp {
	m := binaryOpRe.FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	p := parsePath(m[1])
	if p == nil {
		return nil
	}
	n, err := strconv.ParseFloat(m[3], 64)
	if err != nil {
		return nil
	}
	return &binaryOp{path: p, op: m[2], num: n}
}

// eval computes the operation; ok is false when JavaScript is needed (the
// path is not a number, or the result is not a finite number or boolean).
func (b *binaryOp) eval(root any, protoHas func(string) bool) (any, bool) {
	v, res := b.path.read(root, protoHas)
	x, isNum := v.(float64)
	if res != fastValue || !isNum {
		return nil, false
	}
	var out float64
	switch b.op {
	case "+":
		out = x + b.num
	case "-":
		out = x - b.num
	case "*":
		out = x * b.num
	case "/":
		out = x / b.num
	case "%":
		out = math.Mod(x, b.num)
	case "===", "==":
		return x == b.num, true
	case "!==", "!=":
		return x != b.num, true
	case ">":
		return x > b.num, true
	case ">=":
		return x >= b.num, true
	case "<":
		return x < b.num, true
	case "<=":
		return x <= b.num, true
	default:
		return nil, false
	}
	if math.IsNaN(out) || math.IsInf(out, 0) {
		return nil, false
	}
	return out, true
}
