package auth

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// FileName is the token file inside the data directory.
const FileName = "tokens.json"

// Store keeps tokens in one JSON file (OpenStore) or in a stream of the
// shared event store (OpenShared). It is safe for concurrent use in one
// process; between processes (a running server and `ledger token create`,
// or several servers) every write is atomic and every read notices a
// change.
type Store struct {
	b     backing
	now   func() time.Time
	mu    sync.Mutex
	list  []Token
	index map[string]int // hash -> position in list
}

// backing is where the tokens live. The caller holds Store.mu.
type backing interface {
	// load returns the newest list, and whether it differs from the last
	// one returned; urgent asks for a fresh look now (an unknown secret may
	// be a token just created on another server).
	load(urgent bool) (list []Token, changed bool, err error)
	// save stores next, which change made from the list load returned;
	// a shared backing applies change again to a newer list if another
	// writer came first.
	save(next []Token, change func([]Token) ([]Token, error)) error
}

// OpenStore opens (or prepares) the token file of a data directory.
func OpenStore(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("token store: %w", err)
	}
	return open(&fileBacking{path: filepath.Join(dir, FileName)})
}

func open(b backing) (*Store, error) {
	s := &Store{b: b, now: time.Now, index: map[string]int{}}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.refresh(true); err != nil {
		return nil, err
	}
	return s, nil
}

// Authenticate returns the principal of an active token.
func (s *Store) Authenticate(secret string) (Principal, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.refresh(false); err != nil {
		return Principal{}, err
	}
	hash := hashSecret(secret)
	i, ok := s.index[hash]
	if !ok {
		if err := s.refresh(true); err != nil {
			return Principal{}, err
		}
		i, ok = s.index[hash]
	}
	if !ok || !s.list[i].Active() {
		return Principal{}, ErrUnauthenticated
	}
	return s.list[i].Principal(), nil
}

// Create stores a new token and returns it with its secret, which is never
// stored and cannot be shown again.
func (s *Store) Create(spec Spec) (Token, string, error) {
	if err := spec.validate(); err != nil {
		return Token{}, "", err
	}
	secret, hash := newSecret()
	t := Token{ID: newTokenID(), Name: spec.Name, Role: spec.Role, Operations: spec.Operations,
		Component: spec.Component, Hash: hash, CreatedAt: s.now().UTC()}
	err := s.update(func(list []Token) ([]Token, error) { return append(list, t), nil })
	return t, secret, err
}

// List returns every token, revoked ones included, oldest first.
func (s *Store) List() ([]Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.refresh(true); err != nil {
		return nil, err
	}
	return append([]Token(nil), s.list...), nil
}

// Get returns the token with id, revoked or not, as fresh as Authenticate
// sees tokens (a session's principal is looked up on every request).
func (s *Store) Get(id string) (Token, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.refresh(false); err != nil {
		return Token{}, false, err
	}
	for _, t := range s.list {
		if t.ID == id {
			return t, true, nil
		}
	}
	return Token{}, false, nil
}

// Revoke marks a token revoked; it stays listed so the audit can name it.
func (s *Store) Revoke(id string) (Token, error) {
	var out Token
	err := s.update(func(list []Token) ([]Token, error) {
		for i := range list {
			if list[i].ID == id {
				if list[i].Active() {
					list[i].RevokedAt = s.now().UTC()
				}
				out = list[i]
				return list, nil
			}
		}
		return nil, fmt.Errorf("%q: %w", id, ErrTokenNotFound)
	})
	return out, err
}

// Empty reports whether no token was ever created.
func (s *Store) Empty() (bool, error) {
	list, err := s.List()
	return len(list) == 0, err
}

// update reads the newest list, changes it and stores it.
func (s *Store) update(change func([]Token) ([]Token, error)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.refresh(true); err != nil {
		return err
	}
	list, err := change(append([]Token(nil), s.list...))
	if err != nil {
		return err
	}
	if err := s.b.save(list, change); err != nil {
		return err
	}
	return s.refresh(true)
}

// refresh takes the backing's newest list. The caller holds s.mu.
func (s *Store) refresh(urgent bool) error {
	list, changed, err := s.b.load(urgent)
	if err != nil || !changed {
		return err
	}
	s.list, s.index = list, indexByHash(list)
	return nil
}
