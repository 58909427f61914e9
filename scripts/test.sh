#!/usr/bin/env bash
# The README's test command: installs what the tests start (PostgreSQL, Redis, ClamAV, Azurite, aiosmtpd) if
# missing, builds the solution once, then runs every test project, one after the other: DigitalDelivery.Tests (the
# parts against real servers the fixtures start on free ports) and DigitalDelivery.AppHost.Tests (the whole AppHost).
# Nothing needs to run first. Extra arguments go to dotnet test (e.g. --filter ...).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/scripts/install-prerequisites.sh"
dotnet build DigitalDelivery.sln -c Release
# One project at a time (-m:1): the AppHost tests start every service, and this machine has two cores.
exec dotnet test DigitalDelivery.sln -c Release --no-build -m:1 "$@"
