package kurrent_test

import (
	"os"
	"testing"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
	"github.com/movementcoord/ledger/eventstore/storetest"
)

// KurrentDB checks event ids only for retries of one append, and its
// positions are log offsets with gaps.
var suiteOptions = storetest.Options{GaplessPositions: false, StrictEventIDs: false}

// TestProtocolConformance runs the conformance suite through the real
// client against the in-process test server (a fresh server per case). It
// tests the adapter and the protocol as the test server speaks it, not a
// real KurrentDB.
func TestProtocolConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) eventstore.Store {
		srv := esdbtest.Start(t, esdbtest.Options{})
		return openStore(t, srv.ConnString())
	}, suiteOptions)
}

// TestProtocolConformanceQuirkyNode runs the suite against a node that
// leaves the features call unimplemented, answers idempotent retries
// without a position, writes a system event after every append and sends
// subscription checkpoints.
func TestProtocolConformanceQuirkyNode(t *testing.T) {
	storetest.Run(t, func(t *testing.T) eventstore.Store {
		srv := esdbtest.Start(t, esdbtest.Options{
			NoServerFeatures: true, IdempotentWithoutPosition: true, SystemEventEvery: 1, Checkpoints: true,
		})
		return openStore(t, srv.ConnString())
	}, suiteOptions)
}

// TestProtocolConformanceSharedNode runs the suite the way the real-server
// run does: one node shared by every case, each case isolated by its own
// stream prefix.
func TestProtocolConformanceSharedNode(t *testing.T) {
	srv := esdbtest.Start(t, esdbtest.Options{})
	storetest.Run(t, func(t *testing.T) eventstore.Store {
		return openStore(t, srv.ConnString(), kurrent.WithStreamPrefix("t"+uuid.NewString()[:8]+"-"))
	}, suiteOptions)
}

// TestRealServerConformance runs the suite against the KurrentDB node in
// LEDGER_TEST_ESDB (for example esdb://127.0.0.1:2113?tls=false, see
// scripts/kurrentdb-docker.sh). Each case gets its own stream prefix, which
// makes it a fresh store on a shared node; reads of $all still scan the
// whole node, so use a node holding little else.
func TestRealServerConformance(t *testing.T) {
	conn := os.Getenv("LEDGER_TEST_ESDB")
	if conn == "" {
		t.Skip("LEDGER_TEST_ESDB is not set; no real KurrentDB to test against")
	}
	storetest.Run(t, func(t *testing.T) eventstore.Store {
		return openStore(t, conn, kurrent.WithStreamPrefix("t"+uuid.NewString()[:8]+"-"))
	}, suiteOptions)
}
