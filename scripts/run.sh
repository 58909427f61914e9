#!/usr/bin/env bash
# Runs DigitalDelivery locally without containers: PostgreSQL, Redis and Azurite as plain processes with their
# data in .local/, then the four services with exactly the environment the Aspire AppHost would give them.
# Ctrl+C (or SIGTERM) stops everything this script started. Run with --help for the options.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/processes.sh
source "${DD_REPO_ROOT}/scripts/lib/processes.sh"
# shellcheck source=lib/infrastructure.sh
source "${DD_REPO_ROOT}/scripts/lib/infrastructure.sh"
# shellcheck source=lib/clamav.sh
source "${DD_REPO_ROOT}/scripts/lib/clamav.sh"
# shellcheck source=lib/services.sh
source "${DD_REPO_ROOT}/scripts/lib/services.sh"
DD_LOG_PREFIX="[run]"

usage() {
  cat <<EOF
Usage: scripts/run.sh [--reset] [--no-build] [--help]

Installs what is missing (scripts/install-prerequisites.sh), starts PostgreSQL, Redis and Azurite with their data
in .local/, builds ${DD_SOLUTION_FILTER}, applies the database migrations, starts Api, Worker, DeliveryWorker and
Web, waits until every /health answers 200 and prints the URLs. Ctrl+C stops everything it started.

Options:
  --reset      delete the local data (database, cache, blobs, logs, generated passwords) before starting
  --no-build   use the existing build output instead of building first
  -h, --help   show this help

Environment (defaults in brackets; ports are on 127.0.0.1, chosen away from the usual defaults):
  DD_POSTGRES_PORT [55432]        DD_API_PORT [5100]        DD_WORKER_PORT [5300]
  DD_REDIS_PORT [56379]           DD_WEB_PORT [5200]        DD_DELIVERYWORKER_PORT [5400]
  DD_AZURITE_PORT [50000]         DD_CONFIGURATION [Debug]  DD_CLAMAV_PORT [53310]  DD_HEALTH_TIMEOUT [180] seconds
  DD_SMTP_PORT [52525]: the SMTP sink customer mail goes to (stored in <DD_LOCAL_DIR>/mail/new/)
  DD_LOCAL_DIR [<repository>/.local]: data, logs (logs/<service>.log) and generated passwords (secrets/)
  OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL [grpc]: passed to the services only when set
EOF
}

reset=false
build=true
while (($#)); do
  case $1 in
    --reset) reset=true ;;
    --no-build) build=false ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      usage >&2
      die "unknown option: $1"
      ;;
  esac
  shift
done

# Made absolute (and created) so that every process, whatever its working directory, gets the same paths.
mkdir -p "${DD_LOCAL_DIR:=${DD_REPO_ROOT}/.local}"
DD_LOCAL_DIR=$(cd "${DD_LOCAL_DIR}" && pwd -P)
DD_LOG_DIR="${DD_LOCAL_DIR}/logs"
DD_SECRETS_DIR="${DD_LOCAL_DIR}/secrets"
DD_RUN_DIR="${DD_LOCAL_DIR}/run"
# Debug, not the Release that the README's test command builds: tests can then rebuild while these services run,
# without overwriting the assemblies they are running from.
DD_CONFIGURATION=${DD_CONFIGURATION:-Debug}
DD_HEALTH_TIMEOUT=${DD_HEALTH_TIMEOUT:-180}
POSTGRES_PORT=${DD_POSTGRES_PORT:-55432}
REDIS_PORT=${DD_REDIS_PORT:-56379}
AZURITE_PORT=${DD_AZURITE_PORT:-50000}
CLAMAV_PORT=${DD_CLAMAV_PORT:-53310}
SMTP_PORT=${DD_SMTP_PORT:-52525}
declare -A SERVICE_PORT=(
  [api]=${DD_API_PORT:-5100}
  [web]=${DD_WEB_PORT:-5200}
  [worker]=${DD_WORKER_PORT:-5300}
  [deliveryworker]=${DD_DELIVERYWORKER_PORT:-5400}
)

# Stops everything this run started; runs on every exit, including a failed step.
# shellcheck disable=SC2317 # reached through the EXIT trap
stop_everything() {
  local status=$?
  # A second Ctrl+C must not cut the teardown short and leave servers behind; nor may a failing step of it (a
  # message to a terminal that hung up): every step is best effort, so errors no longer end the script here.
  trap '' INT TERM HUP
  set +e
  if ((${#DD_GROUPS[@]} > 0)) || [[ ${POSTGRES_STARTED} == true ]]; then
    local stopping=${SECONDS}
    log "Stopping everything this run started"
    # The services (and a build or migration still running) first, together; then the stores they used.
    local entry services=() stores=()
    for entry in "${DD_GROUPS[@]}"; do
      case ${entry%%:*} in
        azurite | redis | clamav | smtp) stores+=("${entry}") ;;
        *) services+=("${entry}") ;;
      esac
    done
    signal_groups "${services[@]}"
    await_groups 20 "${services[@]}"
    signal_groups "${stores[@]}"
    if [[ ${POSTGRES_STARTED} == true ]]; then postgres_stop; fi
    await_groups 20 "${stores[@]}"
    log "Stopped in $((SECONDS - stopping))s."
  fi
  exit "${status}"
}

prepare_local_dir() {
  # One run per data directory: a second one would fight the first over ports and data. flock on fd 9 is
  # released by the kernel whatever way this script ends; the children never inherit fd 9 (start_group).
  exec 9>"${DD_LOCAL_DIR}/run.lock"
  flock -n 9 || die "another scripts/run.sh is already running on ${DD_LOCAL_DIR}; stop it first."

  mkdir -p "${DD_RUN_DIR}"
  stop_leftover_groups
  if postgres_is_running; then
    warn "stopping the Postgres server an earlier run left running"
    postgres_stop
  fi
  if [[ ${reset} == true ]]; then
    log "Resetting: deleting the local data in ${DD_LOCAL_DIR}"
    rm -rf "${DD_LOCAL_DIR:?}/postgres" "${DD_LOCAL_DIR:?}/redis" "${DD_LOCAL_DIR:?}/azurite" "${DD_LOCAL_DIR:?}/clamav" "${DD_LOCAL_DIR:?}/mail" \
      "${DD_LOG_DIR:?}" "${DD_SECRETS_DIR:?}" "${DD_RUN_DIR:?}"
  fi
  mkdir -p "${DD_LOG_DIR}" "${DD_SECRETS_DIR}" "${DD_RUN_DIR}"
  chmod 700 "${DD_SECRETS_DIR}"
}

print_urls() {
  cat <<EOF

DigitalDelivery is running (ready in $((SECONDS - started))s):
  Web (admin)      $(service_url web)/
  Api              $(service_url api)/
  OpenAPI          $(service_url api)/openapi/v1.json
  Worker           $(service_url worker)/health
  DeliveryWorker   $(service_url deliveryworker)/health
  Postgres         127.0.0.1:${POSTGRES_PORT} database ${POSTGRES_DATABASE}, user postgres, password in ${DD_SECRETS_DIR}/postgres.password
  Redis            127.0.0.1:${REDIS_PORT}, password in ${DD_SECRETS_DIR}/redis.password
  Azurite (blobs)  $(azurite_blob_endpoint)
  ClamAV (clamd)   $(clamav_connection_string)
  SMTP sink        $(smtp_connection_string), mail in ${DD_LOCAL_DIR}/mail/new/
  Customer pages   $(service_url web)/my/<token> (links arrive by mail), $(service_url web)/my/resend
  Logs             ${DD_LOG_DIR}/
EOF
  if [[ -n ${SEED_CREDENTIALS_FILE:-} ]]; then
    printf '\nFirst-run credentials (kept in %s):\n' "${SEED_CREDENTIALS_FILE}"
    sed 's/^/  /' "${SEED_CREDENTIALS_FILE}"
    printf '  Sign in at %s/ with owner_email and owner_password; get an Api token with\n' "$(service_url web)"
    printf '  curl -u "<client_id>:<client_secret>" -d grant_type=client_credentials %s/connect/token\n' \
      "$(service_url api)"
  fi
  printf 'Press Ctrl+C to stop.\n\n'
}

# Returns only when a service exits by itself: Ctrl+C/SIGTERM run their trap (exit) while `wait` is waiting.
watch_services() {
  local name status=0
  wait -n "${SERVICE_PID[@]}" || status=$?
  for name in "${SERVICE_NAMES[@]}"; do
    if ! kill -0 "${SERVICE_PID[${name}]}" 2>/dev/null; then
      die "${name} exited unexpectedly (status ${status}); see ${DD_LOG_DIR}/${name}.log. Stopping the rest."
    fi
  done
  die "a service exited unexpectedly (status ${status}); stopping the rest."
}

main() {
  started=${SECONDS}
  trap stop_everything EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  # A closed terminal: the servers are in sessions of their own and would not get the hangup themselves.
  trap 'exit 129' HUP

  prepare_local_dir
  require_free_service_ports
  "${DD_REPO_ROOT}/scripts/install-prerequisites.sh"

  postgres_start
  redis_start
  azurite_start
  clamav_start
  smtp_start

  if [[ ${build} == true ]]; then build_solution; fi
  apply_migrations
  seed_first_run

  log "Starting ${SERVICE_NAMES[*]}"
  start_services
  start_console_tail
  wait_for_services
  print_urls
  watch_services
}

main
