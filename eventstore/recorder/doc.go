// Package recorder is the application service: the one write path of the ledger.
// The HTTP API, the web pages and the `ledger demo` command call it; nothing else
// appends. It sits under eventstore because it is how records are loaded from
// and recorded to the store port, as a repository does in event-sourcing
// libraries; it imports the domain and the port, never a backend.
//
// Usage:
//
//	svc := recorder.New(store, recorder.WithKeys(keys))     // store is any eventstore.Store
//	res, err := svc.Execute(ctx, domain.ReportProgress{
//		Header: domain.Header{Actor: actor, IdempotencyKey: key},
//		ID:     ap, Percent: 40, Note: "kits delivered",
//	}, recorder.WriteOptions{
//		Principal:       actor.ID,       // scopes the key; empty: the actor's id
//		ExpectedVersion: &seen,          // If-Match; nil: decide on the current version
//		Authorise: func(op uuid.UUID) error { // the record's operation; nil: no check
//			if !principal.MayExecute("actionpoint.report_progress", op) {
//				return errForbidden
//			}
//			return nil
//		},
//	})
//	// res.Ref is the record (its id chosen when a creating command left it
//	// zero), res.Version and res.Position say where the append landed, and
//	// res.Duplicate is true when this request had been recorded before and
//	// nothing was written.
//
// Every front end (the HTTP API, the web pages, the demo) calls Execute; a
// caller without Go types decodes a command with domain.DecodeCommand (or
// calls ExecuteNamed). Load returns a record's folded state for callers that
// must read before they decide what to send; writes never need it. Result
// encodes to JSON as {ref, stream, version, position, duplicate}.
//
// Execute is the whole write path. It reads the record's stream once and, in
// this order, so that nothing leaks to whoever may not know it:
//
//  1. a command that does not create its record and finds none: not found
//     (a *domain.Error of kind not_found);
//  2. Authorise, with the stored record's operation (or the one a new
//     record's command names): its error is returned as it is;
//  3. idempotency: the same scoped key with the same fingerprint is the first
//     answer again (Duplicate); with another fingerprint a *KeyReusedError
//     naming the first request's record;
//  4. the expected version: another one is a *PreconditionError (Expected,
//     Actual);
//  5. the domain decides (loading any other record a rule needs through the
//     same store, each at most once), and the events are appended with the
//     expected stream version, Exact(version) of the read.
//
// A version conflict at the append reads and checks again, at most
// MaxAttempts times. With an expected version the second round ends in the
// first answer (the conflict was this request's twin) or a 412: the caller's
// version is never decided over. Because the append carries the version,
// this holds across several servers on one store (KurrentDB); the service
// holds no lock.
//
// Errors: a broken rule comes back as the *domain.Error itself (match it with
// errors.As and map its Kind to a status); *PreconditionError and
// *KeyReusedError match ErrVersionMismatch and ErrKeyReused; ErrRetriesExhausted
// wraps the last eventstore.ErrWrongExpectedVersion; anything else is a
// wrapped store or decode error.
//
// Idempotency (idempotency.go). A key is unique per principal and target, as
// in payment APIs and the IETF Idempotency-Key draft: the target is the
// record the command names or, for a creating command without an id, the
// operation and kind of record it creates. Each event's envelope carries the
// key's keyed hash in that scope, HMAC-SHA256(secret, "key", principal,
// target, key), never the key, and the request's fingerprint,
// HMAC-SHA256(secret, "request", command name, canonical JSON of the command
// without the fields the server sets: actor, idempotency_key,
// correlation_id). A creating command without an id gets one derived from
// the scoped hash, so a retry lands on the same stream and finds its first
// answer there, while the same key in another operation, for another kind of
// record or from another principal makes another record. The secret is the
// key store's entry for a reserved id (no person's), so every server sharing
// the key store (the key service) agrees; a ledger without a key store
// erases nobody and uses a fixed secret. Identical requests in flight in one
// process queue behind the first and get its answer as a duplicate; across
// processes the expected version lets one append win, and the other, whose
// event ids are the same, is recognised by the store as a retried append.
// Event ids derive from stream, scoped key and index, so even an append
// whose reply was lost and that is retried blindly is a no-op in the store.
//
// Integrity. Every event is sealed into its stream's hash chain before the
// append (seal.go, format in package domain/integrity): the service knows
// the version each event will take, since it appends with an exact expected
// version, so the chain is computed identically for every store; a version
// conflict reloads the head and seals again. RecordDigest appends a signed
// digest to the "ledger-digests" stream, sealed the same way.
//
// Facts from other records (is the owner component still in the operation,
// is the mechanism standing) are read without a version check: a rule that
// spans records is checked against the state at decision time, not locked.
package recorder
