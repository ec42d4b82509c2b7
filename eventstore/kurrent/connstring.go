package kurrent

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
)

// ErrInvalidConnString is returned by Open for a connection string the
// client cannot use.
var ErrInvalidConnString = errors.New("invalid KurrentDB connection string")

// schemes maps the schemes we accept to the two the v4 client parses:
// KurrentDB's own kurrentdb:// (and kurrent://) mean the same as esdb://.
var schemes = map[string]string{
	"esdb://":               "esdb://",
	"esdb+discover://":      "esdb+discover://",
	"kurrentdb://":          "esdb://",
	"kurrentdb+discover://": "esdb+discover://",
	"kurrent://":            "esdb://",
	"kurrent+discover://":   "esdb+discover://",
}

// parseConnString turns a connection string into the client's
// configuration. Errors never repeat the string: it may hold a password.
func parseConnString(s string) (*esdb.Configuration, error) {
	rest, ok := "", false
	for from, to := range schemes {
		if len(s) >= len(from) && strings.EqualFold(s[:len(from)], from) {
			rest, ok = to+s[len(from):], true
			break
		}
	}
	if !ok {
		return nil, fmt.Errorf("%w: scheme must be esdb://, esdb+discover://, kurrentdb:// or kurrentdb+discover://", ErrInvalidConnString)
	}
	cfg, err := esdb.ParseConnectionString(rest)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("%w: %v", ErrInvalidConnString, err)
	}
	return cfg, nil
}
