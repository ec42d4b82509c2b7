package views

import (
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

// LessonsName is the checkpoint key of the lessons view.
const LessonsName = "lessons"

// Lesson is an observation with its recommendation and the response to it.
type Lesson struct {
	Meta
	Source               domain.LessonSource `json:"source"`
	Observation          string              `json:"observation"`
	Recommendation       string              `json:"recommendation,omitempty"`
	Links                []domain.Ref        `json:"links,omitempty"`
	Response             domain.Response     `json:"response,omitempty"`
	ResponseNote         string              `json:"response_note,omitempty"`
	ResponderComponentID uuid.UUID           `json:"responder_component_id,omitzero"`
	RespondedAt          time.Time           `json:"responded_at,omitzero"`
}

// AwaitsResponse reports a recommendation nobody has answered yet.
func (l *Lesson) AwaitsResponse() bool { return l.Recommendation != "" && l.Response == "" }

// Lessons holds each operation's lessons and recommendations.
type Lessons struct {
	sync.RWMutex
	rows perOp[Lesson]
	byID map[uuid.UUID]*Lesson
}

// NewLessons returns an empty view.
func NewLessons() *Lessons { return &Lessons{rows: perOp[Lesson]{}, byID: map[uuid.UUID]*Lesson{}} }

func (*Lessons) Name() string { return LessonsName }

// Apply implements projections.Projection.
func (v *Lessons) Apply(e *projections.Event) error {
	if e.Ref.Kind != domain.KindLesson {
		return nil
	}
	if p, ok := e.Payload.(domain.LessonRecorded); ok {
		l := &Lesson{Meta: newMeta(e), Source: p.Source, Observation: p.Observation, Recommendation: p.Recommendation}
		v.rows.put(l.OperationID, l.ID, l)
		v.byID[l.ID] = l
		return nil
	}
	l := v.byID[e.Ref.ID]
	if l == nil {
		return nil
	}
	l.touch(e)
	switch p := e.Payload.(type) {
	case domain.LessonLinked:
		l.Links = append(slices.Clone(l.Links), domain.Ref{Kind: p.TargetKind, ID: p.TargetID})
	case domain.LessonResponded:
		l.Response, l.ResponseNote, l.ResponderComponentID, l.RespondedAt = p.Response, p.Note, p.ResponderComponentID, e.Env.OccurredAt
	case domain.CorrectionRecorded:
		correct(l, p, lessonFeeds)
	}
	return nil
}

// List returns an operation's lessons, oldest first; awaitingOnly keeps the
// recommendations with no response.
func (v *Lessons) List(op uuid.UUID, awaitingOnly bool) []Lesson {
	v.RLock()
	defer v.RUnlock()
	var out []Lesson
	for _, l := range v.rows[op] {
		if !awaitingOnly || l.AwaitsResponse() {
			out = append(out, *l)
		}
	}
	sortByCreation(out, func(l *Lesson) *Meta { return &l.Meta })
	return out
}

// lessonFeeds are the columns corrected fields feed.
var lessonFeeds = []feed[Lesson]{
	column(domain.LessonRecorded{}, "observation", func(l *Lesson) *string { return &l.Observation }),
	column(domain.LessonRecorded{}, "recommendation", func(l *Lesson) *string { return &l.Recommendation }),
	column(domain.LessonRecorded{}, "source", func(l *Lesson) *domain.LessonSource { return &l.Source }),
	column(domain.LessonResponded{}, "response", func(l *Lesson) *domain.Response { return &l.Response }),
	column(domain.LessonResponded{}, "note", func(l *Lesson) *string { return &l.ResponseNote }),
	column(domain.LessonResponded{}, "responder_component_id", func(l *Lesson) *uuid.UUID { return &l.ResponderComponentID }),
	occurred(domain.LessonResponded{}, func(l *Lesson) *time.Time { return &l.RespondedAt }),
}
