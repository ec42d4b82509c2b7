package domain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// commandDecoders names every command, so that the HTTP API and scripts can
// send {"name": ..., "body": {...}} without a Go type. Names are stable like
// event types; the JSON body uses the commands' snake_case tags.
var commandDecoders = map[string]func([]byte) (Command, error){
	"operation.open":                  decoder[OpenOperation](),
	"operation.change_severity":       decoder[ChangeSeverity](),
	"operation.change_phase":          decoder[ChangePhase](),
	"operation.set_convening_rule":    decoder[SetConveningRule](),
	"operation.set_escalation_ladder": decoder[SetEscalationLadder](),
	"operation.assign_convener":       decoder[AssignConvener](),
	"operation.remove_convener":       decoder[RemoveConvener](),
	"operation.assign_lead_role":      decoder[AssignLeadRole](),
	"operation.end_lead_role":         decoder[EndLeadRole](),
	"component.join":                  decoder[JoinComponent](),
	"component.sign_agreement":        decoder[SignAgreement](),
	"component.report_staffing":       decoder[ReportStaffing](),
	"component.withdraw":              decoder[WithdrawComponent](),
	"project.register":                decoder[RegisterProject](),
	"project.change_status":           decoder[ChangeProjectStatus](),
	"contact.add":                     decoder[AddContact](),
	"contact.update":                  decoder[UpdateContact](),
	"contact.remove":                  decoder[RemoveContact](),
	"mechanism.establish":             decoder[EstablishMechanism](),
	"mechanism.add_member":            decoder[AddMember](),
	"mechanism.remove_member":         decoder[RemoveMember](),
	"mechanism.update_terms":          decoder[UpdateTerms](),
	"mechanism.change_decision_rule":  decoder[ChangeDecisionRule](),
	"mechanism.dissolve":              decoder[DissolveMechanism](),
	"meeting.schedule":                decoder[ScheduleMeeting](),
	"meeting.hold":                    decoder[HoldMeeting](),
	"meeting.cancel":                  decoder[CancelMeeting](),
	"meeting.circulate_minutes":       decoder[CirculateMinutes](),
	"meeting.approve_minutes":         decoder[ApproveMinutes](),
	"meeting.correct_minutes":         decoder[CorrectMinutes](),
	"decision.propose":                decoder[ProposeDecision](),
	"decision.adopt":                  decoder[AdoptDecision](),
	"decision.endorse":                decoder[EndorseDecision](),
	"decision.amend":                  decoder[AmendDecision](),
	"decision.supersede":              decoder[SupersedeDecision](),
	"decision.rescind":                decoder[RescindDecision](),
	"actionpoint.raise":               decoder[RaiseActionPoint](),
	"actionpoint.assign":              decoder[AssignActionPoint](),
	"actionpoint.reassign":            decoder[ReassignActionPoint](),
	"actionpoint.change_due_date":     decoder[ChangeDueDate](),
	"actionpoint.report_progress":     decoder[ReportProgress](),
	"actionpoint.block":               decoder[BlockActionPoint](),
	"actionpoint.complete":            decoder[CompleteActionPoint](),
	"actionpoint.verify":              decoder[VerifyActionPoint](),
	"actionpoint.cancel":              decoder[CancelActionPoint](),
	"actionpoint.reopen":              decoder[ReopenActionPoint](),
	"compliance.report":               decoder[ReportIssue](),
	"compliance.triage":               decoder[TriageIssue](),
	"compliance.propose_measure":      decoder[ProposeMeasure](),
	"compliance.agree_measure":        decoder[AgreeMeasure](),
	"compliance.complete_measure":     decoder[CompleteMeasure](),
	"compliance.refer":                decoder[ReferIssue](),
	"compliance.resolve":              decoder[ResolveIssue](),
	"compliance.dismiss":              decoder[DismissIssue](),
	"compliance.reopen":               decoder[ReopenIssue](),
	"escalation.raise":                decoder[RaiseEscalation](),
	"escalation.acknowledge":          decoder[AcknowledgeEscalation](),
	"escalation.answer":               decoder[AnswerEscalation](),
	"escalation.escalate":             decoder[EscalateFurther](),
	"escalation.resolve":              decoder[ResolveEscalation](),
	"lesson.record":                   decoder[RecordLesson](),
	"lesson.link":                     decoder[LinkLesson](),
	"lesson.respond":                  decoder[RespondToLesson](),
	"person.erase":                    decoder[ErasePerson](),
	"correction.record":               decoder[CorrectEvent](),
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
	dec, ok := commandDecoders[name]
	if !ok {
		return nil, ErrInvalid.at("name", "%q is not a command; see CommandNames", name)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	cmd, err := dec(body)
	if err != nil {
		return nil, fmt.Errorf("command %s: %w", name, err)
	}
	return cmd, nil
}

// CommandNames lists every command name, sorted.
func CommandNames() []string {
	out := make([]string, 0, len(commandDecoders))
	for n := range commandDecoders {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
