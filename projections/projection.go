package projections

// Projection is one read model. Name is stable across versions of the code:
// it is the view's checkpoint key and how operators refer to it.
//
// Apply folds one event. It is called once per event, in position order, and
// never concurrently with itself. A returned error is a bug or an event the
// view cannot understand: the runner stops the view there and shows the error
// rather than skip the event.
//
// Queries run concurrently with Apply; the runner holds the write lock (Lock)
// around applies on a live instance, and query methods take the read lock.
// A fresh instance being rebuilt is not shared yet, so it is applied to
// without locking.
type Projection interface {
	Name() string
	Apply(e *Event) error
	Lock()
	Unlock()
}

// Factory makes a fresh, empty instance of a view: the start of a rebuild.
type Factory func() Projection
