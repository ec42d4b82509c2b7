package views

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// IssueFilter narrows the register; zero fields match everything.
type IssueFilter struct {
	OpenOnly         bool
	Severity         domain.Severity
	Category         domain.Category
	SubjectComponent uuid.UUID
}

func (f *IssueFilter) match(i *Issue) bool {
	switch {
	case f.OpenOnly && !i.Open(),
		f.Severity != "" && i.Severity != f.Severity,
		f.Category != "" && i.Category != f.Category,
		f.SubjectComponent != uuid.Nil && i.SubjectComponentID != f.SubjectComponent:
		return false
	}
	return true
}

// List returns an operation's issues that match f: most severe first, then
// oldest first (the order a reviewer works through them).
func (v *Compliance) List(op uuid.UUID, f IssueFilter) []Issue {
	v.RLock()
	defer v.RUnlock()
	var out []Issue
	for _, i := range v.rows[op] {
		if f.match(i) {
			out = append(out, i.clone())
		}
	}
	slices.SortFunc(out, func(a, b Issue) int { return a.OrderKey().Compare(b.OrderKey()) })
	return out
}

// OrderKey is the issue's place in the register: most severe first (the
// rank), then oldest first.
func (i Issue) OrderKey() Key {
	k := i.Meta.OrderKey()
	k.Rank = uint8(SeverityRank(domain.SevCritical) - SeverityRank(i.Severity))
	return k
}

func issueKey(i *Issue) Key { return i.OrderKey() }

// Page is up to limit issues of op after the key, that match f and that
// sees admits, in the register's order (List's); more reports that rows
// remain after the last one. Only the rows of the page are copied.
func (v *Compliance) Page(op uuid.UUID, f IssueFilter, after Key, limit int, sees Sees) (page []Issue, more bool) {
	v.RLock()
	defer v.RUnlock()
	keep := func(i *Issue) bool { return f.match(i) && sees(i.Record()) }
	rows, more := firstAfter(v.rows[op], issueKey, after, limit, keep)
	page = make([]Issue, len(rows))
	for n, i := range rows {
		page[n] = i.clone()
	}
	return page, more
}

// clone copies the slices the fold appends to.
func (i *Issue) clone() Issue {
	c := *i
	c.Measures, c.Referrals = slices.Clone(i.Measures), slices.Clone(i.Referrals)
	return c
}

// OpenBySeverity groups the open issues by severity.
func (v *Compliance) OpenBySeverity(op uuid.UUID) map[domain.Severity][]Issue {
	out := map[domain.Severity][]Issue{}
	for _, i := range v.List(op, IssueFilter{OpenOnly: true}) {
		out[i.Severity] = append(out[i.Severity], i)
	}
	return out
}

// Get returns one issue.
func (v *Compliance) Get(id uuid.UUID) (Issue, bool) {
	v.RLock()
	defer v.RUnlock()
	i, ok := v.byID[id]
	if !ok {
		return Issue{}, false
	}
	return *i, true
}

// AgeAt is how long the issue had been open at d (occurred times).
func (i *Issue) AgeAt(d time.Time) time.Duration {
	end := d
	if !i.ClosedAt.IsZero() && i.ClosedAt.Before(d) {
		end = i.ClosedAt
	}
	return max(end.Sub(i.CreatedAt), 0)
}

// SeverityRank orders severities from low (1) to critical (4).
func SeverityRank(s domain.Severity) int {
	switch s {
	case domain.SevLow:
		return 1
	case domain.SevMedium:
		return 2
	case domain.SevHigh:
		return 3
	case domain.SevCritical:
		return 4
	}
	return 0
}

// RecordedBy is the actor who recorded the report: the policy shows that
// actor who reported it (domain/visibility's SeesReporter).
func (i Issue) RecordedBy() string { return i.ReportedBy }
