// Package httpbench measures the ledger through its HTTP API, as `ledger
// bench http` runs it: a server on a temporary embedded store, one
// operation holding many action points, and concurrent in-process clients.
// Every figure comes with a reference measured in the same run on the same
// machine (the server's /healthz under the same load for reads, the raw
// group-commit rate of the same store for writes), because absolute times
// on a shared machine say little.
package httpbench
