package web

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/web/assets"
	"github.com/movementcoord/ledger/api/web/i18n"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections"
)

// Config is what the pages are built from: the same service, tokens, views
// and access log as the API.
type Config struct {
	Service *recorder.Service
	Tokens  *auth.Store
	Runner  *projections.Runner
	// Views, when set, is told of each append (honest lag), as the API does.
	Views  httpapi.Views
	Access httpapi.AccessLog // nil: confidential reads are not recorded
	// API is the JSON API beside the pages: as-of views, integrity,
	// exports and record states come from it, so pages and API agree.
	// nil: those pages answer not found.
	API    *httpapi.Server
	Logger *slog.Logger
	Now    func() time.Time // nil: time.Now (tests set "today")
}

// Web is the browser interface.
type Web struct {
	cfg      Config
	echo     *echo.Echo
	catalog  *i18n.Catalogue
	assets   *assets.Set
	pages    *pageSet
	sessions *sessions
	log      *slog.Logger
	sw       []byte // the service worker, made from this Web's assets and languages
}

// New builds the pages. It panics on a missing dependency or a template that
// does not parse: both are bugs found at start-up.
func New(cfg Config) *Web {
	if cfg.Service == nil || cfg.Tokens == nil || cfg.Runner == nil {
		panic("web: New needs a service, a token store and the views runner")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cat, err := i18n.Load()
	if err != nil {
		panic(err)
	}
	set, err := assets.Load()
	if err != nil {
		panic(err)
	}
	w := &Web{cfg: cfg, catalog: cat, assets: set, sessions: newSessions(cfg.Service, cfg.Now), log: cfg.Logger}
	w.sw = w.serviceWorkerSource()
	w.pages = mustParsePages(set)
	w.echo = w.newEcho()
	return w
}

// Handler serves the pages.
func (w *Web) Handler() http.Handler { return w.echo }

func (w *Web) newEcho() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = w.errorHandler
	e.Use(middleware.Recover(), middleware.GzipWithConfig(middleware.GzipConfig{Level: 6, MinLength: 512,
		Skipper: func(c echo.Context) bool { return strings.HasSuffix(c.Path(), "/live") }}), // a stream is flushed as it goes
		securityHeaders, w.language, w.session, w.checkCSRF)
	e.GET(assets.Prefix+"*", echo.WrapHandler(w.assets))
	w.routes(e)
	return e
}

// securityHeaders: pages load nothing from elsewhere and are never framed.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		return next(c)
	}
}
