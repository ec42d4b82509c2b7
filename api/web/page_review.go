package web

import (
	"strings"

	"github.com/movementcoord/ledger/api/auth"
)

// Audits reports whether the signed-in role reads the audit trail (every
// role but analysts, as the API): rows then link to a record's history.
func (p *Page) Audits() bool { return p.Principal != nil && p.Principal.Role != auth.RoleAnalyst }

// Reviews reports whether the signed-in role downloads proofs and bundles.
func (p *Page) Reviews() bool {
	return p.Principal != nil && (p.Principal.Role == auth.RoleReviewer || p.Principal.Role == auth.RoleAdmin)
}

// Num64 formats a count that may exceed an int's range the locale's way.
func (p *Page) Num64(n uint64) string { return p.printer.Sprintf("%d", n) }

// Secs is a duration in whole seconds (the figures' unit) in days, or in
// hours under two days.
func (p *Page) Secs(s int64) string {
	if s < 2*24*3600 {
		return p.N("unit.hours", int((s+1800)/3600))
	}
	return p.N("unit.days", int((s+43200)/86400))
}

// Percent is a share (0.667) as a whole percentage the locale's way.
func (p *Page) Percent(rate float64) string {
	return p.T("unit.percent", "N", p.Num(int(rate*100+0.5)))
}

// Event names an event type in words ("decision adopted" for
// decision.adopted.v1): the message "ev.<type without version>", or the
// type itself where the catalogue has no words for it yet.
func (p *Page) Event(typ string) string {
	name := typ
	if i := strings.LastIndex(typ, ".v"); i > 0 {
		name = typ[:i]
	}
	if s := p.T("ev." + name); s != "ev."+name {
		return s
	}
	return typ
}
