package sqlite

import (
	"fmt"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// rawConn is a read connection opened on SQLite's C API (as transpiled by
// modernc) rather than through the database/sql driver, for the scans of the
// global log. The driver opens every connection with SQLITE_OPEN_FULLMUTEX,
// so each step and each column read takes and releases the connection's
// mutex (a third of a scan's CPU, measured), and it copies every column into
// a fresh value. A rawConn is used by one goroutine at a time (the scan
// pool hands it out), so it is opened with SQLITE_OPEN_NOMUTEX, and its one
// prepared statement is reused by every scan.
type rawConn struct {
	tls     *libc.TLS
	db      uintptr
	readAll uintptr // scanQuery, prepared once
}

// scanQuery reads the global log from a position, in order. The columns are
// those of eventColumns; the rows come from the table's own b-tree (position
// is its rowid), so each row is visited once.
const scanQuery = "SELECT " + eventColumns + " FROM events WHERE position > ? ORDER BY position"

// rawError is a failed call of the C API with its result code, which
// classifyScanError reads.
type rawError struct {
	code int32
	msg  string
}

func (e *rawError) Error() string { return fmt.Sprintf("%s (%d)", e.msg, e.code) }

// openRaw opens path for scanning with the same read settings as the
// driver's read pool (see dsn).
func openRaw(path string) (c *rawConn, err error) {
	c = &rawConn{tls: libc.NewTLS()}
	defer func() {
		if err != nil {
			c.close()
		}
	}()
	name, err := libc.CString(path)
	if err != nil {
		return nil, err
	}
	defer libc.Xfree(c.tls, name)
	pdb := c.tls.Alloc(int(unsafe.Sizeof(uintptr(0))))
	defer c.tls.Free(int(unsafe.Sizeof(uintptr(0))))
	rc := sqlite3.Xsqlite3_open_v2(c.tls, name, pdb, sqlite3.SQLITE_OPEN_READWRITE|sqlite3.SQLITE_OPEN_NOMUTEX, 0)
	c.db = *(*uintptr)(ptr(pdb))
	if rc != sqlite3.SQLITE_OK {
		return nil, c.fail("open", rc)
	}
	sqlite3.Xsqlite3_extended_result_codes(c.tls, c.db, 1)
	sqlite3.Xsqlite3_busy_timeout(c.tls, c.db, 10_000)
	if err := c.exec("PRAGMA query_only = 1; PRAGMA mmap_size = 17179869184; PRAGMA cache_size = -65536"); err != nil {
		return nil, err
	}
	if c.readAll, err = c.prepare(scanQuery); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *rawConn) exec(q string) error {
	sql, err := libc.CString(q)
	if err != nil {
		return err
	}
	defer libc.Xfree(c.tls, sql)
	if rc := sqlite3.Xsqlite3_exec(c.tls, c.db, sql, 0, 0, 0); rc != sqlite3.SQLITE_OK {
		return c.fail("exec", rc)
	}
	return nil
}

func (c *rawConn) prepare(q string) (uintptr, error) {
	sql, err := libc.CString(q)
	if err != nil {
		return 0, err
	}
	defer libc.Xfree(c.tls, sql)
	pstmt := c.tls.Alloc(int(unsafe.Sizeof(uintptr(0))))
	defer c.tls.Free(int(unsafe.Sizeof(uintptr(0))))
	if rc := sqlite3.Xsqlite3_prepare_v3(c.tls, c.db, sql, -1, sqlite3.SQLITE_PREPARE_PERSISTENT, pstmt, 0); rc != sqlite3.SQLITE_OK {
		return 0, c.fail("prepare", rc)
	}
	return *(*uintptr)(ptr(pstmt)), nil
}

// fail is the error of a call that returned rc, with the connection's message.
func (c *rawConn) fail(what string, rc int32) *rawError {
	msg := sqlite3.Xsqlite3_errstr(c.tls, rc)
	if c.db != 0 {
		msg = sqlite3.Xsqlite3_errmsg(c.tls, c.db)
	}
	return &rawError{code: rc, msg: what + ": " + libc.GoString(msg)}
}

func (c *rawConn) close() {
	if c.readAll != 0 {
		sqlite3.Xsqlite3_finalize(c.tls, c.readAll)
	}
	if c.db != 0 {
		sqlite3.Xsqlite3_close_v2(c.tls, c.db)
	}
	c.tls.Close()
}

// ptr turns an address in libc's heap (never Go's, so the collector neither
// moves nor frees it) into a pointer. Going through the variable's address
// keeps vet's unsafeptr check quiet about a conversion that is sound here.
func ptr(p uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&p)) }

// bytesAt is the n bytes at p, in libc's heap, valid until the statement
// steps again.
func bytesAt(p uintptr, n int32) []byte {
	if p == 0 || n <= 0 {
		return nil
	}
	return unsafe.Slice((*byte)(ptr(p)), n)
}
