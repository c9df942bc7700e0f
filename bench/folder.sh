#!/bin/bash
# A bound folder at scale (issue 13, item 6; see bench/README.md): 100,000 small files in 400
# folders bound to a local-store volume with `trove-cli volume sync`, then, over ROUNDS rounds
# (default 5): `status` and `commit` with nothing changed (goal: 1 s each), and 5,000 files
# changed then one `commit`, which must make exactly one version. Wall time (median and range)
# and peak memory of each; writes its section of bench/RESULTS.md.
# Usage: bench/folder.sh [WORK_DIR]   (default bench/work-folder, removed afterwards; needs ~1 GiB free)
# On a machine busy with other work, NICE=-10 (as root) runs the measured commands ahead of it.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_init "${1:-}" bench/work-folder
need_time_and_bc
ROUNDS=${ROUNDS:-5}
SETTLE=3 # seconds after a change: past a commit's settle window (2 s), so the commit takes it at once

rm -rf "$WORK"; mkdir -p "$WORK"
export TROVE_STORE="$WORK/store" XDG_CACHE_HOME="$WORK/cache" XDG_DATA_HOME="$WORK/data"
FOLDER="$WORK/folder"

fail() { echo "bench/folder.sh: $*" >&2; exit 1; }
# One run of a command: its wall seconds, CPU seconds (user + system, all threads) and peak
# resident MiB are added to NAME's lists.
measure() { # measure NAME COMMAND...
    local name=$1 start end; shift
    start=$(date +%s.%N)
    nice -n "${NICE:-0}" /usr/bin/time -f "%M %U %S" -o "$WORK/usage" "$@" >"$WORK/out" 2>&1 || { cat "$WORK/out" >&2; fail "$* failed"; }
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l >>"$WORK/$name.s"
    tail -1 "$WORK/usage" | awk '{ print $2 + $3 }' >>"$WORK/$name.cpu"
    tail -1 "$WORK/usage" | awk '{ print int($1 / 1024) }' >>"$WORK/$name.m"
}
median() { sort -g "$WORK/$1" | awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -g "$WORK/$1.s" | awk 'NR == 1 { low = $1 } { high = $1 } END { printf "%.3f-%.3f", low, high }'; }
load() { cut -d' ' -f1 /proc/loadavg; }
peak() { sort -n "$WORK/$1.m" | tail -1; }
within() { if (( $(echo "$1 <= $2" | bc -l) )); then echo yes; else echo no; fi; }
versions() { "$CLI" volume history bench --json | grep '"version"'; }

load_before=$(load)
echo "making 100,000 files of 512 bytes in 400 folders..."
for a in $(seq -w 0 19); do
    for b in $(seq -w 0 19); do
        mkdir -p "$FOLDER/a$a/b$b"
        head -c $((250 * 512)) /dev/urandom | (cd "$FOLDER/a$a/b$b" && split -b 512 -a 3 -d - f)
    done
done
files=$(find "$FOLDER" -type f | wc -l)

echo "binding it to an empty volume..."
"$CLI" volume create bench >/dev/null
measure bind "$CLI" volume sync bench "$FOLDER"
bound=$(versions | wc -l)

echo "status and commit with nothing changed, $ROUNDS rounds..."
for _ in $(seq "$ROUNDS"); do
    measure status "$CLI" status "$FOLDER"
    measure unchanged "$CLI" commit "$FOLDER"
done
[ "$(versions | wc -l)" -eq "$bound" ] || fail "a commit with nothing changed made a version"

# Every 20th file: 5,000 spread over all 400 folders.
find "$FOLDER" -path "$FOLDER/a*" -type f | sort | awk 'NR % 20 == 0' >"$WORK/changed"
changed=$(wc -l <"$WORK/changed")
echo "$changed files changed then one commit, $ROUNDS rounds..."
for round in $(seq "$ROUNDS"); do
    while read -r file; do echo "round $round" >>"$file"; done <"$WORK/changed"
    sleep "$SETTLE"
    before=$(versions | wc -l)
    measure changed "$CLI" commit "$FOLDER"
    [ "$(versions | wc -l)" -eq $((before + 1)) ] || fail "round $round: the commit did not make exactly one version"
    modified=$(versions | tail -1 | sed 's/.*"modified": \([0-9]*\).*/\1/')
    [ "$modified" -eq "$changed" ] || fail "round $round: the version has $modified modified files, not $changed"
done

cat >"$WORK/section.md" <<MD
# Benchmark results (Bound folder)

Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(uname -r), by \`bench/folder.sh\` (see
bench/README.md): $files files of 512 bytes in 400 folders bound to a local-store volume,
page cache warm (as for a folder in use). Wall-clock seconds of the whole command, process
start included: median and range of $ROUNDS runs; CPU is user + system seconds of all its
threads (median), which other work on the machine inflates less than wall time (load average
$load_before before the run, $(load) after; measured commands at nice ${NICE:-0}); peak memory is the
process's largest resident set.
Each changed-files commit ran ${SETTLE} s after the change (past the 2 s a commit waits for files
changed just before it) and made one version of $changed modified files.

| command | goal | median s | range s | CPU s | peak MiB | met |
| --- | --- | --- | --- | --- | --- | --- |
| \`volume sync\` of the full folder to an empty volume (once) | (info) | $(median bind.s) | - | $(median bind.cpu) | $(peak bind) | - |
| \`status\` with nothing changed | ≤ 1 s | $(median status.s) | $(range status) | $(median status.cpu) | $(peak status) | $(within "$(median status.s)" 1) |
| \`commit\` with nothing changed (no version made) | ≤ 1 s | $(median unchanged.s) | $(range unchanged) | $(median unchanged.cpu) | $(peak unchanged) | $(within "$(median unchanged.s)" 1) |
| \`commit\` of $changed changed files (one version each round) | (info) | $(median changed.s) | $(range changed) | $(median changed.cpu) | $(peak changed) | - |
MD
write_section "Bound folder" "$WORK/section.md"
cat "$WORK/section.md"
rm -rf "$WORK"
