package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// applicationID marks a SQLite file as ours ("LEDG"), so that another
// program's database in the data directory is refused rather than altered.
const applicationID = 0x4c454447

// schemaVersion is bumped by every change to the tables below; a file with a
// larger number was written by a newer ledger and is refused.
const schemaVersion = 2

const schemaDDL = `
CREATE TABLE streams (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE
);
CREATE TABLE events (
	position    INTEGER PRIMARY KEY,
	stream_id   INTEGER NOT NULL REFERENCES streams(id),
	version     INTEGER NOT NULL,
	event_id    BLOB NOT NULL,
	type        TEXT NOT NULL,
	data        BLOB NOT NULL,
	metadata    BLOB,
	recorded_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX events_by_stream ON events(stream_id, version);
CREATE UNIQUE INDEX events_by_id ON events(event_id);
` + checkpointsDDL

// checkpointsDDL (schema 2) holds the signed checkpoint written in the same
// transaction as each commit group: its tree size, the signed note, and, on
// the newest row only, the frontier the writer extends (see signedlog.go).
const checkpointsDDL = `
CREATE TABLE checkpoints (
	size     INTEGER PRIMARY KEY,
	note     BLOB NOT NULL,
	frontier BLOB
);
`

// migrate creates the schema in a new file and refuses files that are not
// ours or are newer than this code.
func migrate(ctx context.Context, db *sql.DB, path string) error {
	var appID, version int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return classifyOpenError(path, err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return classifyOpenError(path, err)
	}
	switch {
	case appID == 0 && version == 0:
		return create(ctx, db, path)
	case appID != applicationID:
		return fmt.Errorf("%s: %w (application id %#x)", path, ErrNotLedger, appID)
	case version > schemaVersion:
		return fmt.Errorf("%s: %w: schema %d, this ledger reads up to %d; upgrade the ledger binary",
			path, ErrNewerSchema, version, schemaVersion)
	case version == 1:
		return upgrade(ctx, db, path, checkpointsDDL)
	}
	return nil
}

// upgrade brings a schema 1 file (no checkpoints) to schema 2. Its events
// are adopted into the signed log on the first start with a signing key.
func upgrade(ctx context.Context, db *sql.DB, path, ddl string) error {
	_, err := db.ExecContext(ctx, ddl+fmt.Sprintf("PRAGMA user_version = %d;", schemaVersion))
	return classifyOpenError(path, err)
}

func create(ctx context.Context, db *sql.DB, path string) error {
	var tables int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return classifyOpenError(path, err)
	}
	if tables > 0 {
		return fmt.Errorf("%s: %w (it holds %d tables of another program)", path, ErrNotLedger, tables)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return classifyOpenError(path, err)
	}
	defer func() { _ = tx.Rollback() }()
	stmts := []string{schemaDDL,
		fmt.Sprintf("PRAGMA application_id = %d", applicationID),
		fmt.Sprintf("PRAGMA user_version = %d", schemaVersion)}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return classifyOpenError(path, fmt.Errorf("create schema: %w", err))
		}
	}
	return classifyOpenError(path, tx.Commit())
}
