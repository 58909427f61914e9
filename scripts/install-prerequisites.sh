#!/usr/bin/env bash
# Installs what running and testing DigitalDelivery needs on a Debian machine without containers, and only what
# is missing, so a second call costs a few seconds: Debian packages (PostgreSQL, Redis, ClamAV, ...), the npm
# tools pinned in package.json (Azurite, s3rver), and the .NET local tools (.config/dotnet-tools.json).
#
# Used by scripts/run.sh and .ci/run. Runs as root (CI and this project's machines) or through sudo.
# Debian may start its own postgresql/redis-server/clamav/ssh services when installing them; nothing here or in
# run.sh uses those (they listen on the default ports, ours on others), and nothing here stops them.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
DD_LOG_PREFIX="[prerequisites]"

# ---------------------------------------------------------------------------------------------------------------
# Debian packages. ADD NEW PACKAGES HERE: e.g. chromium (browser tests with Playwright, PLATFORM.md section 4)
# when those tests land. One name per line keeps merges of concurrent additions trivial.
# ---------------------------------------------------------------------------------------------------------------
DEBIAN_PACKAGES=(
  postgresql     # the database: tests' LocalServers and run.sh start their own clusters with its binaries
  redis-server   # the cache (redis-cli comes with it as redis-tools)
  clamav-daemon  # malware scanning of uploaded files
  clamav
  curl           # run.sh's health probes
  python3-aiosmtpd # SMTP sink for customer mail: tests' LocalServers and run.sh (stores messages in a Maildir)
  openssh-server # sshd for the SFTP destination tests: tests' LocalServers start their own on a free port
  openssh-sftp-server # its SFTP subsystem (Debian packages it separately)
)

package_is_installed() {
  [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true) == "installed" ]]
}

install_debian_packages() {
  local wanted=("${DEBIAN_PACKAGES[@]}") missing=() package
  # Node.js and npm come from Debian too when the machine lacks them (this project's machines have them).
  if ! command -v npm >/dev/null 2>&1; then
    wanted+=(nodejs npm)
  fi
  for package in "${wanted[@]}"; do
    package_is_installed "${package}" || missing+=("${package}")
  done
  if ((${#missing[@]} == 0)); then
    log "Debian packages: all present (${wanted[*]})"
    return
  fi

  log "Debian packages: installing ${missing[*]}"
  # The package lists are refreshed only when something must be installed: that is the slow part of apt.
  # The lock timeout waits for another apt (an unattended upgrade, a second script) instead of failing.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -qq update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0 -y -qq \
    --no-install-recommends install "${missing[@]}"
}

# npm ci only when node_modules is missing or older than the lock file: npm writes node_modules/.package-lock.json
# on every install, so it is newer than package-lock.json exactly when the install matches the lock.
install_npm_tools() {
  local installed_lock="${DD_REPO_ROOT}/node_modules/.package-lock.json"
  if [[ -f "${installed_lock}" && ! "${DD_REPO_ROOT}/package-lock.json" -nt "${installed_lock}" \
    && -x "${DD_REPO_ROOT}/node_modules/.bin/azurite-blob" && -x "${DD_REPO_ROOT}/node_modules/.bin/s3rver" ]]; then
    log "npm tools: up to date with package-lock.json"
    return
  fi
  log "npm tools: npm ci (azurite, s3rver, pinned in package.json)"
  (cd "${DD_REPO_ROOT}" && npm ci --no-audit --no-fund --loglevel=error)
}

install_dotnet_tools() {
  command -v dotnet >/dev/null 2>&1 \
    || die "the .NET SDK (dotnet) is not on PATH; install the SDK global.json names (10.0) first."
  if [[ -f "${DD_REPO_ROOT}/.config/dotnet-tools.json" ]]; then
    log ".NET local tools: dotnet tool restore"
    # On an empty NuGet cache the SDK restores the manifest's tools concurrently and has been seen to confuse
    # them ("dotnet-ef ... commands contained in the package are aspire"); a second restore finds the first
    # one's packages in the cache and succeeds, so one retry is enough.
    (cd "${DD_REPO_ROOT}" && { dotnet tool restore || { log ".NET local tools: retrying"; dotnet tool restore; }; })
  fi
}

install_debian_packages
install_npm_tools
install_dotnet_tools
log "done"
