# shellcheck shell=bash
# clamd for the local run, with a generated signature database (there is no internet here for freshclam).
# Source this file, then:
#   pid=$(start_clamav <state_dir> <port> [stream_max_length])   # prints the pid once clamd answers PING
#   stop_clamav "$pid"
# Connection string for the services: ConnectionStrings__clamav=tcp://127.0.0.1:<port>
# Self-contained: needs only bash and clamd (Debian package clamav-daemon).

# The EICAR test file in two halves, so a developer's own virus scanner does not quarantine this script.
_CLAMAV_EICAR_1='X5O!P%@AP[4\PZX54(P^)7CC)7}$'
# shellcheck disable=SC2016 # the $ characters are part of the test file, not expansions
_CLAMAV_EICAR_2='EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
_CLAMAV_SIGNATURE_NAME='DigitalDelivery.Test.EICAR'

# Writes the configuration (clamav_write_config), starts clamd in the background with its log in
# <state_dir>/clamd.log, waits until it answers PING and prints its pid.
start_clamav() {
  local state_dir=${1:?usage: start_clamav <state_dir> <port> [stream_max_length]}
  local port=${2:?usage: start_clamav <state_dir> <port> [stream_max_length]}
  local max_length=${3:-1000M}
  command -v clamd >/dev/null || { echo "start_clamav: clamd is not installed (apt-get install clamav-daemon)" >&2; return 1; }

  # clamd that cannot bind keeps running without listening, and a PING would then reach the other server.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "start_clamav: something already listens on 127.0.0.1:$port" >&2
    return 1
  fi

  clamav_write_config "$state_dir" "$port" "$max_length" || return 1
  state_dir=$(cd "$state_dir" && pwd) || return 1

  # stdin/stdout/stderr detached from the caller, so "pid=\$(start_clamav ...)" returns instead of waiting on clamd.
  clamd --foreground --config-file="$state_dir/clamd.conf" </dev/null >"$state_dir/clamd.log" 2>&1 &
  local pid=$!

  local deadline=$((SECONDS + 60))
  until _clamav_pong "$port"; do
    if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
      echo "start_clamav: clamd did not answer PING on 127.0.0.1:$port; last log lines:" >&2
      tail -n 20 "$state_dir/clamd.log" >&2
      kill "$pid" 2>/dev/null
      return 1
    fi
    sleep 0.1
  done
  echo "$pid"
}

# Writes <state_dir>/clamd.conf and <state_dir>/db/digitaldelivery-test.ndb (a body signature of EICAR:
# name, target 0 = any file, offset * = anywhere, hex bytes). Used by start_clamav and by run.sh, which starts
# clamd itself so that its own teardown stops it.
clamav_write_config() {
  local state_dir=$1 port=$2 max_length=${3:-1000M}
  mkdir -p "$state_dir/db" "$state_dir/tmp" || return 1
  state_dir=$(cd "$state_dir" && pwd) || return 1

  local hex
  hex=$(printf '%s%s' "$_CLAMAV_EICAR_1" "$_CLAMAV_EICAR_2" | od -An -v -tx1 | tr -d ' \n')
  printf '%s:0:*:%s\n' "$_CLAMAV_SIGNATURE_NAME" "$hex" >"$state_dir/db/digitaldelivery-test.ndb"

  # No "User" line: started as root, clamd then stays root and can read the state directory; started as anyone
  # else it runs as that user. No LogFile/LogSyslog: it logs to stderr, which goes to clamd.log.
  cat >"$state_dir/clamd.conf" <<CONF
TCPSocket $port
TCPAddr 127.0.0.1
DatabaseDirectory $state_dir/db
TemporaryDirectory $state_dir/tmp
Foreground yes
LogSyslog no
LogTime yes
OfficialDatabaseOnly no
SelfCheck 0
StreamMaxLength $max_length
MaxFileSize $max_length
MaxScanSize $max_length
AlertExceedsMax yes
CONF
}

# Stops the clamd started by start_clamav: SIGTERM, then SIGKILL if it is still there after 10 seconds.
stop_clamav() {
  local pid=${1:?usage: stop_clamav <pid>}
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  local waited=0
  while kill -0 "$pid" 2>/dev/null && ((waited < 100)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null
  fi
  return 0
}

# True when clamd on 127.0.0.1:<port> answers zPING with PONG (bash's /dev/tcp, no netcat needed).
_clamav_pong() {
  local port=$1 reply=
  (
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
    printf 'zPING\0' >&3
    IFS= read -r -d '' -t 5 reply <&3
    [[ $reply == PONG ]]
  ) 2>/dev/null
}
