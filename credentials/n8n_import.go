package credentials

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// n8nEntity is one element of `n8n export:credentials` output; sharing and
// timestamps are ignored.
type n8nEntity struct {
	ID   string          `json:"id"`
	Name string          `json:"name"`
	Type string          `json:"type"`
	Data json.RawMessage `json:"data"`
}

// ErrN8NKeyNeeded reports encrypted n8n data imported without a key.
var ErrN8NKeyNeeded = errors.New("data is encrypted: pass n8n's encryption key (N8N_ENCRYPTION_KEY or encryptionKey in ~/.n8n/config)")

// ImportN8N decodes `n8n export:credentials` output: a JSON array of
// entities (one object is accepted too) whose data is a plain object
// (--decrypted) or n8n's encrypted string, decrypted with n8nKey. Ids,
// names and types are kept.
func ImportN8N(data []byte, n8nKey string) ([]*Credential, error) {
	data = bytes.TrimSpace(data)
	var entities []*n8nEntity
	if len(data) > 0 && data[0] == '{' {
		var one n8nEntity
		if err := json.Unmarshal(data, &one); err != nil {
			return nil, fmt.Errorf("n8n import: %w", err)
		}
		entities = []*n8nEntity{&one}
	} else if err := json.Unmarshal(data, &entities); err != nil {
		return nil, fmt.Errorf("n8n import: want the array written by n8n export:credentials: %w", err)
	}
	out := make([]*Credential, 0, len(entities))
	for i, e := range entities {
		if e == nil {
			return nil, fmt.Errorf("n8n import: [%d] is null", i)
		}
		label := fmt.Sprintf("[%d] %q", i, e.Name)
		if e.Type == "" {
			return nil, fmt.Errorf("n8n import: credential %s has no type", label)
		}
		if e.Name == "" {
			return nil, fmt.Errorf("n8n import: credential [%d] has no name", i)
		}
		d, err := decodeN8NData(e.Data, n8nKey)
		if err != nil {
			return nil, fmt.Errorf("n8n import: credential %s: %w", label, err)
		}
		id := e.ID
		if id == "" {
			id = NewID()
		}
		out = append(out, &Credential{ID: id, Name: e.Name, Type: e.Type, Data: Data(d)})
	}
	return out, nil
}

func decodeN8NData(raw json.RawMessage, key string) (map[string]any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return map[string]any{}, nil
	}
	if raw[0] == '{' {
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("data: %w", err)
		}
		return m, nil
	}
	var enc string
	if err := json.Unmarshal(raw, &enc); err != nil {
		return nil, fmt.Errorf("data is neither an object nor an encrypted string")
	}
	if key == "" {
		return nil, ErrN8NKeyNeeded
	}
	plain, err := DecryptN8N(enc, key)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(plain, &m); err != nil {
		// A wrong key passes the padding check about once in 256 times.
		return nil, fmt.Errorf("%w: n8n data does not decrypt to JSON", ErrWrongKey)
	}
	return m, nil
}

// DecryptN8N decrypts one value n8n encrypted at rest:
// base64("Salted__" ‖ salt8 ‖ AES-256-CBC(PKCS#7)), key and IV from OpenSSL
// EVP_BytesToKey (MD5, one round) over key and salt — what
// `openssl enc -aes-256-cbc -md md5 -a -A -pass pass:KEY` writes.
// Values of n8n's key-rotation format ("<keyId>:<base64>") are refused.
func DecryptN8N(value, key string) ([]byte, error) {
	if i := strings.IndexByte(value, ':'); i > 0 {
		return nil, fmt.Errorf("data uses n8n's key-rotation format (key id %q), which is not supported; export with --decrypted", value[:i])
	}
	blob, err := base64.StdEncoding.DecodeString(strings.TrimSpace(value))
	if err != nil {
		return nil, fmt.Errorf("encrypted data is not base64")
	}
	if len(blob) < 16 || string(blob[:8]) != "Salted__" {
		return nil, fmt.Errorf("encrypted data does not start with OpenSSL's Salted__ header")
	}
	salt, ct := blob[8:16], blob[16:]
	if len(ct) == 0 || len(ct)%aes.BlockSize != 0 {
		return nil, fmt.Errorf("encrypted data has a partial AES block")
	}
	k, iv := evpBytesToKey([]byte(key), salt, 32, aes.BlockSize)
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, err
	}
	plain := make([]byte, len(ct))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(plain, ct)
	n := int(plain[len(plain)-1])
	if n == 0 || n > aes.BlockSize || n > len(plain) {
		return nil, fmt.Errorf("%w: n8n data does not decrypt (bad padding)", ErrWrongKey)
	}
	for _, b := range plain[len(plain)-n:] {
		if int(b) != n {
			return nil, fmt.Errorf("%w: n8n data does not decrypt (bad padding)", ErrWrongKey)
		}
	}
	return plain[:len(plain)-n], nil
}

// evpBytesToKey is OpenSSL's EVP_BytesToKey with MD5 and one iteration:
// D1 = MD5(pass ‖ salt), Di = MD5(Di-1 ‖ pass ‖ salt).
func evpBytesToKey(pass, salt []byte, keyLen, ivLen int) (key, iv []byte) {
	var out, prev []byte
	for len(out) < keyLen+ivLen {
		h := md5.New()
		h.Write(prev)
		h.Write(pass)
		h.Write(salt)
		prev = h.Sum(nil)
		out = append(out, prev...)
	}
	return out[:keyLen], out[keyLen : keyLen+ivLen]
}
