package views

import "github.com/movementcoord/ledger/domain"

// actionState is the state machine of an action point as the views see it,
// shared by the action tracker and the decision register; it mirrors the
// aggregate's own fold (domain.ActionPoint).
func actionState(s domain.APState, percent int, p domain.Payload) (domain.APState, int) {
	switch p := p.(type) {
	case domain.ActionPointProgressReported:
		return domain.APInProgress, p.Percent
	case domain.ActionPointBlocked:
		return domain.APBlocked, percent
	case domain.ActionPointCompleted:
		return domain.APCompleted, 100
	case domain.ActionPointVerified:
		return domain.APVerified, 100
	case domain.ActionPointCancelled:
		return domain.APCancelled, percent
	case domain.ActionPointReopened:
		return domain.APOpen, percent
	}
	return s, percent
}

// actionClosed reports the final and cancelled states: nothing is overdue there.
func actionClosed(s domain.APState) bool {
	return s == domain.APCompleted || s == domain.APVerified || s == domain.APCancelled
}
