package integrity

import "errors"

// Errors of verification. Each is wrapped with the detail of what differed.
var (
	// ErrUnsealed means the metadata carries no well-formed seal.
	ErrUnsealed = errors.New("metadata carries no integrity seal")
	// ErrHashMismatch means the event's bytes no longer give its stored hash:
	// its type, payload, metadata, id, stream or version changed.
	ErrHashMismatch = errors.New("event hash does not match its content")
	// ErrBrokenLink means prev_hash is not the hash of the stream's previous event.
	ErrBrokenLink = errors.New("prev_hash does not match the previous event")
	// ErrBadSignature means a checkpoint's signature does not verify with the
	// trusted key (it was altered, or signed by another key).
	ErrBadSignature = errors.New("checkpoint signature is invalid")
	// ErrWrongKey means a key is malformed or not the one trusted.
	ErrWrongKey = errors.New("checkpoint is signed by an untrusted key")
	// ErrBadProof means a proof does not lead from the event to the root.
	ErrBadProof = errors.New("inclusion proof does not verify")
	// ErrInconsistent means a checkpoint does not extend an earlier one: the
	// log was rewritten, truncated or forked between them.
	ErrInconsistent = errors.New("checkpoints are not consistent")
	// ErrRootMismatch means the events no longer give a checkpoint's root.
	ErrRootMismatch = errors.New("the events do not give the checkpoint's root")
	// ErrNotObject means metadata to seal is not a non-empty JSON object.
	ErrNotObject = errors.New("metadata to seal must be a non-empty JSON object")
)
