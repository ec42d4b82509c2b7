package atomicfile_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore/atomicfile"
)

func TestAFailedWriteKeepsTheOldFileAndLeavesNoTemporary(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state")
	require.NoError(t, atomicfile.WriteBytes(path, 0o600, []byte("old")))

	boom := errors.New("disk said no")
	err := atomicfile.Write(path, 0o600, func(f *os.File) error {
		_, _ = f.WriteString("half of the n")
		return boom
	})

	require.ErrorIs(t, err, boom)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, "old", string(got))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "only the file itself is left")
}

func TestTheFileGetsTheModeAsked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secret")
	require.NoError(t, atomicfile.WriteBytes(path, 0o600, []byte("x")))
	st, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), st.Mode().Perm())
}

// Two processes (a server and `ledger token create`) may replace one file at
// once: each reader sees one writer's whole content, never a mix.
func TestConcurrentWritersNeverMixTheirContent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tokens.json")
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := []byte(fmt.Sprintf("%d", w))
			for range 20 {
				require.NoError(t, atomicfile.WriteBytes(path, 0o600, append(body, make([]byte, 4096)...)))
			}
		}()
	}
	wg.Wait()
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Len(t, got, 4097, "one writer's content, whole")
}
