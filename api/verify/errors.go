package verify

import "errors"

// ErrDigestMismatch is behind a Problem where the store no longer matches a
// digest (match it with errors.Is).
var ErrDigestMismatch = errors.New("the store does not match the digest")
