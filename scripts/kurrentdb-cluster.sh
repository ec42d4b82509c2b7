#!/usr/bin/env bash
# Three KurrentDB nodes, a key service and three ledger servers behind a
# load balancer on http://127.0.0.1:8080 (scripts/kurrentdb-cluster/):
#
#   scripts/kurrentdb-cluster.sh          # make the token and certificate once, build, start
#   scripts/kurrentdb-cluster.sh token    # print the first-run admin token
#   scripts/kurrentdb-cluster.sh stop     # stop and remove (volumes kept: add -v by hand to drop them)
#
# Not run by us: no Docker daemon was available where it was written.
set -euo pipefail
cd "$(dirname "$0")/kurrentdb-cluster"

die() { echo "kurrentdb-cluster: $*" >&2; exit 1; }
command -v docker >/dev/null 2>&1 || die "Docker is not installed here."
docker info >/dev/null 2>&1 || die "Docker is installed but its daemon is not reachable."
docker compose version >/dev/null 2>&1 || die "the Docker compose plugin is missing."

case "${1:-start}" in
stop)
	docker compose down
	exit 0
	;;
token)
	# The first server to start finds the shared registry empty and makes
	# the admin token; the others find it and make none.
	for s in ledger1 ledger2 ledger3; do
		docker compose exec -T "$s" /ledger version >/dev/null 2>&1 || true
		docker compose logs "$s" 2>/dev/null | grep -A2 "first run" | grep -o 'lgr_[A-Za-z0-9_-]*' && exit 0
	done
	die "no first-run token in the logs: the registry had tokens already (ledger token create --store ...)"
	;;
esac

if [[ ! -f .env ]]; then
	command -v openssl >/dev/null 2>&1 || die "openssl is needed once, to make the key service's token"
	echo "LEDGER_KEYS_TOKEN=$(openssl rand -hex 32)" > .env
	chmod 600 .env
fi
if [[ ! -f certs/keys.crt ]]; then
	mkdir -p certs
	openssl req -x509 -newkey ed25519 -nodes -days 365 -subj "/CN=keys" \
		-addext "subjectAltName=DNS:keys" -keyout certs/keys.key -out certs/keys.crt 2>/dev/null
	chmod 644 certs/keys.key # read by the container's non-root user; keep this directory private
fi

docker compose up -d --build
echo -n "kurrentdb-cluster: waiting for http://127.0.0.1:8080/readyz "
for _ in $(seq 1 90); do
	if curl -fsS http://127.0.0.1:8080/readyz >/dev/null 2>&1; then
		echo "ready"
		echo "kurrentdb-cluster: admin token: $0 token"
		exit 0
	fi
	echo -n "."
	sleep 2
done
die "not ready after 3 minutes: docker compose -f $(pwd)/compose.yaml logs"
