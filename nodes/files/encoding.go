package files

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// charsets maps iconv-lite encoding names (lower case, no dashes) to codecs.
var charsets = map[string]encoding.Encoding{
	"utf16le": unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM),
	"ucs2":    unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM),
	"utf16be": unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM),
	"utf16":   unicode.UTF16(unicode.LittleEndian, unicode.UseBOM),
	"latin1":  charmap.ISO8859_1, "binary": charmap.ISO8859_1, "iso88591": charmap.ISO8859_1,
	"iso88592": charmap.ISO8859_2, "iso88593": charmap.ISO8859_3, "iso88594": charmap.ISO8859_4,
	"iso88595": charmap.ISO8859_5, "iso88596": charmap.ISO8859_6, "iso88597": charmap.ISO8859_7,
	"iso88598": charmap.ISO8859_8, "iso885910": charmap.ISO8859_10, "iso885913": charmap.ISO8859_13,
	"iso885914": charmap.ISO8859_14, "iso885915": charmap.ISO8859_15, "iso885916": charmap.ISO8859_16,
	"windows1250": charmap.Windows1250, "cp1250": charmap.Windows1250,
	"windows1251": charmap.Windows1251, "cp1251": charmap.Windows1251,
	"windows1252": charmap.Windows1252, "cp1252": charmap.Windows1252,
	"windows1253": charmap.Windows1253, "cp1253": charmap.Windows1253,
	"windows1254": charmap.Windows1254, "cp1254": charmap.Windows1254,
	"windows1255": charmap.Windows1255, "cp1255": charmap.Windows1255,
	"windows1256": charmap.Windows1256, "cp1256": charmap.Windows1256,
	"windows1257": charmap.Windows1257, "cp1257": charmap.Windows1257,
	"windows1258": charmap.Windows1258, "cp1258": charmap.Windows1258,
	"windows874": charmap.Windows874, "cp437": charmap.CodePage437, "cp850": charmap.CodePage850,
	"cp852": charmap.CodePage852, "cp855": charmap.CodePage855, "cp858": charmap.CodePage858,
	"cp860": charmap.CodePage860, "cp862": charmap.CodePage862, "cp863": charmap.CodePage863,
	"cp865": charmap.CodePage865, "cp866": charmap.CodePage866,
	"koi8r": charmap.KOI8R, "koi8u": charmap.KOI8U, "macintosh": charmap.Macintosh,
	"macroman": charmap.Macintosh, "maccyrillic": charmap.MacintoshCyrillic,
	"shiftjis": japanese.ShiftJIS, "cp932": japanese.ShiftJIS, "eucjp": japanese.EUCJP,
	"euckr": korean.EUCKR, "cp949": korean.EUCKR, "gbk": simplifiedchinese.GBK,
	"cp936": simplifiedchinese.GBK, "gb2312": simplifiedchinese.HZGB2312,
	"gb18030": simplifiedchinese.GB18030, "big5hkscs": traditionalchinese.Big5,
	"cp950": traditionalchinese.Big5, "big5": traditionalchinese.Big5,
}

// normEncoding lower-cases an encoding name and drops "-" and "_".
func normEncoding(name string) string {
	return strings.NewReplacer("-", "", "_", "").Replace(strings.ToLower(strings.TrimSpace(name)))
}

func isUTF8Name(n string) bool { return n == "" || n == "utf8" || n == "cesu8" || n == "unicode11utf8" }

// decodeText decodes b from the named encoding as iconv-lite does;
// stripBOM removes a leading byte order mark.
func decodeText(b []byte, enc string, stripBOM bool) (string, error) {
	n := normEncoding(enc)
	var s string
	switch {
	case isUTF8Name(n):
		s = toValidUTF8(b)
	case n == "ascii":
		buf := make([]rune, len(b))
		for i, c := range b {
			buf[i] = rune(c & 0x7f)
		}
		s = string(buf)
	default:
		c, ok := charsets[n]
		if !ok {
			return "", fmt.Errorf("Encoding not recognized: '%s' (searched as: '%s')", enc, n)
		}
		out, err := c.NewDecoder().Bytes(b)
		if err != nil {
			return "", fmt.Errorf("decode %s: %w", enc, err)
		}
		s = string(out)
	}
	if stripBOM {
		s = strings.TrimPrefix(s, "\uFEFF")
	}
	return s, nil
}

// toValidUTF8 replaces invalid sequences with U+FFFD as Node does.
func toValidUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
}

// encodeText encodes s in the named encoding; addBOM prefixes a byte order
// mark for the Unicode encodings (iconv-lite's addBOM).
func encodeText(s, enc string, addBOM bool) ([]byte, error) {
	n := normEncoding(enc)
	if addBOM && (isUTF8Name(n) || n == "ucs2" || n == "utf16le" || n == "utf16") {
		s = "\uFEFF" + s
	}
	switch {
	case isUTF8Name(n):
		return []byte(s), nil
	case n == "ascii":
		out := make([]byte, 0, len(s))
		for _, r := range s {
			out = append(out, byte(r)&0x7f)
		}
		return out, nil
	}
	c, ok := charsets[n]
	if !ok {
		return nil, fmt.Errorf("Encoding not recognized: '%s' (searched as: '%s')", enc, n)
	}
	out, err := encoding.ReplaceUnsupported(c.NewEncoder()).Bytes([]byte(s))
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", enc, err)
	}
	return out, nil
}
