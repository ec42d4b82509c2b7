package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDemoLeavesNoContactAddressInPlaintext: every demo contact uses an
// address at example.org; after the demo, no file of the data directory
// holds one in plaintext.
func TestDemoLeavesNoContactAddressInPlaintext(t *testing.T) {
	dir := t.TempDir()
	out, err := run(t, "demo", "--data", dir)
	require.NoError(t, err)
	require.Contains(t, out, "123 written")

	files := 0
	require.NoError(t, filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		require.False(t, bytes.Contains(data, []byte("@example.org")), "plaintext address in %s", path)
		files++
		return nil
	}))
	require.GreaterOrEqual(t, files, 2, "the log and the key store were written")
}
