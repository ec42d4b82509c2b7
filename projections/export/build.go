package export

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/views"
)

// builder fills one table; every row starts with the operation's name and
// country, as HXL data usually does.
type builder struct {
	src   Source
	op    views.Operation
	orgs  map[uuid.UUID]string
	at    time.Time
	admit func(domain.Classification) bool // whether a row of this classification goes out
	t     Table
}

var opColumns = []Column{{"operation", "#crisis+name", false}, {"country", "#country+code", false}}

// tables maps each exportable view to the function that builds it.
var tables = map[string]func(*builder){
	"action-points":     actionPoints,
	"decisions":         decisions,
	"compliance-issues": complianceIssues,
	"escalations":       escalations,
	"contacts":          contacts,
	"projects":          projects,
	"timeline":          timeline,
}

// Views lists the views that can be exported, sorted.
func Views() []string {
	out := make([]string, 0, len(tables))
	for v := range tables {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// Build exports one view of operation op for audience; at is the moment
// derived figures (overdue) are computed for. The audience decides which
// rows and columns go out.
func Build(set *readmodel.Set, op uuid.UUID, view string, audience Audience, at time.Time) (Table, error) {
	t, err := build(set, AllRows(set, op), op, view, audience.admits, at)
	if err != nil {
		return t, err
	}
	return t.withPersonal(audience.Reader().SeesPersonal()), nil
}

// ForReader exports one view from rows the caller has already filtered and
// redacted for its reader (see Source); personal says whether the reader
// may see personal data at all, or the personal columns are left out.
func ForReader(set *readmodel.Set, src Source, op uuid.UUID, view string, personal bool, at time.Time) (Table, error) {
	t, err := build(set, src, op, view, admitAll, at)
	if err != nil {
		return t, err
	}
	return t.withPersonal(personal), nil
}

func build(set *readmodel.Set, src Source, op uuid.UUID, view string, admit func(domain.Classification) bool, at time.Time) (Table, error) {
	fill, ok := tables[view]
	if !ok {
		return Table{}, fmt.Errorf("%w %q: choose one of %v", ErrUnknownView, view, Views())
	}
	operation, ok := set.Operations.Get(op)
	if !ok {
		return Table{}, fmt.Errorf("%w: %s", ErrUnknownOperation, op)
	}
	b := &builder{src: src, op: operation, orgs: orgNames(src), at: at, admit: admit, t: Table{View: view}}
	fill(b)
	return b.t, nil
}

// orgNames are the names of the components the source shows.
func orgNames(src Source) map[uuid.UUID]string {
	names := map[uuid.UUID]string{}
	for _, c := range src.Components() {
		names[c.ID] = c.Name
	}
	return names
}

func (b *builder) columns(cols ...Column) { b.t.Columns = append(slices.Clone(opColumns), cols...) }

// row adds a record's cells, or counts it as withheld.
func (b *builder) row(class domain.Classification, cells ...string) {
	if !b.admit(class) {
		b.t.Withheld++
		return
	}
	b.t.Rows = append(b.t.Rows, append([]string{b.op.Name, b.op.Country}, cells...))
}

func (b *builder) org(id uuid.UUID) string { return b.orgs[id] }

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func yes(b bool) string { return strconv.FormatBool(b) }

func uuidOrEmpty(id uuid.UUID) string {
	if id == uuid.Nil {
		return ""
	}
	return id.String()
}
