package trigger

import (
	"crypto"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"hash"
	"regexp"
	"strings"
	"time"

	"github.com/noderun/noderun/nodes"
)

// JSON Web Tokens for the jwtAuth credential (n8n: jsonwebtoken), with
// the standard library: HMAC (HS256/384/512) with the passphrase and RSA
// PKCS#1 v1.5 (RS256/384/512) with PEM keys. Other algorithms fail with a
// clear error.

var b64 = base64.RawURLEncoding

// jwtNow is the clock of iat, exp and nbf (a variable for tests).
var jwtNow = time.Now

// jwtHash returns the hash of an HS* or RS* algorithm.
func jwtHash(alg string) (func() hash.Hash, crypto.Hash, error) {
	switch alg[2:] {
	case "256":
		return sha256.New, crypto.SHA256, nil
	case "384":
		return sha512.New384, crypto.SHA384, nil
	case "512":
		return sha512.New, crypto.SHA512, nil
	}
	return nil, 0, fmt.Errorf("JWT algorithm %q is not supported (noderun supports HS256, HS384, HS512, RS256, RS384, RS512)", alg)
}

// credAlgorithm reads the credential's algorithm (default HS256).
func credAlgorithm(cred map[string]any) (string, error) {
	alg := jsString(cred["algorithm"])
	if alg == "" {
		alg = "HS256"
	}
	if len(alg) != 5 || (!strings.HasPrefix(alg, "HS") && !strings.HasPrefix(alg, "RS")) {
		return "", fmt.Errorf("JWT algorithm %q is not supported (noderun supports HS256, HS384, HS512, RS256, RS384, RS512)", alg)
	}
	if _, _, err := jwtHash(alg); err != nil {
		return "", err
	}
	return alg, nil
}

// signJWT signs payload as jsonwebtoken.sign does (adding iat).
func signJWT(payload map[string]any, cred map[string]any) (string, error) {
	alg, err := credAlgorithm(cred)
	if err != nil {
		return "", err
	}
	claims := nodes.CopyObject(payload)
	if _, ok := claims["iat"]; !ok {
		claims["iat"] = float64(jwtNow().Unix())
		if order, ok := nodes.KeyOrder(payload); ok {
			nodes.SetKeyOrder(claims, append(append([]string{}, order...), "iat"))
		}
	}
	header, _ := json.Marshal(map[string]string{"alg": alg, "typ": "JWT"})
	body, err := nodes.MarshalJSON(claims)
	if err != nil {
		return "", err
	}
	signing := b64.EncodeToString(header) + "." + b64.EncodeToString(body)
	sig, err := jwtSign(alg, signing, cred)
	if err != nil {
		return "", err
	}
	return signing + "." + b64.EncodeToString(sig), nil
}

func jwtSign(alg, signing string, cred map[string]any) ([]byte, error) {
	newHash, ch, _ := jwtHash(alg)
	if strings.HasPrefix(alg, "HS") {
		if jsString(cred["keyType"]) == "pemKey" {
			return nil, errors.New("HMAC algorithms need the passphrase key type")
		}
		m := hmac.New(newHash, []byte(jsString(cred["secret"])))
		m.Write([]byte(signing))
		return m.Sum(nil), nil
	}
	key, err := parseRSAPrivateKey(jsString(cred["privateKey"]))
	if err != nil {
		return nil, err
	}
	h := newHash()
	h.Write([]byte(signing))
	return rsa.SignPKCS1v15(nil, key, ch, h.Sum(nil))
}

// verifyJWT checks token against the credential as jsonwebtoken.verify
// does with algorithms [credential algorithm] and returns its claims; the
// errors carry jsonwebtoken's messages.
func verifyJWT(token string, cred map[string]any) (map[string]any, error) {
	alg, err := credAlgorithm(cred)
	if err != nil {
		return nil, err
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errors.New("jwt malformed")
	}
	headerRaw, err1 := b64.DecodeString(parts[0])
	bodyRaw, err2 := b64.DecodeString(parts[1])
	sig, err3 := b64.DecodeString(parts[2])
	if err1 != nil || err2 != nil || err3 != nil {
		return nil, errors.New("invalid token")
	}
	var header struct {
		Alg string `json:"alg"`
	}
	if json.Unmarshal(headerRaw, &header) != nil {
		return nil, errors.New("invalid token")
	}
	if header.Alg != alg {
		return nil, errors.New("invalid algorithm")
	}
	signing := parts[0] + "." + parts[1]
	newHash, ch, _ := jwtHash(alg)
	if strings.HasPrefix(alg, "HS") {
		m := hmac.New(newHash, []byte(jsString(cred["secret"])))
		m.Write([]byte(signing))
		if !hmac.Equal(m.Sum(nil), sig) {
			return nil, errors.New("invalid signature")
		}
	} else {
		key, err := parseRSAPublicKey(jsString(cred["publicKey"]))
		if err != nil {
			return nil, err
		}
		h := newHash()
		h.Write([]byte(signing))
		if rsa.VerifyPKCS1v15(key, ch, h.Sum(nil), sig) != nil {
			return nil, errors.New("invalid signature")
		}
	}
	claimsV, err := nodes.DecodeJSON(bodyRaw)
	if err != nil {
		return nil, errors.New("invalid token")
	}
	claims, ok := claimsV.(map[string]any)
	if !ok {
		return nil, errors.New("invalid token")
	}
	now := float64(jwtNow().Unix())
	if nbf, ok := claims["nbf"].(float64); ok && now < nbf {
		return nil, errors.New("jwt not active")
	}
	if exp, ok := claims["exp"].(float64); ok && now >= exp {
		return nil, errors.New("jwt expired")
	}
	return claims, nil
}

var pemParts = regexp.MustCompile(`^\s*(-----BEGIN [A-Z ]+-----)\s*(.*?)\s*(-----END [A-Z ]+-----)\s*$`)

// pemBlock decodes a PEM key, also when its line breaks were lost (n8n's
// formatPemBlock).
func pemBlock(s string) (*pem.Block, error) {
	if b, _ := pem.Decode([]byte(s)); b != nil {
		return b, nil
	}
	s = strings.ReplaceAll(s, `\n`, "\n")
	if m := pemParts.FindStringSubmatch(strings.ReplaceAll(s, "\n", " ")); m != nil {
		body := strings.Join(strings.Fields(m[2]), "")
		if b, _ := pem.Decode([]byte(m[1] + "\n" + body + "\n" + m[3] + "\n")); b != nil {
			return b, nil
		}
	}
	return nil, errors.New("secretOrPrivateKey must be an asymmetric key when using RS256")
}

func parseRSAPrivateKey(s string) (*rsa.PrivateKey, error) {
	b, err := pemBlock(s)
	if err != nil {
		return nil, err
	}
	if k, err := x509.ParsePKCS1PrivateKey(b.Bytes); err == nil {
		return k, nil
	}
	k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
	if err != nil {
		return nil, fmt.Errorf("private key: %w", err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, errors.New("private key: not an RSA key")
	}
	return rk, nil
}

func parseRSAPublicKey(s string) (*rsa.PublicKey, error) {
	b, err := pemBlock(s)
	if err != nil {
		return nil, err
	}
	if k, err := x509.ParsePKIXPublicKey(b.Bytes); err == nil {
		if rk, ok := k.(*rsa.PublicKey); ok {
			return rk, nil
		}
		return nil, errors.New("public key: not an RSA key")
	}
	if k, err := x509.ParsePKCS1PublicKey(b.Bytes); err == nil {
		return k, nil
	}
	if c, err := x509.ParseCertificate(b.Bytes); err == nil {
		if rk, ok := c.PublicKey.(*rsa.PublicKey); ok {
			return rk, nil
		}
	}
	return nil, errors.New("public key: not an RSA public key")
}
