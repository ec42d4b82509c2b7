package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

func TestOpenRefusesWhatItCannotUse(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		prepare func(t *testing.T, dir string) string
		want    error
	}{
		{"newer schema", newerSchema, sqlite.ErrNewerSchema},
		{"corrupt file", corruptFile, sqlite.ErrNotLedger},
		{"another program's database", foreignDatabase, sqlite.ErrNotLedger},
		{"data path is a file", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, "file")
			require.NoError(t, os.WriteFile(path, []byte("x"), 0o600))
			return path
		}, sqlite.ErrDataDir},
		{"directory without permission", unwritableDir, sqlite.ErrDataDir},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := c.prepare(t, t.TempDir())
			s, err := sqlite.Open(context.Background(), dir)
			require.ErrorIs(t, err, c.want)
			require.Nil(t, s)
			t.Log(err)
			require.Contains(t, err.Error(), filepath.Base(dir), "the message names the place")
		})
	}
}

func TestOpenRefusesADirectoryInUse(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	first, err := sqlite.Open(context.Background(), dir)
	require.NoError(t, err)
	_, err = sqlite.Open(context.Background(), dir)
	require.ErrorIs(t, err, sqlite.ErrLocked)
	require.NoError(t, first.Close())
	again, err := sqlite.Open(context.Background(), dir)
	require.NoError(t, err, "the lock is released on close")
	require.NoError(t, again.Close())
}

func TestReopenKeepsEverything(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	s, err := sqlite.Open(ctx, dir)
	require.NoError(t, err)
	ev := eventstore.EventData{ID: newID(), Type: "test.created.v1", Data: []byte(`{}`)}
	res, err := s.Append(ctx, "keep-1", eventstore.NoStream(), ev)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	_, err = s.Append(ctx, "keep-1", eventstore.Any(), ev)
	require.ErrorIs(t, err, eventstore.ErrClosed)

	s, err = sqlite.Open(ctx, dir)
	require.NoError(t, err)
	defer s.Close()
	again, err := s.Append(ctx, "keep-1", eventstore.NoStream(), ev)
	require.NoError(t, err, "a retry after reopening is still recognised")
	require.Equal(t, res, again)
	next, err := s.Append(ctx, "keep-2", eventstore.NoStream(), eventstore.EventData{ID: newID(), Type: "test.created.v1"})
	require.NoError(t, err)
	require.Equal(t, uint64(2), next.Position, "positions continue after reopening")
}

func newerSchema(t *testing.T, dir string) string {
	s, err := sqlite.Open(context.Background(), dir)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	withRawDB(t, filepath.Join(dir, sqlite.FileName), "PRAGMA user_version = 99")
	return dir
}

func corruptFile(t *testing.T, dir string) string {
	junk := make([]byte, 8192)
	for i := range junk {
		junk[i] = byte(i * 7)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, sqlite.FileName), junk, 0o600))
	return dir
}

func foreignDatabase(t *testing.T, dir string) string {
	withRawDB(t, filepath.Join(dir, sqlite.FileName), "CREATE TABLE recipes (name TEXT)")
	return dir
}

// unwritableDir makes a directory nobody may create files in. Root ignores
// permission bits, so as root the directory is made immutable instead.
func unwritableDir(t *testing.T, dir string) string {
	data := filepath.Join(dir, "data")
	require.NoError(t, os.Mkdir(data, 0o700))
	if os.Geteuid() != 0 {
		require.NoError(t, os.Chmod(data, 0o500))
		return data
	}
	if err := exec.Command("chattr", "+i", data).Run(); err != nil {
		t.Skipf("running as root and chattr +i is not available: %v", err)
	}
	t.Cleanup(func() { _ = exec.Command("chattr", "-i", data).Run() })
	return data
}

func withRawDB(t *testing.T, path, stmt string) {
	db, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec(stmt)
	require.NoError(t, err)
}
