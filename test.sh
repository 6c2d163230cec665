#!/usr/bin/env bash
# Runs every JobGen test, as CI does. Installs what the tests need when it is missing
# (redis-server for the Redis tests; PostgreSQL's server for the PostgreSQL tests; clang, lld and zlib1g-dev for
# the Native AOT publish check; Debian's chromium for the dashboard's browser tests; tzdata for the time-zone tests)
# and ends with one line "N passed, N failed" counted from the test run's own results.
set -uo pipefail
cd "$(dirname "$0")"

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
command -v clang >/dev/null 2>&1 || need+=(clang)
command -v ld.lld >/dev/null 2>&1 || need+=(lld)
# Recurring-schedule and queue-window tests read the IANA time zones (Europe/Paris) from the system's tz database.
[ -e /usr/share/zoneinfo/Europe/Paris ] || need+=(tzdata)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
[ -x /usr/bin/chromium ] || need+=(chromium)
if ((${#need[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null || {
      echo "test.sh: apt-get install ${need[*]} failed"; exit 2; }
  else
    echo "test.sh: missing ${need[*]}. Run: sudo apt-get install -y ${need[*]}"
    exit 2
  fi
fi

# Build everything first, samples included: `dotnet test` alone builds only the test projects, and a sample
# that stops compiling (an analyzer now flags it, say) must fail the run.
if ! dotnet build JobGen.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "test.sh: the solution does not build (errors above)"
  echo "0 passed, 1 failed"
  exit 1
fi

log=$(mktemp)
dotnet test --solution JobGen.sln -c Release --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# MTP prints one closing summary for the whole run; count from it, never from a guess.
total=$(grep -E '^\s+total: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
skipped=$(grep -E '^\s+skipped: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
rm -f "$log"
if [ -z "${total:-}" ]; then
  echo "test.sh: no test summary (the build or a test host failed; see above)"
  echo "0 passed, 1 failed"
  exit 1
fi
# A run that stops early (failed build of one project) still fails the script through its exit code.
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
[ "$status" -eq 0 ]
