package web

import (
	"cmp"
	"html/template"
	"net/http"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/web/charts"
	"github.com/movementcoord/ledger/projections/analysis"
)

// stalledDays is when a decision with open action points counts as
// stalled on the figures page, as the API's default.
const stalledDays = 14

// resolutionEdges are the histogram's bins of escalation-to-resolution
// time: a day, three days, one, two and four weeks. Escalations in a
// response are answered in days or weeks, so equal-width bins would put
// nearly all of them in the first.
var resolutionEdges = []time.Duration{24 * time.Hour, 3 * 24 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour, 28 * 24 * time.Hour}

// resolutionBins are the message ids of those bins, one more than edges.
var resolutionBins = []string{"ana.bin.under_1d", "ana.bin.1_3d", "ana.bin.3_7d", "ana.bin.7_14d", "ana.bin.14_28d", "ana.bin.over_28d"}

// figuresView is the figures as charts and as tables keyed by names.
type figuresView struct {
	F                               analysis.Figures
	Overdue, Resolution, Completion template.HTML
	OverdueRows                     []analysis.ComponentActions
	CompletionRows                  []analysis.Completion
	ByBody, ByComponent, ByCategory []analysis.Durations
	CategoryKeys                    []string
}

// figuresPage shows the lessons-learned figures of the operation today (or
// as they stood on ?as_of=), computed from what the reader may see.
func (w *Web) figuresPage(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	p := w.page(c, "ana.figures.title")
	p.inOperation(o, c.Request().URL.Path)
	at := figuresAt(p)
	scope := analysis.NewScope(set, o.ID, pr.Reader())
	v := figuresView{F: scope.Figures(at, stalledDays)}
	if v.Overdue, err = overdueChart(p, v.F.OverduePerComponent); err != nil {
		return err
	}
	if v.Completion, err = completionChart(p, v.F.CompletionPerMechanism); err != nil {
		return err
	}
	if v.Resolution, err = resolutionChart(p, scope.EscalationResolutionTimes()); err != nil {
		return err
	}
	v.OverdueRows = byName(v.F.OverduePerComponent, func(x analysis.ComponentActions) string { return x.Name })
	v.CompletionRows = byName(v.F.CompletionPerMechanism, func(x analysis.Completion) string { return x.Name })
	v.ByBody = byName(v.F.EscalationToResolution.ByBody, func(x analysis.Durations) string { return x.Name })
	v.ByComponent = byName(v.F.EscalationToResolution.ByComponent, func(x analysis.Durations) string { return x.Name })
	for k := range v.F.EscalationToResolution.ByCategory {
		v.CategoryKeys = append(v.CategoryKeys, k)
	}
	slices.Sort(v.CategoryKeys)
	p.Data = v
	return w.render(c, http.StatusOK, "figures", p)
}

// byName lists a map's values sorted by their name, for tables.
func byName[K comparable, V any](m map[K]V, name func(V) string) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b V) int { return cmp.Compare(name(a), name(b)) })
	return out
}

func overdueChart(p *Page, m map[uuid.UUID]analysis.ComponentActions) (template.HTML, error) {
	c := charts.BarChart{Meta: charts.Meta{ID: "chart-overdue", Title: p.T("ana.chart.overdue"),
		Desc: p.T("ana.chart.overdue_desc", "Date", p.Date(figuresAt(p))), Empty: p.T("ana.chart.none")}, Hatched: true}
	rows := byName(m, func(x analysis.ComponentActions) string { return x.Name })
	slices.SortStableFunc(rows, func(a, b analysis.ComponentActions) int { return cmp.Compare(b.Overdue, a.Overdue) })
	for _, r := range rows {
		c.Bars = append(c.Bars, charts.Bar{Label: r.Name, Value: float64(r.Overdue), Text: p.Num(r.Overdue)})
	}
	return charts.Bars(c)
}

// figuresAt is the date the figures are computed at: today, or the as-of date.
func figuresAt(p *Page) time.Time {
	if p.AsOf != nil {
		return p.AsOf.At
	}
	return p.Now.UTC()
}

func completionChart(p *Page, m map[uuid.UUID]analysis.Completion) (template.HTML, error) {
	c := charts.BarChart{Meta: charts.Meta{ID: "chart-completion", Title: p.T("ana.chart.completion"),
		Desc: p.T("ana.chart.completion_desc"), Empty: p.T("ana.chart.none")}, Max: 100, Track: true}
	for _, r := range byName(m, func(x analysis.Completion) string { return x.Name }) {
		pct := r.Rate * 100
		c.Bars = append(c.Bars, charts.Bar{Label: r.Name, Value: pct,
			Text: p.T("ana.chart.completion_value", "Percent", p.Num(int(pct+0.5)), "Done", p.Num(r.Completed), "Total", p.Num(r.Total))})
	}
	return charts.Bars(c)
}

func resolutionChart(p *Page, ds []time.Duration) (template.HTML, error) {
	counts, err := charts.BinDurations(ds, resolutionEdges)
	if err != nil {
		return "", err
	}
	h := charts.Histogram{Meta: charts.Meta{ID: "chart-resolution", Title: p.T("ana.chart.resolution"),
		Desc: p.N("ana.chart.resolution_desc", len(ds)), Empty: p.T("ana.chart.none")}}
	if len(ds) > 0 {
		for i, n := range counts {
			h.Bins = append(h.Bins, charts.Bin{Label: p.T(resolutionBins[i]), Count: n, Text: p.Num(n)})
		}
	}
	return charts.Histo(h)
}
