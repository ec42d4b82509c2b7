package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/movementcoord/ledger/domain"
)

// stateValue is a record's state as GET /api/v1/records/{kind}/{id} shows
// it: the domain's own JSON tags (the endpoint's contract), encoded by
// encoding/json, then read back as plain JSON values so that personal keys
// can be taken out for roles that must not see them. Numbers stay exact.
func stateValue(agg domain.Aggregate) (any, error) {
	raw, err := json.Marshal(agg)
	if err != nil {
		return nil, fmt.Errorf("encode %T: %w", agg, err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("read back %T: %w", agg, err)
	}
	return v, nil
}
