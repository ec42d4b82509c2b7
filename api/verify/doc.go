// Package verify checks a store against the integrity rules of package
// domain/integrity: it recomputes every stream's hash chain, checks digests
// (signed Merkle roots over the stream heads), takes new digests, builds
// inclusion proofs and review bundles.
//
// It sits beside the application service (api/app) because it is a use case
// over the store port: it imports domain/integrity (pure) and the eventstore
// port, never a backend, so it checks the embedded store and KurrentDB alike.
// The CLI (ledger verify, digest, export) and the HTTP layer call it; nothing
// below it depends on it. It never writes to the store: recording a digest in
// the log goes through app.Service.RecordDigest.
//
// Usage:
//
//	rep, err := verify.Check(ctx, store, verify.Options{Key: pub, Digests: expects})
//	// err: the store could not be read; rep.Problem: the first bad event
//	file, _, err := verify.Take(ctx, store, key, time.Now())   // verify, then sign
//	_, err = svc.RecordDigest(ctx, file.Digest)                  // optional: into the log
//	prover, err := verify.NewProver(file)
//	ev, proof, err := prover.Prove(ctx, store, stream, version)  // for GET .../proof
//	bundle, err := verify.ExportBundle(ctx, store, prover, operationID)
//	err = verify.VerifyBundle(bundle, pub)                       // offline
//
// A server that follows the log keeps a Tracker (Add each event in order)
// and signs a digest at any time with Tracker.Digest, without a rescan.
//
// A check stops at the first bad event in global order and reports it as a
// *Problem (stream, version, position, what is wrong). The chains alone
// cannot see events cut from the end of the log, nor a stream rewritten with
// every later hash recomputed; a digest saved before does (Expect with
// Heads names the stream that differs).
package verify
