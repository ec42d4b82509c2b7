package followup

import (
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// Each function below is one follow-up rule of the issue, read from the
// registers; the day counts come from the operation's rules, 0 switching
// a rule off.

// actionItems: the owner is reminded N days before the due date (once), and
// every M days once overdue, the conveners with them.
func actionItems(src Sources, op uuid.UUID, r domain.FollowUpRules, now time.Time, conveners []uuid.UUID) []item {
	var out []item
	for _, a := range src.Actions.List(op, views.ActionFilter{}) {
		if a.State.Final() || a.DueAt.IsZero() {
			continue
		}
		base := item{rec: domain.Ref{Kind: domain.KindActionPoint, ID: a.ID}, title: a.Title, class: a.Classification,
			since: a.DueAt, days: wholeDays(a.DueAt, now)}
		switch {
		case domain.OverdueAt(a.DueAt, a.ClosedAt, now) && r.OverdueEveryDays > 0:
			base.rule, base.occurrence = domain.RuleOverdue, base.days/r.OverdueEveryDays+1
			base.mark = (base.occurrence - 1) * r.OverdueEveryDays
			base.components = append([]uuid.UUID{a.Owner.ComponentID}, conveners...)
		case r.RemindBeforeDays > 0 && !now.Before(a.DueAt.Add(-time.Duration(r.RemindBeforeDays)*Day)) && now.Before(a.DueAt):
			base.rule, base.occurrence, base.mark = domain.RuleDueSoon, 1, -r.RemindBeforeDays
			base.components = []uuid.UUID{a.Owner.ComponentID}
		default:
			continue
		}
		out = append(out, base)
	}
	return out
}

// escalationItems: an escalation waiting at its rung D days without an
// acknowledgement, or E days without an answer, is flagged to the
// conveners, once per rung it reaches.
func escalationItems(src Sources, op uuid.UUID, r domain.FollowUpRules, now time.Time, conveners []uuid.UUID) []item {
	var out []item
	for _, x := range src.Escalations.List(op, true) {
		base := item{rec: domain.Ref{Kind: domain.KindEscalation, ID: x.ID}, title: x.Reason, class: x.Classification,
			since: x.AtRungSince, days: wholeDays(x.AtRungSince, now), occurrence: x.Hops + 1, components: conveners}
		if x.State == domain.EscRaised && r.AcknowledgeDays > 0 && base.days >= r.AcknowledgeDays {
			base.rule, base.mark = domain.RuleEscalationUnacknowledged, r.AcknowledgeDays
			out = append(out, base)
		}
		if (x.State == domain.EscRaised || x.State == domain.EscAcknowledged) && r.AnswerDays > 0 && base.days >= r.AnswerDays {
			base.rule, base.mark = domain.RuleEscalationUnanswered, r.AnswerDays
			out = append(out, base)
		}
	}
	return out
}

// meetingItems: minutes not circulated K days after the meeting was held
// are flagged to the conveners, once.
func meetingItems(src Sources, op uuid.UUID, r domain.FollowUpRules, now time.Time, conveners []uuid.UUID) []item {
	if r.MinutesDays == 0 {
		return nil
	}
	var out []item
	for _, m := range src.Mechanisms.List(op) {
		for _, mt := range src.Mechanisms.Meetings(op, m.ID) {
			if mt.State != domain.MtgHeld || mt.HeldAt.IsZero() {
				continue
			}
			if days := wholeDays(mt.HeldAt, now); days >= r.MinutesDays {
				out = append(out, item{rec: domain.Ref{Kind: domain.KindMeeting, ID: mt.ID}, title: mt.Title,
					class: mt.Classification, rule: domain.RuleMinutesNotCirculated, occurrence: 1,
					since: mt.HeldAt, days: days, mark: r.MinutesDays, components: conveners})
			}
		}
	}
	return out
}

// decisionItems: an adopted decision with no action point, or none that
// moved, for P days is flagged to the conveners, again every P days it
// stays idle.
func decisionItems(src Sources, op uuid.UUID, r domain.FollowUpRules, now time.Time, conveners []uuid.UUID) []item {
	if r.DecisionIdleDays == 0 {
		return nil
	}
	var out []item
	for _, d := range src.Decisions.List(op, views.DecisionFilter{}) {
		if (d.State != domain.DecAdopted && d.State != domain.DecEndorsed) || d.AdoptedAt.IsZero() || carriedOut(d) {
			continue
		}
		last := d.AdoptedAt
		for _, a := range d.ActionPoints {
			if a.LastProgressAt.After(last) {
				last = a.LastProgressAt
			}
		}
		if days := wholeDays(last, now); days >= r.DecisionIdleDays {
			occ := wholeDays(d.AdoptedAt, now) / r.DecisionIdleDays
			out = append(out, item{rec: domain.Ref{Kind: domain.KindDecision, ID: d.ID}, title: d.Title,
				class: d.Classification, rule: domain.RuleDecisionIdle, occurrence: occ,
				since: last, days: days, mark: occ * r.DecisionIdleDays, components: conveners})
		}
	}
	return out
}

// carriedOut: every action point of the decision is closed.
func carriedOut(d views.Decision) bool {
	if len(d.ActionPoints) == 0 {
		return false
	}
	for _, a := range d.ActionPoints {
		if !a.State.Final() {
			return false
		}
	}
	return true
}
