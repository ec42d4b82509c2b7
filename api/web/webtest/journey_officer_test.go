package webtest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
)

// An officer signs in, records a meeting with two decisions and three action
// points on one screen, finds them in the tracker, marks one blocked, and
// reads the same tracker in French.
func TestOfficerRecordsAMeetingAndFollowsItUp(t *testing.T) {
	site := webtest.Start(t)
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, site.Token(t, auth.RoleOfficer))

	b.Go(site.OpPath("/meetings/new"))
	b.Submit("#mechanism")
	stamp := time.Now().Format("150405")
	meeting := "Shelter working group " + stamp
	decisions := []string{"One shelter kit standard " + stamp, "Joint distribution plan " + stamp}
	actions := []string{"Publish the kit list " + stamp, "Brief district teams " + stamp, "Map distribution points " + stamp}
	b.Fill("#title", meeting)
	webtest.Eval[bool](b, `(() => { document.querySelectorAll('input[name="attendee"]').forEach(x => x.checked = true); return true })()`)
	owner := webtest.Eval[string](b, `document.querySelector('select[name="d1.a1.owner"] option:nth-child(2)').value`)
	b.Fill(`[name="d1.title"]`, decisions[0])
	b.Fill(`[name="d1.text"]`, "Every component distributes the agreed kit.")
	b.Fill(`[name="d1.a1.title"]`, actions[0])
	b.Select(`[name="d1.a1.owner"]`, owner)
	b.Fill(`[name="d1.a1.due"]`, time.Now().AddDate(0, 0, 7).Format("2006-01-02"))
	b.Fill(`[name="d1.a2.title"]`, actions[1])
	b.Select(`[name="d1.a2.owner"]`, owner)
	b.Fill(`[name="d2.title"]`, decisions[1])
	b.Fill(`[name="d2.text"]`, "Distributions are planned together each week.")
	b.Fill(`[name="d2.a1.title"]`, actions[2])
	b.Select(`[name="d2.a1.owner"]`, owner)
	b.Fill("#minutes", "Present: the members. Agreed: the kit standard and a joint plan.")
	b.Check(`input[name="step"][value="approve"]`)
	b.Submit("#title")

	page := b.Text("main")
	require.Contains(t, page, meeting)
	for _, s := range append(decisions, actions...) {
		require.Contains(t, page, s, "the meeting page lists what was recorded")
	}

	b.Go(site.OpPath("/actions"))
	tracker := b.Text("#tracker")
	for _, s := range actions {
		require.Contains(t, tracker, s, "the tracker lists the new action points")
	}
	id := b.RowID(actions[1])
	b.Select("#to-"+id, "blocked")
	b.Fill("#note-"+id, "Waiting for customs clearance")
	b.Click("#ap-" + id + " button")
	b.WaitText("#ap-"+id+" .tag", "blocked")
	require.Contains(t, b.Text("#ap-"+id), "Waiting for customs clearance", "the row says why it is blocked")

	b.Click(`.langs a[hreflang="fr"]`)
	b.WaitText("h1", "Points d’action")
	require.Equal(t, "fr", b.Attr("html", "lang"))
	require.Contains(t, b.Text("#ap-"+id+" .tag"), "bloqué", "the same row, in French")
	require.True(t, strings.Contains(b.Location(), "/actions"), "the language switch stays on the page")
}
