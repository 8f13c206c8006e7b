# shellcheck shell=bash
# Makes a Docker engine available to the end-to-end tests: installs docker.io and busybox-static (the tests' scratch
# image is made from its static /bin/busybox) when missing, and starts dockerd when no engine answers.
# Usage: source scripts/lib/packages.sh; source scripts/lib/docker.sh; ensure_docker
#
# Environment:
#   SNOOP_DOCKERD_WAIT  seconds to wait for a dockerd started here to answer (default 60)

ensure_docker() {
    local missing=()
    command -v docker >/dev/null 2>&1 || missing+=(docker.io)
    dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
    if [ "${#missing[@]}" -gt 0 ]; then
        if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
            echo "error: the Docker tests need ${missing[*]}, which are not installed, and this is not root." >&2
            echo "       Install them (apt-get install ${missing[*]}) or set SNOOP_SKIP_DOCKER=1 to skip the Docker tests." >&2
            return 1
        fi
        ensure_packages "${missing[@]}" || return 1
    fi

    if docker info >/dev/null 2>&1; then
        return 0
    fi

    if [ "$(id -u)" -ne 0 ]; then
        echo "error: no Docker engine answers ('docker info' fails) and only root can start dockerd here." >&2
        echo "       Start it (sudo dockerd &), add this user to the docker group, or set SNOOP_SKIP_DOCKER=1." >&2
        docker info 2>&1 | tail -n 3 >&2
        return 1
    fi
    if ! command -v dockerd >/dev/null 2>&1; then
        echo "error: the docker CLI is installed but dockerd is not (apt-get install docker.io)." >&2
        return 1
    fi

    local log="${TMPDIR:-/tmp}/snoop-dockerd.log"
    local wait_seconds="${SNOOP_DOCKERD_WAIT:-60}"
    echo "Starting dockerd (log: $log)" >&2
    # setsid + nohup: the engine outlives this script and its terminal, like a service would.
    setsid nohup dockerd >"$log" 2>&1 </dev/null &
    local pid=$!

    local waited=0
    until docker info >/dev/null 2>&1; do
        # setsid forks when it leads its process group (job control on), so $! may be gone while dockerd runs.
        if ! kill -0 "$pid" 2>/dev/null && ! pidof dockerd >/dev/null 2>&1; then
            echo "error: dockerd exited at start. Last lines of $log:" >&2
            tail -n 20 "$log" >&2
            return 1
        fi
        if [ "$waited" -ge "$wait_seconds" ]; then
            echo "error: dockerd did not answer within $wait_seconds s. Last lines of $log:" >&2
            tail -n 20 "$log" >&2
            return 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
    echo "dockerd is up after ${waited} s" >&2
}
