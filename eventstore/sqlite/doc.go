// Package sqlite is the embedded, durable backend of the event store: one
// SQLite file in a data directory, in WAL mode with synchronous=FULL, through
// the pure-Go modernc.org/sqlite driver (no cgo).
//
// One writer goroutine owns the only write connection. It gathers the appends
// that are waiting into one transaction (group commit), checks each against
// its own expected version, and commits once: one WAL sync acknowledges the
// whole group. An append returns only after that commit. Readers use their own
// pooled connections and see every committed event; subscriptions are woken
// by the writer after each commit rather than by polling.
//
// Opened with a signer (OpenWith), the writer also keeps the frontier of the
// Merkle tree over every event (domain/integrity) and, inside each group's
// transaction, signs a checkpoint of it (table checkpoints), so an event
// written by anything else is covered by no signature. The newest one is
// copied to ledger.checkpoint beside the file. Before the writer starts,
// openSignedLog refuses a log it did not sign as it is: shorter than its
// checkpoints (rollback), longer (unsigned appends), signed by another key,
// or with a damaged WAL; Options.Recover is the way out for `ledger recover`.
package sqlite
