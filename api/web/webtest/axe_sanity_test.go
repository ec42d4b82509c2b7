package webtest_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/web/webtest"
)

// axe-core really runs: a page with an unlabelled input and an image
// without text has serious or critical violations.
func TestAxeFindsWhatIsBroken(t *testing.T) {
	b := webtest.NewBrowser(t)
	b.Go(`data:text/html,<html><body><input type="text"><img src="x.png"></body></html>`)
	vs := b.AxeViolations()
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID+":"+v.Impact)
	}
	require.Contains(t, ids, "image-alt:critical")
}
