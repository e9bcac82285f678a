package trigger

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestJWTSignVerify(t *testing.T) {
	t.Parallel()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	priv := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: mustPKCS8(t, key)}))
	pubDER, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pub := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}))
	// n8n's credential fields often hold a PEM key on one line.
	oneLine := strings.ReplaceAll(strings.TrimSpace(pub), "\n", " ")

	hs := map[string]any{"keyType": "passphrase", "secret": "s", "algorithm": "HS384"}
	rs := map[string]any{"keyType": "pemKey", "privateKey": priv, "publicKey": oneLine, "algorithm": "RS256"}
	tests := []struct {
		name         string
		sign, verify map[string]any
		claims       map[string]any
		err          string
	}{
		{"HS384", hs, hs, map[string]any{"sub": "a", "iat": 10.0}, ""},
		{"RS256 with a one-line public key", rs, rs, map[string]any{"sub": "b", "iat": 10.0}, ""},
		{"other secret", hs, map[string]any{"secret": "t", "algorithm": "HS384"}, map[string]any{"iat": 1.0}, "invalid signature"},
		{"algorithm mismatch", hs, map[string]any{"secret": "s", "algorithm": "HS256"}, map[string]any{"iat": 1.0}, "invalid algorithm"},
		{"not yet valid", hs, hs, map[string]any{"iat": 1.0, "nbf": 1e12}, "jwt not active"},
		{"expired", hs, hs, map[string]any{"iat": 1.0, "exp": 2.0}, "jwt expired"},
	}
	for _, tt := range tests {
		token, err := signJWT(tt.claims, tt.sign)
		if err != nil {
			t.Fatalf("%s: sign: %v", tt.name, err)
		}
		got, err := verifyJWT(token, tt.verify)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: verify: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.claims, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	for _, alg := range []string{"ES256", "PS256", "none", "HS1"} {
		if _, err := signJWT(map[string]any{}, map[string]any{"algorithm": alg, "secret": "s"}); err == nil || !strings.Contains(err.Error(), "is not supported") {
			t.Errorf("algorithm %s: error %v, want not supported", alg, err)
		}
	}
}

func mustPKCS8(t *testing.T, key *rsa.PrivateKey) []byte {
	t.Helper()
	b, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
