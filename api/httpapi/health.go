package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// readyTimeout bounds the store check, so a hung store makes /readyz fail
// rather than hang the orchestrator's probe.
const readyTimeout = 2 * time.Second

func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, Status{Status: "ok"})
}

// readyz answers whether the store is reachable and the views, if any, have
// caught up; the body lists each view's lag either way.
func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), readyTimeout)
	defer cancel()
	st := Status{Status: "ready", Store: "ok"}
	if err := s.reads.ready(ctx); err != nil {
		s.log.Warn("not ready: store", "err", err)
		st.Status, st.Store = "unavailable", err.Error()
	}
	if v := s.cfg.Views; v != nil {
		st.Views = v.Status()
		if !v.Ready() && st.Status == "ready" {
			st.Status = "catching_up"
		}
	}
	if report := s.cfg.SharedStore; report != nil {
		r := report()
		st.SharedStore = &r
	}
	if i := s.cfg.Integrity; i != nil {
		if err := i.Broken(); err != nil {
			st.Status, st.Integrity = "integrity_broken", err.Error()
		}
	}
	if st.Status != "ready" {
		return c.JSON(http.StatusServiceUnavailable, st)
	}
	return c.JSON(http.StatusOK, st)
}

// openapi serves the document the server was built with.
func (s *Server) openapi(c echo.Context) error {
	if len(s.cfg.OpenAPI) == 0 {
		return errNotFound("route.not_found", "this server was built without its OpenAPI document")
	}
	return c.Blob(http.StatusOK, "application/json", s.cfg.OpenAPI)
}
