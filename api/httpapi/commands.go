package httpapi

import (
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// writeRequest is one command on its way to the service.
type writeRequest struct {
	name       string
	cmd        domain.Command
	principal  auth.Principal
	ifMatch    uint64
	hasIfMatch bool
}

func (s *Server) listCommands(c echo.Context) error {
	return c.JSON(http.StatusOK, CommandList{Commands: domain.CommandNames()})
}

// postCommand runs one command: parse, authorise against the record's
// operation, check If-Match, execute, answer with where the events landed.
func (s *Server) postCommand(c echo.Context) error {
	return s.runCommand(c, c.Param("name"), "")
}

// resourceCommand serves one resource-shaped route: the path's id fills the
// body field the route names.
func (s *Server) resourceCommand(r ResourceRoute) echo.HandlerFunc {
	return func(c echo.Context) error { return s.runCommand(c, r.Command, r.Field) }
}

func (s *Server) runCommand(c echo.Context, name, pathField string) error {
	req, err := s.parseWrite(c, name, pathField)
	if err != nil {
		return err
	}
	res, err := s.execute(c.Request().Context(), req)
	s.cfg.Metrics.countCommand(name, res, err)
	if err != nil {
		return err
	}
	return respondWrite(c, req.cmd, res)
}

func (s *Server) parseWrite(c echo.Context, name, pathField string) (writeRequest, error) {
	if _, ok := domain.CommandSpecOf(name); !ok {
		return writeRequest{}, errUnknownCommand(name)
	}
	p := principalOf(c)
	if !p.Writes() {
		return writeRequest{}, errForbidden(fmt.Sprintf("a %s token reads and never writes", p.Role))
	}
	ifMatch, has, err := parseIfMatch(c.Request().Header.Get("If-Match"))
	if err != nil {
		return writeRequest{}, err
	}
	obj, err := readObject(c, s.cfg.BodyLimit)
	if err != nil {
		return writeRequest{}, err
	}
	if err := mergePathID(obj, pathField, c.Param("id")); err != nil {
		return writeRequest{}, err
	}
	body, err := prepareCommand(obj, p, c.Request().Header.Get("Idempotency-Key"),
		c.Response().Header().Get(echo.HeaderXRequestID))
	if err != nil {
		return writeRequest{}, err
	}
	cmd, err := decodeCommand(name, body)
	if err == nil && has && cmd.Target().ID == uuid.Nil && domain.Creates(cmd) {
		// The record's id comes from the key; If-Match names a version
		// of a record the request cannot name.
		return writeRequest{}, errIfMatchNeedsID()
	}
	return writeRequest{name: name, cmd: cmd, principal: p, ifMatch: ifMatch, hasIfMatch: has}, err
}

func respondWrite(c echo.Context, cmd domain.Command, res recorder.Result) error {
	c.Response().Header().Set("ETag", etag(res.Version))
	status := http.StatusOK
	if domain.Creates(cmd) && !res.Duplicate {
		status = http.StatusCreated
		c.Response().Header().Set("Location", recordPath(res.Ref))
	}
	return c.JSON(status, res)
}

func recordPath(ref domain.Ref) string {
	return fmt.Sprintf("/api/v1/records/%s/%s", ref.Kind, ref.ID)
}
