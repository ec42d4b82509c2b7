package webtest_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
)

// Keyboard only: the first Tab lands on the skip link, and an officer
// reaches a tracker row's status change with Tab, chooses "mark blocked",
// types why and presses Enter.
func TestTheTrackerWorksFromTheKeyboard(t *testing.T) {
	site := webtest.Start(t)
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, site.Token(t, auth.RoleOfficer))
	b.Go(site.OpPath("/actions?state=open"))
	b.Keys("\t")
	require.True(t, strings.HasPrefix(b.Focused(), "A:Skip to the content"), "first Tab: the skip link (got %s)", b.Focused())

	id := webtest.Eval[string](b, `document.querySelector('#tracker tbody tr').id.replace('ap-','')`)
	b.TabTo("to-"+id, 200)
	b.Keys(kb.ArrowDown) // from "report progress" to "mark blocked"
	require.Equal(t, "blocked", webtest.Eval[string](b, `document.getElementById('to-`+id+`').value`))
	b.Keys("\t")
	require.Equal(t, "note-"+id, b.Focused())
	b.Keys("No vehicle until Monday\r")
	b.WaitText("#ap-"+id+" .tag", "blocked")
	require.Contains(t, b.Text("#ap-"+id), "No vehicle until Monday")
}
