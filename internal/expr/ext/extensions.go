package ext

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	_ "embed"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"net/url"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"

	"github.com/dop251/goja"
	"golang.org/x/text/unicode/norm"
)

//go:embed prelude.js
var preludeSource string

var (
	preludeOnce sync.Once
	preludeProg *goja.Program
	preludeErr  error
)

func prelude() (*goja.Program, error) {
	preludeOnce.Do(func() {
		preludeProg, preludeErr = goja.Compile("n8n-extensions.js", preludeSource, false)
	})
	return preludeProg, preludeErr
}

// installExtensions runs the JS extension prelude with its Go helpers.
func (e *env) installExtensions() error {
	prog, err := prelude()
	if err != nil {
		return err
	}
	rt := e.rt
	fnv, err := rt.RunProgram(prog)
	if err != nil {
		return err
	}
	fn, ok := goja.AssertFunction(fnv)
	if !ok {
		return errNotFunction
	}
	h := rt.NewObject()
	helpers := map[string]method{
		"extErr": func(call goja.FunctionCall) goja.Value {
			throwExt(rt, call.Argument(0).String(), call.Argument(1).String())
			return nil
		},
		"isDT": func(call goja.FunctionCall) goja.Value { return rt.ToValue(asDT(call.Argument(0)) != nil) },
		"hash": func(call goja.FunctionCall) goja.Value {
			s, ok := hashString(call.Argument(0).String(), call.Argument(1).String())
			if !ok {
				return goja.Null()
			}
			return rt.ToValue(s)
		},
		"b64enc": func(call goja.FunctionCall) goja.Value {
			return rt.ToValue(base64.StdEncoding.EncodeToString([]byte(call.Argument(0).String())))
		},
		"b64dec": func(call goja.FunctionCall) goja.Value { return rt.ToValue(base64Decode(call.Argument(0).String())) },
		"titleCase": func(call goja.FunctionCall) goja.Value {
			return rt.ToValue(titleCase(call.Argument(0).String()))
		},
		"translit": func(call goja.FunctionCall) goja.Value {
			return rt.ToValue(transliterate(call.Argument(0).String()))
		},
		"firstLetter": func(call goja.FunctionCall) goja.Value {
			i := 0
			for _, r := range call.Argument(0).String() {
				if unicode.IsLetter(r) {
					return rt.ToValue(i)
				}
				i += len(utf16.Encode([]rune{r}))
			}
			return rt.ToValue(-1)
		},
		"urlPath": func(call goja.FunctionCall) goja.Value {
			u, err := url.Parse(call.Argument(0).String())
			if err != nil || u.Scheme == "" || (u.Host == "" && u.Opaque == "" && u.Path == "") {
				return goja.Undefined()
			}
			if u.Opaque != "" {
				return rt.ToValue(u.Opaque)
			}
			p := u.EscapedPath()
			if p == "" && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "ftp" || u.Scheme == "ws" || u.Scheme == "wss" || u.Scheme == "file") {
				p = "/"
			}
			return rt.ToValue(p)
		},
		"numfmt": func(call goja.FunctionCall) goja.Value {
			locale := "en-US"
			if l := call.Argument(1); !isNullish(l) {
				if o, ok := l.(*goja.Object); ok && o.ClassName() == "Array" {
					if first := o.Get("0"); !isNullish(first) {
						locale = first.String()
					}
				} else {
					locale = l.String()
				}
			}
			opts := optObj(call.Argument(2))
			get := func(k string) (string, bool) {
				if opts == nil {
					return "", false
				}
				v := opts.Get(k)
				if isNullish(v) {
					return "", false
				}
				return v.String(), true
			}
			return rt.ToValue(formatNumber(call.Argument(0).ToFloat(), newNumberFormat(locale, get)))
		},
	}
	if err := e.define(h, helpers); err != nil {
		return err
	}
	_ = h.Set("DateTime", e.dtCtor)
	_ = h.Set("dtProto", e.dtProto)
	_, err = fn(rt.GlobalObject(), h)
	return err
}

type constError string

func (c constError) Error() string { return string(c) }

const errNotFunction = constError("ext: prelude did not evaluate to a function")

// hashString is n8n's String#hash (hex digests of the UTF-8 text).
func hashString(algo, s string) (string, bool) {
	var h hash.Hash
	switch strings.ToLower(algo) {
	case "md5":
		h = md5.New()
	case "sha1":
		h = sha1.New()
	case "sha224":
		h = sha256.New224()
	case "sha256":
		h = sha256.New()
	case "sha384":
		h = sha512.New384()
	case "sha512":
		h = sha512.New()
	case "sha3":
		h = sha3.New512()
	default:
		return "", false
	}
	h.Write([]byte(s))
	return hex.EncodeToString(h.Sum(nil)), true
}

// base64Decode is js-base64's fromBase64: lenient about padding and the
// URL-safe alphabet.
func base64Decode(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '-':
			return '+'
		case '_':
			return '/'
		case ' ', '\n', '\r', '\t', '=':
			return -1
		}
		return r
	}, s)
	b, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		return ""
	}
	return string(b)
}

var translitSpecial = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "AE", 'ø': "o", 'Ø': "O", 'œ': "oe", 'Œ': "OE", 'đ': "d", 'Đ': "D",
	'ł': "l", 'Ł': "L", 'þ': "th", 'Þ': "TH", 'ð': "d", 'Ð': "D", 'ı': "i", '‘': "'", '’': "'",
	'“': "\"", '”': "\"", '–': "-", '—': "-", '…': "...", '€': "EUR", '«': "<<", '»': ">>",
}

// transliterate is a Latin-script subset of the transliteration package:
// diacritics are removed, a few letters spelled out, other non-ASCII
// characters become "?".
func transliterate(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r < 128:
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
		case translitSpecial[r] != "":
			b.WriteString(translitSpecial[r])
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		default:
			b.WriteRune('?')
		}
	}
	return b.String()
}
