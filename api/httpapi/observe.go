package httpapi

import (
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"
)

// probes are polled by orchestrators and scrapers; logging each would bury
// the requests people make.
var probes = map[string]bool{"/healthz": true, "/readyz": true, "/metrics": true}

// observe is the outermost middleware. It hands errors to the error handler
// itself, so that the status it counts and logs is the one the client got.
func (s *Server) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err)
		}
		took := time.Since(start)
		s.cfg.Metrics.observe(c, took)
		level := slog.LevelInfo
		if probes[c.Path()] {
			level = slog.LevelDebug
		}
		s.log.Log(c.Request().Context(), level, "request",
			slog.String("method", c.Request().Method), slog.String("path", c.Request().URL.Path),
			slog.Int("status", c.Response().Status), slog.Duration("took", took),
			slog.String("request_id", c.Response().Header().Get(echo.HeaderXRequestID)))
		return nil
	}
}
