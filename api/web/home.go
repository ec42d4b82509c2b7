package web

import (
	"cmp"
	"net/http"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/views"
)

// homeData is what needs attention today in one operation.
type homeData struct {
	Overdue     []ownerGroup    // overdue action points by owner
	Escalations []bodyGroup     // escalations waiting, by body, longest first
	Issues      []severityGroup // open compliance issues, most severe first
	Unapproved  []views.Meeting // held, minutes not approved
	Next        []views.Meeting // scheduled from today on
	Names       map[uuid.UUID]string
	Mechanisms  map[uuid.UUID]string
	FollowUp    followUpSummary // reminders due and sent (followup_page.go)
}

type ownerGroup struct {
	Owner   uuid.UUID
	Actions []views.ActionPoint // the most overdue first, at most perGroup
	More    int                 // how many more the tracker lists
}

// perGroup bounds each list of the home page, so that it stays light on a
// poor connection however much is late; the rest is one link away.
const perGroup = 5

type bodyGroup struct {
	Body        string
	Escalations []views.Escalation // longest waiting first, at most perGroup
	More        int
}

type severityGroup struct {
	Severity domain.Severity
	Issues   []views.Issue // at most perGroup
	Count    int
}

// nextMeetings is how many upcoming meetings the home page lists.
const nextMeetings = 5

// operationHome is the operation's home page: what needs attention today.
func (w *Web) operationHome(c echo.Context) error {
	seen := w.position() // before the views are read: the live stream reports anything after
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	p := w.page(c, "home.title")
	p.inOperation(o, c.Request().URL.Path)
	p.follow(o.ID, c, seen)
	p.Data = attention(pr, set, o.ID, p.Now)
	return w.render(c, http.StatusOK, "home", p)
}

func attention(pr auth.Principal, set *readmodel.Set, op uuid.UUID, now time.Time) homeData {
	d := homeData{Names: componentNames(pr, set, op), Mechanisms: mechanismNames(pr, set, op)}
	overdue := keep(pr, set.Actions.List(op, views.ActionFilter{OverdueAt: now}), seeAction)
	slices.SortStableFunc(overdue, func(a, b views.ActionPoint) int { return a.DueAt.Compare(b.DueAt) })
	d.Overdue = groupBy(overdue, func(a views.ActionPoint) uuid.UUID { return a.Owner.ComponentID },
		func(k uuid.UUID, xs []views.ActionPoint) ownerGroup {
			return ownerGroup{Owner: k, Actions: shown(pr, xs[:min(len(xs), perGroup)], seeAction), More: max(len(xs)-perGroup, 0)}
		})
	slices.SortFunc(d.Overdue, func(a, b ownerGroup) int { return cmp.Compare(d.Names[a.Owner], d.Names[b.Owner]) })
	for body, xs := range set.Escalations.PendingByBody(op) {
		if xs = keep(pr, xs, seeEscalation); len(xs) > 0 {
			d.Escalations = append(d.Escalations, bodyGroup{body, shown(pr, xs[:min(len(xs), perGroup)], seeEscalation), max(len(xs)-perGroup, 0)})
		}
	}
	slices.SortFunc(d.Escalations, func(a, b bodyGroup) int { return a.Escalations[0].AtRungSince.Compare(b.Escalations[0].AtRungSince) })
	for sev, xs := range set.Compliance.OpenBySeverity(op) {
		if xs = keep(pr, xs, seeIssue); len(xs) > 0 {
			d.Issues = append(d.Issues, severityGroup{sev, shown(pr, xs[:min(len(xs), perGroup)], seeIssue), len(xs)})
		}
	}
	slices.SortFunc(d.Issues, func(a, b severityGroup) int { return views.SeverityRank(b.Severity) - views.SeverityRank(a.Severity) })
	meetings := allMeetings(pr, set, op)
	d.Unapproved, d.Next = meetingsToFollow(pr, meetings, now)
	d.FollowUp = followUpAttention(pr, set, op, now, meetings)
	return d
}

// meetingsToFollow: held meetings whose minutes are not approved, and the
// next scheduled ones.
func meetingsToFollow(pr auth.Principal, meetings []views.Meeting, now time.Time) (unapproved, next []views.Meeting) {
	for _, m := range meetings {
		switch {
		case m.State == domain.MtgHeld || m.State == domain.MtgMinutesCirculated:
			unapproved = append(unapproved, m)
		case m.State == domain.MtgScheduled && !m.ScheduledFor.Before(now.Truncate(24*time.Hour)):
			next = append(next, m)
		}
	}
	slices.SortFunc(unapproved, func(a, b views.Meeting) int { return a.HeldAt.Compare(b.HeldAt) })
	slices.SortFunc(next, func(a, b views.Meeting) int { return a.ScheduledFor.Compare(b.ScheduledFor) })
	return shown(pr, unapproved, seeMeeting), shown(pr, next[:min(len(next), nextMeetings)], seeMeeting)
}

func allMeetings(pr auth.Principal, set *readmodel.Set, op uuid.UUID) []views.Meeting {
	var out []views.Meeting
	for _, m := range keepShown(pr, set.Mechanisms.List(op), seeMechanism) {
		out = append(out, keep(pr, set.Mechanisms.Meetings(op, m.ID), seeMeeting)...)
	}
	return out
}

// groupBy groups rows by a key, keeping the rows' order within a group.
func groupBy[T any, K comparable, G any](rows []T, key func(T) K, mk func(K, []T) G) []G {
	var order []K
	by := map[K][]T{}
	for _, r := range rows {
		k := key(r)
		if _, ok := by[k]; !ok {
			order = append(order, k)
		}
		by[k] = append(by[k], r)
	}
	out := make([]G, 0, len(order))
	for _, k := range order {
		out = append(out, mk(k, by[k]))
	}
	return out
}

// componentNames names the components the principal may see, for tables
// keyed by names rather than ids.
func componentNames(pr auth.Principal, set *readmodel.Set, op uuid.UUID) map[uuid.UUID]string {
	m := map[uuid.UUID]string{}
	for _, c := range keepShown(pr, set.Components.Map(op), seeComponent) {
		m[c.ID] = cmp.Or(c.Acronym, c.Name)
	}
	return m
}

func mechanismNames(pr auth.Principal, set *readmodel.Set, op uuid.UUID) map[uuid.UUID]string {
	m := map[uuid.UUID]string{}
	for _, x := range keepShown(pr, set.Mechanisms.List(op), seeMechanism) {
		m[x.ID] = x.Name
	}
	return m
}
