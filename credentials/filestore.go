package credentials

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// FileStore is the plain JSON credentials file of the --credentials flag:
// {"<id>": {"name", "type", "data"}} (the conformance cases' format).
// Changes, refreshed tokens included, are written back to the file
// atomically with mode 0600. The file is not encrypted.
type FileStore struct {
	*MemoryStore
	path string
}

// fileEntry is one credential in the file.
type fileEntry struct {
	Name string         `json:"name"`
	Type string         `json:"type"`
	Data map[string]any `json:"data"`
}

// OpenFileStore reads the file at path; a missing file is an empty store
// that is created on the first write.
func OpenFileStore(path string) (*FileStore, error) {
	s := &FileStore{MemoryStore: NewMemoryStore(), path: path}
	s.persist = s.write
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("credentials file: %w", err)
	}
	creds, err := ParseCredentialsFile(raw)
	if err != nil {
		return nil, fmt.Errorf("credentials file %s: %w", path, err)
	}
	for _, c := range creds {
		s.creds[c.ID] = c
	}
	return s, nil
}

// ParseCredentialsFile decodes the {"<id>": {"name","type","data"}} format.
func ParseCredentialsFile(raw []byte) ([]*Credential, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, nil
	}
	var entries map[string]*fileEntry
	if err := json.Unmarshal(raw, &entries); err != nil {
		// The decoder's message quotes no values, only offsets and types.
		return nil, fmt.Errorf("want an object of credentials by id: %w", err)
	}
	out := make([]*Credential, 0, len(entries))
	for id, e := range entries {
		if e == nil {
			return nil, fmt.Errorf("credential %q is null", id)
		}
		if e.Type == "" {
			return nil, fmt.Errorf("credential %q has no type", id)
		}
		out = append(out, &Credential{ID: id, Name: e.Name, Type: e.Type, Data: Data(e.Data)})
	}
	sortCredentials(out)
	return out, nil
}

// Path returns the file's path.
func (s *FileStore) Path() string { return s.path }

// write saves creds to the file atomically (MemoryStore's persist hook;
// the store's lock is held).
func (s *FileStore) write(creds map[string]*Credential) error {
	ids := make([]string, 0, len(creds))
	for id := range creds {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var buf bytes.Buffer
	buf.WriteString("{")
	for i, id := range ids {
		c := creds[id]
		if i > 0 {
			buf.WriteString(",")
		}
		k, _ := json.Marshal(id)
		v, err := json.MarshalIndent(fileEntry{Name: c.Name, Type: c.Type, Data: c.Data.Reveal()}, "  ", "  ")
		if err != nil {
			return fmt.Errorf("credentials file: encode credential %q: %w", id, err)
		}
		buf.WriteString("\n  ")
		buf.Write(k)
		buf.WriteString(": ")
		buf.Write(v)
	}
	buf.WriteString("\n}\n")
	return writeFileAtomic(s.path, buf.Bytes(), 0o600)
}

func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
