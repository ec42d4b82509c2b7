// Package projections runs the ledger's read models. A projection folds the
// global log, one event at a time in position order, into state held in
// memory and answers queries from it.
//
// The Runner follows the store from a checkpoint (the position each view has
// reached), lets callers wait until a position is reached so a client reads
// its own write, stops a failing view with a visible error instead of
// skipping events, and rebuilds a view from zero into a fresh instance that it
// swaps in while queries keep being answered by the old one.
//
// With UseSnapshots the Runner starts from the newest view snapshot (a
// Snapshotter's state, written every so many events and at shutdown, checked
// against hashes, the views' versions and the store's last event, discarded
// and replayed instead when any check fails) and replays only the log after
// it; as-of queries by recorded time start from the nearest earlier one.
//
// Events are decoded once (Decode) and the decoded Event is shared by every
// view; Replay decodes batches in parallel workers and applies them in order,
// which keeps a full rebuild close to the speed of a raw scan of the log.
package projections
