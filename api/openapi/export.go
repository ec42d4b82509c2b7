package openapi

import (
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/movementcoord/ledger/projections/export"
)

// exportPath is GET /api/v1/operations/{id}/export: a register or the
// timeline as a download, with the filters of the route it exports.
func exportPath(p *openapi3.Paths) {
	str, id, q, boolean := openapi3.NewStringSchema, openapi3.NewUUIDSchema, openapi3.NewQueryParameter, openapi3.NewBoolSchema
	views := make([]any, 0, len(export.Views()))
	for _, v := range export.Views() {
		views = append(views, v)
	}
	row := openapi3.NewObjectSchema().WithAdditionalProperties(str())
	ok := openapi3.NewResponse().WithDescription("The whole filtered view (every page) as the reader's register shows it").
		WithContent(openapi3.Content{
			"application/json": openapi3.NewMediaType().WithSchema(openapi3.NewArraySchema().WithItems(row)),
			"text/csv":         openapi3.NewMediaType().WithSchema(str()),
		})
	op := register("A register or the timeline as JSON, CSV, or CSV with the HXL hashtag row second (format=hxl); "+
		"every filter of the exported route applies; analysts get no confidential row and no personal column", "Problem",
		openapi3.NewPathParameter("id").WithSchema(id()),
		q("view").WithSchema(str().WithEnum(views...)).WithRequired(true),
		q("format").WithSchema(str().WithEnum("json", "csv", "hxl")).WithDescription("json (default), csv, or hxl"),
		q("state").WithSchema(str()), q("owner").WithSchema(id()), q("decision").WithSchema(id()),
		q("mechanism").WithSchema(id()), q("open").WithSchema(boolean()), q("overdue_at").WithSchema(str()),
		q("in_force").WithSchema(boolean()), q("severity").WithSchema(str()), q("category").WithSchema(str()),
		q("subject").WithSchema(id()), q("pending").WithSchema(boolean()), q("removed").WithSchema(boolean()),
		q("kind").WithSchema(str()), q("component").WithSchema(id()), q("level").WithSchema(str()),
		q("from").WithSchema(str()), q("to").WithSchema(str()))
	op.Responses.Set("200", &openapi3.ResponseRef{Value: ok})
	op.Responses.Value("200").Value.Headers = openapi3.Headers{"Content-Disposition": header("attachment; filename=<operation>-<view>.<json|csv|hxl.csv>")}
	op.Tags = []string{"exports"}
	p.Set("/api/v1/operations/{id}/export", &openapi3.PathItem{Get: op})
}
