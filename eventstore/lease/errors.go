package lease

import "errors"

// ErrInvalidConfig: a lease needs a store, a name, a holder and a TTL.
var ErrInvalidConfig = errors.New("lease: store, name, holder and a positive TTL are required")
