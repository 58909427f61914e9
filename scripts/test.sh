#!/usr/bin/env bash
# The README's test command: installs what the tests start (PostgreSQL, Redis, ClamAV, Azurite) if missing, then
# runs every test of the local solution. The tests start their own servers on free ports; nothing needs to run first.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/scripts/install-prerequisites.sh"
exec dotnet test DigitalDelivery.Local.slnf -c Release "$@"
