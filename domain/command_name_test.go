package domain_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
)

func TestCommandNameIsTheInverseOfDecodeCommand(t *testing.T) {
	for _, name := range domain.CommandNames() {
		cmd, err := domain.DecodeCommand(name, nil)
		require.NoError(t, err, name)
		require.Equal(t, name, domain.CommandName(cmd))
	}
	require.Equal(t, "actionpoint.raise", domain.CommandName(domain.RaiseActionPoint{}))
	require.Equal(t, "operation.open", domain.CommandName(&domain.OpenOperation{}), "a pointer names its command too")
	require.Empty(t, domain.CommandName(nil))
}
