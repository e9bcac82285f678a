package ext

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// numberFormat is the subset of Intl.NumberFormat options implemented.
type numberFormat struct {
	grouping         bool
	minFrac, maxFrac int
	minInt           int
	style            string // decimal, percent, currency
	currency         string
	currencyDisplay  string
	groupSep, decSep string
	currencyAfter    bool
}

var currencySymbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "CNY": "CN¥", "CAD": "CA$", "AUD": "A$", "BRL": "R$", "CHF": "CHF", "KRW": "₩", "MXN": "MX$"}

var zeroDecimalCurrencies = map[string]bool{"JPY": true, "KRW": true, "CLP": true, "VND": true, "ISK": true, "HUF": false}

// localeSeparators returns the group and decimal separators of a locale.
func localeSeparators(locale string) (group, dec string, currencyAfter bool) {
	lang := strings.ToLower(strings.SplitN(strings.ReplaceAll(locale, "_", "-"), "-", 2)[0])
	switch lang {
	case "de", "es", "it", "nl", "pt", "id", "tr", "da", "el":
		return ".", ",", true
	case "fr", "nb", "no", "sv", "fi", "cs", "pl", "ru", "uk", "sk", "hu", "bg":
		return "\u202f", ",", true
	}
	if strings.EqualFold(locale, "de-CH") {
		return "’", ".", false
	}
	return ",", ".", false
}

// roundHalfExpand rounds |x| to frac digits half away from zero on its
// shortest decimal representation, as Intl does.
func roundDecimal(x float64, frac int) string {
	r, _ := new(big.Rat).SetString(strconv.FormatFloat(math.Abs(x), 'g', -1, 64))
	if r == nil {
		return strconv.FormatFloat(math.Abs(x), 'f', frac, 64)
	}
	scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(frac)), nil))
	r.Mul(r, scale)
	// half away from zero
	n := new(big.Int).Quo(r.Num(), r.Denom())
	rem := new(big.Rat).Sub(r, new(big.Rat).SetInt(n))
	if rem.Cmp(big.NewRat(1, 2)) >= 0 {
		n.Add(n, big.NewInt(1))
	}
	s := n.String()
	if frac == 0 {
		return s
	}
	for len(s) <= frac {
		s = "0" + s
	}
	return s[:len(s)-frac] + "." + s[len(s)-frac:]
}

// formatNumber formats x as Intl.NumberFormat does for the options.
func formatNumber(x float64, f numberFormat) string {
	if math.IsNaN(x) {
		return "NaN"
	}
	if f.groupSep == "" && f.decSep == "" {
		f.groupSep, f.decSep, f.currencyAfter = localeSeparators("en-US")
	}
	neg := x < 0 || (x == 0 && math.Signbit(x))
	if f.style == "percent" {
		x *= 100
	}
	var body string
	if math.IsInf(x, 0) {
		body = "∞"
	} else {
		s := roundDecimal(x, f.maxFrac)
		intPart, fracPart, _ := strings.Cut(s, ".")
		fracPart = strings.TrimRight(fracPart, "0")
		for len(fracPart) < f.minFrac {
			fracPart += "0"
		}
		for len(intPart) < f.minInt {
			intPart = "0" + intPart
		}
		if f.grouping && len(intPart) > 3 {
			var b strings.Builder
			lead := len(intPart) % 3
			if lead > 0 {
				b.WriteString(intPart[:lead])
			}
			for i := lead; i < len(intPart); i += 3 {
				if b.Len() > 0 {
					b.WriteString(f.groupSep)
				}
				b.WriteString(intPart[i : i+3])
			}
			intPart = b.String()
		}
		body = intPart
		if fracPart != "" {
			body += f.decSep + fracPart
		}
	}
	sign := ""
	if neg {
		sign = "-"
	}
	switch f.style {
	case "percent":
		if f.currencyAfter {
			return sign + body + "\u00a0%"
		}
		return sign + body + "%"
	case "currency":
		sym := currencySymbols[f.currency]
		if sym == "" || f.currencyDisplay == "code" {
			sym = f.currency
			if !f.currencyAfter {
				sym += "\u00a0"
			}
		}
		if f.currencyDisplay == "name" {
			return sign + body + " " + f.currency
		}
		if f.currencyAfter {
			return sign + body + "\u00a0" + sym
		}
		return sign + sym + body
	}
	return sign + body
}

// newNumberFormat builds the options as Intl.NumberFormat resolves them.
func newNumberFormat(locale string, get func(string) (string, bool)) numberFormat {
	f := numberFormat{grouping: true, style: "decimal", minInt: 1}
	f.groupSep, f.decSep, f.currencyAfter = localeSeparators(locale)
	if s, ok := get("style"); ok {
		f.style = s
	}
	if s, ok := get("currency"); ok {
		f.currency = strings.ToUpper(s)
	}
	if s, ok := get("currencyDisplay"); ok {
		f.currencyDisplay = s
	}
	switch f.style {
	case "currency":
		f.minFrac, f.maxFrac = 2, 2
		if zeroDecimalCurrencies[f.currency] {
			f.minFrac, f.maxFrac = 0, 0
		}
	case "percent":
		f.minFrac, f.maxFrac = 0, 0
	default:
		f.minFrac, f.maxFrac = 0, 3
	}
	if s, ok := get("useGrouping"); ok {
		f.grouping = s != "false"
	}
	minSet := false
	if s, ok := get("minimumFractionDigits"); ok {
		f.minFrac, _ = strconv.Atoi(s)
		minSet = true
		if f.maxFrac < f.minFrac {
			f.maxFrac = f.minFrac
		}
	}
	if s, ok := get("maximumFractionDigits"); ok {
		f.maxFrac, _ = strconv.Atoi(s)
		if !minSet && f.minFrac > f.maxFrac {
			f.minFrac = f.maxFrac
		}
	}
	if s, ok := get("minimumIntegerDigits"); ok {
		f.minInt, _ = strconv.Atoi(s)
	}
	return f
}
