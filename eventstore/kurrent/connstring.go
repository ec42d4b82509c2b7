package kurrent

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
)

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
// configuration and the adapter options it carries (see ourSettings).
// Errors never repeat the string: it may hold a password.
func parseConnString(s string) (*esdb.Configuration, []Option, error) {
	s, opts, err := takeOurSettings(s)
	if err != nil {
		return nil, nil, err
	}
	cfg, err := parseClientConnString(s)
	return cfg, opts, err
}

func parseClientConnString(s string) (*esdb.Configuration, error) {
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

// ourSettings are connection string settings read by the adapter, not the
// client, so that `ledger serve --store` needs nothing but the string.
var ourSettings = map[string]func(string) (Option, error){
	"maxappendsize": func(v string) (Option, error) {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%w: maxAppendSize must be a positive number of bytes", ErrInvalidConnString)
		}
		return WithMaxAppendSize(n), nil
	},
	"maxappendeventsize": func(v string) (Option, error) {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%w: maxAppendEventSize must be a positive number of bytes", ErrInvalidConnString)
		}
		return WithMaxAppendEventSize(n), nil
	},
	"acceptunmarked": func(v string) (Option, error) {
		if v != "true" {
			return nil, fmt.Errorf("%w: acceptUnmarked takes only true", ErrInvalidConnString)
		}
		return WithUnmarkedEvents(), nil
	},
	"streamprefix": func(v string) (Option, error) {
		p, err := url.QueryUnescape(v)
		if err != nil {
			return nil, fmt.Errorf("%w: streamPrefix must be URL-escaped", ErrInvalidConnString)
		}
		if err := validPrefix(p); err != nil {
			return nil, err
		}
		return WithStreamPrefix(p), nil
	},
}

// takeOurSettings removes our settings from the query and turns them into
// options. It works on the raw text: cluster strings with several hosts
// are not valid URLs.
func takeOurSettings(s string) (string, []Option, error) {
	base, query, found := strings.Cut(s, "?")
	if !found {
		return s, nil, nil
	}
	var keep []string
	var opts []Option
	for _, kv := range strings.Split(query, "&") {
		k, v, _ := strings.Cut(kv, "=")
		parse, ours := ourSettings[strings.ToLower(k)]
		if !ours {
			keep = append(keep, kv)
			continue
		}
		o, err := parse(v)
		if err != nil {
			return "", nil, err
		}
		opts = append(opts, o)
	}
	if len(keep) == 0 {
		return base, opts, nil
	}
	return base + "?" + strings.Join(keep, "&"), opts, nil
}
