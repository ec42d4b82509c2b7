package domain

import "reflect"

// ChangedField names what a change sets on a record, for the one rule of
// which changes collide. A change made offline on an older version of a
// record collides when someone else has since set the same field: both
// changed a due date, a status, or minutes. Additions (a new action point,
// a progress report, an attendee) set no field and never collide: they are
// applied on whatever version is current.
type ChangedField string

const (
	FieldDueDate ChangedField = "due_date"
	FieldStatus  ChangedField = "status"
	FieldMinutes ChangedField = "minutes"
)

// commandFields: the commands that set a field. A command not listed is an
// addition. Holding a meeting is not listed: its attendees are personal data,
// which a conflict never copies into the log (and a meeting is held once).
var commandFields = map[reflect.Type]ChangedField{
	reflect.TypeFor[ChangeDueDate]():       FieldDueDate,
	reflect.TypeFor[BlockActionPoint]():    FieldStatus,
	reflect.TypeFor[CompleteActionPoint](): FieldStatus,
	reflect.TypeFor[VerifyActionPoint]():   FieldStatus,
	reflect.TypeFor[CancelActionPoint]():   FieldStatus,
	reflect.TypeFor[ReopenActionPoint]():   FieldStatus,
	reflect.TypeFor[CancelMeeting]():       FieldStatus,
	reflect.TypeFor[RescindDecision]():     FieldStatus,
	reflect.TypeFor[SupersedeDecision]():   FieldStatus,
	reflect.TypeFor[ResolveIssue]():        FieldStatus,
	reflect.TypeFor[DismissIssue]():        FieldStatus,
	reflect.TypeFor[ReopenIssue]():         FieldStatus,
	reflect.TypeFor[CirculateMinutes]():    FieldMinutes,
	reflect.TypeFor[ApproveMinutes]():      FieldMinutes,
	reflect.TypeFor[CorrectMinutes]():      FieldMinutes,
}

// eventFields: the events that record a field being set.
var eventFields = map[reflect.Type]ChangedField{
	reflect.TypeFor[ActionPointDueDateChanged](): FieldDueDate,
	reflect.TypeFor[ActionPointBlocked]():        FieldStatus,
	reflect.TypeFor[ActionPointCompleted]():      FieldStatus,
	reflect.TypeFor[ActionPointVerified]():       FieldStatus,
	reflect.TypeFor[ActionPointCancelled]():      FieldStatus,
	reflect.TypeFor[ActionPointReopened]():       FieldStatus,
	reflect.TypeFor[MeetingHeld]():               FieldStatus,
	reflect.TypeFor[MeetingCancelled]():          FieldStatus,
	reflect.TypeFor[DecisionAdopted]():           FieldStatus,
	reflect.TypeFor[DecisionSuperseded]():        FieldStatus,
	reflect.TypeFor[DecisionRescinded]():         FieldStatus,
	reflect.TypeFor[ComplianceResolved]():        FieldStatus,
	reflect.TypeFor[ComplianceDismissed]():       FieldStatus,
	reflect.TypeFor[ComplianceReopened]():        FieldStatus,
	reflect.TypeFor[MeetingMinutesCirculated]():  FieldMinutes,
	reflect.TypeFor[MeetingMinutesApproved]():    FieldMinutes,
	reflect.TypeFor[MeetingMinutesCorrected]():   FieldMinutes,
}

// FieldOf is the field a command sets, or "" for an addition.
func FieldOf(cmd Command) ChangedField { return commandFields[reflect.TypeOf(cmd)] }

// Collision is a change decided on an older version meeting someone else's
// newer change of the same field: Theirs is that change, the record's value.
type Collision struct {
	Field  ChangedField
	Theirs Event
}

// CollisionSince finds the latest event recorded after version seen, by
// someone other than the command's actor, that sets the field the command
// sets. An officer's own earlier changes (sent before from the same outbox)
// never collide with their later ones.
func CollisionSince(cmd Command, self Aggregate, seen uint64) (Collision, bool) {
	return collision(FieldOf(cmd), self, seen, cmd.CommandHeader().Actor.ID)
}

func collision(field ChangedField, self Aggregate, seen uint64, actor string) (Collision, bool) {
	if field == "" {
		return Collision{}, false
	}
	history := self.base().history
	for i := len(history) - 1; i >= 0 && uint64(i) >= seen; i-- {
		ev := history[i]
		if eventFields[reflect.TypeOf(ev.Payload)] == field && ev.Envelope.Actor.ID != actor {
			return Collision{Field: field, Theirs: ev}, true
		}
	}
	return Collision{}, false
}
