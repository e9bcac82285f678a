package files_test

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
)

func TestCryptoHashAndHmac(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		version float64
		params  obj
		creds   obj
		in      []nodes.Item
		want    []any
	}{
		{"v1 default MD5 hex", 1, obj{"value": "hello"}, nil, items(obj{"a": 1.0}),
			[]any{obj{"a": 1.0, "data": "5d41402abc4b2a76b9719d911017c592"}}},
		{"v2 default SHA256 base64 into a dotted key", 2, obj{"value": "hello", "encoding": "base64", "dataPropertyName": "x.y"}, nil, items(obj{}),
			[]any{obj{"x.y": "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ="}}},
		{"SHA3-256", 2, obj{"value": "", "type": "SHA3-256"}, nil, items(obj{}),
			[]any{obj{"data": "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"}}},
		{"SHA512 of a binary file", 2, obj{"binaryData": true, "type": "SHA512"}, nil, []nodes.Item{fileItem("abc", "text/plain", "a.txt")},
			[]any{obj{"data": "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"}}},
		{"v1 hmac with the secret parameter", 1, obj{"action": "hmac", "value": "msg", "type": "SHA256", "secret": "key"}, nil, items(obj{}),
			[]any{obj{"data": "2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628"}}},
		{"v2 hmac with the crypto credential", 2, obj{"action": "hmac", "value": "msg"}, obj{"hmacSecret": "key"}, items(obj{}),
			[]any{obj{"data": "2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t, "crypto", tc.version, tc.params, tc.in)
			if tc.creds != nil {
				f.creds = map[string]map[string]any{"crypto": tc.creds}
			}
			got, err := f.run()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, jsonOf(got)); diff != "" {
				t.Errorf("json (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCryptoBinaryKeptUnlessHashed(t *testing.T) {
	t.Parallel()
	in := []nodes.Item{fileItem("abc", "text/plain", "a.txt")}
	got, err := newFake(t, "crypto", 2, obj{"value": "x"}, in).run()
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Binary["data"] == nil {
		t.Error("binary dropped although the value was hashed")
	}
	got, err = newFake(t, "crypto", 2, obj{"binaryData": true}, in).run()
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Binary != nil {
		t.Error("binary kept although it was hashed")
	}
	_, err = newFake(t, "crypto", 2, obj{"binaryData": true}, items(obj{})).run()
	var ne *nodes.NodeError
	if !errors.As(err, &ne) || ne.Message != "This operation expects the node's input data to contain a binary file 'data', but none was found [item 0]" {
		t.Errorf("missing binary: %v", err)
	}
}

func TestCryptoGenerate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		params obj
		re     string
	}{
		{obj{"action": "generate"}, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`},
		{obj{"action": "generate", "encodingType": "hex", "stringLength": 10.0}, `^[0-9a-f]{10}$`},
		{obj{"action": "generate", "encodingType": "base64", "stringLength": 40.0}, `^\w{20,40}$`},
		{obj{"action": "generate", "encodingType": "ascii", "stringLength": 5.0}, `^[\x00-\x7f]{5}$`},
	}
	for _, tc := range tests {
		got, err := newFake(t, "crypto", 2, tc.params, items(obj{})).run()
		if err != nil {
			t.Fatal(err)
		}
		s, _ := got[0].Object()["data"].(string)
		if !regexp.MustCompile(tc.re).MatchString(s) {
			t.Errorf("%v: %q does not match %s", tc.params, s, tc.re)
		}
	}
}

func TestCryptoSign(t *testing.T) {
	t.Parallel()
	key, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	der := x509.MarshalPKCS1PrivateKey(key)
	pemKey := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: der}))
	for _, tc := range []struct {
		version float64
		params  obj
		creds   map[string]map[string]any
	}{
		{1, obj{"action": "sign", "value": "payload", "algorithm": "RSA-SHA256", "encoding": "base64", "privateKey": pemKey}, nil},
		{2, obj{"action": "sign", "value": "payload", "algorithm": "sha256WithRSAEncryption", "encoding": "base64"},
			map[string]map[string]any{"crypto": {"signPrivateKey": pemKey}}},
	} {
		f := newFake(t, "crypto", tc.version, tc.params, items(obj{}))
		f.creds = tc.creds
		got, err := f.run()
		if err != nil {
			t.Fatal(err)
		}
		sig, err := base64.StdEncoding.DecodeString(got[0].Object()["data"].(string))
		if err != nil {
			t.Fatal(err)
		}
		digest := sha256.Sum256([]byte("payload"))
		if err := rsa.VerifyPKCS1v15(&key.PublicKey, crypto.SHA256, digest[:], sig); err != nil {
			t.Errorf("v%v: signature does not verify: %v", tc.version, err)
		}
	}
	_, err = newFake(t, "crypto", 2, obj{"action": "sign", "value": "x", "algorithm": "sha256"}, items(obj{})).run()
	if err == nil {
		t.Error("v2 sign without a credential succeeded")
	}
}
