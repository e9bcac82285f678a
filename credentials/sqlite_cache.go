package credentials

import (
	"context"
	"encoding/binary"
	"os"
	"sync"
)

// sqliteCache keeps the decrypted credentials of a SQLiteStore between
// reads: a SQLite read takes a file lock and costs far more than a node's
// whole request. The cache is valid while SQLite's file change counter
// (database header bytes 24-27, incremented by every commit in the
// rollback-journal mode the store uses) is unchanged and this store has
// not written, so another process's write drops it.
type sqliteCache struct {
	mu    sync.Mutex
	file  *os.File
	stamp uint32
	creds map[string]*Credential // nil: not loaded
}

// changeCounter reads the database's file change counter.
func (c *sqliteCache) changeCounter() (uint32, bool) {
	if c.file == nil {
		return 0, false
	}
	var b [4]byte
	if _, err := c.file.ReadAt(b[:], 24); err != nil {
		return 0, false
	}
	return binary.BigEndian.Uint32(b[:]), true
}

// snapshot returns the cached credentials, loading them when the file
// changed. The caller must not modify the map or its credentials.
func (s *SQLiteStore) snapshot(ctx context.Context) (map[string]*Credential, error) {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	stamp, ok := s.cache.changeCounter()
	if ok && s.cache.creds != nil && s.cache.stamp == stamp {
		return s.cache.creds, nil
	}
	list, err := s.load(ctx)
	if err != nil {
		return nil, err
	}
	creds := make(map[string]*Credential, len(list))
	for _, c := range list {
		creds[c.ID] = c
	}
	if ok {
		s.cache.creds, s.cache.stamp = creds, stamp
	} else {
		s.cache.creds = nil
	}
	return creds, nil
}

// invalidate drops the cache after a write.
func (s *SQLiteStore) invalidate() {
	s.cache.mu.Lock()
	s.cache.creds = nil
	s.cache.mu.Unlock()
}
