package domain

import "github.com/google/uuid"

// LessonRecorded records an observation and its recommendation.
type LessonRecorded struct {
	Source         LessonSource `json:"source" doc:"joint_review, real_time_evaluation, post_emergency_questionnaire or other"`
	Observation    string       `json:"observation" doc:"what was observed"`
	Recommendation string       `json:"recommendation,omitempty" doc:"what is recommended"`
}

// LessonLinked links the lesson to a record it is about.
type LessonLinked struct {
	TargetKind Kind      `json:"target_kind" doc:"decision, compliance or actionpoint"`
	TargetID   uuid.UUID `json:"target_id" doc:"record the lesson is about"`
}

// LessonResponded records the response to the recommendation.
type LessonResponded struct {
	Response             Response  `json:"response" doc:"accepted, partly or rejected"`
	Note                 string    `json:"note" doc:"what will be done, or why not"`
	ResponderComponentID uuid.UUID `json:"responder_component_id,omitzero" doc:"component that responded"`
}

func (LessonRecorded) EventType() string { return "lesson.recorded.v1" }

func (LessonLinked) EventType() string { return "lesson.linked.v1" }

func (LessonResponded) EventType() string { return "lesson.responded.v1" }

var lessonEvents = []eventSpec{
	spec[LessonRecorded](KindLesson, "A lesson (observation and recommendation) was recorded."),
	spec[LessonLinked](KindLesson, "The lesson was linked to a decision, issue or action point."),
	spec[LessonResponded](KindLesson, "The recommendation got a response."),
}
