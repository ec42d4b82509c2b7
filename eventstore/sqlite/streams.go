package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// streamIndex maps stream names to their numeric ids and back, for every
// committed stream. It is loaded once at open and grown by the writer after
// each commit, so reads never join the streams table. It also holds the
// committed version of each stream the writer has written or a reader has
// asked for (StreamVersion), so neither reads it from the table twice.
type streamIndex struct {
	mu       sync.RWMutex
	ids      map[string]int64
	names    map[int64]string
	versions map[int64]uint64
}

func loadStreams(ctx context.Context, db *sql.DB) (*streamIndex, error) {
	idx := &streamIndex{ids: map[string]int64{}, names: map[int64]string{}, versions: map[int64]uint64{}}
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM streams")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		idx.ids[name], idx.names[id] = id, name
	}
	return idx, rows.Err()
}

func (x *streamIndex) id(name string) (int64, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	id, ok := x.ids[name]
	return id, ok
}

func (x *streamIndex) name(id int64) string {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.names[id]
}

// name is published before the commit that creates the stream, so a reader
// never meets a committed event whose stream it cannot name. Until add, the
// stream itself stays invisible to ReadStream; if the commit fails the id is
// unused, and its next owner overwrites the name.
func (x *streamIndex) nameID(id int64, name string) {
	x.mu.Lock()
	x.names[id] = name
	x.mu.Unlock()
}

// add makes a committed stream readable by name.
func (x *streamIndex) add(name string, id int64) {
	x.mu.Lock()
	x.ids[name], x.names[id] = id, name
	x.mu.Unlock()
}

// version is a stream's committed version, if the index knows it.
func (x *streamIndex) version(id int64) (uint64, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	v, ok := x.versions[id]
	return v, ok
}

// noteVersions records what a commit brought each of its streams to.
func (x *streamIndex) noteVersions(versions map[int64]uint64) {
	x.mu.Lock()
	for id, v := range versions {
		if v > x.versions[id] {
			x.versions[id] = v
		}
	}
	x.mu.Unlock()
}

// noteVersion records that stream id has reached version v. Committed
// versions only grow, so the larger of two reports is the newer: a reader
// that read the table before a commit cannot undo the writer's report of it.
func (x *streamIndex) noteVersion(id int64, v uint64) {
	x.mu.Lock()
	if v > x.versions[id] {
		x.versions[id] = v
	}
	x.mu.Unlock()
}
