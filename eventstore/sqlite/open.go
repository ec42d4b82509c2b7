package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/dirlock"
)

// FileName is the event log's file inside the data directory.
const FileName = "ledger.db"

const lockName = "ledger.lock"

// readConns bounds concurrent readers; each holds a snapshot while it reads.
const readConns = 8

// Store is the embedded backend. Open it with Open; close it with Close.
type Store struct {
	dir     string
	path    string
	log     *signedLog
	publish *publisher
	halt    halted
	wdb     *sql.DB // exactly one connection, used only by the writer goroutine
	rdb     *sql.DB
	reads   *streamReads // ReadStream's statements on rdb
	scans   scanPool     // raw connections of ReadAll
	lock    *os.File
	streams *streamIndex
	writer  *writer
	ckpt    *checkpointer
	notify  *eventstore.Notifier

	closeOnce sync.Once
	closeErr  error
}

var _ eventstore.Store = (*Store)(nil)

// Open opens (creating if needed) the event log in dir. Only one process may
// hold a data directory at a time. It reads any log, and appends only to one
// that was never signed; OpenWith a signer for a server.
func Open(ctx context.Context, dir string) (*Store, error) {
	return OpenWith(ctx, dir, Options{})
}

// OpenWith opens the log in dir with o. With a signer it first checks that
// the log is the one the ledger last signed (see openSignedLog) and signs a
// checkpoint in every commit.
func OpenWith(ctx context.Context, dir string, o Options) (*Store, error) {
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	s, err := open(ctx, dir, lock, o)
	if err != nil {
		_ = lock.Close()
		return nil, err
	}
	return s, nil
}

func open(ctx context.Context, dir string, lock *os.File, o Options) (*Store, error) {
	path := filepath.Join(dir, FileName)
	s := &Store{dir: dir, path: path, lock: lock, notify: eventstore.NewNotifier()}
	if o.Signer != nil && !o.Recover {
		if err := checkWAL(path); err != nil {
			return nil, err
		}
	}
	if err := dirlock.PrivateDB(path); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDataDir, err)
	}
	var err error
	if s.wdb, err = sql.Open("sqlite", dsn(path, false)); err != nil {
		return nil, classifyOpenError(path, err)
	}
	s.wdb.SetMaxOpenConns(2) // the writer's connection and the checkpointer's
	if err = migrate(ctx, s.wdb, path); err == nil {
		err = s.openReaders(ctx)
	}
	if err == nil {
		s.streams, err = loadStreams(ctx, s.rdb)
	}
	if err == nil {
		s.reads, err = prepareStreamReads(ctx, s.rdb)
	}
	if err == nil {
		s.log, err = openSignedLog(ctx, s, o)
	}
	if err != nil {
		s.closeDBs()
		return nil, classifyOpenError(path, err)
	}
	s.publish = startPublisher(dir)
	if o.Signer != nil && s.log.note != nil {
		s.publish.poke(s.log.note) // the file is rewritten if it was lost
	}
	s.writer, err = startWriter(ctx, s)
	if err != nil {
		_ = s.publish.stop()
		s.closeDBs()
		return nil, err
	}
	s.ckpt = startCheckpointer(s)
	return s, nil
}

func (s *Store) openReaders(ctx context.Context) error {
	var err error
	if s.rdb, err = sql.Open("sqlite", dsn(s.path, true)); err != nil {
		return err
	}
	s.rdb.SetMaxOpenConns(readConns)
	s.rdb.SetMaxIdleConns(readConns)
	return s.rdb.PingContext(ctx)
}

// dsn sets durability on every connection: WAL, and a full sync of the WAL
// at each commit, so an acknowledged append survives a power cut.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_txlock", "immediate")
	if !readOnly {
		q.Add("_pragma", "wal_autocheckpoint(0)") // the checkpointer does it
		q.Add("_pragma", "journal_size_limit(67108864)")
	}
	if readOnly {
		// Readers scan the whole log when views are rebuilt: map the file
		// and keep a generous page cache so pages are not read one syscall
		// at a time.
		q.Add("_pragma", "query_only(1)")
		q.Add("_pragma", "mmap_size(17179869184)")
		q.Add("_pragma", "cache_size(-65536)")
	}
	return "file:" + path + "?" + q.Encode()
}

// lockDir creates dir if needed and takes an exclusive lock on it, so two
// processes never write one log.
func lockDir(dir string) (*os.File, error) {
	f, err := dirlock.Lock(dir, lockName)
	switch {
	case errors.Is(err, dirlock.ErrLocked):
		return nil, fmt.Errorf("%s: %w", dir, ErrLocked)
	case err != nil:
		return nil, fmt.Errorf("%w: %v", ErrDataDir, err)
	}
	return f, nil
}

// Path is the event log file.
func (s *Store) Path() string { return s.path }

// Close stops the writer after the appends it holds, then closes the file.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.writer.stop()
		pubErr := s.publish.stop()
		s.ckpt.stop()
		s.closeErr = errors.Join(pubErr, s.closeDBs())
		_ = s.lock.Close()
	})
	return s.closeErr
}

func (s *Store) closeDBs() error {
	var errs []error
	s.scans.close()
	if s.rdb != nil {
		errs = append(errs, s.reads.close(), s.rdb.Close())
	}
	if s.wdb != nil {
		errs = append(errs, s.wdb.Close())
	}
	return errors.Join(errs...)
}
