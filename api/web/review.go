package web

import (
	"encoding/json"
	"net/http"
	"slices"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/audit"
)

// reviewRoutes are the reviewer's and analyst's pages inside an operation,
// and the printable minutes. Who may open each follows the API: the audit
// trail is not for analysts; integrity downloads are for reviewers.
func (w *Web) reviewRoutes(op *echo.Group) {
	op.GET("/history/:kind/:id", w.historyPage, auditors)
	op.GET("/audit", w.auditPage, auditors)
	op.GET("/integrity", w.integrityPage, reviewers)
	op.GET("/integrity/bundle", w.bundleDownload, reviewers)
	op.GET("/integrity/public-key", w.publicKeyDownload, reviewers)
	op.GET("/timeline", w.timelinePage)
	op.GET("/figures", w.figuresPage)
	op.GET("/export", w.exportDownload)
	op.GET("/meetings/:id/minutes", w.minutesPage)
}

// auditors may read the audit trail: every role but analysts, as the API's
// GET /api/v1/audit.
func auditors(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if p, _ := principal(c); p.Role == auth.RoleAnalyst {
			return ErrForbidden
		}
		return next(c)
	}
}

// reviewers may download proofs and bundles: reviewers and admins, as the
// API's integrity routes.
func reviewers(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if p, _ := principal(c); p.Role != auth.RoleReviewer && p.Role != auth.RoleAdmin {
			return ErrForbidden
		}
		return next(c)
	}
}

// historyLimit bounds one record's history on a page; a record with more
// events says so and the API pages the rest.
const historyLimit = 1000

// historyView is one record's events, oldest first, corrections beside the
// events they correct.
type historyView struct {
	Ref     domain.Ref
	Rows    []historyRow
	More    bool
	Names   map[uuid.UUID]string
	Records int
}

// historyRow is one event of the record.
type historyRow struct {
	audit.Record
	CorrectsVersion uint64   // the version this correction corrects, 0 if none
	CorrectedIn     []uint64 // versions of the corrections of this event
	Fields          []fieldChange
}

// fieldChange is one corrected field as a person reads it.
type fieldChange struct {
	Field, Before, After string
	HadBefore            bool
}

// historyPage shows every event of one record: who recorded it, when it was
// recorded and when it happened, and each correction's values before and
// after with its reason.
func (w *Web) historyPage(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	kind := domain.Kind(c.Param("kind"))
	id, err := uuid.Parse(c.Param("id"))
	if err != nil || !slices.Contains(domain.Kinds(), kind) {
		return ErrNotFound
	}
	ref := domain.Ref{Kind: kind, ID: id}
	res := set.Audit.Entity(ref, audit.Page{Limit: historyLimit, Sees: inOperation(pr, o.ID)})
	if len(res.Records) == 0 {
		return ErrNotFound // not there, or not for this reader: the same answer
	}
	p := w.page(c, "rev.history.title")
	p.inOperation(o, c.Request().URL.Path)
	p.Data = historyView{Ref: ref, Rows: historyRows(httpapi.SendRecords(pr, res.Records)), More: res.Next > 0,
		Names: componentNames(pr, set, o.ID)}
	return w.render(c, http.StatusOK, "history", p)
}

// inOperation is the reader's policy narrowed to one operation, so a page of
// an operation lists nothing of another.
func inOperation(pr auth.Principal, op uuid.UUID) audit.Sees {
	sees := pr.Reader().SeesRecord
	return func(o uuid.UUID, c domain.Classification) bool { return o == op && sees(o, c) }
}

// historyRows links corrections to the events they correct, by version.
func historyRows(recs []audit.Record) []historyRow {
	version := map[uint64]uint64{} // position -> version
	for _, r := range recs {
		version[r.Position] = r.Version
	}
	rows := make([]historyRow, len(recs))
	for i, r := range recs {
		rows[i] = historyRow{Record: r, CorrectsVersion: version[r.Corrects]}
		for _, pos := range r.CorrectedBy {
			rows[i].CorrectedIn = append(rows[i].CorrectedIn, version[pos])
		}
		if r.Correction != nil {
			for _, f := range r.Correction.Fields {
				rows[i].Fields = append(rows[i].Fields, fieldChange{Field: f.Field, Before: jsonText(f.Before),
					After: jsonText(f.After), HadBefore: len(f.Before) > 0})
			}
		}
	}
	return rows
}

// jsonText shows a JSON value as a person reads it: a string without its
// quotes, anything else as written.
func jsonText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}
