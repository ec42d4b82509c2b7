package web

import (
	"cmp"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/followup"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/views"
)

// The follow-up page (issue 18): what is due for reminding now, what was
// reminded and how often, whether mail gets through, the figures, the
// operation's rules and its calendar feeds. "My follow-up" is the page
// narrowed to the component the signed-in token acts for.

func (w *Web) followUpRoutes(read, write *echo.Group) {
	read.GET("/follow-up", w.followUpPage)
	write.POST("/follow-up/rules", w.setFollowUpRules)
	write.POST("/follow-up/feeds", w.issueFeed)
	write.POST("/follow-up/feeds/:feed/revoke", w.revokeFeed)
}

var seeReminder = httpapi.VisibleReminder

// followUpView is the page's data.
type followUpView struct {
	Mine       bool // narrowed to the token's component
	Component  uuid.UUID
	Due        []dueRow
	Sent       []sentRow
	Figures    followup.Figures
	PerComp    []compRow
	Rules      domain.FollowUpRules
	RuleFields []ruleField
	Mail       *mailState
	Feeds      []followup.Feed
	FeedURL    string // a feed just issued: shown once
	Names      map[uuid.UUID]string
	Key        string
}

type dueRow struct {
	Record     domain.Ref
	Title      string
	Rule       domain.ReminderRule
	Days       int
	Recipients int
}

type sentRow struct {
	Record   domain.Ref
	Title    string
	Times    int
	Last     time.Time
	Rules    []domain.ReminderRule
	Closed   bool
	Overdue  int // days overdue now, for an action point
	Channels []domain.Channel
}

type compRow struct {
	Name      string
	Reminders int
}

type ruleField struct {
	Name, LabelID string
	Days          int
}

type mailState struct {
	Since   time.Time
	Error   string
	Pending int
}

func (w *Web) followUpPage(c echo.Context) error {
	return w.showFollowUp(c, "", nil)
}

// showFollowUp renders the page, with a feed URL just issued or errors of
// a form.
func (w *Web) showFollowUp(c echo.Context, feedURL string, errs []string) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	p := w.page(c, "followup.title")
	p.inOperation(o, c.Request().URL.Path)
	p.Errors = errs
	v := followUpData(pr, set, o.ID, p.Now, c.QueryParam("all") == "")
	v.FeedURL, v.Key = feedURL, newFormKey()
	v.Mail = mailFailing(o.ID)
	p.Data = v
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
	}
	return w.render(c, status, "followup", p)
}

func followUpData(pr auth.Principal, set *readmodel.Set, op uuid.UUID, now time.Time, mine bool) followUpView {
	v := followUpView{Names: componentNames(pr, set, op), Rules: set.FollowUp.Rules(op), Feeds: set.FollowUp.Feeds(op)}
	if mine && pr.Component != uuid.Nil {
		v.Mine, v.Component = true, pr.Component
	}
	v.RuleFields = ruleFields(v.Rules)
	actions := keepShown(pr, set.Actions.List(op, views.ActionFilter{}), seeAction)
	titles := recordTitles(pr, set, op, actions, allMeetings(pr, set, op))
	v.Due = dueRows(set, op, now, titles, v)
	sent := keepShown(pr, set.FollowUp.SentIn(op), seeReminder)
	if v.Mine {
		sent = slices.DeleteFunc(sent, func(s followup.Sent) bool { return s.ComponentID != v.Component })
	}
	v.Sent = sentRows(sent, titles, set, now)
	v.Figures = followup.ComputeFigures(sent, actions)
	for _, pc := range v.Figures.PerComponent {
		v.PerComp = append(v.PerComp, compRow{Name: cmp.Or(v.Names[pc.ComponentID], pc.ComponentID.String()[:8]), Reminders: pc.Reminders})
	}
	return v
}

// recordTitles are the titles of the records the principal may read, by
// record: a reminder about anything else is not listed. The caller has the
// visible action points and meetings already (each page lists them once).
func recordTitles(pr auth.Principal, set *readmodel.Set, op uuid.UUID, actions []views.ActionPoint, meetings []views.Meeting) map[domain.Ref]string {
	out := map[domain.Ref]string{}
	for _, a := range actions {
		out[domain.Ref{Kind: domain.KindActionPoint, ID: a.ID}] = a.Title
	}
	for _, d := range keepShown(pr, set.Decisions.List(op, views.DecisionFilter{}), seeDecision) {
		out[domain.Ref{Kind: domain.KindDecision, ID: d.ID}] = d.Title
	}
	for _, x := range keepShown(pr, set.Escalations.List(op, false), seeEscalation) {
		out[domain.Ref{Kind: domain.KindEscalation, ID: x.ID}] = x.Reason
	}
	for _, m := range meetings {
		out[domain.Ref{Kind: domain.KindMeeting, ID: m.ID}] = m.Title
	}
	return out
}

// dueRows: reminders due now and not yet sent, one row per record and rule.
func dueRows(set *readmodel.Set, op uuid.UUID, now time.Time, titles map[domain.Ref]string, v followUpView) []dueRow {
	src := followup.Sources{Operations: set.Operations, Components: set.Components, Contacts: set.Contacts,
		Mechanisms: set.Mechanisms, Decisions: set.Decisions, Actions: set.Actions, Escalations: set.Escalations, FollowUp: set.FollowUp}
	var out []dueRow
	for _, r := range followup.DueIn(src, op, now) {
		title, visible := titles[r.Record]
		if !visible || (v.Mine && r.To.ComponentID != v.Component) {
			continue
		}
		i := slices.IndexFunc(out, func(d dueRow) bool { return d.Record == r.Record && d.Rule == r.Rule })
		if i < 0 {
			out = append(out, dueRow{Record: r.Record, Title: title, Rule: r.Rule, Days: abs(r.Days)})
			i = len(out) - 1
		}
		out[i].Recipients++
	}
	slices.SortFunc(out, func(a, b dueRow) int { return cmp.Or(b.Days-a.Days, strings.Compare(a.Title, b.Title)) })
	return out
}

func sentRows(sent []followup.Sent, titles map[domain.Ref]string, set *readmodel.Set, now time.Time) []sentRow {
	var out []sentRow
	for _, s := range sent {
		title, visible := titles[s.About]
		if !visible {
			continue
		}
		i := slices.IndexFunc(out, func(r sentRow) bool { return r.Record == s.About })
		if i < 0 {
			row := sentRow{Record: s.About, Title: title}
			if a, ok := set.Actions.Get(s.About.ID); ok {
				row.Closed, row.Overdue = a.State.Final(), domain.DaysOverdue(a.DueAt, a.ClosedAt, now)
			}
			out = append(out, row)
			i = len(out) - 1
		}
		r := &out[i]
		r.Times++
		r.Last = later(r.Last, s.At)
		if !slices.Contains(r.Rules, s.Rule) {
			r.Rules = append(r.Rules, s.Rule)
		}
		if !slices.Contains(r.Channels, s.Channel) {
			r.Channels = append(r.Channels, s.Channel)
		}
	}
	slices.SortFunc(out, func(a, b sentRow) int { return b.Last.Compare(a.Last) })
	return out
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func abs(n int) int { return max(n, -n) }

func ruleFields(r domain.FollowUpRules) []ruleField {
	return []ruleField{
		{"remind_before_days", "followup.rule.remind_before_days", r.RemindBeforeDays},
		{"overdue_every_days", "followup.rule.overdue_every_days", r.OverdueEveryDays},
		{"acknowledge_days", "followup.rule.acknowledge_days", r.AcknowledgeDays},
		{"answer_days", "followup.rule.answer_days", r.AnswerDays},
		{"minutes_days", "followup.rule.minutes_days", r.MinutesDays},
		{"decision_idle_days", "followup.rule.decision_idle_days", r.DecisionIdleDays},
	}
}

// setFollowUpRules changes the operation's rules (officers).
func (w *Web) setFollowUpRules(c echo.Context) error {
	o, _, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	day := func(name string) int { n, _ := strconv.Atoi(strings.TrimSpace(c.FormValue(name))); return n }
	cmd := domain.SetFollowUpRules{Header: header(pr, o.ID, formKey(c)), ID: o.ID,
		RemindBeforeDays: day("remind_before_days"), OverdueEveryDays: day("overdue_every_days"),
		AcknowledgeDays: day("acknowledge_days"), AnswerDays: day("answer_days"), MinutesDays: day("minutes_days"),
		DecisionIdleDays: day("decision_idle_days"), Reason: c.FormValue("reason")}
	return w.afterFollowUpWrite(c, cmd, "")
}

// issueFeed draws a feed token, records only its SHA-256, and shows the URL
// once.
func (w *Web) issueFeed(c echo.Context) error {
	o, _, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return err
	}
	token := hex.EncodeToString(raw)
	sum := sha256.Sum256([]byte(token))
	cmd := domain.IssueCalendarFeed{Header: header(pr, o.ID, formKey(c)), ID: o.ID, FeedID: uuid.New(),
		TokenSHA256: hex.EncodeToString(sum[:]), ComponentID: formUUID(c, "component_id"),
		Label: strings.TrimSpace(c.FormValue("label"))}
	url := c.Scheme() + "://" + c.Request().Host + "/calendar/" + token + ".ics"
	return w.afterFollowUpWrite(c, cmd, url)
}

func (w *Web) revokeFeed(c echo.Context) error {
	o, _, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	cmd := domain.RevokeCalendarFeed{Header: header(pr, o.ID, formKey(c)), ID: o.ID, FeedID: formUUIDParam(c, "feed"),
		Reason: c.FormValue("reason")}
	return w.afterFollowUpWrite(c, cmd, "")
}

func formUUIDParam(c echo.Context, name string) uuid.UUID {
	id, _ := uuid.Parse(c.Param(name))
	return id
}

// afterFollowUpWrite writes and shows the page again: with the refusal
// beside the forms, or with the feed URL just issued.
func (w *Web) afterFollowUpWrite(c echo.Context, cmd domain.Command, feedURL string) error {
	pr, _ := principal(c)
	if _, err := w.write(c.Request().Context(), pr, cmd); err != nil {
		if !isRefusal(err) {
			return err
		}
		p := w.page(c, "followup.title")
		return w.showFollowUp(c, "", []string{p.problem(err)})
	}
	if feedURL != "" {
		return w.showFollowUp(c, feedURL, nil)
	}
	return c.Redirect(http.StatusSeeOther, c.Request().URL.Path[:strings.Index(c.Request().URL.Path, "/follow-up")]+"/follow-up")
}

// followUpSummary is the "needs attention" card of the follow-up loop.
type followUpSummary struct {
	Due      int // reminders due now (records and rules) on what the reader may see
	SentWeek int // reminders sent in the last seven days
	Worst    []dueRow
	Mail     *mailState // mail not getting through for this operation
}

// followUpAttention counts what the home page shows of the follow-up.
func followUpAttention(pr auth.Principal, set *readmodel.Set, op uuid.UUID, now time.Time, meetings []views.Meeting) followUpSummary {
	if set.FollowUp == nil {
		return followUpSummary{}
	}
	titles := recordTitles(pr, set, op, keepShown(pr, set.Actions.List(op, views.ActionFilter{}), seeAction), meetings)
	due := dueRows(set, op, now, titles, followUpView{})
	s := followUpSummary{Due: len(due), Worst: due[:min(len(due), perGroup)], Mail: mailFailing(op)}
	for _, r := range keepShown(pr, set.FollowUp.SentIn(op), seeReminder) {
		if now.Sub(r.At) <= 7*followup.Day {
			s.SentWeek++
		}
	}
	return s
}

// mailFailing is the operation's mail trouble, if the relay has refused its
// digests so far.
func mailFailing(op uuid.UUID) *mailState {
	st, ok := httpapi.FollowUpStats()
	if !ok {
		return nil
	}
	since, failing := st.FailingOps[op]
	if !failing {
		return nil
	}
	return &mailState{Since: since, Error: st.LastError, Pending: st.Pending}
}
