# shellcheck shell=bash
# Building, migrating and running the four services for run.sh, with the environment the Aspire AppHost would
# inject (PLATFORM.md section 2), so a service cannot tell run.sh from `dotnet run --project AppHost`.
#
# Expects from run.sh: DD_CONFIGURATION, DD_LOG_DIR, DD_HEALTH_TIMEOUT, SERVICE_PORT (associative array) and the
# started stores (lib/infrastructure.sh).

readonly DD_SOLUTION_FILTER=DigitalDelivery.Local.slnf
readonly DD_TARGET_FRAMEWORK=net10.0

# Start order: the Api first, as the AppHost's WaitFor would have it.
readonly SERVICE_NAMES=(api worker deliveryworker web)
declare -rA SERVICE_PROJECT=([api]=Api [worker]=Worker [deliveryworker]=DeliveryWorker [web]=Web)
# What each service references in the AppHost (WithReference): keep in step with AppHost/AppHost.cs.
declare -rA SERVICE_REFERENCES=(
  [api]="deliverydb cache blobs payments-sandbox"
  [worker]="deliverydb blobs clamav api"
  [deliveryworker]="deliverydb blobs api smtp web-public"
  [web]="deliverydb api"
)
declare -A SERVICE_PID=()
SERVICE_ENV=()

service_dll() {
  local name=$1 project=${SERVICE_PROJECT[$1]}
  printf '%s/%s/bin/%s/%s/DigitalDelivery.%s.dll' "${DD_REPO_ROOT}" "${project}" "${DD_CONFIGURATION}" \
    "${DD_TARGET_FRAMEWORK}" "${project}"
}

service_url() { printf 'http://127.0.0.1:%s' "${SERVICE_PORT[$1]}"; }

# Fills SERVICE_ENV with what the AppHost injects into service $1. OTLP settings only when the user set an
# endpoint: without a collector listening, the exporters would only log connection failures.
service_environment() {
  local name=$1 reference
  SERVICE_ENV=(
    "ASPNETCORE_ENVIRONMENT=Development"
    "ASPNETCORE_URLS=$(service_url "${name}")"
    "OTEL_SERVICE_NAME=${name}"
  )
  for reference in ${SERVICE_REFERENCES[${name}]}; do
    case ${reference} in
      deliverydb) SERVICE_ENV+=("ConnectionStrings__deliverydb=$(postgres_connection_string)") ;;
      cache) SERVICE_ENV+=("ConnectionStrings__cache=$(redis_connection_string)") ;;
      blobs) SERVICE_ENV+=("ConnectionStrings__blobs=$(azurite_connection_string)") ;;
      clamav) SERVICE_ENV+=("ConnectionStrings__clamav=$(clamav_connection_string)") ;;
      smtp) SERVICE_ENV+=("ConnectionStrings__smtp=$(smtp_connection_string)") ;;
      # The Web's public address, for the links in customer mail (an external endpoint's URL in the AppHost).
      web-public) SERVICE_ENV+=("CustomerPortal__BaseUrl=$(service_url web)") ;;
      api) SERVICE_ENV+=("services__api__http__0=$(service_url api)") ;;
      # The sandbox card processor (docs/payments.md) runs inside the Api locally; its webhook secret is kept with
      # the other generated secrets so that it survives restarts, as a deployed secret would.
      # The Api's own payment client reaches that sandbox at the Api's address.
      payments-sandbox) SERVICE_ENV+=("Payments__Sandbox__Enabled=true"
        "Payments__Sandbox__WebhookSecret=whsec_$(store_password payments-webhook)"
        "Payments__Provider__BaseAddress=$(service_url api)") ;;
      *) die "unknown reference '${reference}' of ${name}" ;;
    esac
  done
  if [[ -n ${OTEL_EXPORTER_OTLP_ENDPOINT:-} ]]; then
    SERVICE_ENV+=("OTEL_EXPORTER_OTLP_ENDPOINT=${OTEL_EXPORTER_OTLP_ENDPOINT}"
      "OTEL_EXPORTER_OTLP_PROTOCOL=${OTEL_EXPORTER_OTLP_PROTOCOL:-grpc}")
  fi
}

# Prints the last lines of a log under a heading, for failures.
show_log_tail() {
  local file=$1
  printf -- '--- last lines of %s ---\n' "${file}" >&2
  tail -n "${2:-30}" "${file}" >&2 || true
  printf -- '---\n' >&2
}

# One build of the whole local solution filter. Build servers would outlive this run, so: no MSBuild node reuse,
# and the Roslyn compiler server (about twice as fast as a compiler process per project here) under a pipe name
# of this run's own, so no other build shares it; run_step stops it with the rest of the build's process group.
build_solution() {
  local log="${DD_LOG_DIR}/build.log" started=${SECONDS}
  log "Building ${DD_SOLUTION_FILTER} (${DD_CONFIGURATION}; log: ${log})"
  : >"${log}"
  if ! run_step build "${log}" "${DD_REPO_ROOT}" env DOTNET_CLI_USE_MSBUILD_SERVER=0 \
    dotnet build "${DD_SOLUTION_FILTER}" -c "${DD_CONFIGURATION}" -nologo -nodeReuse:false \
    -p:UseRazorBuildServer=false -p:UseSharedCompilation=true -p:SharedCompilationId="digitaldelivery-run-$$"; then
    grep -E ': (error|warning) ' "${log}" | sort -u | head -n 40 >&2 || show_log_tail "${log}"
    die "the build failed; see ${log}"
  fi
  local service
  for service in "${SERVICE_NAMES[@]}"; do
    [[ -f $(service_dll "${service}") ]] || die "the build did not produce $(service_dll "${service}")"
  done
  log "Built in $((SECONDS - started))s"
}

# `Api migrate` applies the EF Core migrations and exits: one step before any service starts, so no two services
# race over the schema (the AppHost does the same with WaitForCompletion).
apply_migrations() {
  local log="${DD_LOG_DIR}/migrate.log"
  log "Applying database migrations (log: ${log})"
  : >"${log}"
  service_environment api
  if ! run_step migrate "${log}" "${DD_REPO_ROOT}/${SERVICE_PROJECT[api]}" \
    env "${SERVICE_ENV[@]}" dotnet "$(service_dll api)" migrate; then
    show_log_tail "${log}"
    die "applying the migrations failed; see ${log}"
  fi
}

# First run: `Api seed` creates the first organization, its owner and an API client, and prints their credentials
# once (later runs print that nothing was created). The local run keeps that one printout in the secrets folder
# (mode 600) as well, so a newcomer who scrolled past it can still sign in; a deployment has no such copy.
seed_first_run() {
  local log="${DD_LOG_DIR}/seed.log" credentials="${DD_SECRETS_DIR}/first-run-credentials.txt"
  service_environment api
  if ! run_step seed "${log}" "${DD_REPO_ROOT}/${SERVICE_PROJECT[api]}" \
    env "${SERVICE_ENV[@]}" dotnet "$(service_dll api)" seed; then
    show_log_tail "${log}"
    die "creating the first organization failed; see ${log}"
  fi
  if grep -q '^client_secret=' "${log}"; then
    (umask 077 && grep -E '^[a-z_]+=' "${log}" >"${credentials}")
    rm -f "${log}"
  fi
  if [[ -s ${credentials} ]]; then SEED_CREDENTIALS_FILE=${credentials}; fi
  return 0
}

# Checked before anything starts, so a taken port fails the run at once rather than after the build.
require_free_service_ports() {
  local name
  for name in "${SERVICE_NAMES[@]}"; do
    require_free_port "${SERVICE_PORT[${name}]}" "DD_${name^^}_PORT"
  done
}

# Each service runs from its build output (faster than `dotnet run`), in its project directory as `dotnet run`
# and the AppHost would, so its content root (wwwroot, appsettings*.json) is the project's.
start_services() {
  local name
  for name in "${SERVICE_NAMES[@]}"; do
    service_environment "${name}"
    : >"${DD_LOG_DIR}/${name}.log"
    start_group "${name}" "${DD_LOG_DIR}/${name}.log" "${DD_REPO_ROOT}/${SERVICE_PROJECT[${name}]}" \
      env "${SERVICE_ENV[@]}" dotnet "$(service_dll "${name}")"
    SERVICE_PID[${name}]=${DD_STARTED_PID}
  done
}

# Follows every service's log on the console, each line prefixed with its service's name. One tail for all
# files: its "==> file <==" headers say which file the next lines come from.
start_console_tail() {
  local name files=()
  for name in "${SERVICE_NAMES[@]}"; do
    files+=("${DD_LOG_DIR}/${name}.log")
  done
  # shellcheck disable=SC2016 # the program is for the inner bash and awk, not for expansion here
  start_group console-tail - "${DD_LOG_DIR}" bash -c '
    tail -n +1 -F -- "$@" 2>/dev/null | awk '\''
      /^==> .* <==$/ { name = $0; sub(/^==> (.*\/)?/, "", name); sub(/\.log <==$/, "", name); next }
      NF == 0 { next }
      { printf "%-15s| %s\n", name, $0; fflush() }'\''' console-tail "${files[@]}"
}

health_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$(service_url "$1")/health" || true
}

service_is_healthy() { [[ $(health_status "$1") == 200 ]]; }

# Waits until every service's /health answers 200. The services start together, so one deadline covers all.
wait_for_services() {
  local name status remaining deadline=$((SECONDS + DD_HEALTH_TIMEOUT))
  for name in "${SERVICE_NAMES[@]}"; do
    remaining=$((deadline - SECONDS))
    status=0
    wait_until "$((remaining > 0 ? remaining : 0))" "${SERVICE_PID[${name}]}" service_is_healthy "${name}" || status=$?
    case ${status} in
      0) ;;
      2)
        show_log_tail "${DD_LOG_DIR}/${name}.log"
        die "${name} exited during startup; see ${DD_LOG_DIR}/${name}.log"
        ;;
      *)
        show_log_tail "${DD_LOG_DIR}/${name}.log"
        die "${name} did not answer 200 on $(service_url "${name}")/health within ${DD_HEALTH_TIMEOUT}s (last answer: $(health_status "${name}")); see ${DD_LOG_DIR}/${name}.log"
        ;;
    esac
  done
}
