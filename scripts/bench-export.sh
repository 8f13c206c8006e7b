#!/usr/bin/env bash
# Whole-process benchmark of the streaming downloads (HAR and pcap) of a large session: rate over time and the
# service's memory while it streams. Not a test; keep it out of CI.
#
#   scripts/bench-export.sh        # uses the ~250 MB capture scripts/bench-import.sh records (run that once first)
#
# Prints a Markdown table: download, exchanges, MB, seconds, MB/s, slowest and fastest whole second (MB/s), the
# service's RSS before and at its peak during the download.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/packages.sh
source scripts/lib/publish.sh

ensure_packages libpcap0.8 curl python3
require_dotnet

capture="${SNOOP_BENCH_CACHE:-/tmp/snoop-bench-captures}/keepalive-250mb.pcap"
if [ ! -f "$capture" ]; then
    echo "error: $capture is missing: run scripts/bench-import.sh once to record it." >&2
    exit 2
fi

publish_dir="${SNOOP_BENCH_PUBLISH:-/tmp/snoop-bench}"
work_dir="$(mktemp -d /tmp/snoop-bench-export.XXXXXX)"
key="bench-export-key-0123456789"
port=$((20000 + RANDOM % 20000))
service_pid=""
cleanup() {
    [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null || true
    rm -rf "$work_dir"
}
trap cleanup EXIT

echo "Publishing SnoopRecorder (Release) to $publish_dir ..." >&2
publish_snooprecorder "$publish_dir" "${SNOOP_ARTIFACTS_PATH:-/tmp/snoop-bench-build}" "$work_dir/publish.log"

data_dir="$work_dir/data"
echo "Importing $capture ..." >&2
session=$("$publish_dir/snooprecorder" import "$capture" "--Snoop:DataDirectory=$data_dir" 2>/dev/null | tail -1 \
    | grep -oE '"sessionId":"[a-z0-9]+"' | cut -d'"' -f4)

"$publish_dir/snooprecorder" --urls "http://127.0.0.1:$port" "--Snoop:DataDirectory=$data_dir" "--Snoop:ApiKey=$key" \
    >"$work_dir/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.1
done

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$service_pid/status"; }

rows=()
# download NAME URL EXCHANGES: streams URL to a file while sampling its size and the service's RSS every 0.1 s.
download() {
    local name="$1" url="$2" exchanges="$3" out="$work_dir/download" samples="$work_dir/samples"
    local before peak start end
    rm -f "$out" "$samples"
    before=$(rss_kib)
    start=$(date +%s.%N)
    curl -fsS -H "Authorization: Bearer $key" -o "$out" "http://127.0.0.1:$port$url" &
    local curl_pid=$!
    while kill -0 "$curl_pid" 2>/dev/null; do
        echo "$(date +%s.%N) $(stat -c %s "$out" 2>/dev/null || echo 0) $(rss_kib)" >>"$samples"
        sleep 0.1
    done
    wait "$curl_pid"
    end=$(date +%s.%N)
    echo "$end $(stat -c %s "$out") $(rss_kib)" >>"$samples"
    rows+=("$(awk -v name="$name" -v n="$exchanges" -v start="$start" -v end="$end" -v before="$before" '
        { t = $1 - start; s = int(t); bytes[s] = $2; if ($3 > peak) peak = $3; last = $2; if (s > maxs) maxs = s }
        END {
            secs = end - start; prev = 0; lo = -1; hi = 0
            for (i = 0; i < maxs; i++) {          # whole seconds only: the last, partial one is left out
                if (!(i in bytes)) continue
                rate = (bytes[i] - prev) / 1e6; prev = bytes[i]
                if (i == 0) continue              # the first second holds the time to the first byte
                if (lo < 0 || rate < lo) lo = rate; if (rate > hi) hi = rate
            }
            printf "| %s | %d | %.0f | %.2f | %.1f | %s | %s | %.0f | %.0f |", name, n, last / 1e6, secs, last / 1e6 / secs,
                (lo < 0 ? "n/a" : sprintf("%.1f", lo)), (hi == 0 ? "n/a" : sprintf("%.1f", hi)), before / 1024, peak / 1024
        }' "$samples")")
}

api() { curl -fsS -H "Authorization: Bearer $key" "http://127.0.0.1:$port$1"; }
total=$(api "/api/sessions/$session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["exchanges"])')
large=$(api "/api/sessions/$session/stats?top=100" \
    | python3 -c 'import json,sys; print(sum(g["count"] for g in json.load(sys.stdin)["groups"] if g["path"] == "/large"))')

download "session HAR" "/api/sessions/$session/har" "$total"
download "filtered HAR (path=/large)" "/api/exchanges/har?session=$session&path=/large" "$large"
download "filtered pcap (path=/large)" "/api/exchanges/pcap?session=$session&path=/large" "$large"
download "filtered pcap, reassembled" "/api/exchanges/pcap?session=$session&path=/large&mode=reassembled" "$large"
download "session pcap" "/api/sessions/$session/pcap" "$total"

echo "Session: $total exchanges from $capture; $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| download | exchanges | MB | seconds | MB/s | slowest second MB/s | fastest second MB/s | RSS before MB | RSS peak MB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
