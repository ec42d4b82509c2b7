package webtest_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
)

// officerPages are the pages an officer uses, by screenshot name.
var officerPages = []struct{ name, path string }{
	{"operations", "/"},
	{"home", ""},
	{"meetings", "/meetings"},
	{"meeting-new", "/meetings/new"},
	{"actions", "/actions"},
	{"actions-overdue", "/actions?overdue=1"},
	{"decisions", "/decisions"},
	{"components", "/components"},
	{"contacts", "/contacts"},
	{"compliance", "/compliance"},
	{"compliance-new", "/compliance/new"},
}

// Every officer page passes axe-core (no serious or critical violation) in
// English, French and Arabic, and is photographed at 1280 and 360 px.
// LEDGER_WEB_SHOTS=0 skips the photographs (they take a minute).
func TestOfficerPagesAreAccessibleInEveryLanguage(t *testing.T) {
	site := webtest.Start(t)
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, site.Token(t, auth.RoleOfficer))
	counts := map[string]int{}
	pages := append(officerPages, recordPages(t, b, site)...)
	for _, pg := range pages {
		url := site.OpPath(pg.path)
		if pg.path == "/" {
			url = site.Base + "/"
		}
		for _, lang := range webtest.Langs {
			b.Go(site.Base + "/lang/" + lang + "?back=" + url[len(site.Base):])
			require.NotEqual(t, "error.title", b.Attr("main", "data-page"), "%s in %s is an error page: %s", pg.name, lang, b.Text("main"))
			for _, v := range b.Axe(t) {
				counts[v.Impact]++
			}
		}
		if os.Getenv("LEDGER_WEB_SHOTS") != "0" {
			b.Shots(site.Base, url[len(site.Base):], pg.name)
		}
	}
	t.Logf("axe-core violations over %d pages × %d languages, by impact: %v", len(pages), len(webtest.Langs), counts)
}

// recordPages are one record of each kind, found by following the
// registers' first links, as a person would.
func recordPages(t *testing.T, b *webtest.Browser, site *webtest.Site) []struct{ name, path string } {
	first := func(register, link string) string {
		b.Go(site.OpPath(register))
		href := webtest.Eval[string](b, `(document.querySelector('main table a[href*="`+link+`"]') || {}).pathname || ""`)
		require.NotEmpty(t, href, "%s links to a record", register)
		return href[len("/ops/"+site.Op.String()):]
	}
	action := first("/actions", "/actions/")
	b.Go(site.OpPath("/meetings/new"))
	mech := webtest.Eval[string](b, `document.querySelector('#mechanism option').value`)
	return []struct{ name, path string }{
		{"meeting-form", "/meetings/new?mechanism=" + mech},
		{"meeting", first("/meetings", "/meetings/")},
		{"action", action},
		{"decision", first("/decisions", "/decisions/")},
		{"issue", first("/compliance", "/compliance/")},
		{"correct", "/correct/actionpoint" + action[len("/actions"):]},
	}
}
