package credentials

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Environment variables read by DefaultHome, OpenDefaultStore and the CLI.
const (
	// EnvEncryptionKey holds the key material of the encrypted store.
	EnvEncryptionKey = "NODERUN_ENCRYPTION_KEY"
	// EnvHome is the noderun home directory (default ~/.noderun).
	EnvHome = "NODERUN_HOME"
)

// KeyFileName is the key file created in the noderun home on first use.
const KeyFileName = "encryption.key"

// StoreFileName is the default SQLite store in the noderun home.
const StoreFileName = "credentials.db"

// DefaultHome returns $NODERUN_HOME, else ~/.noderun.
func DefaultHome() (string, error) {
	if h := os.Getenv(EnvHome); h != "" {
		return h, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("noderun home: %w (set %s)", err, EnvHome)
	}
	return filepath.Join(home, ".noderun"), nil
}

// LoadKey returns the 32-byte store key. Key material is envKey when not
// empty (the value of NODERUN_ENCRYPTION_KEY), else the content of
// home/encryption.key, which is created with 24 random bytes (base64, as
// n8n does) and mode 0600 when absent. The material string is turned into
// an AES-256 key with SHA-256, so NODERUN_ENCRYPTION_KEY may be set to a
// key file's content.
func LoadKey(home, envKey string) ([]byte, error) {
	if envKey != "" {
		return DeriveKey(envKey), nil
	}
	if home == "" {
		return nil, fmt.Errorf("encryption key: no %s and no noderun home", EnvEncryptionKey)
	}
	path := filepath.Join(home, KeyFileName)
	raw, err := os.ReadFile(path)
	if err == nil {
		material := strings.TrimSpace(string(raw))
		if material == "" {
			return nil, fmt.Errorf("encryption key file %s is empty", path)
		}
		return DeriveKey(material), nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("encryption key: %w", err)
	}
	if err := os.MkdirAll(home, 0o700); err != nil {
		return nil, fmt.Errorf("encryption key: %w", err)
	}
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("encryption key: %w", err)
	}
	material := base64.StdEncoding.EncodeToString(b)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		// Another process created it first: use theirs.
		return LoadKey(home, "")
	}
	if err != nil {
		return nil, fmt.Errorf("encryption key: %w", err)
	}
	if _, err := f.WriteString(material + "\n"); err != nil {
		f.Close()
		return nil, fmt.Errorf("encryption key: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("encryption key: %w", err)
	}
	return DeriveKey(material), nil
}

// DeriveKey turns key material into an AES-256 key (SHA-256).
func DeriveKey(material string) []byte {
	sum := sha256.Sum256([]byte(material))
	return sum[:]
}
