# shellcheck shell=bash
# Installs Debian packages that are missing, with one `apt-get update` at most.
# Usage: source scripts/lib/packages.sh; ensure_packages libpcap0.8 tcpdump ...

ensure_packages() {
    local missing=()
    local package
    for package in "$@"; do
        if ! dpkg -s "$package" >/dev/null 2>&1; then
            missing+=("$package")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi

    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo="sudo"
        else
            echo "error: missing packages (${missing[*]}) and not root; install them: apt-get install ${missing[*]}" >&2
            return 1
        fi
    fi

    echo "Installing missing packages: ${missing[*]}" >&2
    # tshark asks whether non-root users may capture; answer "no" so the install never waits for stdin.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

require_dotnet() {
    if ! command -v dotnet >/dev/null 2>&1; then
        echo "error: the .NET 10 SDK is required (dotnet not found on PATH): https://dot.net/download" >&2
        return 1
    fi
}
