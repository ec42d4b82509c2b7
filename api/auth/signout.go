package auth

import (
	"fmt"
	"time"
)

// SignOut records that the holder of token id signed out at at: the web
// refuses every session of the token begun before then, on every server
// that shares the registry and after a restart (sessions are cookies the
// servers keep nothing of). One token is one person's, so this signs them
// out on all their devices. A later time never moves back.
func (s *Store) SignOut(id string, at time.Time) (Token, error) {
	var out Token
	err := s.update(func(list []Token) ([]Token, error) {
		for i := range list {
			if list[i].ID == id {
				if at.After(list[i].SignedOutAt) {
					list[i].SignedOutAt = at.UTC()
				}
				out = list[i]
				return list, nil
			}
		}
		return nil, fmt.Errorf("%q: %w", id, ErrTokenNotFound)
	})
	return out, err
}
