package credentials

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
)

// ErrWrongKey reports data that the key does not decrypt.
var ErrWrongKey = errors.New("wrong encryption key")

// gcm seals and opens blobs as nonce ‖ AES-256-GCM(plaintext), with
// additional data binding a blob to its row.
type gcm struct{ aead cipher.AEAD }

func newGCM(key []byte) (*gcm, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("encryption key must be 32 bytes, got %d", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &gcm{aead: aead}, nil
}

func (g *gcm) seal(plain, ad []byte) ([]byte, error) {
	nonce := make([]byte, g.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return g.aead.Seal(nonce, nonce, plain, ad), nil
}

func (g *gcm) open(blob, ad []byte) ([]byte, error) {
	n := g.aead.NonceSize()
	if len(blob) < n+g.aead.Overhead() {
		return nil, fmt.Errorf("encrypted blob too short (%d bytes)", len(blob))
	}
	plain, err := g.aead.Open(nil, blob[:n], blob[n:], ad)
	if err != nil {
		return nil, ErrWrongKey
	}
	return plain, nil
}
