package httpapi

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/movementcoord/ledger/domain"
)

func errUnknownCommand(name string) error {
	return newAPIError(http.StatusNotFound, "command.unknown",
		fmt.Sprintf("%q is not a command; GET /api/v1/commands lists them", name))
}

// decodeCommand decodes strictly through the domain and, when the body is
// refused, names every field at fault.
func decodeCommand(name string, body []byte) (domain.Command, error) {
	cmd, err := domain.DecodeCommand(name, body)
	if err == nil {
		return cmd, nil
	}
	var de *domain.Error
	if !errors.As(err, &de) {
		return nil, err
	}
	spec, _ := domain.CommandSpecOf(name) // DecodeCommand found it
	if refusal := locateAll(spec.Type, body).refusal(de.Code); refusal != nil {
		return nil, refusal
	}
	return nil, err
}
