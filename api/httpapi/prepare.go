package httpapi

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/movementcoord/ledger/api/auth"
)

// prepareCommand fills the server-owned parts of a command body: the actor is
// always the authenticated principal, an Idempotency-Key header becomes the
// command's key, and the request id becomes the correlation id unless the
// client sent its own (so the audit ties events to the request that made them).
func prepareCommand(obj map[string]json.RawMessage, p auth.Principal, headerKey, requestID string) ([]byte, error) {
	if _, ok := obj["actor"]; ok {
		return nil, newAPIError(http.StatusBadRequest, "input.actor_not_allowed",
			"the actor is taken from your token; remove \"actor\" from the body",
			FieldError{Field: "actor", Detail: "set by the server"})
	}
	if err := mergeKey(obj, headerKey); err != nil {
		return nil, err
	}
	actor, err := json.Marshal(p.Actor())
	if err != nil {
		return nil, fmt.Errorf("encode actor: %w", err)
	}
	obj["actor"] = actor
	if _, ok := obj["correlation_id"]; !ok && requestID != "" {
		obj["correlation_id"], _ = json.Marshal(requestID)
	}
	return json.Marshal(obj)
}

// mergePathID puts a resource path's id into the body field it stands for; a
// body that names a different one is refused.
func mergePathID(obj map[string]json.RawMessage, field, id string) error {
	if field == "" {
		return nil
	}
	want, _ := json.Marshal(id)
	if got, ok := obj[field]; ok && string(got) != string(want) {
		return newAPIError(http.StatusBadRequest, "input.path_mismatch",
			fmt.Sprintf("the path names %s but the body's %s is %s; send one of them", id, field, got),
			FieldError{Field: field, Detail: "differs from the id in the path"})
	}
	obj[field] = want
	return nil
}

// mergeKey puts the header's key in the body; a body that names a different
// key is refused rather than guessed at.
func mergeKey(obj map[string]json.RawMessage, headerKey string) error {
	if headerKey == "" {
		return nil
	}
	want, _ := json.Marshal(headerKey)
	if got, ok := obj["idempotency_key"]; ok && string(got) != string(want) {
		return newAPIError(http.StatusBadRequest, "input.idempotency_key_mismatch",
			"the Idempotency-Key header and the body's idempotency_key differ; send one of them",
			FieldError{Field: "idempotency_key", Detail: "differs from the Idempotency-Key header"})
	}
	obj["idempotency_key"] = want
	return nil
}
