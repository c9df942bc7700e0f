# Shared by the benchmark scripts; sourced from the repository root.

# Sets ROOT, WORK (the argument or DEFAULT) and CLI, building Trove if needed.
bench_init() { # WORK_ARG DEFAULT
    ROOT=$(pwd)
    WORK=$(readlink -f "${1:-$2}")
    CLI="$ROOT/build/app/cli/trove-cli"
    [ -x "$CLI" ] || ./scripts/setup.sh
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
