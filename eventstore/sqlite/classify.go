package sqlite

import (
	"errors"
	"fmt"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/movementcoord/ledger/eventstore"
)

// sqliteCode returns the primary SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

func isUniqueViolation(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE
}

// classifyOpenError turns SQLite's codes into messages an operator can act on.
func classifyOpenError(path string, err error) error {
	if err == nil || errors.Is(err, ErrNotLedger) || errors.Is(err, ErrNewerSchema) || errors.Is(err, ErrDataDir) ||
		isRefusal(err) {
		return err
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		return fmt.Errorf("%s: %w: %v", path, ErrNotLedger, err)
	case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY:
		return fmt.Errorf("%s: %w: cannot open it for writing (check permissions and free space): %v", path, ErrDataDir, err)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// classifyWriteError tells a full disk, which needs the administrator,
// from errors the caller may retry later (unavailable).
func classifyWriteError(err error) error {
	if sqliteCode(err) == sqlite3.SQLITE_FULL || errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("%w: %v", eventstore.ErrStorageFull, err)
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN:
		return fmt.Errorf("%w: %v", eventstore.ErrUnavailable, err)
	}
	return err
}

// isRefusal tells the start-up refusals of the signed log, which already
// name the file and the way out.
func isRefusal(err error) bool {
	for _, kind := range []error{ErrRollback, ErrUnsigned, ErrFork, ErrKeyMismatch, ErrDamagedWAL} {
		if errors.Is(err, kind) {
			return true
		}
	}
	return false
}
