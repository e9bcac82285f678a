package jsvalue

import (
	"math"
	"math/rand"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// specNumberString is Number::toString written as ECMA-262 states it
// (digits, decimal point position n, exponent form outside -6 < n <= 21).
func specNumberString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	mant, exp, _ := strings.Cut(strconv.FormatFloat(f, 'e', -1, 64), "e")
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	n, k := x+1, len(digits)
	switch {
	case k <= n && n <= 21:
		return sign + digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return sign + digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return sign + "0." + strings.Repeat("0", -n) + digits
	}
	m := digits[:1]
	if k > 1 {
		m += "." + digits[1:]
	}
	e := n - 1
	es := "+"
	if e < 0 {
		es, e = "-", -e
	}
	return sign + m + "e" + es + strconv.Itoa(e)
}

// TestFormatNumberMatchesSpec checks FormatNumber against the
// specification's algorithm over values spread across every exponent.
func TestFormatNumberMatchesSpec(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 200000; i++ {
		var f float64
		switch i % 3 {
		case 0:
			f = math.Float64frombits(r.Uint64())
		case 1:
			f = r.NormFloat64() * math.Pow(10, float64(r.Intn(60)-30))
		default:
			f = math.Trunc(r.Float64() * math.Pow(10, float64(r.Intn(25))))
		}
		if diff := cmp.Diff(specNumberString(f), FormatNumber(f)); diff != "" {
			t.Fatalf("FormatNumber(%b) (-spec +got):\n%s", f, diff)
		}
	}
}
