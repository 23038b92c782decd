#!/usr/bin/env bash
# Runs every test of the solution (unit, simulator, integration, bunit, end-to-end in a real chromium) and prints
# "N passed, N failed" summed over all test assemblies. Installs what the tests need when it is missing.
# Exit code: non-zero when a test failed, a test assembly did not report, or no test ran.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
results="$root/tests/.results"
mkdir -p "$results"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "run.sh: need root (or sudo) to run: $*" >&2; return 1; fi
}

# Debian's chromium for the end-to-end tests (Playwright drives it; it never downloads a browser).
if [ -z "${CHROMIUM_PATH:-}" ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    echo "run.sh: installing Debian's chromium for the end-to-end tests..."
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null \
      || { echo "run.sh: could not install chromium" >&2; exit 1; }
  fi
  export CHROMIUM_PATH=/usr/bin/chromium
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log="$results/test.log"

dotnet test Osvi.Dashboard.sln -c Debug "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# VSTest prints one line per test assembly: "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, ..."
read -r passed failed skipped assemblies < <(
  grep -E '^(Passed|Failed)! +- Failed: ' "$log" | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' |
    awk '{p+=$1; f+=$2; s+=$3; n++} END {printf "%d %d %d %d\n", p, f, s, n}')

expected=$(grep -l '<IsTestProject>true</IsTestProject>' tests/*/*.csproj | wc -l)
echo
echo "test assemblies reported: $assemblies of $expected; skipped: $skipped"
echo "$passed passed, $failed failed"

if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "$failed" -ne 0 ]; then exit 1; fi
if [ "$passed" -eq 0 ]; then echo "run.sh: no test ran" >&2; exit 1; fi
if [ "$assemblies" -lt "$expected" ]; then echo "run.sh: only $assemblies of $expected test assemblies reported" >&2; exit 1; fi
exit 0
