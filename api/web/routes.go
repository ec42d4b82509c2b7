package web

import "github.com/labstack/echo/v4"

// routes lists every page. Reading pages need a session; pages that write
// also need a role that writes (the service checks the operation).
func (w *Web) routes(e *echo.Echo) {
	e.GET("/signin", w.signinForm)
	e.POST("/signin", w.signin)
	e.POST("/signout", w.signout)
	e.GET("/lang/:tag", w.switchLanguage)
	e.GET("/sw.js", w.serviceWorker) // offline: the service worker (serviceworker.go)

	in := e.Group("", signedIn)
	in.GET("/", w.operationsPage)
	op := in.Group("/ops/:op")
	op.GET("", w.operationHome)
	w.officerRoutes(op, op.Group("", writers))
	w.reviewRoutes(op)
	w.followUpRoutes(op, op.Group("", writers))
	w.outboxRoutes(op, op.Group("", writers))
	w.adminRoutes(in.Group("/admin", admins)) // admin.go: open an operation, tokens
}
