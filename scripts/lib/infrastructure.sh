# shellcheck shell=bash
# PostgreSQL, Redis and Azurite for run.sh, each with its data under ${DD_LOCAL_DIR}, listening on 127.0.0.1 only,
# on ports away from the defaults so that Debian's own services (which installing the packages may start) never
# clash with ours. Those system services are neither used nor stopped.
#
# Expects from run.sh: DD_LOCAL_DIR, DD_LOG_DIR, DD_SECRETS_DIR, DD_RUN_DIR, POSTGRES_PORT, REDIS_PORT, AZURITE_PORT,
# CLAMAV_PORT.

readonly POSTGRES_DATABASE=deliverydb
# Azurite's documented development account; the key is public and the same on every machine.
readonly AZURITE_ACCOUNT_NAME=devstoreaccount1
readonly AZURITE_ACCOUNT_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

POSTGRES_STARTED=false
POSTGRES_BIN=
POSTGRES_PASSWORD=
REDIS_PASSWORD=

# The password of a store, generated on first use and kept (mode 600) with its data: the Postgres cluster's
# password is fixed at initdb, so it has to outlive the run that made it.
store_password() {
  local file="${DD_SECRETS_DIR}/$1.password"
  if [[ ! -s ${file} ]]; then
    (umask 077 && new_secret >"${file}")
  fi
  printf '%s' "$(<"${file}")"
}

# ----- PostgreSQL -------------------------------------------------------------------------------------------------

postgres_data_dir() { printf '%s' "${DD_LOCAL_DIR}/postgres"; }

# Sets POSTGRES_BIN to the newest installed major version's binaries (Debian keeps them out of PATH).
postgres_find_bin() {
  local candidates=(/usr/lib/postgresql/*/bin/pg_ctl)
  [[ -n ${POSTGRES_BIN} ]] && return
  [[ -x ${candidates[0]} ]] || die "PostgreSQL's server binaries are missing; run scripts/install-prerequisites.sh."
  POSTGRES_BIN=$(dirname "$(printf '%s\n' "${candidates[@]}" | sort -V | tail -n 1)")
}

# initdb, pg_ctl and postgres refuse to run as root, so as root they run as the postgres user that Debian's
# package creates. The working directory is / because ours may be closed to that user. fd 9 is run.sh's lock:
# the postmaster must not inherit it, or a stale server would keep the lock.
as_postgres() {
  if is_root; then
    (cd / && exec runuser -u postgres -- "$@") 9>&-
  else
    (cd / && exec "$@") 9>&-
  fi
}

postgres_is_running() {
  [[ -f "$(postgres_data_dir)/postmaster.pid" ]] || return 1
  postgres_find_bin
  as_postgres "${POSTGRES_BIN}/pg_ctl" status -D "$(postgres_data_dir)" >/dev/null 2>&1
}

postgres_query() {
  PGPASSWORD="${POSTGRES_PASSWORD}" PGCONNECT_TIMEOUT=5 "${POSTGRES_BIN}/psql" -X -q -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "${POSTGRES_PORT}" -U postgres -d postgres -tA -c "$1"
}

postgres_connection_string() {
  printf 'Host=127.0.0.1;Port=%s;Username=postgres;Password=%s;Database=%s' \
    "${POSTGRES_PORT}" "${POSTGRES_PASSWORD}" "${POSTGRES_DATABASE}"
}

postgres_initialize() {
  local data=$1 password_file
  log "Postgres: creating the cluster in ${data}"
  # initdb reads the password from a file, which the postgres user must be able to read: a private temporary copy.
  password_file=$(mktemp)
  printf '%s' "${POSTGRES_PASSWORD}" >"${password_file}"
  if is_root; then chown postgres: "${password_file}"; fi
  if ! as_postgres "${POSTGRES_BIN}/initdb" -D "${data}" -U postgres --auth=scram-sha-256 --pwfile="${password_file}" \
    -E UTF8 --locale=C.UTF-8 >"${DD_LOG_DIR}/initdb.log" 2>&1; then
    rm -f "${password_file}"
    die "initdb failed; see ${DD_LOG_DIR}/initdb.log"
  fi
  rm -f "${password_file}"
}

postgres_start() {
  local data log="${DD_LOG_DIR}/postgres.log"
  data=$(postgres_data_dir)
  postgres_find_bin
  if [[ -f ${data}/PG_VERSION && ! -s ${DD_SECRETS_DIR}/postgres.password ]]; then
    die "${DD_SECRETS_DIR}/postgres.password, the password of the existing cluster in ${data}, is missing; run with --reset to start afresh."
  fi
  POSTGRES_PASSWORD=$(store_password postgres)

  mkdir -p "${data}"
  chmod 700 "${data}"
  : >"${log}"
  if is_root; then
    chown postgres: "${data}" "${log}"
    runuser -u postgres -- test -w "${data}" -a -w "${log}" \
      || die "the postgres user cannot reach ${data} (a parent directory is closed to other users); set DD_LOCAL_DIR to a directory it can reach, e.g. DD_LOCAL_DIR=/var/tmp/digitaldelivery."
  fi
  if [[ ! -f ${data}/PG_VERSION ]]; then
    postgres_initialize "${data}"
  fi

  require_free_port "${POSTGRES_PORT}" DD_POSTGRES_PORT
  log "Postgres: starting on 127.0.0.1:${POSTGRES_PORT}"
  POSTGRES_STARTED=true
  # No Unix socket (unix_socket_directories empty): everything connects over TCP with the password, as the
  # services do, and nothing clashes with the system cluster's socket directory. pg_ctl detaches the postmaster
  # into a session of its own and waits until it accepts connections.
  as_postgres "${POSTGRES_BIN}/pg_ctl" start -D "${data}" -l "${log}" -w -t 60 -s \
    -o "-p ${POSTGRES_PORT} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" \
    || die "Postgres did not start; see ${log}"

  if [[ -z $(postgres_query "SELECT 1 FROM pg_database WHERE datname = '${POSTGRES_DATABASE}'") ]]; then
    log "Postgres: creating database ${POSTGRES_DATABASE}"
    postgres_query "CREATE DATABASE ${POSTGRES_DATABASE}" >/dev/null
  fi
}

postgres_stop() {
  if postgres_is_running; then
    log "Postgres: stopping"
    as_postgres "${POSTGRES_BIN}/pg_ctl" stop -D "$(postgres_data_dir)" -m fast -w -t 60 -s \
      || warn "pg_ctl stop failed; see ${DD_LOG_DIR}/postgres.log"
  fi
  POSTGRES_STARTED=false
}

# ----- Redis ------------------------------------------------------------------------------------------------------

redis_is_ready() {
  [[ $(REDISCLI_AUTH="${REDIS_PASSWORD}" redis-cli -h 127.0.0.1 -p "${REDIS_PORT}" ping 2>/dev/null) == PONG ]]
}

redis_start() {
  local dir="${DD_LOCAL_DIR}/redis" config status=0
  config="${dir}/redis.conf"
  REDIS_PASSWORD=$(store_password redis)
  mkdir -p "${dir}"
  require_free_port "${REDIS_PORT}" DD_REDIS_PORT

  # A config file rather than arguments keeps the password out of `ps`. Append-only file for persistence across
  # runs; RDB snapshots off (they would only duplicate it and fork the server now and then).
  (umask 077 && cat >"${config}") <<EOF
bind 127.0.0.1
port ${REDIS_PORT}
protected-mode yes
requirepass ${REDIS_PASSWORD}
dir "${dir}"
appendonly yes
save ""
daemonize no
logfile ""
EOF
  log "Redis: starting on 127.0.0.1:${REDIS_PORT}"
  start_group redis "${DD_LOG_DIR}/redis.log" "${dir}" redis-server "${config}"
  wait_until 30 "${DD_STARTED_PID}" redis_is_ready || status=$?
  ((status == 0)) || die "Redis did not start; see ${DD_LOG_DIR}/redis.log"
}

redis_connection_string() { printf '127.0.0.1:%s,password=%s' "${REDIS_PORT}" "${REDIS_PASSWORD}"; }

# ----- Azurite (Blob storage emulator) ----------------------------------------------------------------------------

azurite_start() {
  local dir="${DD_LOCAL_DIR}/azurite" tool="${DD_REPO_ROOT}/node_modules/.bin/azurite-blob" status=0
  [[ -x ${tool} ]] || die "${tool} is missing; run scripts/install-prerequisites.sh (npm ci)."
  mkdir -p "${dir}"
  require_free_port "${AZURITE_PORT}" DD_AZURITE_PORT
  log "Azurite: starting blob service on 127.0.0.1:${AZURITE_PORT}"
  # Telemetry off: this network is closed, and its upload on shutdown only delays stopping.
  start_group azurite "${DD_LOG_DIR}/azurite.log" "${dir}" "${tool}" --location "${dir}" \
    --blobHost 127.0.0.1 --blobPort "${AZURITE_PORT}" --skipApiVersionCheck --loose --disableTelemetry
  wait_until 60 "${DD_STARTED_PID}" port_is_open "${AZURITE_PORT}" || status=$?
  ((status == 0)) || die "Azurite did not start; see ${DD_LOG_DIR}/azurite.log"
}

azurite_blob_endpoint() { printf 'http://127.0.0.1:%s/%s' "${AZURITE_PORT}" "${AZURITE_ACCOUNT_NAME}"; }

# The emulator form the AppHost injects for AddAzureStorage(...).RunAsEmulator().AddBlobs("blobs").
azurite_connection_string() {
  printf 'DefaultEndpointsProtocol=http;AccountName=%s;AccountKey=%s;BlobEndpoint=%s;' \
    "${AZURITE_ACCOUNT_NAME}" "${AZURITE_ACCOUNT_KEY}" "$(azurite_blob_endpoint)"
}

# ----- ClamAV (clamd, for virus scanning in Worker) ----------------------------------------------------------------

clamav_start() {
  local dir="${DD_LOCAL_DIR}/clamav" status=0
  require_free_port "${CLAMAV_PORT}" DD_CLAMAV_PORT
  # The signature database is generated (EICAR only): this machine cannot reach freshclam's mirrors. See
  # docs/operations/virus-scanning.md for real deployments.
  clamav_write_config "${dir}" "${CLAMAV_PORT}"
  log "ClamAV: starting clamd on 127.0.0.1:${CLAMAV_PORT}"
  start_group clamav "${DD_LOG_DIR}/clamav.log" "${dir}" clamd --foreground --config-file="${dir}/clamd.conf"
  wait_until 60 "${DD_STARTED_PID}" _clamav_pong "${CLAMAV_PORT}" || status=$?
  ((status == 0)) || die "clamd did not start; see ${DD_LOG_DIR}/clamav.log"
}

clamav_connection_string() { printf 'tcp://127.0.0.1:%s' "${CLAMAV_PORT}"; }

# ----- SMTP sink (customer mail from DeliveryWorker) ---------------------------------------------------------------

# aiosmtpd (Debian python3-aiosmtpd) accepts every message and stores it in a Maildir: nothing leaves the machine,
# and a developer reads the mail in .local/mail/new/. Debian's interpreter, not a python3 earlier on PATH (pyenv).
smtp_start() {
  local dir="${DD_LOCAL_DIR}/mail" status=0
  /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || die "python3-aiosmtpd is missing; run scripts/install-prerequisites.sh."
  # A complete Maildir: Python's mailbox creates tmp/new/cur only for a folder that does not exist yet, and the
  # folder must exist first to be the sink's working directory.
  mkdir -p "${dir}/tmp" "${dir}/new" "${dir}/cur"
  require_free_port "${SMTP_PORT}" DD_SMTP_PORT
  log "SMTP sink: starting aiosmtpd on 127.0.0.1:${SMTP_PORT} (mail lands in ${dir}/new/)"
  start_group smtp "${DD_LOG_DIR}/smtp.log" "${dir}" /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:${SMTP_PORT}" \
    -c aiosmtpd.handlers.Mailbox "${dir}"
  wait_until 30 "${DD_STARTED_PID}" port_is_open "${SMTP_PORT}" || status=$?
  ((status == 0)) || die "the SMTP sink did not start; see ${DD_LOG_DIR}/smtp.log"
}

smtp_connection_string() { printf 'smtp://127.0.0.1:%s' "${SMTP_PORT}"; }
