package server

// KillOnStop makes every server stopped from now on stop as if killed: it
// keeps its leases, which the others may take only once their TTL is over.
// The returned func restores the orderly stop.
func KillOnStop() (restore func()) {
	releaseOnStop.Store(false)
	return func() { releaseOnStop.Store(true) }
}
