package keystore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/google/uuid"
	"modernc.org/sqlite" // also registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/dirlock"
)

// File is the embedded key store.
type File struct {
	db    *sql.DB
	path  string
	mu    sync.Mutex
	cache map[uuid.UUID][]byte
}

var _ Store = (*File)(nil)

const fileSchema = `CREATE TABLE IF NOT EXISTS person_keys (
	person    BLOB PRIMARY KEY,
	key       BLOB,            -- NULL once erased
	erased_at INTEGER          -- unix nanoseconds; NULL while the key exists
)`

// OpenFile opens the key store in dir. With mustExist it refuses to create a
// new, empty one: a data directory whose log already holds sealed data but
// whose key store is gone must fail loudly, not start afresh.
func OpenFile(ctx context.Context, dir string, mustExist bool) (*File, error) {
	path := filepath.Join(dir, FileName)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && mustExist {
		return nil, fmt.Errorf("%w: %s does not exist; restore it from backup, or every person's data in this ledger stays sealed", ErrMissing, path)
	}
	if err := dirlock.PrivateDB(path); err != nil {
		return nil, fmt.Errorf("key store: %w", err)
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(DELETE)", "synchronous(FULL)", "secure_delete(ON)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, fileSchema); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
	}
	return &File{db: db, path: path, cache: map[uuid.UUID][]byte{}}, nil
}

// Key implements Store.
func (f *File) Key(ctx context.Context, person uuid.UUID) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.keyLocked(ctx, person)
}

func (f *File) keyLocked(ctx context.Context, person uuid.UUID) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err // a cancelled request, not a corrupt file
	}
	if k, ok := f.cache[person]; ok {
		return k, nil
	}
	var key []byte
	var erased sql.NullInt64
	err := f.db.QueryRowContext(ctx, "SELECT key, erased_at FROM person_keys WHERE person = ?", person[:]).Scan(&key, &erased)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("person %s: %w", person, ErrNoKey)
	case err != nil:
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, f.path, err)
	case erased.Valid:
		return nil, fmt.Errorf("person %s: %w", person, personal.ErrErased)
	case len(key) != personal.KeySize:
		return nil, fmt.Errorf("%w: %s: key of person %s has %d bytes", ErrCorrupt, f.path, person, len(key))
	}
	f.cache[person] = key
	return key, nil
}

// Ensure implements Store.
func (f *File) Ensure(ctx context.Context, person uuid.UUID) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	key, err := f.keyLocked(ctx, person)
	if !errors.Is(err, ErrNoKey) {
		return key, err
	}
	if key, err = personal.NewKey(); err != nil {
		return nil, err
	}
	if _, err := f.db.ExecContext(ctx, "INSERT INTO person_keys (person, key) VALUES (?, ?)", person[:], key); err != nil {
		return nil, fmt.Errorf("key store %s: store key: %w", f.path, writeError(err))
	}
	f.cache[person] = key
	return key, nil
}

// Erase implements Store. The row stays, without its key, so the person can
// never be given a new key and their old data never becomes readable again.
func (f *File) Erase(ctx context.Context, person uuid.UUID) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.cache, person)
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := f.db.ExecContext(ctx, `INSERT INTO person_keys (person, key, erased_at) VALUES (?, NULL, ?)
		ON CONFLICT (person) DO UPDATE SET key = NULL, erased_at = COALESCE(erased_at, excluded.erased_at)`,
		person[:], time.Now().UnixNano())
	if err != nil {
		return fmt.Errorf("key store %s: erase %s: %w", f.path, person, writeError(err))
	}
	return nil
}

// writeError tells a full disk, which needs the administrator, as the event
// store does: the key store shares the log's data directory and its disk.
func writeError(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL || errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("%w: %v", eventstore.ErrStorageFull, err)
	}
	return err
}

// Close implements Store.
func (f *File) Close() error { return f.db.Close() }
