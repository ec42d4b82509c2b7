// Package server assembles and runs the ledger's HTTP server: it opens the
// event store (embedded SQLite in the data directory, or KurrentDB from a
// connection string), the token file, creates the first-run admin token,
// serves the API and shuts down gracefully. `ledger serve` is a thin layer of
// flags over Run; the end-to-end tests call Run directly.
package server
