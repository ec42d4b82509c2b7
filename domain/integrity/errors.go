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
	// ErrBadSignature means a digest's signature does not verify.
	ErrBadSignature = errors.New("digest signature is invalid")
	// ErrWrongKey means a digest was signed by another key than the one trusted.
	ErrWrongKey = errors.New("digest is signed by an untrusted key")
	// ErrBadProof means a proof does not lead from the event to the digest root.
	ErrBadProof = errors.New("inclusion proof does not verify")
	// ErrNotObject means metadata to seal is not a non-empty JSON object.
	ErrNotObject = errors.New("metadata to seal must be a non-empty JSON object")
)
