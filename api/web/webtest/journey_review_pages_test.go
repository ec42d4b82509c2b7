package webtest_test

import (
	"net/http"
	"net/url"
	"os"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
	"github.com/movementcoord/ledger/projections/views"
)

// busiestMeeting is the demo meeting that took the most decisions, and
// those decisions, as a reviewer reads them through the API.
func busiestMeeting(t *testing.T, site *webtest.Site, token string) (views.Meeting, []views.Decision) {
	t.Helper()
	base := "/api/v1/operations/" + site.Op.String()
	ms := decode[register[views.Meeting]](t, api(t, site, token, http.MethodGet, base+"/meetings?limit=1000", nil)).Items
	ds := decode[register[views.Decision]](t, api(t, site, token, http.MethodGet, base+"/decisions?limit=1000", nil)).Items
	by := map[uuid.UUID][]views.Decision{}
	for _, d := range ds {
		by[d.MeetingID] = append(by[d.MeetingID], d)
	}
	best := ms[0]
	for _, m := range ms {
		if len(by[m.ID]) > len(by[best.ID]) {
			best = m
		}
	}
	require.NotEmpty(t, by[best.ID], "a demo meeting took decisions")
	return best, by[best.ID]
}

// The printable minutes hold the meeting's record of decisions, in the
// chosen language, with an A4 print stylesheet.
func TestPrintableMinutesInFrenchOnA4(t *testing.T) {
	site := webtest.Start(t)
	reviewer := site.Token(t, auth.RoleReviewer)
	m, decisions := busiestMeeting(t, site, reviewer)
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, reviewer)
	path := "/ops/" + site.Op.String() + "/meetings/" + m.ID.String() + "/minutes"
	b.Go(site.Base + "/lang/fr?back=" + url.QueryEscape("/ops/"+site.Op.String()+"/meetings/"+m.ID.String()))
	b.Click("a[href$='/minutes']") // "Procès-verbal imprimable" on the meeting's page
	b.WaitText("h1", "Procès-verbal et relevé de décisions")
	require.Contains(t, b.Location(), path)
	require.Equal(t, "fr", b.Attr("html", "lang"))
	require.Equal(t, "Procès-verbal et relevé de décisions", b.Text("h1"))
	require.Equal(t, len(decisions), webtest.Eval[int](b, `document.querySelectorAll('.decision-record').length`))
	record := b.Text("#h-decisions + *")
	for _, d := range decisions {
		require.Contains(t, b.Text("main"), d.Title)
	}
	require.Contains(t, record, "Décision 1")
	a4 := webtest.Eval[bool](b, `[...document.styleSheets].some(s => [...s.cssRules].some(r => r instanceof CSSPageRule && /A4/i.test(r.cssText)))`)
	require.True(t, a4, "an @page rule sets A4")
	b.Axe(t)
	if os.Getenv("LEDGER_WEB_SHOTS") != "0" {
		b.Shots(site.Base, url.QueryEscape(path), "minutes")
	}
}

// The reviewer's and analyst's pages pass axe-core in English, French and
// Arabic, and are photographed at 1280 and 360 px.
func TestReviewAndAnalysisPagesAreAccessibleInEveryLanguage(t *testing.T) {
	site := webtest.Start(t)
	reviewer := site.Token(t, auth.RoleReviewer)
	d, _, _ := correctTitle(t, site, site.Token(t, auth.RoleOfficer))
	m, _ := busiestMeeting(t, site, reviewer)
	pages := []struct{ name, path string }{
		{"review-audit", "/audit?from=2020-01-01&to=2100-01-01"},
		{"review-integrity", "/integrity"},
		{"review-history", "/history/decision/" + d.ID.String()},
		{"analyst-timeline", "/timeline"},
		{"analyst-figures", "/figures"},
		{"minutes", "/meetings/" + m.ID.String() + "/minutes"},
		{"review-home-asof", "?as_of=2100-01-01&as_of_basis=occurred"},
		{"analyst-figures-asof", "/figures?as_of=2100-01-01"},
	}
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, reviewer)
	counts := map[string]int{}
	for _, pg := range pages {
		path := "/ops/" + site.Op.String() + pg.path
		for _, lang := range webtest.Langs {
			b.Go(site.Base + "/lang/" + lang + "?back=" + url.QueryEscape(path))
			require.NotEqual(t, "error.title", b.Attr("main", "data-page"), "%s in %s: %s", pg.name, lang, b.Text("main"))
			require.NotRegexp(t, `\b(rev|ana|min|asof|kind|class|unit)\.[a-z_]+`, b.Text("main"), "%s in %s shows a message id, not its text", pg.name, lang)
			for _, v := range b.Axe(t) {
				counts[v.Impact]++
			}
		}
		if os.Getenv("LEDGER_WEB_SHOTS") != "0" {
			b.Shots(site.Base, url.QueryEscape(path), pg.name)
		}
	}
	t.Logf("axe-core violations over %d pages × %d languages, by impact: %v", len(pages), len(webtest.Langs), counts)
}
