package witness

import (
	"errors"
	"fmt"
)

// Refusals of AddCheckpoint, each answered with the status the protocol
// names (see Handler).
var (
	ErrUnknownLog   = errors.New("the witness does not know this log's origin")
	ErrBadSignature = errors.New("the checkpoint is not signed by the log's key")
	ErrBadRequest   = errors.New("malformed add-checkpoint request")
	ErrFork         = errors.New("a checkpoint of the same size with another root was cosigned before (a fork)")
	ErrBadProof     = errors.New("the consistency proof does not show that the checkpoint extends the one cosigned before")
)

// ConflictError: the request's old size is not the size of the latest
// checkpoint the witness cosigned for the log; retry from Size.
type ConflictError struct{ Size uint64 }

func (e *ConflictError) Error() string {
	return fmt.Sprintf("the witness last cosigned this log at size %d", e.Size)
}
