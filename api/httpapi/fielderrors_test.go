package httpapi_test

import (
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
)

// unknownKeysBody is a JSON object of n unknown keys, each a few bytes.
func unknownKeysBody(n int) string {
	var b strings.Builder
	b.WriteString(`{"title":"Deploy ORPs"`)
	for i := range n {
		fmt.Fprintf(&b, `,"k%06d":0`, i)
	}
	b.WriteString("}")
	return b.String()
}

// TestManyBadFieldsGiveAShortProblem: a body just under 1 MiB of unknown
// keys is answered with the first MaxFieldErrors fields and a count of the
// rest, so eight such requests cost the server little.
//
// Not parallel: the memory it measures is the process's.
func TestManyBadFieldsGiveAShortProblem(t *testing.T) {
	e := newEnv(t)
	const keys = 87_000
	body := unknownKeysBody(keys)
	require.Less(t, len(body), httpapi.DefaultBodyLimit, "the body is accepted for parsing")

	type answer struct {
		httpapitest.Problem
		Omitted int `json:"errors_omitted"`
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	replies := make([]httpapitest.Reply, 8)
	for i := range replies { // one after the other: the suite's other tests share the CPU
		replies[i] = e.c.Do(httpapitest.Request{Method: http.MethodPost, Path: "/api/v1/commands/actionpoint.raise",
			Token: e.officer, Body: body, NoCheck: true, Header: map[string]string{"Idempotency-Key": fmt.Sprint("many-", i)}})
	}
	runtime.ReadMemStats(&after)
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("8 requests of %d bytes: answers of %d bytes each, %d MB allocated in all", len(body), len(replies[0].Body), allocated>>20)

	for _, r := range replies {
		require.Equal(t, http.StatusBadRequest, r.Status)
		p := httpapitest.Decode[answer](t, r)
		require.Len(t, p.Errors, httpapi.MaxFieldErrors)
		require.Equal(t, "k000000", p.Errors[0].Field)
		require.Equal(t, keys-httpapi.MaxFieldErrors, p.Omitted)
		require.Contains(t, p.Detail, fmt.Sprint(keys), "the detail says how many fields are at fault")
		require.Less(t, len(r.Body), 8<<10)
	}
	require.Less(t, allocated, uint64(8*80<<20), "client and server together, for eight requests (2 GB before)")
}
