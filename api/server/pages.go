package server

import (
	"net/http"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/web"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections"
)

// withPages serves the web interface at / beside the API, on the same
// service, views, tokens and access log.
func withPages(o Options, b *backing, api *httpapi.Server, svc *recorder.Service, runner *projections.Runner, access httpapi.AccessLog) (http.Handler, error) {
	tokens, err := b.openTokens(o.DataDir)
	if err != nil {
		return nil, err
	}
	pages := web.New(web.Config{Service: svc, Tokens: tokens, Runner: runner, Views: runnerViews{runner},
		Access: access, Logger: o.Logger, API: api})
	return web.Beside(api.Handler(), pages.Handler()), nil
}
