package kurrent

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseConnString(t *testing.T) {
	cases := []struct {
		in      string
		address string
		tls     bool
		user    string
		seeds   int
	}{
		{"esdb://127.0.0.1:2113?tls=false", "127.0.0.1:2113", false, "", 0},
		{"kurrentdb://admin:changeit@node1:2113", "node1:2113", true, "admin", 0},
		{"KurrentDB://node1?tls=false&maxAppendSize=2097152", "node1:2113", false, "", 0},
		{"kurrentdb+discover://cluster.example.com:2113", "cluster.example.com:2113", true, "", 0},
		{"esdb://n1:2113,n2:2113,n3:2113?tls=true&tlsVerifyCert=false&streamPrefix=ledger-", "", true, "", 3},
	}
	for _, c := range cases {
		cfg, opts, err := parseConnString(c.in)
		require.NoError(t, err, c.in)
		require.Equal(t, c.address, cfg.Address, c.in)
		require.Equal(t, c.tls, !cfg.DisableTLS, c.in)
		require.Equal(t, c.user, cfg.Username, c.in)
		require.Len(t, cfg.GossipSeeds, c.seeds, c.in)
		conf := defaultConfig()
		for _, o := range opts {
			o(&conf)
		}
		if c.seeds == 3 {
			require.Equal(t, "ledger-", conf.prefix)
			require.True(t, cfg.SkipCertificateVerification)
		}
		if c.user == "" && c.seeds == 0 && c.address == "node1:2113" {
			require.Equal(t, 2<<20, conf.maxAppendSize)
		}
	}
}

func TestParseConnStringRejects(t *testing.T) {
	for _, bad := range []string{
		"http://127.0.0.1:2113",
		"esdb://:secret@127.0.0.1:2113",
		"esdb://127.0.0.1:port",
		"esdb://127.0.0.1:2113?maxAppendSize=lots",
		"esdb://127.0.0.1:2113?streamPrefix=$sys",
		"esdb://127.0.0.1:2113?nodePreference=nearest",
	} {
		_, _, err := parseConnString(bad)
		require.ErrorIs(t, err, ErrInvalidConnString, bad)
		require.NotContains(t, err.Error(), "secret", bad)
	}
}

func TestParseActualFromClientMessage(t *testing.T) {
	for msg, want := range map[string]uint64{
		"wrong expected version: expecting '1' but got '2'":           3,
		"wrong expected version: expecting 'any' but got 'no_stream'": 0,
	} {
		got, ok := actualFromMessage(msg)
		require.True(t, ok, msg)
		require.Equal(t, want, got, msg)
	}
	_, ok := actualFromMessage("something else")
	require.False(t, ok)
}
