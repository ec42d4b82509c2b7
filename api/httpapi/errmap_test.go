package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

func TestProblemForMapsEveryFamily(t *testing.T) {
	t.Parallel()
	wrap := func(err error) error { return fmt.Errorf("command x: %w", err) }
	cases := []struct {
		err    error
		status int
		code   string
	}{
		{wrap(domain.ErrRequired), 400, "input.required"},
		{wrap(domain.ErrWrongState), 409, "state.transition_refused"},
		{wrap(domain.ErrNotFound), 404, "record.not_found"},
		{&domain.Error{Code: "x.forbidden", Kind: domain.KindForbidden, Message: "no"}, 403, "x.forbidden"},
		{wrap(recorder.ErrRetriesExhausted), 409, "record.busy"},
		{wrap(recorder.ErrMissingID), 400, "input.required"},
		{recorder.ErrNoKeyStore, 409, "erasure.no_key_store"},
		{wrap(recorder.ErrUnknownPerson), 404, "person.not_found"},
		{wrap(auth.ErrUnauthenticated), 401, "auth.unauthenticated"},
		{wrap(&eventstore.WrongExpectedVersionError{Stream: "s"}), 409, "record.changed"},
		{wrap(eventstore.ErrPayloadTooLarge), 413, "input.too_large"},
		{wrap(eventstore.ErrUnavailable), 503, "store.unavailable"},
		{wrap(eventstore.ErrStorageFull), 507, "storage.full"},
		{wrap(eventstore.ErrHistoryRemoved), 500, "store.history_removed"},
		{wrap(eventstore.ErrInvalidPosition), 400, "input.invalid"},
		{wrap(fmt.Errorf("%w: %w", ErrBodyUnreadable, io.ErrUnexpectedEOF)), 400, "input.body_unreadable"},
		{wrap(fmt.Errorf("%w: %w", ErrBodyUnreadable, os.ErrDeadlineExceeded)), 408, "input.body_timeout"},
		{wrap(keystore.ErrUnavailable), 503, "keys.unavailable"},
		{wrap(eventstore.ErrClosed), 503, "store.unavailable"},
		{echo.ErrNotFound, 404, "route.not_found"},
		{echo.ErrMethodNotAllowed, 405, "route.method_not_allowed"},
		{context.Canceled, statusClientClosed, "request.cancelled"},
		{errors.New("disk on fire"), 500, "server.internal"},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			p := problemFor(tc.err)
			require.Equal(t, tc.status, p.Status)
			require.Equal(t, tc.code, p.Code)
			require.Equal(t, problemTypeBase+tc.code, p.Type)
			require.NotEmpty(t, p.Detail)
		})
	}
	require.Equal(t, http.StatusText(400), problemFor(domain.ErrInvalid).Title)
}
