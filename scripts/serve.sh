#!/usr/bin/env bash
# Starts SnoopRecorder on its embedded SQLite: http://127.0.0.1:5080, data in ./data.
# Extra arguments go to the service, e.g. scripts/serve.sh --urls http://127.0.0.1:6000
# SNOOP_ARTIFACTS_PATH, when set, is passed to dotnet as --artifacts-path.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/packages.sh

ensure_packages libpcap0.8
require_dotnet

artifacts_args=()
if [ -n "${SNOOP_ARTIFACTS_PATH:-}" ]; then
    artifacts_args=(--artifacts-path "$SNOOP_ARTIFACTS_PATH")
fi

exec dotnet run --project src/SnoopRecorder.Api -c Release "${artifacts_args[@]}" -- "$@"
