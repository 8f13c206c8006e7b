#!/usr/bin/env bash
# Live-capture benchmark: HTTP load from wrk against nginx inside a network namespace this script creates, recorded
# by the service (POST /api/sessions on the namespace) and, for comparison, by `tcpdump -w` on the same load.
# Not a test: it takes minutes and needs root; keep it out of CI.
#
#   bash scripts/bench-live.sh                      # 15 s per run, the default loads (about 6 minutes)
#   BENCH_SECONDS=5 bash scripts/bench-live.sh      # shorter runs
#   BENCH_LOADS="keepalive:32:/hello close:32:/hello keepalive:16:/hello:4" bash scripts/bench-live.sh
#
# Environment:
#   BENCH_SECONDS             length of each run (default 15)
#   BENCH_LOADS               space-separated MODE:CONNECTIONS:PATH[:PAUSE_MS]; MODE keepalive or close (a new
#                             connection per request); PATH /hello (6-byte body) or /10k (10,240-byte file);
#                             PAUSE_MS paces each connection (wrk's delay(): a pause before each request)
#   BENCH_BASELINE=0          skip the runs without capture
#   BENCH_BUFFER_BYTES        the service's Snoop:Recording:CaptureBufferBytes (default: the service's, 32 MiB)
#   BENCH_TCPDUMP_BUFFER_KIB  tcpdump -B (default: tcpdump's, 2 MiB)
#   SNOOP_BENCH_PUBLISH, SNOOP_ARTIFACTS_PATH   where the service is published and built
#
# Prints machine information and three Markdown tables (also saved, with every tool's raw output and the service's
# log, under /tmp/snoop-bench-live/results-<time>/).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/packages.sh
source scripts/lib/publish.sh

case "${1:-}" in
    -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}"; exit 0 ;;
    "") ;;
    *) echo "unknown argument: $1 (configure with environment variables, see --help)" >&2; exit 2 ;;
esac

if [ "$(id -u)" -ne 0 ]; then
    echo "error: run as root: the benchmark creates a network namespace and captures packets" >&2
    exit 1
fi

# sqlite3: the recorded exchanges are counted by completeness in the service's database, read-only, after each run.
ensure_packages libpcap0.8 tcpdump nginx-light wrk apache2-utils iproute2 curl sqlite3
require_dotnet

seconds="${BENCH_SECONDS:-15}"
loads="${BENCH_LOADS:-keepalive:32:/hello keepalive:32:/10k close:32:/hello keepalive:16:/hello:1 keepalive:16:/hello:4 keepalive:16:/hello:16}"
baseline="${BENCH_BASELINE:-1}"
drain_seconds=2

netns=snoopbench
veth_host=snoopbench0
veth_ns=snoopbench1
host_ip=10.233.0.1
server_ip=10.233.0.2

bench_root=/tmp/snoop-bench-live
publish_dir="${SNOOP_BENCH_PUBLISH:-$bench_root/app}"
artifacts_dir="${SNOOP_ARTIFACTS_PATH:-/tmp/art-benchlive}"
results_dir="$bench_root/results-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$bench_root" "$results_dir"
work_dir="$(mktemp -d /tmp/snoop-bench-live-run.XXXXXX)"
data_dir="$work_dir/data"

clk_tck=$(getconf CLK_TCK)

nginx_pid=""
service_pid=""
tcpdump_pid=""
sampler_pid=""
cleanup() {
    local code=$?
    [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
    [ -n "$tcpdump_pid" ] && kill "$tcpdump_pid" 2>/dev/null || true
    if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
        kill "$service_pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$service_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$service_pid" 2>/dev/null || true
    fi
    if [ -n "$nginx_pid" ]; then
        kill "$nginx_pid" 2>/dev/null || true
        wait "$nginx_pid" 2>/dev/null || true
    fi
    ip link del "$veth_host" 2>/dev/null || true
    ip netns del "$netns" 2>/dev/null || true
    rm -rf "$work_dir"
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    # An unused loopback port picked by the kernel (bash's /dev/tcp cannot bind, so ask Python or fall back).
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
    else
        echo $((20000 + RANDOM % 20000))
    fi
}

now() { date +%s.%N; }

# utime + stime of a process (clock ticks), from /proc/PID/stat (fields 14 and 15; the name may hold spaces).
cpu_ticks() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
    stat="${stat##*) }"
    # shellcheck disable=SC2086
    set -- $stat
    echo $(("${12}" + "${13}"))
}

# Per-thread ticks of a process: "tid ticks name" per line.
thread_ticks() {
    local task stat name
    for task in /proc/"$1"/task/*; do
        stat=$(cat "$task/stat" 2>/dev/null) || continue
        name=$(cat "$task/comm" 2>/dev/null) || continue
        stat="${stat##*) }"
        # shellcheck disable=SC2086
        set -- $stat
        echo "${task##*/} $(("${12}" + "${13}")) ${name// /_}"
    done
}

# Busy and total jiffies of the whole machine (all cores), from /proc/stat.
machine_ticks() {
    awk '/^cpu / { total = 0; for (i = 2; i <= NF; i++) total += $i; print total - $5 - $6, total }' /proc/stat
}

# Packets that crossed the veth pair, both directions: what a capture on 'any' in the namespace is offered (the
# kernel hands every one of them to the capture's filter; only port 80 traffic flows there, plus rare ARP/IPv6).
veth_packets() {
    local stats="/sys/class/net/$veth_host/statistics"
    echo $(($(cat "$stats/rx_packets") + $(cat "$stats/tx_packets")))
}

percent() { # ticks seconds -> % of one core
    awk -v t="$1" -v s="$2" -v hz="$clk_tck" 'BEGIN { if (s > 0) printf "%.0f", t / hz / s * 100; else print "n/a" }'
}

kib_to_mb() { awk -v k="${1:-0}" 'BEGIN { printf "%.0f", k / 1024 }'; }

status_kib() { # pid field (VmRSS, VmHWM)
    awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
}

# Samples VmRSS of a process every 0.2 s and keeps the largest (KiB) in a file, until killed.
sample_rss() {
    local pid="$1" out="$2" max=0 key value unit
    echo 0 >"$out"
    while kill -0 "$pid" 2>/dev/null; do
        while read -r key value unit; do
            if [ "$key" = "VmRSS:" ]; then
                if [ "$value" -gt "$max" ]; then
                    max=$value
                    echo "$max" >"$out"
                fi
                break
            fi
        done 2>/dev/null <"/proc/$pid/status" || true
        sleep 0.2
    done
}

start_sampler() { sample_rss "$1" "$2" & sampler_pid=$!; }
stop_sampler() { kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""; }

json_number() { # field file
    grep -oE "\"$1\": *-?[0-9]+" "$2" | head -1 | grep -oE -- '-?[0-9]+$' || echo "?"
}
json_string() { # field file
    grep -oE "\"$1\": *\"[^\"]*\"" "$2" | head -1 | sed -E 's/.*: *"([^"]*)"/\1/' || echo "?"
}

# --- the namespace, its veth pair and nginx ---------------------------------------------------------------------

setup_namespace() {
    # Left over by an interrupted run: ours, so remove it.
    ip link del "$veth_host" 2>/dev/null || true
    ip netns del "$netns" 2>/dev/null || true
    ip netns add "$netns"
    ip link add "$veth_host" type veth peer name "$veth_ns"
    ip link set "$veth_ns" netns "$netns"
    ip addr add "$host_ip/30" dev "$veth_host"
    ip link set "$veth_host" up
    ip netns exec "$netns" ip addr add "$server_ip/30" dev "$veth_ns"
    ip netns exec "$netns" ip link set "$veth_ns" up
    ip netns exec "$netns" ip link set lo up
}

start_nginx() {
    local prefix="$work_dir/nginx"
    mkdir -p "$prefix/www" "$prefix/temp"
    head -c 10240 /dev/urandom >"$prefix/www/10k"
    cat >"$prefix/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $prefix/nginx.pid;
error_log $prefix/error.log warn;
events { worker_connections 4096; }
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
        listen $server_ip:80;
        root $prefix/www;
        location = /hello { return 200 "hello\n"; }
        location = /10k { }
    }
}
CONF
    # `ip netns exec` execs nginx: the PID is nginx's own.
    ip netns exec "$netns" nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" &
    nginx_pid=$!
    for _ in $(seq 50); do
        if curl -sf -o /dev/null --noproxy '*' "http://$server_ip/hello"; then
            return 0
        fi
        sleep 0.1
    done
    echo "error: nginx did not start in the namespace (see $prefix/error.log)" >&2
    cat "$prefix/error.log" >&2 || true
    return 1
}

# --- the service ------------------------------------------------------------------------------------------------

publish_service() {
    echo "Publishing SnoopRecorder (Release) to $publish_dir ..." >&2
    # The same build as bench-import.sh and the Docker image (scripts/lib/publish.sh).
    if ! publish_snooprecorder "$publish_dir" "$artifacts_dir" "$results_dir/publish.log"; then
        tail -20 "$results_dir/publish.log" >&2
        echo "error: dotnet publish failed (log: $results_dir/publish.log)" >&2
        return 1
    fi
}

service_url=""
service_idle_kib=0
# Starts the service with an empty data directory; sets service_pid, service_url and service_idle_kib (its RSS once
# started, before any session). Each load gets a fresh process, so that its peak RSS is its own.
start_service() {
    local port args=()
    port=$(free_port)
    service_url="http://127.0.0.1:$port"
    rm -rf "$data_dir"
    mkdir -p "$data_dir"
    args=(--urls "$service_url" "--Snoop:DataDirectory=$data_dir")
    if [ -n "${BENCH_BUFFER_BYTES:-}" ]; then
        args+=("--Snoop:Recording:CaptureBufferBytes=$BENCH_BUFFER_BYTES")
    fi
    echo "--- $(date -u '+%H:%M:%S') starting: snooprecorder ${args[*]}" >>"$results_dir/service.log"
    "$publish_dir/snooprecorder" "${args[@]}" >>"$results_dir/service.log" 2>&1 &
    service_pid=$!
    for _ in $(seq 150); do
        if curl -sf -o /dev/null --noproxy '*' "$service_url/health"; then
            sleep 1
            service_idle_kib=$(status_kib "$service_pid" VmRSS)
            return 0
        fi
        kill -0 "$service_pid" 2>/dev/null || break
        sleep 0.2
    done
    echo "error: the service did not start (log: $results_dir/service.log)" >&2
    tail -20 "$results_dir/service.log" >&2 || true
    return 1
}

stop_service() {
    kill "$service_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$service_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
    service_pid=""
    rm -rf "$data_dir"
}

api() { # method path [json] -> body in $work_dir/api.json, echoes the HTTP status
    local method="$1" path="$2" body="${3:-}"
    if [ -n "$body" ]; then
        curl -s --noproxy '*' -o "$work_dir/api.json" -w '%{http_code}' -X "$method" \
            -H 'Content-Type: application/json' --data "$body" "$service_url$path"
    else
        curl -s --noproxy '*' -o "$work_dir/api.json" -w '%{http_code}' -X "$method" "$service_url$path"
    fi
}

# "complete incomplete" exchanges of a session, counted in the service's database (read-only, WAL lets it).
exchange_completeness() {
    sqlite3 -readonly -separator ' ' "$data_dir/snoop.db" \
        "SELECT COALESCE(SUM(complete = 1), 0), COALESCE(SUM(complete = 0), 0) FROM exchanges WHERE session_id = '$1'" \
        2>/dev/null || echo "? ?"
}

# --- one load ---------------------------------------------------------------------------------------------------

# Runs wrk for $seconds with the load's settings; output to the given file.
run_wrk() { # mode connections path pause_ms out
    local mode="$1" connections="$2" path="$3" pause="$4" out="$5" extra=()
    [ "$mode" = close ] && extra+=(-H 'Connection: close')
    if [ -n "$pause" ]; then
        printf 'function delay()\n    return %d\nend\n' "$pause" >"$work_dir/pause.lua"
        extra+=(-s "$work_dir/pause.lua")
    fi
    wrk -t1 -c "$connections" -d "${seconds}s" --latency "${extra[@]}" "http://$server_ip$path" >"$out" 2>&1 || true
}

wrk_requests() { awk '/requests in/ { print $1; exit }' "$1"; }
wrk_rate() { awk '/^Requests\/sec:/ { printf "%.0f", $2; exit }' "$1"; }
wrk_p99() { awk '$1 == "99%" { print $2; exit }' "$1"; }
wrk_errors() { # "connect/read/write/timeout+non-2xx", or 0
    awk '/Socket errors:/ { gsub(",", ""); e = $4 "/" $6 "/" $8 "/" $10 }
         /Non-2xx or 3xx responses:/ { n = $5 }
         END { if (e == "" && n == "") print 0; else print (e == "" ? "0/0/0/0" : e) "+" (n == "" ? 0 : n) }' "$1"
}

# Measures one wrk run: the CPU of a process (may be empty) and of nginx, the machine's CPU, the wall time.
# Sets m_wall, m_proc_ticks, m_nginx_ticks, m_busy_pct and m_threads (the process's busiest threads).
measure_wrk() { # label mode connections path pause pid
    local label="$1" mode="$2" connections="$3" path="$4" pause="$5" pid="$6"
    local t0 t1 p0=0 p1=0 n0 n1 b0 b1 tot0 tot1
    [ -n "$pid" ] && { p0=$(cpu_ticks "$pid"); thread_ticks "$pid" >"$work_dir/threads0"; }
    n0=$(cpu_ticks "$nginx_pid")
    read -r b0 tot0 < <(machine_ticks)
    t0=$(now)
    run_wrk "$mode" "$connections" "$path" "$pause" "$results_dir/$label.wrk.txt"
    t1=$(now)
    read -r b1 tot1 < <(machine_ticks)
    n1=$(cpu_ticks "$nginx_pid")
    [ -n "$pid" ] && { p1=$(cpu_ticks "$pid"); thread_ticks "$pid" >"$work_dir/threads1"; }
    m_wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    m_proc_ticks=$((p1 - p0))
    m_nginx_ticks=$((n1 - n0))
    m_busy_pct=$(awk -v b=$((b1 - b0)) -v t=$((tot1 - tot0)) 'BEGIN { if (t > 0) printf "%.0f", b / t * 100; else print "n/a" }')
    m_threads=""
    if [ -n "$pid" ]; then
        # "name pct%" of the busiest threads (Linux cuts thread names to 15 characters).
        m_threads=$(awk 'NR == FNR { before[$1] = $2; next }
                         { d = $2 - before[$1]; if (d > 0) printf "%d %s\n", d, $3 }' \
                "$work_dir/threads0" "$work_dir/threads1" \
            | sort -rn | head -4 \
            | awk -v s="$m_wall" -v hz="$clk_tck" '{ printf "%s%s %.0f%%", (NR > 1 ? ", " : ""), $2, $1 / hz / s * 100 }')
    fi
}

rows_recorder=()
rows_tcpdump=()
rows_context=()

run_load() { # spec
    local spec="$1" mode connections path pause label load_name
    IFS=: read -r mode connections path pause <<<"$spec"
    case "$mode" in keepalive|close) ;; *) echo "error: bad load '$spec' (MODE:CONNECTIONS:PATH[:PAUSE_MS])" >&2; return 1 ;; esac
    label="${mode}-c${connections}-${path#/}${pause:+-pause$pause}"
    load_name="$mode -c $connections $path${pause:+, ${pause} ms pause}"

    # Without capture: what the machine sustains with nobody recording.
    local base_rate="n/a" base_busy="n/a" base_p99="n/a"
    if [ "$baseline" = 1 ]; then
        echo "[$load_name] no capture, ${seconds} s ..." >&2
        measure_wrk "$label.none" "$mode" "$connections" "$path" "$pause" ""
        base_rate=$(wrk_rate "$results_dir/$label.none.wrk.txt")
        base_busy=$m_busy_pct
        base_p99=$(wrk_p99 "$results_dir/$label.none.wrk.txt")
        sleep 1
    fi

    # Recorded by the service (a fresh process).
    start_service
    echo "[$load_name] recorded by SnoopRecorder, ${seconds} s ..." >&2
    local code session v0 v1 c0 c1 rec_idle="$service_idle_kib"
    c0=$(cpu_ticks "$service_pid")
    code=$(api POST /api/sessions "{\"netns\":\"$netns\",\"interface\":\"any\",\"filter\":\"tcp port 80\",\"name\":\"bench $label\"}")
    if [ "$code" != 201 ]; then
        echo "error: POST /api/sessions answered $code: $(cat "$work_dir/api.json")" >&2
        return 1
    fi
    session=$(json_string id "$work_dir/api.json")
    v0=$(veth_packets)
    start_sampler "$service_pid" "$work_dir/rss"
    measure_wrk "$label.recorder" "$mode" "$connections" "$path" "$pause" "$service_pid"
    local rec_wall="$m_wall" rec_ticks="$m_proc_ticks" rec_nginx="$m_nginx_ticks" rec_busy="$m_busy_pct" rec_threads="$m_threads"
    # Let the consumer catch up with what is queued before asking it to stop (a stop does not drain the kernel ring).
    sleep "$drain_seconds"
    v1=$(veth_packets)
    code=$(api POST "/api/sessions/$session/stop")
    c1=$(cpu_ticks "$service_pid")
    stop_sampler
    local rec_rss
    rec_rss=$(cat "$work_dir/rss")
    local rec_file="$results_dir/$label.session.json"
    cp "$work_dir/api.json" "$rec_file"
    if [ "$code" != 200 ]; then
        echo "error: stopping session $session answered $code: $(cat "$work_dir/api.json")" >&2
        return 1
    fi
    local rec_packets rec_exchanges rec_dropped rec_status rec_requests rec_rate rec_wire rec_lost rec_complete rec_incomplete
    rec_packets=$(json_number packets "$rec_file")
    rec_exchanges=$(json_number exchanges "$rec_file")
    rec_dropped=$(json_number dropped "$rec_file")
    rec_status=$(json_string status "$rec_file")
    rec_requests=$(wrk_requests "$results_dir/$label.recorder.wrk.txt")
    rec_rate=$(wrk_rate "$results_dir/$label.recorder.wrk.txt")
    rec_wire=$((v1 - v0))
    rec_lost=$((rec_wire - rec_packets - rec_dropped))
    read -r rec_complete rec_incomplete < <(exchange_completeness "$session")
    local rec_session_cpu
    rec_session_cpu=$(awk -v t=$((c1 - c0)) -v hz="$clk_tck" 'BEGIN { printf "%.1f", t / hz }')
    [ "$rec_status" = stopped ] || echo "warning: session $session ended as '$rec_status' (see $rec_file)" >&2
    stop_service
    sleep 1

    # The same load captured by tcpdump -w in the namespace.
    echo "[$load_name] captured by tcpdump -w, ${seconds} s ..." >&2
    local pcap="$work_dir/$label.pcap" tcpdump_err="$results_dir/$label.tcpdump.txt" tcpdump_args=()
    [ -n "${BENCH_TCPDUMP_BUFFER_KIB:-}" ] && tcpdump_args=(-B "$BENCH_TCPDUMP_BUFFER_KIB")
    ip netns exec "$netns" tcpdump -i any -w "$pcap" -s 262144 "${tcpdump_args[@]}" 'tcp port 80' 2>"$tcpdump_err" &
    tcpdump_pid=$!
    for _ in $(seq 100); do
        grep -q "listening on" "$tcpdump_err" && break
        sleep 0.1
    done
    v0=$(veth_packets)
    start_sampler "$tcpdump_pid" "$work_dir/rss"
    measure_wrk "$label.tcpdump" "$mode" "$connections" "$path" "$pause" "$tcpdump_pid"
    local td_wall="$m_wall" td_ticks="$m_proc_ticks" td_nginx="$m_nginx_ticks" td_busy="$m_busy_pct"
    # Without --immediate-mode tcpdump reads a ring block when it fills or after its timeout; SIGINT does not drain it.
    sleep "$drain_seconds"
    v1=$(veth_packets)
    local td_hwm td_rss
    td_hwm=$(status_kib "$tcpdump_pid" VmHWM)
    stop_sampler
    td_rss=$(cat "$work_dir/rss")
    [ "${td_hwm:-0}" -gt "${td_rss:-0}" ] && td_rss=$td_hwm
    kill -INT "$tcpdump_pid" 2>/dev/null || true
    wait "$tcpdump_pid" 2>/dev/null || true
    tcpdump_pid=""
    local td_captured td_dropped td_requests td_rate td_wire
    td_captured=$(awk '/packets captured/ { print $1 }' "$tcpdump_err")
    td_dropped=$(awk '/dropped by kernel/ { print $1 }' "$tcpdump_err")
    td_requests=$(wrk_requests "$results_dir/$label.tcpdump.wrk.txt")
    td_rate=$(wrk_rate "$results_dir/$label.tcpdump.wrk.txt")
    td_wire=$((v1 - v0))
    rm -f "$pcap"
    sleep 1

    rows_recorder+=("| $load_name | ${rec_rate:-?} | ${rec_requests:-?} | $rec_wire | $rec_packets | $rec_dropped | $rec_lost | $rec_exchanges | $rec_incomplete | $((rec_exchanges - ${rec_requests:-0})) | $(percent "$rec_ticks" "$rec_wall") | $rec_session_cpu | $(kib_to_mb "$rec_idle") / $(kib_to_mb "$rec_rss") |")
    rows_tcpdump+=("| $load_name | ${td_rate:-?} | ${td_requests:-?} | $td_wire | ${td_captured:-?} | ${td_dropped:-?} | $(percent "$td_ticks" "$td_wall") | $(kib_to_mb "$td_rss") |")
    rows_context+=("| $load_name | $base_rate | $base_busy / $rec_busy / $td_busy | $(percent "$rec_nginx" "$rec_wall") / $(percent "$td_nginx" "$td_wall") | $base_p99 / $(wrk_p99 "$results_dir/$label.recorder.wrk.txt") / $(wrk_p99 "$results_dir/$label.tcpdump.wrk.txt") | $(wrk_errors "$results_dir/$label.recorder.wrk.txt") | $rec_threads |")
}

# --- main -------------------------------------------------------------------------------------------------------

{
    echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "Machine: $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), kernel $(uname -r)," \
        "$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1e6 }' /proc/meminfo)"
    echo "libpcap0.8 $(dpkg -s libpcap0.8 | awk '/^Version:/ { print $2 }'), $(tcpdump --version 2>&1 | head -1)," \
        "$(nginx -v 2>&1 | sed 's/.*: //'), wrk $(wrk -v 2>&1 | awk 'NR == 1 { print $2 }'), .NET $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }')"
    echo "Load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$results_dir/machine.txt" >&2

publish_service
setup_namespace
start_nginx
echo "nginx in namespace $netns at $server_ip:80; the service's log: $results_dir/service.log" >&2

# How busy the machine is with nothing of ours running: another build or test run distorts every figure.
read -r b0 tot0 < <(machine_ticks)
sleep 3
read -r b1 tot1 < <(machine_ticks)
idle_busy=$(awk -v b=$((b1 - b0)) -v t=$((tot1 - tot0)) 'BEGIN { printf "%.0f", b / t * 100 }')
echo "Machine busy before the runs (3 s, nothing of the benchmark running): ${idle_busy}% of $(nproc) cores" \
    | tee -a "$results_dir/machine.txt" >&2

for spec in $loads; do
    run_load "$spec"
done

read -r b0 tot0 < <(machine_ticks)
sleep 3
read -r b1 tot1 < <(machine_ticks)
after_busy=$(awk -v b=$((b1 - b0)) -v t=$((tot1 - tot0)) 'BEGIN { printf "%.0f", b / t * 100 }')
problems=$(grep -cE '^(fail|crit|warn):|Exception' "$results_dir/service.log" || true)

{
    echo
    cat "$results_dir/machine.txt"
    echo "Machine busy after the runs (3 s): ${after_busy}% of $(nproc) cores"
    echo "Each run: wrk -t1 for ${seconds} s from the host to nginx in the namespace; both captures: 'tcp port 80' on" \
        "'any' inside the namespace, snapshot length 262144."
    echo "Service: a fresh process per load; warnings or errors in its log: $problems"
    echo
    echo "Recorded by SnoopRecorder (capture buffer ${BENCH_BUFFER_BYTES:-default}):"
    echo
    echo "| load | req/s (wrk) | requests (wrk) | packets on the veth | packets recorded | dropped (reported) | lost, not reported | exchanges | incomplete | exchanges − requests | CPU % (load) | CPU s (session) | RSS MB idle / peak |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${rows_recorder[@]}"
    echo
    echo "Captured by tcpdump -w (buffer ${BENCH_TCPDUMP_BUFFER_KIB:+$BENCH_TCPDUMP_BUFFER_KIB KiB}${BENCH_TCPDUMP_BUFFER_KIB:-default}):"
    echo
    echo "| load | req/s (wrk) | requests (wrk) | packets on the veth | packets captured | dropped by kernel | CPU % (load) | peak RSS MB |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${rows_tcpdump[@]}"
    echo
    echo "Context (none / recorder / tcpdump):"
    echo
    echo "| load | req/s without capture | machine busy % | nginx CPU % (recorder / tcpdump) | p99 latency | wrk errors, recorded (c/r/w/t+non-2xx) | recorder's busiest threads (load) |"
    echo "|---|---:|---:|---:|---:|---:|---|"
    printf '%s\n' "${rows_context[@]}"
} | tee "$results_dir/results.md"
echo "(saved to $results_dir/results.md, with the raw wrk and tcpdump output and the service's log)" >&2
