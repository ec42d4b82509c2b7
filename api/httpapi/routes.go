package httpapi

import (
	"strings"

	"github.com/labstack/echo/v4"
)

// routes lists every endpoint with who may use it. Roles are checked inside
// the handlers where they depend on the record (an officer's operations).
func (s *Server) routes(e *echo.Echo) {
	// Open: process and documentation endpoints, no token.
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	s.cfg.Metrics.watchIntegrity(s.cfg.Integrity)
	e.GET("/metrics", s.cfg.Metrics.handler())
	e.GET("/api/openapi.json", s.openapi)

	v1 := e.Group("/api/v1", s.authenticate, s.integrityWarning)
	v1.GET("/me", s.me)                                // any token
	v1.GET("/commands", s.listCommands)                // any token
	v1.POST("/commands/:name", s.postCommand)          // officer (its operations), admin (operation.*)
	v1.GET("/records/:kind/:id", s.getRecord)          // all roles; officer: its operations
	v1.GET("/streams/:stream/events", s.streamEvents)  // all roles; analyst: no confidential, no personal data
	v1.GET("/events/live", s.liveEvents)               // all roles, filtered as above
	v1.GET("/tokens", s.listTokens, adminOnly)         // admin
	v1.POST("/tokens", s.createToken, adminOnly)       // admin
	v1.DELETE("/tokens/:id", s.revokeToken, adminOnly) // admin
	if s.cfg.Runner != nil {                           // registers: all roles; officer: its operations; analyst: filtered
		v1.GET("/operations", s.operations)
		v1.GET("/operations/:id/action-points", s.actionPoints)
		v1.GET("/operations/:id/decisions", s.decisions)
		v1.GET("/operations/:id/compliance-issues", s.complianceIssues)
		v1.GET("/operations/:id/escalations", s.escalations)
		v1.GET("/operations/:id/components", s.components)
		v1.GET("/operations/:id/contacts", s.contacts)
		v1.GET("/operations/:id/mechanisms", s.mechanisms)
		v1.GET("/operations/:id/meetings", s.meetings)
		v1.GET("/operations/:id/lessons", s.lessons)
		v1.GET("/operations/:id/figures", s.figures)
		v1.GET("/operations/:id/timeline", s.timeline)
		v1.GET("/operations/:id/export", s.exportView) // as the register exported
		v1.GET("/audit/:kind/:id", s.recordAudit)      // not analysts
		v1.GET("/audit", s.auditSearch)                // not analysts
	}
	if s.cfg.Access != nil {
		v1.GET("/access-log", s.accessLog, reviewers) // reviewer, admin
	}
	if s.cfg.Integrity != nil {
		v1.GET("/integrity/digest", s.integrityDigest)                 // any token
		v1.GET("/integrity/proof", s.integrityProof, reviewers)        // reviewer, admin
		v1.GET("/integrity/consistency", s.integrityConsistency)       // any token
		v1.GET("/operations/:id/bundle", s.operationBundle, reviewers) // reviewer, admin
	}
	s.followUpRoutes(e, v1) // calendar feeds and an operation's follow-up (followup.go)
	for _, r := range ResourceRoutes() {
		v1.POST(strings.TrimPrefix(echoPath(r.Path), "/api/v1"), s.resourceCommand(r)) // as /commands/:name
	}
}
