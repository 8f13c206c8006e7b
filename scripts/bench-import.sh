#!/usr/bin/env bash
# Whole-process benchmark of importing a capture file, next to tshark (HTTP dissection) and tcpflow (bare TCP
# reassembly) on the same file. Not a test: it takes minutes and gigabytes, keep it out of CI.
#
#   scripts/bench-import.sh                 # ~250 MB capture (made once, cached under /tmp/snoop-bench-captures)
#   scripts/bench-import.sh --size 1000     # ~1 GB capture: peak RSS should not grow with the file
#   scripts/bench-import.sh --no-import     # only tshark and tcpflow
#   scripts/bench-import.sh --regenerate    # throw the cached capture away and record a new one
#
# Prints a Markdown table (also saved next to the capture): tool, seconds, MB/s, exchanges/s, peak RSS MB.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root="$(pwd)"
source scripts/lib/packages.sh
source scripts/lib/publish.sh

size_mb=250
run_import=1
regenerate=0
while [ $# -gt 0 ]; do
    case "$1" in
        --size) size_mb="$2"; shift 2 ;;
        --no-import) run_import=0; shift ;;
        --regenerate) regenerate=1; shift ;;
        -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done

ensure_packages libpcap0.8 nginx-light wrk tcpdump tshark tcpflow time

cache_dir="${SNOOP_BENCH_CACHE:-/tmp/snoop-bench-captures}"
publish_dir="${SNOOP_BENCH_PUBLISH:-/tmp/snoop-bench}"
work_dir="$(mktemp -d /tmp/snoop-bench-run.XXXXXX)"
capture="$cache_dir/keepalive-${size_mb}mb.pcap"
capture_meta="$capture.requests"
mkdir -p "$cache_dir"

nginx_pid=""
tcpdump_pid=""
cleanup() {
    [ -n "$tcpdump_pid" ] && kill "$tcpdump_pid" 2>/dev/null || true
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
    rm -rf "$work_dir"
}
trap cleanup EXIT

free_port() {
    # An unused loopback port picked by the kernel (bash's /dev/tcp cannot bind, so ask Python or fall back).
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
    else
        echo $((20000 + RANDOM % 20000))
    fi
}

start_nginx() {
    local prefix="$work_dir/nginx" port="$1"
    mkdir -p "$prefix/www" "$prefix/temp"
    head -c 200 /dev/urandom >"$prefix/www/small"
    head -c 1500 /dev/urandom >"$prefix/www/medium"
    head -c 8000 /dev/urandom >"$prefix/www/large"
    head -c 40000 /dev/urandom >"$prefix/www/xlarge"
    cat >"$prefix/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $prefix/nginx.pid;
error_log $prefix/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $prefix/temp;
    proxy_temp_path $prefix/temp;
    fastcgi_temp_path $prefix/temp;
    uwsgi_temp_path $prefix/temp;
    scgi_temp_path $prefix/temp;
    default_type application/octet-stream;
    keepalive_requests 1000000;
    sendfile on;
    server {
        listen 127.0.0.1:$port;
        root $prefix/www;
    }
}
CONF
    nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" &
    nginx_pid=$!
    for _ in $(seq 50); do
        if curl -s -o /dev/null --noproxy '*' "http://127.0.0.1:$port/small"; then
            return 0
        fi
        sleep 0.1
    done
    echo "error: nginx did not start (see $prefix/error.log)" >&2
    return 1
}

# wrk request mix of small and medium bodies (200 B to 40 kB, ~7 kB on average).
write_wrk_script() {
    cat >"$work_dir/mix.lua" <<'LUA'
local paths = { "/small", "/medium", "/small", "/large", "/medium", "/small", "/xlarge", "/medium" }
local i = 0
request = function()
    i = i + 1
    return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
}

file_bytes() { stat -c %s "$1" 2>/dev/null || echo 0; }

# Records one capture with the given number of wrk connections; writes tcpdump's kernel drop count to
# $work_dir/dropped and wrk's request count to $work_dir/requests.
record_capture() {
    local port="$1" connections="$2" target_bytes="$3"
    local tmp="$capture.partial" requests=0
    rm -f "$tmp"
    tcpdump -i lo -s 0 -B 65536 -w "$tmp" "tcp port $port" 2>"$work_dir/tcpdump.err" &
    tcpdump_pid=$!
    for _ in $(seq 100); do
        grep -q "listening on" "$work_dir/tcpdump.err" && break
        sleep 0.1
    done

    # A short run measures the rate; a second run fills the rest.
    local seconds=2 started=$SECONDS threads=2
    [ "$connections" -lt 2 ] && threads=1
    while [ "$(file_bytes "$tmp")" -lt "$target_bytes" ] && [ $((SECONDS - started)) -lt 900 ]; do
        local before after out n
        before=$(file_bytes "$tmp")
        out=$(wrk -c "$connections" -t "$threads" -d "${seconds}s" -s "$work_dir/mix.lua" "http://127.0.0.1:$port/")
        n=$(echo "$out" | awk '/requests in/ { print $1 }')
        requests=$((requests + ${n:-0}))
        after=$(file_bytes "$tmp")
        local rate=$(((after - before) / seconds + 1))
        seconds=$(((target_bytes - after) / rate + 1))
        [ "$seconds" -gt 600 ] && seconds=600
    done

    # Packets wait in libpcap's ring until a block fills or its 1 s timeout passes; SIGINT does not drain it.
    sleep 2
    kill -INT "$tcpdump_pid"
    wait "$tcpdump_pid" || true
    tcpdump_pid=""
    echo "$requests" >"$work_dir/requests"
    awk '/dropped by kernel/ { print $1 }' "$work_dir/tcpdump.err" >"$work_dir/dropped"
}

make_capture() {
    local target_bytes=$((size_mb * 1000 * 1000))
    local port
    port=$(free_port)
    start_nginx "$port"
    write_wrk_script
    local connections
    for connections in 8 4 2 1; do
        echo "Recording ~${size_mb} MB of keep-alive traffic (wrk -c $connections) ..." >&2
        record_capture "$port" "$connections" "$target_bytes"
        local dropped
        dropped=$(cat "$work_dir/dropped")
        if [ "${dropped:-1}" = "0" ]; then
            mv "$capture.partial" "$capture"
            cp "$work_dir/requests" "$capture_meta"
            kill "$nginx_pid" 2>/dev/null || true
            nginx_pid=""
            return 0
        fi
        echo "tcpdump dropped $dropped packets; lowering the rate." >&2
    done
    echo "error: tcpdump kept dropping packets even with one connection." >&2
    return 1
}

if [ "$regenerate" = 1 ]; then
    rm -f "$capture" "$capture_meta"
fi
if [ ! -s "$capture" ] || [ ! -s "$capture_meta" ]; then
    make_capture
fi

file_size=$(file_bytes "$capture")
requests=$(cat "$capture_meta")
file_mb=$(awk -v b="$file_size" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "Capture: $capture ($file_mb MB, ~$requests exchanges as counted by wrk)" >&2

# Runs a command under /usr/bin/time -v; prints "<seconds> <max RSS KiB> <exit code>".
# Its stdout goes to $measure_stdout (default: a file the import's exchange count is read from).
measure_stdout=""
measure() {
    local timing="$work_dir/time.txt" code=0
    /usr/bin/time -v -o "$timing" "$@" >"${measure_stdout:-$work_dir/stdout.txt}" 2>"$work_dir/stderr.txt" || code=$?
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$timing")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timing")
    echo "${wall:-0} ${rss:-0} $code"
}

rows=()
add_row() { # tool seconds rss_kib exchanges(optional) note(optional)
    local tool="$1" seconds="$2" rss="$3" exchanges="${4:-}" note="${5:-}"
    local mbps eps rss_mb
    mbps=$(awk -v b="$file_size" -v s="$seconds" 'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s; else print "n/a" }')
    rss_mb=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
    if [ -n "$exchanges" ]; then
        eps=$(awk -v n="$exchanges" -v s="$seconds" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "n/a" }')
    else
        eps="n/a"
    fi
    rows+=("| $tool$note | $seconds | $mbps | $eps | $rss_mb |")
}

if [ "$run_import" = 1 ]; then
    require_dotnet
    echo "Publishing SnoopRecorder (Release) to $publish_dir ..." >&2
    # Published as the Docker image is built (scripts/lib/publish.sh).
    if publish_snooprecorder "$publish_dir" "${SNOOP_ARTIFACTS_PATH:-/tmp/snoop-bench-build}" "$work_dir/publish.log"; then
        data_dir="$work_dir/data"
        mkdir -p "$data_dir"
        echo "Running: snooprecorder import ..." >&2
        read -r seconds rss code < <(measure "$publish_dir/snooprecorder" import "$capture" "--Snoop:DataDirectory=$data_dir")
        if [ "$code" = 0 ]; then
            # The importer's own count: its last stdout line is {"sessionId":..,"exchanges":N,..}; else wrk's count.
            counted=$(grep -hoE '"exchanges": *[0-9]+' "$work_dir/stdout.txt" | tail -1 | grep -oE '[0-9]+$' || true)
            add_row "snooprecorder import" "$seconds" "$rss" "${counted:-$requests}"
        else
            echo "snooprecorder import failed (exit $code):" >&2
            tail -5 "$work_dir/stderr.txt" >&2 || true
            rows+=("| snooprecorder import | failed (exit $code) | | | |")
        fi
    else
        echo "dotnet publish failed (see below); skipping the import row." >&2
        tail -20 "$work_dir/publish.log" >&2
        rows+=("| snooprecorder import | build failed | | | |")
    fi
fi

echo "Running: tshark -Y 'http.request || http.response' ..." >&2
measure_stdout=/dev/null
read -r seconds rss code < <(measure tshark -r "$capture" -Y "http.request || http.response" -T fields \
    -e frame.number -e http.request.method -e http.request.uri -e http.response.code)
add_row "tshark (HTTP dissection)" "$seconds" "$rss" "$requests" "$([ "$code" = 0 ] || echo " (exit $code)")"

echo "Running: tcpflow -r ..." >&2
flows="$work_dir/tcpflow"
mkdir -p "$flows"
read -r seconds rss code < <(measure tcpflow -r "$capture" -o "$flows")
add_row "tcpflow (TCP reassembly only)" "$seconds" "$rss" "" "$([ "$code" = 0 ] || echo " (exit $code)")"
rm -rf "$flows"

table="$cache_dir/results-${size_mb}mb.md"
{
    echo "Capture: $file_mb MB, ~$requests HTTP exchanges (keep-alive, wrk), $(nproc) cores, $(date -u +%Y-%m-%d)"
    echo
    echo "| tool | seconds | MB/s | exchanges/s | peak RSS MB |"
    echo "|---|---:|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
} | tee "$table"
echo "(saved to $table)" >&2
