package web

import (
	"strings"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/projections/views"
)

// NavLink is one entry of the main menu.
type NavLink struct {
	LabelID, Href string
	Current       bool
}

// navItem is a menu entry: shown only to the roles it lists, and for
// operation pages only inside an operation. To add a page to the menu, add
// a line here.
type navItem struct {
	labelID string
	path    string // relative to /ops/{id} when inOp, else absolute
	inOp    bool
	roles   []auth.Role // empty: every role
}

var navItems = []navItem{
	{labelID: "nav.operations", path: "/"},
	{labelID: "nav.home", path: "", inOp: true},
	{labelID: "nav.meetings", path: "/meetings", inOp: true, roles: []auth.Role{auth.RoleOfficer}},
	{labelID: "nav.actions", path: "/actions", inOp: true},
	{labelID: "nav.decisions", path: "/decisions", inOp: true},
	{labelID: "nav.compliance", path: "/compliance", inOp: true, roles: []auth.Role{auth.RoleOfficer, auth.RoleReviewer, auth.RoleAnalyst}},
	{labelID: "nav.components", path: "/components", inOp: true},
	{labelID: "nav.contacts", path: "/contacts", inOp: true, roles: []auth.Role{auth.RoleOfficer, auth.RoleReviewer}},
	{labelID: "nav.timeline", path: "/timeline", inOp: true},
	{labelID: "nav.figures", path: "/figures", inOp: true},
	{labelID: "nav.audit", path: "/audit", inOp: true, roles: []auth.Role{auth.RoleOfficer, auth.RoleReviewer, auth.RoleAdmin}},
	{labelID: "nav.integrity", path: "/integrity", inOp: true, roles: []auth.Role{auth.RoleReviewer, auth.RoleAdmin}},
	{labelID: "nav.followup", path: "/follow-up", inOp: true},
	{labelID: "nav.conflicts", path: "/conflicts", inOp: true, roles: []auth.Role{auth.RoleOfficer, auth.RoleReviewer}},
	{labelID: "nav.capture", path: "/capture", inOp: true, roles: []auth.Role{auth.RoleOfficer}},
	{labelID: "admin.nav_open", path: "/admin/operations/new", roles: []auth.Role{auth.RoleAdmin}},
	{labelID: "admin.nav_tokens", path: "/admin/tokens", roles: []auth.Role{auth.RoleAdmin}},
}

// navFor is the menu of a principal on a page; nothing when signed out.
func navFor(p *auth.Principal, op *views.Operation, current string) []NavLink {
	if p == nil {
		return nil
	}
	var out []NavLink
	for _, it := range navItems {
		if !it.allows(p.Role) || (it.inOp && op == nil) {
			continue
		}
		href := it.path
		if it.inOp {
			href = opPath(op.ID.String(), it.path)
		}
		out = append(out, NavLink{LabelID: it.labelID, Href: href, Current: isCurrent(href, current)})
	}
	return out
}

func (it navItem) allows(r auth.Role) bool {
	if len(it.roles) == 0 {
		return true
	}
	for _, x := range it.roles {
		if x == r {
			return true
		}
	}
	return false
}

func opPath(op, rest string) string { return "/ops/" + op + rest }

// isCurrent marks the menu entry of the page shown (the operation home only
// on itself, a register also on its records' pages).
func isCurrent(href, path string) bool {
	if href == "/" || strings.Count(href, "/") == 2 {
		return path == href
	}
	return path == href || strings.HasPrefix(path, href+"/")
}
