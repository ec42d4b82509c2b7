// Package verify checks a log against the integrity rules of package
// domain/integrity: it recomputes every event hash and stream chain and the
// RFC 6962 Merkle tree over all events in global order, checks the tree
// against signed checkpoints, builds inclusion and consistency proofs and
// review bundles, and records a recovery (`ledger recover`).
//
// It sits beside the application service (eventstore/recorder) because it is a use case
// over the store port: it imports domain/integrity (pure) and the eventstore
// port, never a backend, so it checks the embedded store and KurrentDB alike.
// A store that keeps a checkpoint per commit (the embedded one) offers it
// through History; on other stores the checkpoints are events of the log
// (StreamHistory).
//
// Usage:
//
//	rep, err := verify.Check(ctx, store, verify.Options{Verifier: v, Checkpoints: kept})
//	// err: the log could not be read; rep.Problem: the first bad event
//	prover, rep, err := verify.Latest(ctx, store, v)       // full check, then proofs
//	pr, err := prover.Prove(ctx, store, stream, version)   // for GET .../proof
//	proof, err := prover.Consistency(oldSize)              // for GET .../consistency
//	bundle, err := verify.ExportBundle(ctx, store, prover, operationID)
//	err = verify.VerifyBundle(bundle, v, witnessVerifiers...) // offline
//
// A server that follows the log keeps a Tracker (Add each event in order),
// matches it against the store's checkpoints (Tracker.Match) and proves
// events from its tree without reading the log again.
//
// A check stops at the first bad event in global order and reports it as a
// *Problem (stream, version, position, what is wrong): a broken chain names
// the event itself; a tree that no longer gives a signed root is located to
// the first commit whose checkpoint differs; a log shorter than a checkpoint
// names the first missing position; events past the newest checkpoint of a
// store that signs every commit were appended behind the ledger's back.
package verify
