#!/usr/bin/env bash
# The README's run command: installs what is missing, then runs the Aspire AppHost, which starts the stores
# (PostgreSQL, Redis, Azurite, clamd, an SMTP sink: executables here, containers where Docker or Podman runs),
# the migrations and first-run seed, the four services and the dashboard. Ctrl+C or SIGTERM stops all of it.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
DD_LOG_PREFIX="[run]"

# The stores' fixed local ports (AppHost/Stores), the services' (their launch profiles) and the dashboard's.
readonly DD_PORTS=(55432 56379 50000 53310 52525 5100 5200 5300 5400 18888 18889 18890)

usage() {
  cat <<EOF
Usage: scripts/run.sh [--reset] [--help] [-- <AppHost arguments>]

Installs what is missing (scripts/install-prerequisites.sh), then runs the AppHost (dotnet run --project AppHost),
which prints the URLs of the admin portal, the Api and the Aspire dashboard once everything is healthy, and the
first-run credentials on the first start. Ctrl+C stops everything it started.

Options:
  --reset      delete the local data (database, cache, blobs, mail, generated passwords) before starting
  -h, --help   show this help

Ports on 127.0.0.1: Api 5100, Web 5200, Worker 5300, DeliveryWorker 5400; Postgres 55432, Redis 56379,
Azurite 50000, clamd 53310, SMTP sink 52525; dashboard 18888 (OTLP 18889, resource service 18890).
Local data and generated passwords: .local/ (secrets/ holds postgres.password and first-run-credentials.txt;
customer mail lands in mail/new/). AppHost settings: --Stores:Mode=Executables|Containers|Auto,
--Stores:LocalDirectory=<folder>.
EOF
}

reset=false
apphost_args=()
while (($#)); do
  case $1 in
    --reset) reset=true ;;
    -h | --help)
      usage
      exit 0
      ;;
    --)
      shift
      apphost_args=("$@")
      break
      ;;
    *)
      usage >&2
      die "unknown option: $1"
      ;;
  esac
  shift
done

local_dir="${DD_REPO_ROOT}/.local"
for port in "${DD_PORTS[@]}"; do
  require_free_port "${port}" "the AppHost's fixed ports (is another run still up?)"
done

"${DD_REPO_ROOT}/scripts/install-prerequisites.sh"

if [[ ${reset} == true ]]; then
  log "Resetting: deleting the local data in ${local_dir}"
  rm -rf "${local_dir:?}/postgres" "${local_dir:?}/redis" "${local_dir:?}/azurite" "${local_dir:?}/clamav" \
    "${local_dir:?}/mail" "${local_dir:?}/secrets"
fi

# The AppHost runs in a process group of its own, and Ctrl+C, SIGTERM or a closed terminal reach it as one SIGTERM
# to that group: the AppHost stops every resource, and DCP, which it detached, ends the last of them within seconds.
# This script then waits for every port to close, so a second start never finds one taken.
status=0
cd "${DD_REPO_ROOT}"
setsid dotnet run --project AppHost --launch-profile http -- "${apphost_args[@]}" </dev/null &
apphost=$!
# shellcheck disable=SC2317 # reached through the traps
stop_apphost() { kill -TERM -- "-${apphost}" 2>/dev/null || true; }
trap stop_apphost INT TERM HUP
# wait returns early when a trapped signal arrives; keep waiting until the AppHost has really exited.
while kill -0 "${apphost}" 2>/dev/null; do
  wait "${apphost}" || status=$?
done
trap - INT TERM HUP

deadline=$((SECONDS + 30))
for port in "${DD_PORTS[@]}"; do
  while port_is_open "${port}" && ((SECONDS < deadline)); do sleep 0.5; done
  if port_is_open "${port}"; then warn "port ${port} is still open 30 s after the AppHost stopped"; fi
done
exit "${status}"
