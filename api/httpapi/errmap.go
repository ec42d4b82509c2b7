package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// statusClientClosed is nginx's code for a request the client abandoned.
const statusClientClosed = 499

// domainStatus maps a domain error kind to its status family.
var domainStatus = map[domain.ErrorKind]int{
	domain.KindValidation: http.StatusBadRequest,
	domain.KindConflict:   http.StatusConflict,
	domain.KindNotFound:   http.StatusNotFound,
	domain.KindForbidden:  http.StatusForbidden,
}

// storeErrors maps the store's own errors that can reach a client.
var storeErrors = []struct {
	err    error
	status int
	code   string
	detail string
}{
	{eventstore.ErrWrongExpectedVersion, http.StatusConflict, "record.changed", "the record changed while the command was decided; reload it and send the command again"},
	{eventstore.ErrStreamNotFound, http.StatusNotFound, "record.not_found", "the record does not exist"},
	{eventstore.ErrPayloadTooLarge, http.StatusRequestEntityTooLarge, "input.too_large", "the events this command produces are too large; shorten the texts"},
	{eventstore.ErrInvalidStreamName, http.StatusBadRequest, "input.invalid", "the record reference is not valid"},
	{eventstore.ErrStorageFull, http.StatusInsufficientStorage, "storage.full", "the server's disk is full, so nothing of this request was recorded; tell the administrator, and send it again once they have freed space"},
	{eventstore.ErrUnavailable, http.StatusServiceUnavailable, "store.unavailable", "the event store cannot be reached; try again shortly"},
	{eventstore.ErrClosed, http.StatusServiceUnavailable, "store.unavailable", "the server is shutting down; try again shortly"},
	{eventstore.ErrHistoryRemoved, http.StatusInternalServerError, "store.history_removed", "events of this record were removed in the event store by its operator (retention or deletion), so the ledger will not show a shortened history; tell the administrator (see /readyz)"},
	{eventstore.ErrInvalidPosition, http.StatusBadRequest, "input.invalid", "the position is not an event's position in this ledger's log"},
	{keystore.ErrUnavailable, http.StatusServiceUnavailable, "keys.unavailable", "the key service cannot be reached, so personal data can be neither sealed nor opened; try again shortly"},
}

// problemFor is the one place where an error becomes a status and a problem
// document. Anything it does not recognise is a 500, which is a bug.
func problemFor(err error) Problem {
	var ae *apiError
	var de *domain.Error
	var he *echo.HTTPError
	var pe *recorder.PreconditionError
	var kr *recorder.KeyReusedError
	switch {
	case errors.As(err, &ae):
		p := newProblem(ae.status, ae.code, ae.detail, ae.fields...)
		p.ErrorsOmitted = ae.omitted
		return p
	case errors.As(err, &de):
		return domainProblem(de)
	case errors.As(err, &pe):
		return preconditionProblem(pe)
	case errors.As(err, &kr):
		return newProblem(http.StatusUnprocessableEntity, "idempotency.key_reused",
			fmt.Sprintf("this Idempotency-Key was already used for a different request, which wrote %s %s; send a new key for a new request",
				kr.Ref.Kind, kr.Ref.ID), FieldError{Field: "Idempotency-Key", Detail: "used before with another body"})
	case errors.Is(err, recorder.ErrReservedID):
		return newProblem(http.StatusNotFound, "record.not_found", "no person has this id")
	case errors.Is(err, recorder.ErrRetriesExhausted):
		return newProblem(http.StatusConflict, "record.busy", "the record kept changing while the command was decided; try again")
	case errors.Is(err, recorder.ErrUnknownPerson):
		return newProblem(http.StatusNotFound, "person.not_found",
			"no personal data was ever recorded about this person, so there is nothing to erase; check the id (a contact's or attendee's person_id)")
	case errors.Is(err, recorder.ErrNoKeyStore):
		return newProblem(http.StatusConflict, "erasure.no_key_store",
			"this ledger does not seal personal data, so a person cannot be erased by destroying a key")
	case errors.Is(err, recorder.ErrMissingID):
		return newProblem(http.StatusBadRequest, "input.required", "this command needs the id of the record it changes",
			FieldError{Field: "id", Detail: "required"})
	case errors.Is(err, ErrBodyUnreadable):
		return bodyProblem(err)
	case errors.Is(err, auth.ErrUnauthenticated):
		return newProblem(http.StatusUnauthorized, "auth.unauthenticated", "send a valid bearer token in the Authorization header")
	case errors.As(err, &he):
		return echoProblem(he)
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads this, but metrics and logs
		// must not count it as a server failure.
		return Problem{Type: problemTypeBase + "request.cancelled", Title: "Client Closed Request",
			Status: statusClientClosed, Code: "request.cancelled", Detail: "the client closed the request"}
	case errors.Is(err, personal.ErrNoPerson):
		return newProblem(http.StatusBadRequest, "input.person_required",
			"personal data needs the id of the person it is about, so that it can be erased later: "+err.Error())
	case errors.Is(err, personal.ErrErased):
		return newProblem(http.StatusConflict, "person.erased",
			"this person's data was erased on request; nothing personal about them can be recorded again")
	case errors.Is(err, ErrIntegrityBroken):
		return newProblem(http.StatusServiceUnavailable, "integrity.broken",
			"the server's log failed its integrity check, so it signs nothing; run `ledger verify` and see the first bad event: "+err.Error())
	case errors.Is(err, ErrNoDigestYet):
		return newProblem(http.StatusServiceUnavailable, "integrity.catching_up", "the server is still checking the log; try again shortly")
	case errors.Is(err, context.DeadlineExceeded):
		return newProblem(http.StatusServiceUnavailable, "server.timeout", "the request took too long; try again")
	}
	for _, se := range storeErrors {
		if errors.Is(err, se.err) {
			return newProblem(se.status, se.code, se.detail)
		}
	}
	return newProblem(http.StatusInternalServerError, "server.internal", "the server failed; the error was logged")
}

// bodyProblem answers a body that could not be read: too slow (408), or
// broken on the wire (400). Nothing was recorded either way.
func bodyProblem(err error) Problem {
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return newProblem(http.StatusRequestTimeout, "input.body_timeout",
			"the request body did not arrive in time, so nothing was recorded; send the request again")
	}
	return newProblem(http.StatusBadRequest, "input.body_unreadable",
		"the request body could not be read (its chunked encoding is malformed or the connection ended before the body did), so nothing was recorded; send the request again")
}

func domainProblem(de *domain.Error) Problem {
	status, ok := domainStatus[de.Kind]
	if !ok {
		status = http.StatusBadRequest
	}
	var fields []FieldError
	if de.Field != "" {
		fields = []FieldError{{Field: de.Field, Detail: de.Message, Allowed: de.Allowed}}
	}
	return newProblem(status, de.Code, de.Message, fields...)
}

// echoProblem covers what Echo answers by itself: unknown routes, wrong
// methods, the body limit.
func echoProblem(he *echo.HTTPError) Problem {
	switch he.Code {
	case http.StatusNotFound:
		return newProblem(he.Code, "route.not_found", "no such endpoint; see /api/openapi.json")
	case http.StatusMethodNotAllowed:
		return newProblem(he.Code, "route.method_not_allowed", "this endpoint does not accept that method; see /api/openapi.json")
	case http.StatusRequestEntityTooLarge:
		return newProblem(he.Code, "input.too_large", fmt.Sprintf("the request body is larger than %d bytes", DefaultBodyLimit))
	}
	code := "http.error"
	if he.Code >= 500 {
		code = "server.internal"
	}
	return newProblem(he.Code, code, fmt.Sprint(he.Message))
}

// errorHandler is Echo's HTTPErrorHandler: it writes the problem and logs
// what is a bug.
func (s *Server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	p := problemFor(err)
	switch {
	case p.Status == http.StatusInternalServerError: // a bug
		s.log.Error("request failed", slog.String("method", c.Request().Method),
			slog.String("path", c.Request().URL.Path), slog.Any("err", err))
	case p.Status >= 500: // the store or the views are behind or away
		s.log.Warn("request refused", slog.String("path", c.Request().URL.Path), slog.Any("err", err))
	}
	writeProblem(c.Response(), p)
}
