package domain

import "github.com/google/uuid"

// Lessons are learned after the fact, so every lesson command is allowed in a
// closed operation.

// RecordLesson records an observation and recommendation.
type RecordLesson struct {
	Header
	ID             uuid.UUID    `json:"id"`
	Source         LessonSource `json:"source"`
	Observation    string       `json:"observation" required:"true"`
	Recommendation string       `json:"recommendation"`
}

func (c RecordLesson) Target() Ref      { return Ref{KindLesson, c.ID} }
func (RecordLesson) creates()           {}
func (RecordLesson) allowedWhenClosed() {}

func (c RecordLesson) decide(s *Scope) ([]Payload, error) {
	err := checkEnum("source", c.Source)
	if err != nil {
		return nil, err
	}
	return one(LessonRecorded{Source: c.Source, Observation: c.Observation, Recommendation: c.Recommendation})
}

// LinkLesson links the lesson to a decision, compliance issue or action point.
type LinkLesson struct {
	Header
	ID         uuid.UUID `json:"id"`
	TargetKind Kind      `json:"target_kind"`
	TargetID   uuid.UUID `json:"target_id"`
}

func (c LinkLesson) Target() Ref      { return Ref{KindLesson, c.ID} }
func (LinkLesson) allowedWhenClosed() {}

func (c LinkLesson) decide(s *Scope) ([]Payload, error) {
	l := self[*Lesson](s)
	if err := oneOf("target_kind", c.TargetKind, KindDecision, KindCompliance, KindActionPoint); err != nil {
		return nil, err
	}
	if l.LinkedTo(Ref{c.TargetKind, c.TargetID}) {
		return nil, ErrWrongState.at("target_id", "the lesson is already linked to %s %s", c.TargetKind, c.TargetID)
	}
	target, err := load[Aggregate](s, c.TargetKind, c.TargetID, "target_id")
	if err != nil {
		return nil, err
	}
	s.about(target)
	return one(LessonLinked{TargetKind: c.TargetKind, TargetID: c.TargetID})
}

// RespondToLesson records the response to the recommendation, once.
type RespondToLesson struct {
	Header
	ID                   uuid.UUID `json:"id"`
	Response             Response  `json:"response"`
	Note                 string    `json:"note" required:"true"`
	ResponderComponentID uuid.UUID `json:"responder_component_id"`
}

func (c RespondToLesson) Target() Ref      { return Ref{KindLesson, c.ID} }
func (RespondToLesson) allowedWhenClosed() {}

func (c RespondToLesson) decide(s *Scope) ([]Payload, error) {
	l := self[*Lesson](s)
	switch {
	case !l.HasRecommendation:
		return nil, ErrWrongState.withf("the lesson has no recommendation to respond to")
	case l.Response != "":
		return nil, ErrAlreadyResponded.withf("the recommendation was already %s; record a correction to change the response", l.Response)
	}
	err := checkEnum("response", c.Response)
	if err != nil {
		return nil, err
	}
	if c.ResponderComponentID != uuid.Nil {
		if _, err := load[*Component](s, KindComponent, c.ResponderComponentID, "responder_component_id"); err != nil {
			return nil, err
		}
	}
	return one(LessonResponded{Response: c.Response, Note: c.Note, ResponderComponentID: c.ResponderComponentID})
}
