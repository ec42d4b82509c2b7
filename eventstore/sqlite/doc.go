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
package sqlite
