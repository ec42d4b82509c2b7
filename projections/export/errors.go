package export

import "errors"

// ErrUnknownView: the view named is not one of Views.
var ErrUnknownView = errors.New("unknown view")

// ErrUnknownOperation: no operation with that id is in the views.
var ErrUnknownOperation = errors.New("operation is not in this ledger")
