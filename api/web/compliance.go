package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// categories and severities offered by the forms, in the domain's words.
var (
	categories = domain.Values[domain.Category]()
	severities = domain.Values[domain.Severity]()
)

// compliancePage is the compliance register (what the principal may see).
func (w *Web) compliancePage(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	p := w.page(c, "compliance.title")
	p.inOperation(o, c.Request().URL.Path)
	p.Data = map[string]any{"Rows": keepShown(pr, set.Compliance.List(o.ID, views.IssueFilter{}), seeIssue), "Names": componentNames(pr, set, o.ID)}
	return w.render(c, http.StatusOK, "compliance", p)
}

// newIssue shows the form to report a compliance flag.
func (w *Web) newIssue(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	return w.showIssueForm(c, o, set.Components.Map(o.ID), http.StatusOK, nil)
}

func (w *Web) showIssueForm(c echo.Context, o views.Operation, comps []views.Component, status int, errs []string) error {
	pr, _ := principal(c)
	p := w.page(c, "compliance.report")
	p.inOperation(o, c.Request().URL.Path)
	p.Errors = errs
	p.Data = map[string]any{"Key": formKey(c), "Categories": categories, "Severities": severities,
		"Components": keepShown(pr, comps, seeComponent), "Form": c.Request().Form}
	return w.render(c, status, "compliance_new", p)
}

// reportIssue records the flag. For categories handled by a competent
// body's own case system the domain refuses anything but the reference.
func (w *Web) reportIssue(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	cmd := domain.ReportIssue{Header: header(pr, o.ID, formKey(c)), Category: domain.Category(c.FormValue("category")),
		RuleReference: strings.TrimSpace(c.FormValue("rule_reference")), SubjectComponentID: formUUID(c, "subject"),
		Severity: domain.Severity(c.FormValue("severity")), Summary: strings.TrimSpace(c.FormValue("summary")),
		ExternalCaseRef: strings.TrimSpace(c.FormValue("external_case_ref"))}
	res, err := w.write(c.Request().Context(), pr, cmd)
	if err != nil {
		if !isRefusal(err) {
			return err
		}
		return w.showIssueForm(c, o, set.Components.Map(o.ID), http.StatusUnprocessableEntity, []string{w.page(c, "").problem(err)})
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/ops/%s/compliance/%s?saved=1", o.ID, res.Ref.ID))
}

// issuePage shows one issue with the next steps: triage, measures,
// escalation up the operation's ladder.
func (w *Web) issuePage(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	is, err := recordIn(c, o.ID, set.Compliance.Get, seeIssue, func(i views.Issue) uuid.UUID { return i.OperationID })
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	p := w.recordPage(c, o, "compliance.issue")
	p.Data = map[string]any{"I": is, "Names": componentNames(pr, set, o.ID), "Key": newFormKey(), "Severities": severities,
		"Components": activeComponents(pr, set, o.ID), "Ladder": o.Ladder}
	return w.render(c, http.StatusOK, "compliance_issue", p)
}

// issueStep runs one step on an issue, named by the form's "step".
func (w *Web) issueStep(c echo.Context) error {
	o, _, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	id, _ := uuid.Parse(c.Param("id"))
	h := header(pr, o.ID, formKey(c))
	var cmd domain.Command
	switch c.FormValue("step") {
	case "triage":
		cmd = domain.TriageIssue{Header: h, ID: id, Severity: domain.Severity(c.FormValue("severity")), Note: strings.TrimSpace(c.FormValue("note"))}
	case "measure":
		cmd = domain.ProposeMeasure{Header: h, ID: id, Description: strings.TrimSpace(c.FormValue("description")),
			OwnerComponentID: formUUID(c, "owner"), DueAt: parseDue(c.FormValue("due"))}
	case "agree":
		cmd = domain.AgreeMeasure{Header: h, ID: id, MeasureID: formUUID(c, "measure"), AgreedBy: formUUIDs(c, "agreed_by")}
	case "escalate":
		cmd = domain.RaiseEscalation{Header: h, SubjectKind: domain.KindCompliance, SubjectID: id,
			Rung: c.FormValue("rung"), Reason: strings.TrimSpace(c.FormValue("reason"))}
	default:
		return ErrNotFound
	}
	back := fmt.Sprintf("/ops/%s/compliance/%s", o.ID, id)
	if _, err := w.write(c.Request().Context(), pr, cmd); err != nil {
		return w.refusedOrFail(c, err, back)
	}
	return c.Redirect(http.StatusSeeOther, back+"?saved=1")
}

func formUUIDs(c echo.Context, name string) []uuid.UUID {
	var out []uuid.UUID
	for _, v := range c.Request().Form[name] {
		if id, err := uuid.Parse(v); err == nil {
			out = append(out, id)
		}
	}
	return out
}
