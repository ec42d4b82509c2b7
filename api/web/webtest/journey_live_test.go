package webtest_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
)

// Pages that list records follow the ledger: when someone else writes, the
// tracker offers to show the changes and the home page refreshes itself.
func TestPagesFollowWhatOthersWrite(t *testing.T) {
	site := webtest.Start(t)
	token := site.Token(t, auth.RoleOfficer)
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, token)

	b.Go(site.OpPath("/actions"))
	require.Empty(t, b.Text("#live"))
	raiseMany(t, site, token, 1) // another officer, through the API
	b.WaitText("#live", "Others have recorded changes")
	b.Click("#live a")
	b.WaitText("#tracker", "Load test action 0")

	b.Go(site.OpPath(""))
	before := b.Text("#attention")
	raiseOverdue(t, site, token, "Fix the water pump at the transit centre")
	b.WaitText("#attention", "Fix the water pump at the transit centre")
	require.NotEqual(t, before, b.Text("#attention"))
}
