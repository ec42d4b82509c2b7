package webtest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
)

// An officer reports an emblem misuse, triages it, proposes a measure and
// escalates it up the operation's ladder; a fraud case takes only the case
// reference (the form says so, and the domain refuses a description).
func TestOfficerFlagsTriagesAndEscalates(t *testing.T) {
	site := webtest.Start(t)
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, site.Token(t, auth.RoleOfficer))

	b.Go(site.OpPath("/compliance/new"))
	b.Select("#category", "fraud")
	b.Fill("#summary", "Someone said the warehouse manager sold kits")
	b.Fill("#external_case_ref", "IFRC-INV-2026-114")
	b.Submit("#category")
	require.Contains(t, b.Text(".error"), "competent body", "a fraud case keeps no allegation")

	b.Go(site.OpPath("/compliance/new"))
	b.Select("#category", "emblem")
	b.Select("#severity", "high")
	b.Fill("#rule_reference", "1991 Emblem Regulations, art. 23")
	b.Fill("#summary", "A partner's banners carry the emblem with a commercial logo "+time.Now().Format("150405"))
	b.Submit("#category")
	require.Contains(t, b.Text(".notice"), "Saved")
	require.Contains(t, b.Text("dl.facts"), "emblem and logo use")
	require.Contains(t, b.Text("dl.facts"), "reported")

	b.Select("#t-sev", "medium")
	b.Fill("#t-note", "Confirmed by photos; the partner agreed to reprint")
	b.Submit("#t-note")
	require.Contains(t, b.Text("dl.facts"), "triaged")
	require.Contains(t, b.Text("dl.facts"), "medium")

	b.Fill("#m-desc", "Replace the banners within two weeks")
	b.Fill("#m-due", time.Now().AddDate(0, 0, 14).Format("2006-01-02"))
	b.Submit("#m-desc")
	require.Contains(t, b.Text("#measures"), "Replace the banners within two weeks · BRC · proposed")
	b.Check(`input[name="agreed_by"]`)
	b.Click(`form:has(input[value="agree"]) button[type="submit"]`)
	b.WaitText("#measures", "· agreed")

	rung := webtest.Eval[string](b, `document.querySelector('#e-rung option:last-child').value`)
	b.Select("#e-rung", rung)
	b.Fill("#e-reason", "The partner has not answered in a week")
	b.Submit("#e-reason")
	require.Contains(t, b.Text(".notice"), "Saved")
	b.Go(site.OpPath(""))
	require.Contains(t, b.Text("main"), "The partner has not answered in a week", "the home page lists the waiting escalation")
}

// A correction from a record's page: pick the field, give the value, say why;
// the record then shows the corrected value.
func TestOfficerCorrectsADueDate(t *testing.T) {
	site := webtest.Start(t)
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, site.Token(t, auth.RoleOfficer))
	b.Go(site.OpPath("/actions?open=1"))
	b.Click("#tracker tbody tr a")
	b.WaitText("h1", "Action point")
	b.Click(`a[href*="/correct/actionpoint/"]`)
	b.WaitText("h1", "Correct a record")
	pick := webtest.Eval[string](b, `[...document.querySelectorAll('#pick option')].find(o => o.value.endsWith('|due_at')).value`)
	b.Select("#pick", pick)
	b.Fill("#value", "2027-01-15")
	b.Fill("#reason", "The minutes said 15 January; it was typed as the 5th")
	b.Submit("#reason")
	require.Contains(t, b.Text(".notice"), "Saved")
	require.Contains(t, b.Text("dl.facts"), "15 Jan 2027")
}
