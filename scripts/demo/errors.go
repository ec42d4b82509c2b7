package demo

import "errors"

// ErrRecordedByAnotherClient: the demo's operation was opened by an earlier
// run. Idempotency keys are scoped to the token that sent them, and this
// client's officer token would be a new one, so the rest of the demo would be
// recorded a second time; the client stops instead, having written nothing.
var ErrRecordedByAnotherClient = errors.New("the demo is already recorded by an earlier run with another officer token; nothing more was written")
