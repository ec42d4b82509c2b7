package domain

import "time"

// The action-point lifecycle and the overdue rule, written once. The
// aggregate's fold and every register call these; views hold plain values
// (a state, a percentage, dates), not aggregates, so the rules take those.

// APStep is the state machine: the state and percentage an action point has
// after event p, given the ones it had before. Events that do not move the
// lifecycle (assignment, due-date change, corrections) leave both as they are.
func APStep(s APState, percent int, p Payload) (APState, int) {
	switch e := p.(type) {
	case ActionPointRaised:
		return APOpen, 0
	case ActionPointProgressReported:
		return APInProgress, e.Percent
	case ActionPointBlocked:
		return APBlocked, percent
	case ActionPointCompleted:
		return APCompleted, 100
	case ActionPointVerified:
		return APVerified, 100
	case ActionPointCancelled:
		return APCancelled, percent
	case ActionPointReopened:
		return APOpen, percent
	}
	return s, percent
}

// OverdueAt reports whether work due at due was overdue at time at: it had a
// due date before at and was not closed by then. closed is when it was
// completed or cancelled (zero while it is still open). Overdue is never
// stored: it depends on when you ask.
func OverdueAt(due, closed, at time.Time) bool {
	if due.IsZero() || !due.Before(at) {
		return false
	}
	return closed.IsZero() || closed.After(at)
}

// DaysOverdue is how many whole days past its due date the work was at time
// at, 0 when it was not overdue then: "overdue 12 days" in a register.
func DaysOverdue(due, closed, at time.Time) int {
	if !OverdueAt(due, closed, at) {
		return 0
	}
	return int(at.Sub(due) / (24 * time.Hour))
}
