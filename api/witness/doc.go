// Package witness is an independent party that cosigns the ledger's
// checkpoints, following the C2SP tlog-witness protocol
// (https://c2sp.org/tlog-witness) so that other witness software can do the
// same job: it keeps the latest checkpoint it cosigned for each log it
// knows, and cosigns a new one only when a consistency proof shows that it
// extends that one. A fork (same size, other root), a rollback (a smaller
// size) or a bad proof is refused, so a ledger operator who rewrites history
// cannot get it cosigned again. Cosignatures are C2SP tlog-cosignature
// (cosignature/v1, Ed25519, timestamped), made with
// github.com/transparency-dev/formats/note.
//
// The server side (api/server) pushes each new checkpoint to the witnesses
// it is configured with (Push), and keeps the cosigned note beside the log.
package witness
