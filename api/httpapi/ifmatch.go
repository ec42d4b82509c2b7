package httpapi

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/movementcoord/ledger/eventstore/recorder"
)

// parseIfMatch reads If-Match as a stream version: 3 or "3" (an ETag as this
// server sends it). ok is false when the header is absent.
func parseIfMatch(h string) (version uint64, ok bool, err error) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, false, nil
	}
	v, err := strconv.ParseUint(strings.Trim(h, `"`), 10, 64)
	if err != nil {
		return 0, false, newAPIError(http.StatusBadRequest, "input.if_match",
			fmt.Sprintf("If-Match must be the record's version as a number, such as 3 or \"3\" (got %q)", h),
			FieldError{Field: "If-Match", Detail: "must be a stream version"})
	}
	return v, true, nil
}

// preconditionProblem answers an If-Match that is not the record's version.
func preconditionProblem(e *recorder.PreconditionError) Problem {
	return newProblem(http.StatusPreconditionFailed, "record.version_mismatch",
		fmt.Sprintf("the record is at version %d, not %d: someone changed it since you read it; reload it and decide again", e.Actual, e.Expected),
		FieldError{Field: "If-Match", Detail: fmt.Sprintf("current version is %d", e.Actual)})
}

func errIfMatchNeedsID() error {
	return newAPIError(http.StatusBadRequest, "input.if_match",
		"If-Match needs the record's id in the body",
		FieldError{Field: "id", Detail: "required with If-Match"})
}

func etag(version uint64) string { return strconv.Quote(strconv.FormatUint(version, 10)) }
