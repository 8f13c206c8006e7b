#!/usr/bin/env bash
# Builds and runs every test of the solution, then prints one closing line:
#   Tests: N passed, N failed, N skipped
# Exits non-zero when a test fails, the build fails, or no test ran.
#
# Environment:
#   SNOOP_CORPUS            capture corpus (default: <repo>/../shared/corpus)
#   SNOOP_ARTIFACTS_PATH    passed to dotnet as --artifacts-path (keeps parallel builds apart)
#   SNOOP_SKIP_PRIVILEGED=1 lets capture tests return early when tcpdump cannot capture (not root)
#   SNOOP_SKIP_DOCKER=1     neither installs nor starts Docker, and lets the tests that need an engine return early
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root="$(pwd)"
source scripts/lib/packages.sh
source scripts/lib/docker.sh

ensure_packages libpcap0.8 tcpdump tshark nginx-light apache2-utils curl iproute2
if [ "${SNOOP_SKIP_DOCKER:-}" != "1" ]; then
    ensure_docker
fi
require_dotnet

if [ -z "${SNOOP_CORPUS:-}" ]; then
    SNOOP_CORPUS="$(cd "$repo_root/.." && pwd)/shared/corpus"
fi
if [ ! -d "$SNOOP_CORPUS" ]; then
    echo "error: capture corpus not found at '$SNOOP_CORPUS'." >&2
    echo "       Put it at ../shared/corpus next to the repository or set SNOOP_CORPUS to its path." >&2
    exit 2
fi
export SNOOP_CORPUS
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results_dir="${SNOOP_TEST_RESULTS:-$repo_root/artifacts/test-results}"
rm -rf "$results_dir"
mkdir -p "$results_dir"
log="$results_dir/dotnet-test.log"

artifacts_args=()
if [ -n "${SNOOP_ARTIFACTS_PATH:-}" ]; then
    artifacts_args=(--artifacts-path "$SNOOP_ARTIFACTS_PATH")
fi

set +e
# The console logger's per-assembly summary lines (printed at its default, minimal verbosity) are what gets counted
# below; the terminal logger is off so they appear in their classic form. trx files are kept for CI systems.
dotnet test SnoopRecorder.sln -c Release "${artifacts_args[@]}" \
    --logger "console;verbosity=minimal" --logger "trx;LogFilePrefix=snoop" \
    --results-directory "$results_dir" -tl:off </dev/null 2>&1 | tee "$log"
test_exit=${PIPESTATUS[0]}
set -e

# One line per test assembly, e.g.
#   Passed!  - Failed:     0, Passed:    42, Skipped:     0, Total:    42, Duration: 1 s - X.Tests.dll (net10.0)
read -r passed failed skipped assemblies < <(
    grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+, Total: +[0-9]+' "$log" |
        awk -F'[:,]' '{ f += $2; p += $4; s += $6; n++ } END { printf "%d %d %d %d\n", p, f, s, n }'
)

status=0
if [ "$test_exit" -ne 0 ]; then
    echo "dotnet test exited with code $test_exit (see $log)." >&2
    status=1
fi
if [ "$failed" -gt 0 ]; then
    status=1
fi
if [ "$((passed + failed))" -eq 0 ]; then
    echo "No test ran ($assemblies test assemblies reported)." >&2
    status=1
fi

echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
