package openapi

import (
	"net/http"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/movementcoord/ledger/domain"
)

// registers adds the read side: the GET of the register paths (whose POST
// side, the creating commands, is already there), the timeline and the
// audit trail of a record.
func registers(p *openapi3.Paths) {
	str, id, q := openapi3.NewStringSchema, openapi3.NewUUIDSchema, openapi3.NewQueryParameter
	boolean := openapi3.NewBoolSchema
	op := openapi3.NewPathParameter("id").WithSchema(id())
	p.Value("/api/v1/operations").Get = register("The operations the token may read", "Operations")
	p.Value("/api/v1/operations/{id}/action-points").Get = register("The action tracker", "ActionPoints", op,
		q("state").WithSchema(str()).WithDescription("comma-separated states"),
		q("owner").WithSchema(id()), q("decision").WithSchema(id()), q("mechanism").WithSchema(id()),
		q("open").WithSchema(boolean()), q("overdue_at").WithSchema(str()).WithDescription("RFC 3339 time or now"))
	p.Value("/api/v1/operations/{id}/decisions").Get = register("The decision register", "Decisions", op,
		q("in_force").WithSchema(boolean()), q("mechanism").WithSchema(id()))
	p.Value("/api/v1/operations/{id}/compliance-issues").Get = register("The compliance register", "ComplianceIssues", op,
		q("open").WithSchema(boolean()), q("severity").WithSchema(enumSchema[domain.Severity]()),
		q("category").WithSchema(enumSchema[domain.Category]()), q("subject").WithSchema(id()))
	p.Value("/api/v1/operations/{id}/escalations").Get = register("The escalation queue", "Escalations", op,
		q("pending").WithSchema(boolean()))
	p.Value("/api/v1/operations/{id}/components").Get = register("The component map", "Components", op)
	p.Value("/api/v1/operations/{id}/contacts").Get = register("The contact list (no personal data for analysts)", "Contacts", op,
		q("removed").WithSchema(boolean()))
	p.Value("/api/v1/operations/{id}/mechanisms").Get = register("The coordination mechanisms", "Mechanisms", op)
	p.Value("/api/v1/operations/{id}/meetings").Get = register("Meetings with attendance and minutes status", "Meetings", op,
		q("mechanism").WithSchema(id()))
	p.Value("/api/v1/operations/{id}/lessons").Get = register("Lessons and recommendations", "Lessons", op,
		q("awaiting").WithSchema(boolean()))
	p.Set("/api/v1/operations/{id}/figures", &openapi3.PathItem{Get: document(
		"Lessons-learned figures at a date, from the records the token may see (durations in whole seconds, fields ending _s; groups keyed by id carry a name)", "Figures", op,
		q("at").WithSchema(str()).WithDescription("RFC 3339 time or now (default)"),
		q("stalled_days").WithSchema(openapi3.NewIntegerSchema().WithMin(0).WithMax(3650)))})
	p.Set("/api/v1/operations/{id}/timeline", &openapi3.PathItem{Get: register("The operation's timeline", "AuditPage", op,
		q("kind").WithSchema(str()).WithDescription("comma-separated kinds of record"), q("component").WithSchema(id()),
		q("level").WithSchema(enumSchema[domain.Level]()),
		q("from").WithSchema(str()).WithDescription("occurred at or after, RFC 3339"),
		q("to").WithSchema(str()).WithDescription("occurred before, RFC 3339"))})
	p.Set("/api/v1/audit", &openapi3.PathItem{Get: register(
		"Events one actor recorded, or in a time window (not analysts)", "AuditPage",
		q("actor").WithSchema(str()).WithDescription("actor id, e.g. token:1a2b3c4d5e6f"),
		q("from").WithSchema(str()).WithDescription("RFC 3339, with to"),
		q("to").WithSchema(str()).WithDescription("RFC 3339, with from"),
		q("by").WithSchema(str().WithEnum("recorded", "occurred")))})
	p.Set("/api/v1/audit/{kind}/{id}", &openapi3.PathItem{Get: register(
		"Every event of one record, corrections linked (not analysts)", "AuditPage",
		openapi3.NewPathParameter("kind").WithSchema(str()), openapi3.NewPathParameter("id").WithSchema(id()))})
}

// register is a GET of a read model: its own parameters, then paging and
// ?at_least= to read one's own write.
func register(summary, schema string, params ...*openapi3.Parameter) *openapi3.Operation {
	return withParams(document(summary, schema, params...),
		openapi3.NewQueryParameter("limit").WithSchema(openapi3.NewIntegerSchema().WithMin(1).WithMax(1000)),
		openapi3.NewQueryParameter("cursor").WithSchema(openapi3.NewStringSchema()))
}

// document is a GET of one document computed from the read models (the
// figures): a register's parameters but paging, which it does not take.
func document(summary, schema string, params ...*openapi3.Parameter) *openapi3.Operation {
	op := secured(summary, jsonResponse(http.StatusOK, schema))
	op.Tags = []string{"registers"}
	withParams(op, params...)
	return withParams(op,
		openapi3.NewQueryParameter("at_least").WithSchema(openapi3.NewIntegerSchema().WithMin(0)).
			WithDescription("wait (at most 5s) until the views applied this global position"),
		openapi3.NewQueryParameter("as_of").WithSchema(openapi3.NewStringSchema()).
			WithDescription("RFC 3339 time: the view as it stood then (replays the log; slower)"),
		openapi3.NewQueryParameter("as_of_basis").WithSchema(openapi3.NewStringSchema().WithEnum("recorded", "occurred")).
			WithDescription("recorded (default): what the ledger held then; occurred: what is now known to have happened by then"))
}
