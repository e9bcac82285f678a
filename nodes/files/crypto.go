package files

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"hash"
	"regexp"
	"strings"

	"github.com/noderun/noderun/nodes"
)

var hashTypes = []any{"MD5", "MD5", "SHA256", "SHA256", "SHA3-256", "SHA3-256", "SHA3-384", "SHA3-384",
	"SHA3-512", "SHA3-512", "SHA384", "SHA384", "SHA512", "SHA512"}

// signAlgorithms are the names Node's crypto.getHashes() lists that sign
// with the hashes Go supports.
var signAlgorithms = []string{"RSA-MD5", "RSA-SHA1", "RSA-SHA224", "RSA-SHA256", "RSA-SHA3-224", "RSA-SHA3-256",
	"RSA-SHA3-384", "RSA-SHA3-512", "RSA-SHA384", "RSA-SHA512", "RSA-SHA512/224", "RSA-SHA512/256",
	"ecdsa-with-SHA1", "md5", "md5WithRSAEncryption", "sha1", "sha1WithRSAEncryption", "sha224",
	"sha224WithRSAEncryption", "sha256", "sha256WithRSAEncryption", "sha3-224", "sha3-256", "sha3-384",
	"sha3-512", "sha384", "sha384WithRSAEncryption", "sha512", "sha512-224", "sha512-224WithRSAEncryption",
	"sha512-256", "sha512-256WithRSAEncryption", "sha512WithRSAEncryption"}

func cryptoType() *nodes.Type {
	d := baseDescription("Crypto", "crypto", "transform", 1, 2)
	d.Description = "Provide cryptographic utilities"
	d.Subtitle = `={{$parameter["action"]}}`
	d.Credentials = []*nodes.CredentialSlot{{Name: "crypto", Required: true,
		DisplayOptions: &nodes.DisplayOptions{Show: map[string][]any{"action": vals("hmac", "sign"), "@version": vals(2.0)}}}}
	enc := func(action string) *nodes.Property {
		return show(required(options("Encoding", "encoding", "hex", "BASE64", "base64", "HEX", "hex")), "action", vals(action))
	}
	hashType := func(action string, version float64, def string) *nodes.Property {
		return show(required(options("Type", "type", def, hashTypes...)), "action", vals(action), "@version", vals(version))
	}
	dataProp := func(action string) *nodes.Property {
		return show(required(prop("Property Name", "dataPropertyName", nodes.TypeString, "data")), "action", vals(action))
	}
	algo := required(prop("Algorithm Name or ID", "algorithm", nodes.TypeOptions, ""))
	for _, a := range signAlgorithms {
		algo.Options = append(algo.Options, &nodes.Property{Name: a, Value: a})
	}
	secret := required(prop("Secret", "secret", nodes.TypeString, ""))
	secret.TypeOptions = map[string]any{"password": true}
	key := required(prop("Private Key", "privateKey", nodes.TypeString, ""))
	key.TypeOptions = map[string]any{"password": true}
	length := prop("Length", "stringLength", nodes.TypeNumber, float64(32))
	d.Properties = []*nodes.Property{
		options("Action", "action", "hash", "Generate", "generate", "Hash", "hash", "Hmac", "hmac", "Sign", "sign"),
		show(required(prop("Binary File", "binaryData", nodes.TypeBoolean, false)), "action", vals("hash", "hmac")),
		show(required(prop("Binary Property Name", "binaryPropertyName", nodes.TypeString, "data")), "action", vals("hash", "hmac"), "binaryData", vals(true)),
		hashType("hash", 1, "MD5"), hashType("hash", 2, "SHA256"),
		show(required(prop("Value", "value", nodes.TypeString, "")), "action", vals("hash"), "binaryData", vals(false)),
		dataProp("hash"), enc("hash"),
		hashType("hmac", 1, "MD5"), hashType("hmac", 2, "SHA256"),
		show(required(prop("Value", "value", nodes.TypeString, "")), "action", vals("hmac"), "binaryData", vals(false)),
		dataProp("hmac"),
		show(secret, "action", vals("hmac"), "@version", vals(1.0)),
		enc("hmac"),
		show(required(prop("Value", "value", nodes.TypeString, "")), "action", vals("sign")),
		dataProp("sign"),
		show(algo, "action", vals("sign")),
		enc("sign"),
		show(key, "action", vals("sign"), "@version", vals(1.0)),
		dataProp("generate"),
		show(required(options("Type", "encodingType", "uuid", "ASCII", "ascii", "BASE64", "base64", "HEX", "hex", "UUID", "uuid")), "action", vals("generate")),
		show(length, "action", vals("generate"), "encodingType", vals("ascii", "base64", "hex")),
	}
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeCrypto)}
}

func executeCrypto(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	name := ctx.Node().Name
	version := ctx.Node().TypeVersion
	items := ctx.InputData(0)
	action, err := paramString(ctx, "action", 0, "hash")
	if err != nil {
		return nil, err
	}
	var hmacSecret, signKey string
	if version >= 2 && (action == "hmac" || action == "sign") {
		cred, err := ctx.Credential("crypto")
		if err != nil {
			return nil, err
		}
		if action == "hmac" {
			if hmacSecret = jsString(orEmpty(cred["hmacSecret"])); hmacSecret == "" {
				return nil, nodes.NewOperationError(name, "No HMAC secret set in credentials. Please add an HMAC secret to your Crypto credentials.")
			}
		} else {
			if signKey = jsString(orEmpty(cred["signPrivateKey"])); signKey == "" {
				return nil, nodes.NewOperationError(name, "No private key set in credentials. Please add a private key to your Crypto credentials.")
			}
		}
	}
	out := []nodes.Item{}
	for i, item := range items {
		it, err := cryptoItem(ctx, i, item, action, hmacSecret, signKey)
		if err != nil {
			if !ctx.ContinueOnFail() {
				return nil, asItemError(ctx, i, err)
			}
			var errJSON any = errorMessage(err)
			if version >= 2 {
				errJSON = map[string]any{"message": errorMessage(err), "name": "Error"}
				nodes.SetKeyOrder(errJSON.(map[string]any), []string{"message", "name"})
			}
			out = append(out, nodes.Item{JSON: map[string]any{"error": errJSON}, PairedItem: paired(i)})
			continue
		}
		out = append(out, it)
	}
	return nodes.Outputs{out}, nil
}

func cryptoItem(ctx nodes.ExecuteContext, i int, item nodes.Item, action, hmacSecret, signKey string) (nodes.Item, error) {
	name := ctx.Node().Name
	version := ctx.Node().TypeVersion
	dataProp, err := paramString(ctx, "dataPropertyName", i, "data")
	if err != nil {
		return nodes.Item{}, err
	}
	value, err := paramString(ctx, "value", i, "")
	if err != nil {
		return nodes.Item{}, err
	}
	var newValue any
	binaryProcessed := false
	switch action {
	case "generate":
		encType, err := paramString(ctx, "encodingType", i, "uuid")
		if err != nil {
			return nodes.Item{}, err
		}
		if encType == "uuid" {
			newValue = uuidV4()
			break
		}
		n, err := paramNumber(ctx, "stringLength", i, 32)
		if err != nil {
			return nodes.Item{}, err
		}
		s, err := randomString(encType, int(n))
		if err != nil {
			return nodes.Item{}, nodes.NewOperationError(name, err.Error()).WithItem(i)
		}
		newValue = s
	case "hash", "hmac":
		typ, err := paramString(ctx, "type", i, "MD5")
		if err != nil {
			return nodes.Item{}, err
		}
		encoding, err := paramString(ctx, "encoding", i, "hex")
		if err != nil {
			return nodes.Item{}, err
		}
		newHash, err := hashByName(typ)
		if err != nil {
			return nodes.Item{}, nodes.NewOperationError(name, err.Error()).WithItem(i)
		}
		var h hash.Hash
		if action == "hash" {
			h = newHash()
		} else {
			secret := hmacSecret
			if version < 2 {
				if secret, err = paramString(ctx, "secret", i, ""); err != nil {
					return nodes.Item{}, err
				}
			}
			h = hmac.New(newHash, []byte(secret))
		}
		useBinary, err := paramBool(ctx, "binaryData", i, false)
		if err != nil {
			return nodes.Item{}, err
		}
		if useBinary {
			prop, err := paramString(ctx, "binaryPropertyName", i, "data")
			if err != nil {
				return nodes.Item{}, err
			}
			data, _, err := nodes.BinaryBytes(name, item, i, prop)
			if err != nil {
				return nodes.Item{}, err
			}
			h.Write(data)
			binaryProcessed = true
		} else {
			h.Write([]byte(value))
		}
		newValue = encodeDigest(h.Sum(nil), encoding)
	case "sign":
		algorithm, err := paramString(ctx, "algorithm", i, "")
		if err != nil {
			return nodes.Item{}, err
		}
		encoding, err := paramString(ctx, "encoding", i, "hex")
		if err != nil {
			return nodes.Item{}, err
		}
		key := signKey
		if version < 2 {
			if key, err = paramString(ctx, "privateKey", i, ""); err != nil {
				return nodes.Item{}, err
			}
		}
		sig, err := signValue(algorithm, key, []byte(value))
		if err != nil {
			return nodes.Item{}, nodes.NewOperationError(name, err.Error()).WithItem(i)
		}
		newValue = encodeDigest(sig, encoding)
	default:
		return nodes.Item{}, nodes.NewOperationErrorf(name, "The action %q is not known", action).WithItem(i)
	}
	var j map[string]any
	if strings.Contains(dataProp, ".") {
		j, _ = nodes.DeepCopy(item.JSON).(map[string]any)
	} else if m := item.Object(); m != nil {
		j = nodes.CopyObject(m)
	}
	if j == nil {
		j = map[string]any{}
	}
	// lodash set with a path array: the name is one literal key.
	appendKey(j, dataProp)
	j[dataProp] = newValue
	out := nodes.Item{JSON: j, PairedItem: paired(i)}
	if item.Binary != nil && !binaryProcessed {
		out.Binary = item.Binary
	}
	return out, nil
}

func encodeDigest(b []byte, encoding string) string {
	switch strings.ToLower(encoding) {
	case "base64":
		return base64.StdEncoding.EncodeToString(b)
	case "base64url":
		return base64.RawURLEncoding.EncodeToString(b)
	case "latin1", "binary":
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c)
		}
		return string(r)
	}
	return hex.EncodeToString(b)
}

// hashByName returns the hash Node's createHash knows under name.
func hashByName(name string) (func() hash.Hash, error) {
	switch strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(name), "rsa-"), "ecdsa-with-")) {
	case "md5":
		return md5.New, nil
	case "sha1":
		return sha1.New, nil
	case "sha224":
		return sha256.New224, nil
	case "sha256":
		return sha256.New, nil
	case "sha384":
		return sha512.New384, nil
	case "sha512":
		return sha512.New, nil
	case "sha512-224", "sha512/224":
		return sha512.New512_224, nil
	case "sha512-256", "sha512/256":
		return sha512.New512_256, nil
	case "sha3-224":
		return func() hash.Hash { return sha3.New224() }, nil
	case "sha3-256":
		return func() hash.Hash { return sha3.New256() }, nil
	case "sha3-384":
		return func() hash.Hash { return sha3.New384() }, nil
	case "sha3-512":
		return func() hash.Hash { return sha3.New512() }, nil
	}
	return nil, fmt.Errorf("Digest method not supported")
}

var cryptoHashes = map[string]crypto.Hash{
	"md5": crypto.MD5, "sha1": crypto.SHA1, "sha224": crypto.SHA224, "sha256": crypto.SHA256,
	"sha384": crypto.SHA384, "sha512": crypto.SHA512, "sha512-224": crypto.SHA512_224,
	"sha512/224": crypto.SHA512_224, "sha512-256": crypto.SHA512_256, "sha512/256": crypto.SHA512_256,
	"sha3-224": crypto.SHA3_224, "sha3-256": crypto.SHA3_256, "sha3-384": crypto.SHA3_384, "sha3-512": crypto.SHA3_512,
}

var pemBlock = regexp.MustCompile(`(?s)(-----BEGIN [A-Z ]+-----)(.*?)(-----END [A-Z ]+-----)`)

// formatPrivateKey restores the line breaks of a PEM key pasted as one line
// (n8n's formatPrivateKey), and turns literal "\n" into newlines.
func formatPrivateKey(key string) string {
	key = strings.ReplaceAll(strings.TrimSpace(key), `\n`, "\n")
	m := pemBlock.FindStringSubmatch(key)
	if m == nil {
		return key
	}
	body := strings.Join(strings.Fields(m[2]), "\n")
	return m[1] + "\n" + body + "\n" + m[3]
}

// signValue signs data as Node's crypto.createSign(algorithm).sign(key)
// does: PKCS#1 v1.5 for RSA keys, DER-encoded ECDSA, or Ed25519.
func signValue(algorithm, key string, data []byte) ([]byte, error) {
	alg := strings.ToLower(algorithm)
	alg = strings.TrimPrefix(alg, "rsa-")
	alg = strings.TrimPrefix(alg, "ecdsa-with-")
	alg = strings.TrimSuffix(alg, "withrsaencryption")
	h, ok := cryptoHashes[alg]
	if !ok {
		return nil, fmt.Errorf("Invalid digest: %s", algorithm)
	}
	block, _ := pem.Decode([]byte(formatPrivateKey(key)))
	if block == nil {
		return nil, fmt.Errorf("error:1E08010C:DECODER routines::unsupported")
	}
	var priv any
	var err error
	switch block.Type {
	case "RSA PRIVATE KEY":
		priv, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		priv, err = x509.ParseECPrivateKey(block.Bytes)
	default:
		priv, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	}
	if err != nil {
		return nil, fmt.Errorf("private key: %w", err)
	}
	hasher := h.New()
	hasher.Write(data)
	digest := hasher.Sum(nil)
	switch k := priv.(type) {
	case *rsa.PrivateKey:
		return rsa.SignPKCS1v15(rand.Reader, k, h, digest)
	case *ecdsa.PrivateKey:
		return ecdsa.SignASN1(rand.Reader, k, digest)
	case ed25519.PrivateKey:
		return ed25519.Sign(k, data), nil
	}
	return nil, fmt.Errorf("unsupported private key type %T", priv)
}

// uuidV4 returns a random RFC 4122 version 4 UUID.
func uuidV4() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

var nonWordChars = regexp.MustCompile(`\W`)

// randomString is randomBytes(n).toString(encoding) cut to n characters.
func randomString(encoding string, n int) (string, error) {
	if n < 0 {
		return "", fmt.Errorf("The value of \"size\" is out of range. It must be >= 0 && <= 2147483647. Received %d", n)
	}
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	var s string
	switch encoding {
	case "base64":
		s = nonWordChars.ReplaceAllString(base64.StdEncoding.EncodeToString(b), "")
	case "hex":
		s = hex.EncodeToString(b)
	case "ascii":
		r := make([]byte, n)
		for i, c := range b {
			r[i] = c & 0x7f
		}
		s = string(r)
	default:
		return "", fmt.Errorf("Unknown encoding: %s", encoding)
	}
	if len(s) > n {
		s = s[:n]
	}
	return s, nil
}
