package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/movementcoord/ledger/eventstore/atomicfile"
)

// fileStamp tells whether the token file changed since it was read.
type fileStamp struct {
	mod  time.Time
	size int64
	seen bool
}

type fileBody struct {
	Tokens []Token `json:"tokens"`
}

// fileBacking keeps the tokens in <data>/tokens.json.
type fileBacking struct {
	path  string
	stamp fileStamp
}

// load rereads the file when its modification time or size changed.
func (f *fileBacking) load(bool) ([]Token, bool, error) {
	info, err := os.Stat(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		changed := f.stamp != fileStamp{seen: true}
		f.stamp = fileStamp{seen: true}
		return nil, changed, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("token store: %w", err)
	}
	stamp := fileStamp{mod: info.ModTime(), size: info.Size(), seen: true}
	if stamp == f.stamp {
		return nil, false, nil
	}
	list, err := readFile(f.path)
	if err != nil {
		return nil, false, err
	}
	f.stamp = stamp
	return list, true, nil
}

// save replaces the file and forgets its stamp, so that the next load reads
// what was written even within the file system's time resolution.
func (f *fileBacking) save(next []Token, _ func([]Token) ([]Token, error)) error {
	if err := writeFile(f.path, next); err != nil {
		return err
	}
	f.stamp = fileStamp{}
	return nil
}

func indexByHash(list []Token) map[string]int {
	idx := make(map[string]int, len(list))
	for i, t := range list {
		idx[t.Hash] = i
	}
	return idx
}

func readFile(path string) ([]Token, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("token store: %w", err)
	}
	var body fileBody
	if err := json.Unmarshal(raw, &body); err != nil {
		return nil, fmt.Errorf("token store %s is damaged: %w", path, err)
	}
	return body.Tokens, nil
}

// writeFile replaces the file atomically so a reader in another process sees
// the old list or the new one, never half of one.
func writeFile(path string, list []Token) error {
	raw, err := json.MarshalIndent(fileBody{Tokens: list}, "", "  ")
	if err != nil {
		return fmt.Errorf("token store: %w", err)
	}
	return WriteSecretFile(path, append(raw, '\n'))
}

// WriteSecretFile writes data to path with mode 0600, atomically and
// durably (eventstore/atomicfile).
func WriteSecretFile(path string, data []byte) error {
	return atomicfile.WriteBytes(path, 0o600, data)
}
