package credentials

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // cgo-free SQLite driver
)

// SQLiteStore is the default credential store: a SQLite database (on the
// cgo-free modernc.org/sqlite) whose data column holds each credential's
// data as nonce ‖ AES-256-GCM(JSON), bound to the row id. Ids, names and
// types are stored in the clear so that list never decrypts.
type SQLiteStore struct {
	db    *sql.DB
	gcm   *gcm
	path  string
	cache sqliteCache
}

const sqliteSchema = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS credentials (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	type TEXT NOT NULL,
	data BLOB NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS credentials_name ON credentials(name);
`

// keyCheck is encrypted into meta on creation to detect a wrong key.
var keyCheck = []byte("noderun credentials key check")

// OpenSQLiteStore opens (creating when absent) the store at path with a
// 32-byte key (see LoadKey). A key that does not match the one the store
// was created with is an error wrapping ErrWrongKey.
func OpenSQLiteStore(path string, key []byte) (*SQLiteStore, error) {
	g, err := newGCM(key)
	if err != nil {
		return nil, fmt.Errorf("credentials store %s: %w", path, err)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("credentials store %s: %w", path, err)
		}
	}
	// Create the file ourselves so it never exists with a wider mode.
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600); err == nil {
		f.Close()
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(DELETE)")
	if err != nil {
		return nil, fmt.Errorf("credentials store %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	s := &SQLiteStore{db: db, gcm: g, path: path}
	if err := s.init(); err != nil {
		db.Close()
		return nil, fmt.Errorf("credentials store %s: %w", path, err)
	}
	// Without the handle reads are not cached, which is only slower.
	s.cache.file, _ = os.Open(path)
	return s, nil
}

// OpenDefaultStore opens home/credentials.db under DefaultHome with the key
// from NODERUN_ENCRYPTION_KEY or the home's key file.
func OpenDefaultStore() (*SQLiteStore, error) {
	home, err := DefaultHome()
	if err != nil {
		return nil, err
	}
	key, err := LoadKey(home, os.Getenv(EnvEncryptionKey))
	if err != nil {
		return nil, err
	}
	return OpenSQLiteStore(filepath.Join(home, StoreFileName), key)
}

func (s *SQLiteStore) init() error {
	if _, err := s.db.Exec(sqliteSchema); err != nil {
		return err
	}
	var check []byte
	err := s.db.QueryRow(`SELECT value FROM meta WHERE key = 'keycheck'`).Scan(&check)
	if errors.Is(err, sql.ErrNoRows) {
		blob, err := s.gcm.seal(keyCheck, []byte("keycheck"))
		if err != nil {
			return err
		}
		_, err = s.db.Exec(`INSERT INTO meta(key, value) VALUES ('keycheck', ?)`, blob)
		return err
	}
	if err != nil {
		return err
	}
	plain, err := s.gcm.open(check, []byte("keycheck"))
	if err != nil || !bytes.Equal(plain, keyCheck) {
		return fmt.Errorf("%w: this store was created with another key (set %s to the key it was created with, or use its home's %s)", ErrWrongKey, EnvEncryptionKey, KeyFileName)
	}
	return nil
}

// Path returns the database file.
func (s *SQLiteStore) Path() string { return s.path }

// Close closes the database.
func (s *SQLiteStore) Close() error {
	if s.cache.file != nil {
		s.cache.file.Close()
	}
	return s.db.Close()
}

type sqlRow struct {
	id, name, typ string
	blob          []byte
}

func (s *SQLiteStore) decode(r sqlRow) (*Credential, error) {
	plain, err := s.gcm.open(r.blob, []byte(r.id))
	if err != nil {
		return nil, fmt.Errorf("credential %q: %w", r.name, err)
	}
	var data map[string]any
	if err := json.Unmarshal(plain, &data); err != nil {
		return nil, fmt.Errorf("credential %q: decrypted data is not JSON", r.name)
	}
	return &Credential{ID: r.id, Name: r.name, Type: r.typ, Data: Data(data)}, nil
}

func (s *SQLiteStore) encode(c *Credential) ([]byte, error) {
	plain, err := json.Marshal(c.Data.Reveal())
	if err != nil {
		return nil, fmt.Errorf("credential %q: encode data: %w", c.Name, err)
	}
	if c.Data == nil {
		plain = []byte("{}")
	}
	return s.gcm.seal(plain, []byte(c.ID))
}

// find returns the row whose id is ref, else the one whose name is ref.
func (s *SQLiteStore) find(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, ref string) (sqlRow, error) {
	for _, col := range []string{"id", "name"} {
		rows, err := q.QueryContext(ctx, `SELECT id, name, type, data FROM credentials WHERE `+col+` = ? ORDER BY id`, ref)
		if err != nil {
			return sqlRow{}, err
		}
		var found []sqlRow
		for rows.Next() {
			var r sqlRow
			if err := rows.Scan(&r.id, &r.name, &r.typ, &r.blob); err != nil {
				rows.Close()
				return sqlRow{}, err
			}
			found = append(found, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return sqlRow{}, err
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			return found[0], nil
		default:
			return sqlRow{}, fmt.Errorf("credential name %q is ambiguous (ids %s and %s); use the id", ref, found[0].id, found[1].id)
		}
	}
	return sqlRow{}, &NotFoundError{Ref: ref}
}

// Get implements Store. Reads are served from memory while the database
// file is unchanged.
func (s *SQLiteStore) Get(ctx context.Context, idOrName string) (*Credential, error) {
	creds, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	c, err := find(creds, idOrName)
	if err != nil {
		return nil, err
	}
	return c.Clone(), nil
}

// List implements Store.
func (s *SQLiteStore) List(ctx context.Context) ([]*Credential, error) {
	creds, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return sortedClones(creds), nil
}

// load reads and decrypts every credential.
func (s *SQLiteStore) load(ctx context.Context) ([]*Credential, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, type, data FROM credentials ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list credentials: %w", err)
	}
	defer rows.Close()
	var out []*Credential
	for rows.Next() {
		var r sqlRow
		if err := rows.Scan(&r.id, &r.name, &r.typ, &r.blob); err != nil {
			return nil, fmt.Errorf("list credentials: %w", err)
		}
		c, err := s.decode(r)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list credentials: %w", err)
	}
	return out, nil
}

// Put implements Store.
func (s *SQLiteStore) Put(ctx context.Context, c *Credential) error {
	if err := checkPut(c); err != nil {
		return err
	}
	blob, err := s.encode(c)
	if err != nil {
		return err
	}
	now := time.Now().UTC().Format(time.RFC3339)
	defer s.invalidate()
	_, err = s.db.ExecContext(ctx, `INSERT INTO credentials(id, name, type, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type, data = excluded.data, updated_at = excluded.updated_at`,
		c.ID, c.Name, c.Type, blob, now, now)
	if err != nil {
		return fmt.Errorf("put credential %q: %w", c.Name, err)
	}
	return nil
}

// Delete implements Store.
func (s *SQLiteStore) Delete(ctx context.Context, idOrName string) error {
	r, err := s.find(ctx, s.db, idOrName)
	if err != nil {
		return err
	}
	defer s.invalidate()
	if _, err := s.db.ExecContext(ctx, `DELETE FROM credentials WHERE id = ?`, r.id); err != nil {
		return fmt.Errorf("delete credential %q: %w", r.name, err)
	}
	return nil
}

// UpdateData implements Store.
func (s *SQLiteStore) UpdateData(ctx context.Context, id string, patch map[string]any) error {
	defer s.invalidate()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("update credential %s: %w", id, err)
	}
	defer tx.Rollback()
	var r sqlRow
	err = tx.QueryRowContext(ctx, `SELECT id, name, type, data FROM credentials WHERE id = ?`, id).Scan(&r.id, &r.name, &r.typ, &r.blob)
	if errors.Is(err, sql.ErrNoRows) {
		return &NotFoundError{Ref: id}
	}
	if err != nil {
		return fmt.Errorf("update credential %s: %w", id, err)
	}
	c, err := s.decode(r)
	if err != nil {
		return err
	}
	c.Data = mergeData(c.Data, patch)
	blob, err := s.encode(c)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE credentials SET data = ?, updated_at = ? WHERE id = ?`, blob, time.Now().UTC().Format(time.RFC3339), id); err != nil {
		return fmt.Errorf("update credential %q: %w", c.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("update credential %q: %w", c.Name, err)
	}
	return nil
}
