package webtest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
)

// Without JavaScript the same work gets done: the meeting screen is one form
// that posts everything, and a tracker row's status changes by its own form.
func TestAnOfficerWorksWithoutJavaScript(t *testing.T) {
	site := webtest.Start(t)
	b := webtest.NewBrowser(t)
	b.WithoutJavaScript()
	b.SignIn(site.Base, site.Token(t, auth.RoleOfficer))
	require.False(t, webtest.Eval[bool](b, `typeof htmx !== 'undefined'`), "htmx did not run")

	b.Go(site.OpPath("/meetings/new"))
	b.Submit("#mechanism")
	title := "Health working group " + time.Now().Format("150405")
	b.Fill("#title", title)
	b.Check(`input[name="attendee"]`)
	b.Fill(`[name="d1.title"]`, "Mobile clinics in Rukum West")
	b.Fill(`[name="d1.text"]`, "Two mobile clinics start next week.")
	b.Fill(`[name="d1.a1.title"]`, "Agree clinic sites "+title)
	b.Click(`#meeting-form button[type="submit"]:not([name])`)
	b.WaitText("h1", "Meeting")
	require.Contains(t, b.Text("main"), "Agree clinic sites "+title)

	b.Go(site.OpPath("/actions"))
	id := b.RowID("Agree clinic sites " + title)
	b.Select("#to-"+id, "blocked")
	b.Fill("#note-"+id, "No vehicle")
	b.Click("#ap-" + id + " button")
	b.WaitText(".notice", "Status changed")
	require.Contains(t, b.Text("#ap-"+id+" .tag"), "blocked")
}
