package webtest_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
)

// The follow-up page and the home page's reminders card pass axe-core (no
// serious or critical violation) in English, French and Arabic, for an
// officer (with the forms) and an analyst (without); every violation of any
// impact is counted in the log.
func TestFollowUpPageIsAccessible(t *testing.T) {
	site := webtest.Start(t)
	for _, role := range []auth.Role{auth.RoleOfficer, auth.RoleAnalyst} {
		b := webtest.NewBrowser(t)
		b.SignIn(site.Base, site.Token(t, role))
		counts := map[string]int{}
		for _, path := range []string{"/follow-up", ""} {
			for _, lang := range webtest.Langs {
				b.Go(site.Base + "/lang/" + lang + "?back=" + site.OpPath(path)[len(site.Base):])
				require.NotEqual(t, "error.title", b.Attr("main", "data-page"), "%s in %s: %s", path, lang, b.Text("main"))
				for _, v := range b.Axe(t) {
					counts[v.Impact]++
				}
			}
		}
		if role == auth.RoleOfficer && os.Getenv("LEDGER_WEB_SHOTS") != "0" {
			b.Shots(site.Base, site.OpPath("/follow-up")[len(site.Base):], "followup")
		}
		t.Logf("%s: axe-core violations on the follow-up and home pages × %d languages, by impact: %v", role, len(webtest.Langs), counts)
	}
}
