#!/usr/bin/env bash
# Start one insecure KurrentDB node in Docker on 127.0.0.1:2113, for
# development and for the adapter's real-server tests:
#
#   scripts/kurrentdb-docker.sh            # start (in memory) and wait until it answers
#   KURRENTDB_DATA=./kdb-data scripts/kurrentdb-docker.sh   # keep data on disk
#   scripts/kurrentdb-docker.sh stop       # stop and remove the container
#
# Then:
#   LEDGER_TEST_ESDB='esdb://127.0.0.1:2113?tls=false' go test ./eventstore/kurrent/... -count=1
#   ledger serve --store 'esdb://127.0.0.1:2113?tls=false&maxAppendSize=2097152'
#
# Insecure means no TLS and no authentication: never expose this node beyond
# the loopback interface. Production nodes and clusters: see
# eventstore/kurrent/README.md.
set -euo pipefail

NAME="${KURRENTDB_CONTAINER:-ledger-kurrentdb}"
IMAGE="${KURRENTDB_IMAGE:-docker.kurrent.io/kurrent-latest/kurrentdb:latest}"
PORT="${KURRENTDB_PORT:-2113}"
# 2 MiB, so that an append of the ledger's full 1 MiB of data and metadata
# fits with its protobuf framing (the node's default is exactly 1 MiB).
MAX_APPEND_SIZE="${KURRENTDB_MAX_APPEND_SIZE:-2097152}"

die() { echo "kurrentdb-docker: $*" >&2; exit 1; }

if ! command -v docker >/dev/null 2>&1; then
	die "Docker is not installed here. Install Docker, or run KurrentDB another way (see eventstore/kurrent/README.md); the adapter's protocol tests need no server."
fi
if ! docker info >/dev/null 2>&1; then
	die "Docker is installed but its daemon is not reachable (is it running, and may this user use it?). The adapter's protocol tests need no server."
fi

if [[ "${1:-start}" == "stop" ]]; then
	docker rm -f "$NAME" >/dev/null 2>&1 && echo "kurrentdb-docker: stopped $NAME" || echo "kurrentdb-docker: $NAME was not running"
	exit 0
fi

if docker ps --format '{{.Names}}' | grep -qx "$NAME"; then
	echo "kurrentdb-docker: $NAME is already running on 127.0.0.1:$PORT"
	exit 0
fi
docker rm -f "$NAME" >/dev/null 2>&1 || true

storage=(-e KURRENTDB_MEM_DB=true)
if [[ -n "${KURRENTDB_DATA:-}" ]]; then
	mkdir -p "$KURRENTDB_DATA"
	storage=(-v "$(cd "$KURRENTDB_DATA" && pwd):/var/lib/kurrentdb")
fi

docker run -d --name "$NAME" \
	-p "127.0.0.1:$PORT:2113" \
	-e KURRENTDB_INSECURE=true \
	-e KURRENTDB_RUN_PROJECTIONS=None \
	-e KURRENTDB_MAX_APPEND_SIZE="$MAX_APPEND_SIZE" \
	"${storage[@]}" \
	"$IMAGE" >/dev/null || die "could not start $IMAGE"

echo -n "kurrentdb-docker: waiting for 127.0.0.1:$PORT "
for _ in $(seq 1 60); do
	if curl -fsS "http://127.0.0.1:$PORT/health/live" >/dev/null 2>&1; then
		echo " ready"
		echo "connection string: esdb://127.0.0.1:$PORT?tls=false&maxAppendSize=$MAX_APPEND_SIZE"
		exit 0
	fi
	echo -n "."
	sleep 1
done
echo
docker logs --tail 30 "$NAME" >&2 || true
die "the node did not become healthy within 60 s"
