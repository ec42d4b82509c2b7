package openapi

import (
	"net/http"

	"github.com/getkin/kin-openapi/openapi3"
)

// followUpPaths documents the follow-up loop's reads (issue 18): an
// operation's follow-up and the calendar feed, whose token in the path is
// its only credential.
func followUpPaths(p *openapi3.Paths) {
	op := openapi3.NewPathParameter("id").WithSchema(openapi3.NewUUIDSchema())
	p.Set("/api/v1/operations/{id}/follow-up", &openapi3.PathItem{Get: withParams(secured(
		"The operation's follow-up rules, the reminders sent about records the token may read, and whether mail gets through",
		jsonResponse(http.StatusOK, "FollowUp")), op)})
	p.Set("/calendar/{token}", &openapi3.PathItem{Get: withParams(open(
		"An iCalendar feed (RFC 5545) of due dates and meetings; 404 once revoked",
		textResponse(http.StatusOK, "text/calendar")),
		openapi3.NewPathParameter("token").WithSchema(openapi3.NewStringSchema()).
			WithDescription("the feed's secret token, optionally followed by .ics"))})
}
