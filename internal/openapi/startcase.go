package openapi

import (
	"regexp"
	"strings"

	"unicode/utf8"

	"github.com/dlclark/regexp2/v2"
)

// The word patterns of lodash 4.17.21 (words/startCase), transcribed from
// its source. JavaScript works on UTF-16 units; here astral code points are
// matched as whole runes, which gives the same words for well-formed text.
const (
	lsAstralRange   = "\U00010000-\U0010FFFF"
	lsComboRange    = `\u0300-\u036f\ufe20-\ufe2f\u20d0-\u20ff`
	lsDingbatRange  = `\u2700-\u27bf`
	lsLowerRange    = `a-z\u00df-\u00f6\u00f8-\u00ff`
	lsMathOpRange   = `\u00ac\u00b1\u00d7\u00f7`
	lsNonCharRange  = `\u0000-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u00bf`
	lsPunctRange    = `\u2000-\u206f`
	lsSpaceRange    = ` \t\u000b\f\u00a0\ufeff\n\r\u2028\u2029\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000`
	lsUpperRange    = `A-Z\u00c0-\u00d6\u00d8-\u00de`
	lsVarRange      = `\ufe0e\ufe0f`
	lsBreakRange    = lsMathOpRange + lsNonCharRange + lsPunctRange + lsSpaceRange
	lsApos          = `['\u2019]`
	lsBreak         = `[` + lsBreakRange + `]`
	lsCombo         = `[` + lsComboRange + `]`
	lsDigits        = `\d+`
	lsDingbat       = `[` + lsDingbatRange + `]`
	lsLower         = `[` + lsLowerRange + `]`
	lsMisc          = `[^` + lsAstralRange + lsBreakRange + `0-9` + lsDingbatRange + lsLowerRange + lsUpperRange + `]`
	lsModifier      = `(?:` + lsCombo + "|[\U0001F3FB-\U0001F3FF])"
	lsNonAstral     = `[^` + lsAstralRange + `]`
	lsRegional      = "(?:[\U0001F1E6-\U0001F1FF]){2}"
	lsAstral        = `[` + lsAstralRange + `]`
	lsUpper         = `[` + lsUpperRange + `]`
	lsZWJ           = `\u200d`
	lsMiscLower     = `(?:` + lsLower + `|` + lsMisc + `)`
	lsMiscUpper     = `(?:` + lsUpper + `|` + lsMisc + `)`
	lsOptContrLower = `(?:` + lsApos + `(?:d|ll|m|re|s|t|ve))?`
	lsOptContrUpper = `(?:` + lsApos + `(?:D|LL|M|RE|S|T|VE))?`
	lsOptMod        = lsModifier + `?`
	lsOptVar        = `[` + lsVarRange + `]?`
	lsOptJoin       = `(?:` + lsZWJ + `(?:` + lsNonAstral + `|` + lsRegional + `|` + lsAstral + `)` + lsOptVar + lsOptMod + `)*`
	lsOrdLower      = `\d*(?:1st|2nd|3rd|(?![123])\dth)(?=\b|[A-Z_])`
	lsOrdUpper      = `\d*(?:1ST|2ND|3RD|(?![123])\dTH)(?=\b|[a-z_])`
	lsSeq           = lsOptVar + lsOptMod + lsOptJoin
	lsEmoji         = `(?:` + lsDingbat + `|` + lsRegional + `|` + lsAstral + `)` + lsSeq
)

var (
	reUnicodeWord = regexp2.MustCompile(strings.Join([]string{
		lsUpper + `?` + lsLower + `+` + lsOptContrLower + `(?=` + lsBreak + `|` + lsUpper + `|$)`,
		lsMiscUpper + `+` + lsOptContrUpper + `(?=` + lsBreak + `|` + lsUpper + lsMiscLower + `|$)`,
		lsUpper + `?` + lsMiscLower + `+` + lsOptContrLower,
		lsUpper + `+` + lsOptContrUpper,
		lsOrdUpper,
		lsOrdLower,
		lsDigits,
		lsEmoji,
	}, "|"), regexp2.ECMAScript)
	reHasUnicodeWord = regexp.MustCompile(`[a-z][A-Z]|[A-Z]{2}[a-z]|[0-9][a-zA-Z]|[a-zA-Z][0-9]|[^a-zA-Z0-9 ]`)
	reAsciiWord      = regexp.MustCompile(`[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+`)
	reApos           = regexp.MustCompile(`['\x{2019}]`)
	reComboMark      = regexp.MustCompile(`[\x{0300}-\x{036f}\x{fe20}-\x{fe2f}\x{20d0}-\x{20ff}]`)
)

// StartCase is lodash's startCase: the words of s (after deburring and
// dropping apostrophes), each with its first letter upper-cased, joined by
// single spaces. "users_reset_password_url" gives "Users Reset Password Url",
// "AgentBots" gives "Agent Bots".
func StartCase(s string) string {
	var b strings.Builder
	for i, w := range words(reApos.ReplaceAllString(deburr(s), "")) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(upperFirst(w))
	}
	return b.String()
}

// words splits s into words as lodash.words does without a pattern.
func words(s string) []string {
	if !reHasUnicodeWord.MatchString(s) {
		return reAsciiWord.FindAllString(s, -1)
	}
	var out []string
	m, _ := reUnicodeWord.FindStringMatch(s)
	for m != nil {
		out = append(out, m.String())
		m, _ = reUnicodeWord.FindNextMatch(m)
	}
	return out
}

func upperFirst(w string) string {
	r, size := utf8.DecodeRuneInString(w)
	if r == utf8.RuneError {
		return w
	}
	return strings.ToUpper(string(r)) + w[size:]
}

// deburr is lodash's deburr: Latin-1 Supplement and Latin Extended-A
// letters become basic Latin letters and combining marks are removed.
func deburr(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if rep, ok := deburredLetters[r]; ok {
			b.WriteString(rep)
			continue
		}
		b.WriteRune(r)
	}
	return reComboMark.ReplaceAllString(b.String(), "")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

var deburredLetters = func() map[rune]string {
	m := map[rune]string{}
	add := func(to string, from ...rune) {
		for _, r := range from {
			m[r] = to
		}
	}
	add("A", 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0x100, 0x102, 0x104)
	add("a", 0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0x101, 0x103, 0x105)
	add("C", 0xc7, 0x106, 0x108, 0x10a, 0x10c)
	add("c", 0xe7, 0x107, 0x109, 0x10b, 0x10d)
	add("D", 0xd0, 0x10e, 0x110)
	add("d", 0xf0, 0x10f, 0x111)
	add("E", 0xc8, 0xc9, 0xca, 0xcb, 0x112, 0x114, 0x116, 0x118, 0x11a)
	add("e", 0xe8, 0xe9, 0xea, 0xeb, 0x113, 0x115, 0x117, 0x119, 0x11b)
	add("G", 0x11c, 0x11e, 0x120, 0x122)
	add("g", 0x11d, 0x11f, 0x121, 0x123)
	add("H", 0x124, 0x126)
	add("h", 0x125, 0x127)
	add("I", 0xcc, 0xcd, 0xce, 0xcf, 0x128, 0x12a, 0x12c, 0x12e, 0x130)
	add("i", 0xec, 0xed, 0xee, 0xef, 0x129, 0x12b, 0x12d, 0x12f, 0x131)
	add("J", 0x134)
	add("j", 0x135)
	add("K", 0x136)
	add("k", 0x137, 0x138)
	add("L", 0x139, 0x13b, 0x13d, 0x13f, 0x141)
	add("l", 0x13a, 0x13c, 0x13e, 0x140, 0x142)
	add("N", 0xd1, 0x143, 0x145, 0x147, 0x14a)
	add("n", 0xf1, 0x144, 0x146, 0x148, 0x14b)
	add("O", 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd8, 0x14c, 0x14e, 0x150)
	add("o", 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf8, 0x14d, 0x14f, 0x151)
	add("R", 0x154, 0x156, 0x158)
	add("r", 0x155, 0x157, 0x159)
	add("S", 0x15a, 0x15c, 0x15e, 0x160)
	add("s", 0x15b, 0x15d, 0x15f, 0x161, 0x17f)
	add("T", 0x162, 0x164, 0x166)
	add("t", 0x163, 0x165, 0x167)
	add("U", 0xd9, 0xda, 0xdb, 0xdc, 0x168, 0x16a, 0x16c, 0x16e, 0x170, 0x172)
	add("u", 0xf9, 0xfa, 0xfb, 0xfc, 0x169, 0x16b, 0x16d, 0x16f, 0x171, 0x173)
	add("W", 0x174)
	add("w", 0x175)
	add("Y", 0xdd, 0x176, 0x178)
	add("y", 0xfd, 0xff, 0x177)
	add("Z", 0x179, 0x17b, 0x17d)
	add("z", 0x17a, 0x17c, 0x17e)
	add("Ae", 0xc6)
	add("ae", 0xe6)
	add("Th", 0xde)
	add("th", 0xfe)
	add("ss", 0xdf)
	add("IJ", 0x132)
	add("ij", 0x133)
	add("Oe", 0x152)
	add("oe", 0x153)
	add("'n", 0x149)
	return m
}()
