package webtest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
)

// The quorum is shown as it is reached: ticking attendees updates it in
// place, and the count is that of the mechanism's member components present
// (read here from the API, not from the page).
func TestQuorumIsShownAsAttendeesAreTicked(t *testing.T) {
	site := webtest.Start(t)
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, site.Token(t, auth.RoleOfficer))
	b.Go(site.OpPath("/meetings/new"))
	mech := webtest.Eval[string](b, `document.querySelector('#mechanism').value`)
	b.Submit("#mechanism")
	require.Contains(t, b.Text("#quorum"), "0 member components present")

	var mechs struct {
		Items []struct {
			ID      uuid.UUID   `json:"id"`
			Quorum  int         `json:"quorum"`
			Members []uuid.UUID `json:"members"`
		} `json:"items"`
	}
	var contacts struct {
		Items []struct {
			ComponentID uuid.UUID `json:"component_id"`
		} `json:"items"`
	}
	apiGet(t, site, "/mechanisms", &mechs)
	apiGet(t, site, "/contacts", &contacts)
	present, quorum := 0, 0
	for _, m := range mechs.Items {
		if m.ID.String() != mech {
			continue
		}
		quorum = m.Quorum
		seen := map[uuid.UUID]bool{}
		for _, c := range contacts.Items {
			if !seen[c.ComponentID] && slices.Contains(m.Members, c.ComponentID) {
				seen[c.ComponentID], present = true, present+1
			}
		}
	}
	n := webtest.Eval[int](b, `document.querySelectorAll('input[name="attendee"]').length`)
	for i := 1; i <= n; i++ {
		b.Check(fmt.Sprintf(`label:nth-of-type(%d) input[name="attendee"]`, i))
	}
	b.WaitText("#quorum", fmt.Sprintf("%d member components present, %d needed", present, quorum))
	want := "Quorum not reached"
	if present >= quorum {
		want = "Quorum reached"
	}
	require.True(t, strings.HasPrefix(b.Text("#quorum"), want), b.Text("#quorum"))
}

// apiGet reads a register of the demo operation through the API as admin.
func apiGet(t *testing.T, site *webtest.Site, register string, out any) {
	admin, err := os.ReadFile(filepath.Join(site.Dir(), auth.AdminTokenFile))
	require.NoError(t, err)
	req, _ := http.NewRequest(http.MethodGet, site.Base+"/api/v1/operations/"+site.Op.String()+register, nil)
	req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(string(admin)))
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.NoError(t, json.NewDecoder(res.Body).Decode(out))
}
