package web

import "github.com/labstack/echo/v4"

// officerRoutes are the officer's pages inside an operation: read holds
// pages every role may open (the menus hide what a role does not use);
// write needs a role that writes.
func (w *Web) officerRoutes(read, write *echo.Group) {
	read.GET("/meetings", w.meetingsPage)
	read.GET("/meetings/:id", w.meetingPage)
	write.GET("/meetings/new", w.newMeeting)
	write.POST("/meetings/new", w.recordMeeting)
	write.POST("/meetings/quorum", w.quorumPanel)
	write.POST("/meetings/:id/minutes", w.minutesStep)
	read.GET("/live", w.live)
	read.GET("/actions", w.actionsPage)
	write.POST("/actions/:id/status", w.changeStatus)
	read.GET("/actions/:id", w.actionPage)
	read.GET("/decisions", w.decisionsPage)
	read.GET("/decisions/:id", w.decisionPage)
	write.GET("/correct/:kind/:id", w.correctionForm)
	write.POST("/correct/:kind/:id", w.recordCorrection)
	read.GET("/components", w.componentsPage)
	read.GET("/contacts", w.contactsPage)
	read.GET("/compliance", w.compliancePage)
	write.GET("/compliance/new", w.newIssue)
	write.POST("/compliance/new", w.reportIssue)
	read.GET("/compliance/:id", w.issuePage)
	write.POST("/compliance/:id/step", w.issueStep)
}
