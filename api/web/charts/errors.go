package charts

import "errors"

// ErrNoID: a chart needs an id (unique on the page) and a title, or screen
// readers have nothing to announce and two charts would share a pattern.
var ErrNoID = errors.New("charts: a chart needs an id and a title")

// ErrBadBins: histogram bin edges must rise strictly.
var ErrBadBins = errors.New("charts: bin edges must rise strictly")
