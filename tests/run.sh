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

# Build once, then run the test assemblies one after another: their summaries never interleave, and an assembly that
# crashes or reports nothing is caught by name.
dotnet build Osvi.Dashboard.sln -c Debug 2>&1 | tee "$log"
build_status=${PIPESTATUS[0]}
if [ "$build_status" -ne 0 ]; then
  echo
  echo "0 passed, 0 failed"
  echo "run.sh: the build failed" >&2
  exit "$build_status"
fi

passed=0 failed=0 skipped=0 status=0 missing=()
for project in $(grep -l '<IsTestProject>true</IsTestProject>' tests/*/*.csproj | sort); do
  name=$(basename "$project" .csproj)
  project_log="$results/$name.log"
  dotnet test "$project" -c Debug --no-build "$@" 2>&1 | tee "$project_log" | tee -a "$log"
  project_status=${PIPESTATUS[0]}
  # VSTest: "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 3 s - X.dll (net10.0)"
  summary=$(grep -E '^(Passed|Failed)! +- Failed: ' "$project_log" | tail -n 1)
  if [ -z "$summary" ]; then
    missing+=("$name")
    status=1
    continue
  fi
  read -r p f s < <(echo "$summary" | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/')
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  if [ "$project_status" -ne 0 ]; then status=$project_status; fi
done

echo
if [ "${#missing[@]}" -gt 0 ]; then echo "run.sh: no result from: ${missing[*]}" >&2; fi
if [ "$skipped" -gt 0 ]; then echo "skipped: $skipped"; fi
echo "$passed passed, $failed failed"

if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "$failed" -ne 0 ]; then exit 1; fi
if [ "$passed" -eq 0 ]; then echo "run.sh: no test ran" >&2; exit 1; fi
exit 0
