package dirlock

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// sideFiles are the files SQLite keeps beside a database: the write-ahead
// log, its shared-memory index and the rollback journal.
var sideFiles = []string{"-wal", "-shm", "-journal"}

// PrivateDB makes the SQLite database at path readable by its owner only,
// before SQLite opens it. SQLite creates a new file with mode 0644 and
// gives its side files the database file's own mode, so creating the file
// with 0600 first keeps all of them private; an older file and its side
// files are narrowed to 0600.
func PrivateDB(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	err = f.Chmod(0o600)
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	for _, side := range sideFiles {
		if sideErr := os.Chmod(path+side, 0o600); !errors.Is(sideErr, fs.ErrNotExist) {
			err = errors.Join(err, sideErr)
		}
	}
	if err != nil {
		return fmt.Errorf("make %s private: %w", path, err)
	}
	return nil
}
