package domain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// commandTable names every command, so that the HTTP API and scripts can
// send {"name": ..., "body": {...}} without a Go type. Names are stable like
// event types; the JSON body uses the commands' snake_case tags. Routes, the
// OpenAPI document and clients holding a typed command all read this table:
// nothing decodes "{}" to find out what a command is.
var commandTable = []CommandSpec{
	command[OpenOperation]("operation.open"),
	command[ChangeSeverity]("operation.change_severity"),
	command[ChangePhase]("operation.change_phase"),
	command[SetConveningRule]("operation.set_convening_rule"),
	command[SetEscalationLadder]("operation.set_escalation_ladder"),
	command[AssignConvener]("operation.assign_convener"),
	command[RemoveConvener]("operation.remove_convener"),
	command[AssignLeadRole]("operation.assign_lead_role"),
	command[EndLeadRole]("operation.end_lead_role"),
	command[JoinComponent]("component.join"),
	command[SignAgreement]("component.sign_agreement"),
	command[ReportStaffing]("component.report_staffing"),
	command[WithdrawComponent]("component.withdraw"),
	command[RegisterProject]("project.register"),
	command[ChangeProjectStatus]("project.change_status"),
	command[AddContact]("contact.add"),
	command[UpdateContact]("contact.update"),
	command[RemoveContact]("contact.remove"),
	command[EstablishMechanism]("mechanism.establish"),
	command[AddMember]("mechanism.add_member"),
	command[RemoveMember]("mechanism.remove_member"),
	command[UpdateTerms]("mechanism.update_terms"),
	command[ChangeDecisionRule]("mechanism.change_decision_rule"),
	command[DissolveMechanism]("mechanism.dissolve"),
	command[ScheduleMeeting]("meeting.schedule"),
	command[HoldMeeting]("meeting.hold"),
	command[CancelMeeting]("meeting.cancel"),
	command[CirculateMinutes]("meeting.circulate_minutes"),
	command[ApproveMinutes]("meeting.approve_minutes"),
	command[CorrectMinutes]("meeting.correct_minutes"),
	command[ProposeDecision]("decision.propose"),
	command[AdoptDecision]("decision.adopt"),
	command[EndorseDecision]("decision.endorse"),
	command[AmendDecision]("decision.amend"),
	command[SupersedeDecision]("decision.supersede"),
	command[RescindDecision]("decision.rescind"),
	command[RaiseActionPoint]("actionpoint.raise"),
	command[AssignActionPoint]("actionpoint.assign"),
	command[ReassignActionPoint]("actionpoint.reassign"),
	command[ChangeDueDate]("actionpoint.change_due_date"),
	command[ReportProgress]("actionpoint.report_progress"),
	command[BlockActionPoint]("actionpoint.block"),
	command[CompleteActionPoint]("actionpoint.complete"),
	command[VerifyActionPoint]("actionpoint.verify"),
	command[CancelActionPoint]("actionpoint.cancel"),
	command[ReopenActionPoint]("actionpoint.reopen"),
	command[ReportIssue]("compliance.report"),
	command[TriageIssue]("compliance.triage"),
	command[ProposeMeasure]("compliance.propose_measure"),
	command[AgreeMeasure]("compliance.agree_measure"),
	command[CompleteMeasure]("compliance.complete_measure"),
	command[ReferIssue]("compliance.refer"),
	command[ResolveIssue]("compliance.resolve"),
	command[DismissIssue]("compliance.dismiss"),
	command[ReopenIssue]("compliance.reopen"),
	command[RaiseEscalation]("escalation.raise"),
	command[AcknowledgeEscalation]("escalation.acknowledge"),
	command[AnswerEscalation]("escalation.answer"),
	command[EscalateFurther]("escalation.escalate"),
	command[ResolveEscalation]("escalation.resolve"),
	command[RecordLesson]("lesson.record"),
	command[LinkLesson]("lesson.link"),
	command[RespondToLesson]("lesson.respond"),
	command[ErasePerson]("person.erase"),
	command[CorrectEvent]("correction.record"),
	command[SetFollowUpRules]("operation.set_followup_rules"),
	command[RecordReminder]("reminder.record"),
	command[RecordReminderDelivery]("reminder.record_delivery"),
	command[SetContactLanguage]("contact.set_language"),
	command[IssueCalendarFeed]("operation.issue_calendar_feed"),
	command[RevokeCalendarFeed]("operation.revoke_calendar_feed"),
	command[SetWebhook]("operation.set_webhook"),
	command[RemoveWebhook]("operation.remove_webhook"),
	command[RecordConflict]("conflict.record"),
	command[ResolveConflict]("conflict.resolve"),
}

// CommandSpec is one row of the command table: the name a command is sent
// under, its Go type, how its body decodes, and what the decide path needs to
// know before it runs (does it create its record; does it belong to no
// operation).
type CommandSpec struct {
	Name            string       // e.g. "actionpoint.raise": <kind>.<verb>
	Type            reflect.Type // the command's struct
	Creates         bool         // it creates its record (a new id)
	SpansOperations bool         // it belongs to no operation (a person's erasure)
	decode          func([]byte) (Command, error)
}

// Kind is the part of the name before the dot: the kind of record the
// command changes ("correction" for corrections, which name any record).
func (s CommandSpec) Kind() Kind {
	kind, _, _ := strings.Cut(s.Name, ".")
	return Kind(kind)
}

// Verb is the part of the name after the dot, such as "change_due_date".
func (s CommandSpec) Verb() string {
	_, verb, _ := strings.Cut(s.Name, ".")
	return verb
}

// command declares one row from the command's type, so that whether it
// creates its record comes from the type itself, never from a second list.
func command[T Command](name string) CommandSpec {
	var zero T
	_, creates := any(zero).(creator)
	_, free := any(zero).(operationFree)
	return CommandSpec{Name: name, Type: reflect.TypeFor[T](), Creates: creates, SpansOperations: free, decode: decoder[T]()}
}

type commandIndex struct {
	byName map[string]CommandSpec
	byType map[reflect.Type]CommandSpec
	sorted []CommandSpec
}

// commands indexes the table once; a name or type listed twice is a
// programming error caught at start-up.
var commands = sync.OnceValue(func() commandIndex {
	ix := commandIndex{byName: map[string]CommandSpec{}, byType: map[reflect.Type]CommandSpec{}}
	for _, c := range commandTable {
		if _, dup := ix.byName[c.Name]; dup {
			panic("domain: command named twice: " + c.Name)
		}
		if _, dup := ix.byType[c.Type]; dup {
			panic("domain: command type listed twice: " + c.Type.String())
		}
		ix.byName[c.Name], ix.byType[c.Type] = c, c
		ix.sorted = append(ix.sorted, c)
	}
	slices.SortFunc(ix.sorted, func(a, b CommandSpec) int { return strings.Compare(a.Name, b.Name) })
	return ix
})

// Commands lists every command's spec, sorted by name.
func Commands() []CommandSpec { return slices.Clone(commands().sorted) }

// CommandSpecOf finds a command's spec by name.
func CommandSpecOf(name string) (CommandSpec, bool) {
	c, ok := commands().byName[name]
	return c, ok
}

// decoder decodes a JSON body strictly: an unknown field is a typo the
// officer should hear about, not something to drop silently.
func decoder[T Command]() func([]byte) (Command, error) {
	return func(body []byte) (Command, error) {
		var v T
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			return nil, bodyError(err)
		}
		return v, nil
	}
}

func bodyError(err error) *Error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return ErrInvalid.at(te.Field, "%s should be a JSON %s", te.Field, te.Type)
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	return ErrInvalid.withf("the command body is not valid: %s", msg)
}

// DecodeCommand builds a command from its name and JSON body.
func DecodeCommand(name string, body []byte) (Command, error) {
	spec, ok := CommandSpecOf(name)
	if !ok {
		return nil, ErrInvalid.at("name", "%q is not a command; see CommandNames", name)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	cmd, err := spec.decode(body)
	if err != nil {
		return nil, fmt.Errorf("command %s: %w", name, err)
	}
	return cmd, nil
}

// CommandNames lists every command name, sorted.
func CommandNames() []string {
	out := make([]string, 0, len(commandTable))
	for _, c := range commands().sorted {
		out = append(out, c.Name)
	}
	return out
}
