# Shared by the benchmark scripts; sourced from the repository root.

# Sets ROOT, WORK (the argument or DEFAULT) and CLI, building Trove if needed.
bench_init() { # WORK_ARG DEFAULT
    ROOT=$(pwd)
    WORK=$(readlink -f "${1:-$2}")
    CLI="$ROOT/build/app/cli/trove-cli"
    [ -x "$CLI" ] || ./scripts/setup.sh
}

# /usr/bin/time (peak memory) and bc, installed with apt-get when missing.
need_time_and_bc() {
    if [ ! -x /usr/bin/time ] || ! command -v bc >/dev/null; then
        local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time bc >/dev/null
    fi
}

ratio() { printf "%.2f" "$(echo "$1 / $2" | bc -l)"; }

# Replaces the section of bench/RESULTS.md whose heading contains TITLE with the content of
# FILE, keeping the other sections.
write_section() { # TITLE FILE
    local others=""
    if [ -f bench/RESULTS.md ]; then
        others=$(awk -v t="$1" '/^# Benchmark results/ { keep = index($0, t) == 0 } keep' bench/RESULTS.md)
    fi
    { cat "$2"; if [ -n "$others" ]; then printf "\n%s\n" "$others"; fi; } > bench/RESULTS.md.new
    mv bench/RESULTS.md.new bench/RESULTS.md
}
