package serving_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/serving"
)

func TestAnInFlightRequestFinishesBeforeRunReturns(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	inside := make(chan struct{})
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		close(inside)
		time.Sleep(200 * time.Millisecond)
		_, _ = io.WriteString(w, "done")
	})}
	ctx, cancel := context.WithCancel(context.Background())
	ready, ran := make(chan string, 1), make(chan error, 1)
	go func() { ran <- serving.Run(ctx, srv, l, serving.TLS{}, func(a string) { ready <- a }, 5*time.Second) }()
	addr := <-ready
	got := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + addr)
		if err != nil {
			got <- err.Error()
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		got <- string(body)
	}()
	<-inside
	cancel()
	require.NoError(t, <-ran)
	require.Equal(t, "done", <-got, "the request begun before shutdown was answered")
}

func TestAServerThatCannotServeSaysSo(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	require.NoError(t, l.Close())
	err = serving.Run(context.Background(), &http.Server{}, l, serving.TLS{}, nil, time.Second)
	require.ErrorContains(t, err, "serve:")
}
