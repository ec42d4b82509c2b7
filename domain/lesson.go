package domain

import (
	"slices"
)

// LessonSource is where a lesson came from.
type LessonSource string

const (
	SourceJointReview   LessonSource = "joint_review"
	SourceRTE           LessonSource = "real_time_evaluation"
	SourceQuestionnaire LessonSource = "post_emergency_questionnaire"
	SourceOther         LessonSource = "other"
)

// Response to a recommendation.
type Response string

const (
	ResponseAccepted Response = "accepted"
	ResponsePartly   Response = "partly"
	ResponseRejected Response = "rejected"
)

// Lesson is an observation and recommendation from a review.
type Lesson struct {
	Base
	HasRecommendation bool      `json:"has_recommendation"`
	Links             List[Ref] `json:"links"`
	Response          Response  `json:"response"`
}

func (l *Lesson) apply(p Payload) {
	switch e := p.(type) {
	case LessonRecorded:
		l.HasRecommendation = e.Recommendation != ""
	case LessonLinked:
		l.Links = append(l.Links, Ref{e.TargetKind, e.TargetID})
	case LessonResponded:
		l.Response = e.Response
	}
}

// LinkedTo reports whether the lesson is already linked to a record.
func (l *Lesson) LinkedTo(r Ref) bool { return slices.Contains(l.Links, r) }
