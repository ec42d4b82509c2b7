package domain

import "github.com/google/uuid"

// working returns the action point if work on it has not stopped.
func working(s *Scope, verb string) (*ActionPoint, error) {
	a := self[*ActionPoint](s)
	if a.State.Final() {
		return nil, ErrWrongState.withf("action point %s is %s; reopen it before %s", a.Ref(), a.State, verb)
	}
	return a, nil
}

// ReportProgress records progress (and unblocks a blocked action point).
type ReportProgress struct {
	Header
	ID      uuid.UUID `json:"id"`
	Percent int       `json:"percent"`
	Note    string    `json:"note" required:"true"`
}

func (c ReportProgress) Target() Ref { return Ref{KindActionPoint, c.ID} }

func (c ReportProgress) decide(s *Scope) ([]Payload, error) {
	if _, err := working(s, "reporting progress"); err != nil {
		return nil, err
	}
	if c.Percent < 0 || c.Percent > 100 {
		return nil, ErrInvalid.at("percent", "progress is a percentage from 0 to 100, not %d", c.Percent)
	}
	return one(ActionPointProgressReported{Percent: c.Percent, Note: c.Note})
}

// BlockActionPoint records what stops the work.
type BlockActionPoint struct {
	Header
	ID     uuid.UUID `json:"id"`
	Reason string    `json:"reason" required:"reason"`
}

func (c BlockActionPoint) Target() Ref { return Ref{KindActionPoint, c.ID} }

func (c BlockActionPoint) decide(s *Scope) ([]Payload, error) {
	a, err := working(s, "blocking it")
	if err != nil {
		return nil, err
	}
	if a.State == APBlocked {
		return nil, ErrWrongState.withf("action point %s is already blocked", a.Ref())
	}
	return one(ActionPointBlocked{Reason: c.Reason})
}

// CompleteActionPoint records the owner's report of completion.
type CompleteActionPoint struct {
	Header
	ID   uuid.UUID `json:"id"`
	Note string    `json:"note"`
}

func (c CompleteActionPoint) Target() Ref { return Ref{KindActionPoint, c.ID} }

func (c CompleteActionPoint) decide(s *Scope) ([]Payload, error) {
	a, err := working(s, "completing it again")
	if err != nil {
		return nil, err
	}
	if !a.HasOwner() {
		return nil, ErrWrongState.withf("action point %s has no owner; assign it before completing it", a.Ref())
	}
	return one(ActionPointCompleted{Note: c.Note})
}

// VerifyActionPoint records that completion was checked.
type VerifyActionPoint struct {
	Header
	ID   uuid.UUID `json:"id"`
	Note string    `json:"note"`
}

func (c VerifyActionPoint) Target() Ref { return Ref{KindActionPoint, c.ID} }

func (c VerifyActionPoint) decide(s *Scope) ([]Payload, error) {
	a := self[*ActionPoint](s)
	if a.State != APCompleted {
		return nil, ErrWrongState.withf("action point %s is %s; only a completed action point can be verified", a.Ref(), a.State)
	}
	return one(ActionPointVerified{Note: c.Note})
}

// CancelActionPoint cancels from any non-final state; a reason is required.
type CancelActionPoint struct {
	Header
	ID     uuid.UUID `json:"id"`
	Reason string    `json:"reason" required:"reason"`
}

func (c CancelActionPoint) Target() Ref { return Ref{KindActionPoint, c.ID} }

func (c CancelActionPoint) decide(s *Scope) ([]Payload, error) {
	if _, err := working(s, "cancelling it"); err != nil {
		return nil, err
	}
	return one(ActionPointCancelled{Reason: c.Reason})
}

// ReopenActionPoint puts a completed, verified or cancelled action point back to open.
type ReopenActionPoint struct {
	Header
	ID     uuid.UUID `json:"id"`
	Reason string    `json:"reason" required:"reason"`
}

func (c ReopenActionPoint) Target() Ref { return Ref{KindActionPoint, c.ID} }

func (c ReopenActionPoint) decide(s *Scope) ([]Payload, error) {
	a := self[*ActionPoint](s)
	if !a.State.Final() {
		return nil, ErrWrongState.withf("action point %s is %s, not closed; there is nothing to reopen", a.Ref(), a.State)
	}
	return one(ActionPointReopened{Reason: c.Reason})
}
