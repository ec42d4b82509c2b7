package analysis

import "encoding/json"

// MarshalJSON writes durations in seconds: readers of an export or of the
// API should not have to know Go's nanoseconds.
func (d Durations) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Count  int     `json:"count"`
		Median float64 `json:"median_s"`
		P90    float64 `json:"p90_s"`
	}{d.Count, d.Median.Seconds(), d.P90.Seconds()})
}

// MarshalJSON writes the slippage in seconds.
func (c ComponentActions) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Overdue  int     `json:"overdue"`
		Slipped  int     `json:"slipped"`
		Slippage float64 `json:"slippage_s"`
	}{c.Overdue, c.Slipped, c.Slippage.Seconds()})
}
