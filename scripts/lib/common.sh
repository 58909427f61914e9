# shellcheck shell=bash
# Shared helpers for the scripts in scripts/ and .ci/run. Sourced, never run; the caller sets
# `set -euo pipefail`. Nothing here starts a long-lived process.

# The repository root, found from this file so the scripts work from any current directory.
DD_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly DD_REPO_ROOT

log() { printf '%s %s\n' "${DD_LOG_PREFIX:-==>}" "$*"; }
warn() { printf '%s warning: %s\n' "${DD_LOG_PREFIX:-==>}" "$*" >&2; }
die() {
  printf '%s error: %s\n' "${DD_LOG_PREFIX:-==>}" "$*" >&2
  exit 1
}

is_root() { [[ $(id -u) -eq 0 ]]; }

# Runs a command as root: directly when we are root (CI and this project's machines), through sudo otherwise.
as_root() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "'$*' needs root and sudo is not installed; run this script as root or install sudo."
  fi
}

# True when something accepts TCP connections on 127.0.0.1:port. Uses bash's /dev/tcp so no extra tool is needed.
port_is_open() {
  local port=$1
  (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null
}

# Fails with a clear message when a port we are about to bind is taken by something else.
require_free_port() {
  local port=$1 variable=$2
  if port_is_open "${port}"; then
    die "port ${port} on 127.0.0.1 is already in use by another process; set ${variable} to a free port."
  fi
}

# A random hex secret: hex never needs escaping inside connection strings (no ';', ',' or '=').
# head reads a fixed count first, so no pipe writer is cut off early (which pipefail would report).
new_secret() {
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'
}

# Polls "$@" every 0.2 s until it succeeds (0), the timeout passes (1) or, when $2 is a pid, that process ends (2):
# a server that crashed during startup is reported at once instead of after the whole timeout.
wait_until() {
  local timeout_seconds=$1 pid=$2 deadline
  shift 2
  deadline=$((SECONDS + timeout_seconds))
  until "$@"; do
    if [[ -n ${pid} ]] && ! kill -0 "${pid}" 2>/dev/null; then
      return 2
    fi
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}
