# Shared by the benchmark scripts.

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
