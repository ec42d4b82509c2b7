package web

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
)

// row stands for a register row; secret rows count toward the access log
// when a visibility function lets them through, as the API's do.
type row struct{ secret bool }

func seeRow(p auth.Principal, r row) (row, bool) {
	if r.secret {
		p.NoteConfidentialRead()
	}
	return r, true
}

// A page that keeps 12 rows and sends 5 counts the confidential rows among
// the 5 it sends, not the ones it filtered and left out.
func TestTheAccessLogCountsWhatAPageSends(t *testing.T) {
	rows := make([]row, 12)
	for i := range rows {
		rows[i].secret = i%2 == 0 // 6 confidential
	}
	cases := []struct {
		name string
		page func(auth.Principal) []row
		sent bool // the page sends what it returns
	}{
		{"filtered only", func(p auth.Principal) []row { return keep(p, rows, seeRow) }, false},
		{"the first five sent", func(p auth.Principal) []row { return shown(p, keep(p, rows, seeRow)[:5], seeRow) }, true},
		{"every row sent", func(p auth.Principal) []row { return keepShown(p, rows, seeRow) }, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rc := &auth.ReadCounter{}
			p := auth.Principal{Role: auth.RoleReviewer}.WithReadCounter(rc)
			got := tc.page(p)
			require.NotEmpty(t, got)
			var secret int64
			for _, r := range got {
				if r.secret {
					secret++
				}
			}
			if !tc.sent {
				secret = 0
			}
			require.Equal(t, secret, rc.Count(), "the count is the confidential rows sent")
		})
	}
}
