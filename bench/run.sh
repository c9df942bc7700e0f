#!/bin/bash
# Local-store benchmarks, Trove side by side with the standard tools, in one go.
# Usage: bench/run.sh [WORK_DIR]   (default bench/work; needs ~4 GiB free)
# Writes bench/RESULTS.md. Times are wall-clock seconds of whole commands, best of 5 runs
# taken in turn with the peer's;
# peak memory is the maximum resident set size of Trove's process.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_init "${1:-}" bench/work
need_time_and_bc

rm -rf "$WORK"; mkdir -p "$WORK"
export TROVE_STORE="$WORK/store" XDG_CACHE_HOME="$WORK/cache"

# best of 3 wall-clock seconds of a shell command; optional setup before each run
best() { # best SETUP CMD
    local best=""
    for _ in 1 2 3; do eval "$1"; best=$(smaller "$best" "$(once "$2")"); done
    printf "%.3f" "$best"
}
# Best wall-clock seconds of a peer and of Trove, their runs taken in turn (5 each), so a
# slow phase of the machine hits both alike; prints "PEER TROVE".
pair() { # pair PEER_SETUP PEER_CMD TROVE_SETUP TROVE_CMD
    local peer="" trove=""
    for _ in 1 2 3 4 5; do
        eval "$1"; peer=$(smaller "$peer" "$(once "$2")")
        eval "$3"; trove=$(smaller "$trove" "$(once "$4")")
    done
    printf "%.3f %.3f\n" "$peer" "$trove"
}
smaller() { if [ -z "$1" ] || (( $(echo "$2 < $1" | bc -l) )); then echo "$2"; else echo "$1"; fi; }
once() { local s e; s=$(date +%s.%N); eval "$1" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
# peak RSS (MiB) of one run of a Trove command
peak() { /usr/bin/time -f "%M" -o "$WORK/rss" bash -c "$1" >/dev/null 2>&1; echo $(( $(cat "$WORK/rss") / 1024 )); }

echo "preparing data..."
head -c $((1024*1024*1024)) /dev/urandom > "$WORK/big.bin"
for d in $(seq -w 0 19); do # 20 directories of 1,000 random 4 KiB files
    mkdir -p "$WORK/small/d$d"
    head -c $((1000 * 4096)) /dev/urandom | (cd "$WORK/small/d$d" && split -b 4096 -a 4 -d - f)
done
"$CLI" volume create bench >/dev/null

reset_store() { rm -rf "$WORK/store" "$WORK/cache"; "$CLI" volume create bench >/dev/null; }

echo "1 GiB put..."
read -r cp_big put_big < <(pair "rm -f $WORK/copy.bin; sync" "cp $WORK/big.bin $WORK/copy.bin && sync" \
    "reset_store; sync" "$CLI volume put bench $WORK/big.bin big.bin && sync")
# cp copies inside the kernel (copy_file_range); dd shows what writing from user space costs.
dd_big=$(best "rm -f $WORK/copy.bin; sync" "dd if=$WORK/big.bin of=$WORK/copy.bin bs=16M && sync")
put_big_mem=$(peak "rm -rf $WORK/store $WORK/cache; $CLI volume create bench; $CLI volume put bench $WORK/big.bin big.bin")

echo "unchanged re-put..."
read -r sha_big reput_big < <(pair ":" "openssl dgst -sha256 $WORK/big.bin" ":" "$CLI volume put bench $WORK/big.bin big.bin -f")
touch_reput=$(best "touch $WORK/big.bin" "$CLI volume put bench $WORK/big.bin big.bin -f")
reput_mem=$(peak "touch $WORK/big.bin; $CLI volume put bench $WORK/big.bin big.bin -f")

echo "1 GiB get..."
read -r cp_big2 get_big < <(pair "rm -f $WORK/copy.bin; sync" "cp $WORK/big.bin $WORK/copy.bin && sync" \
    "rm -f $WORK/out.bin; sync" "$CLI volume get bench big.bin $WORK/out.bin && sync")
get_big_mem=$(peak "rm -f $WORK/out.bin; $CLI volume get bench big.bin $WORK/out.bin")
cmp "$WORK/big.bin" "$WORK/out.bin"

echo "20,000 files of 4 KiB..."
# Every copy of the 20,000 files goes to a new directory, removed only after the row: this
# VM's ext4 makes the next 20,000 creations slow for a minute after 20,000 deletions (the
# kernel's recently_deleted() scan took 56-78% of cp's and Trove's samples), whoever runs.
fresh() { echo "$WORK/runs/$RANDOM$RANDOM"; }
mkdir -p "$WORK/runs"
read -r cp_small put_small < <(pair "sync" "cp -r $WORK/small \$(fresh) && sync" \
    "reset_store; sync" "$CLI volume put bench $WORK/small small && sync")
put_small_mem=$(peak "rm -rf $WORK/store $WORK/cache; $CLI volume create bench; $CLI volume put bench $WORK/small small")
read -r cp_small2 get_small < <(pair "sync" "cp -r $WORK/small \$(fresh) && sync" \
    "sync" "$CLI volume get bench small \$(fresh) && sync")
get_small_mem=$(peak "rm -rf $WORK/small-out; $CLI volume get bench small $WORK/small-out")
diff -r "$WORK/small" "$WORK/small-out" >/dev/null
rm -rf "$WORK/runs"

echo "ls of a 32,768-entry directory..."
mkdir -p "$WORK/wide"
head -c 32768 /dev/zero | (cd "$WORK/wide" && split -b 1 -a 5 -d - w)
"$CLI" volume put bench "$WORK/wide" wide >/dev/null
ls_wide=$(best ":" "$CLI volume ls bench wide --json")
ls_mem=$(peak "$CLI volume ls bench wide --json")
entries=$("$CLI" volume ls bench wide --json | grep -c '"path"')

cat > "$WORK/section.md" <<MD
# Benchmark results (local store)

Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(uname -r), by \`bench/run.sh\` (see
bench/README.md). Wall-clock seconds, best of 5 runs taken in turn with the peer's (so a
slow phase of the machine hits both alike); ratio = Trove / peer (below 1 is faster). Peak memory is Trove's
maximum resident set.

| task | peer | peer s | Trove s | ratio | goal | Trove peak MiB |
| --- | --- | --- | --- | --- | --- | --- |
| put 1 GiB file | \`cp\` + \`sync\` | $cp_big | $put_big | $(ratio "$put_big" "$cp_big") | ≤ 1.2 | $put_big_mem |
| put 1 GiB file | \`dd bs=16M\` + \`sync\` (a user-space writer) | $dd_big | $put_big | $(ratio "$put_big" "$dd_big") | (info) | - |
| re-put unchanged 1 GiB | \`openssl dgst -sha256\` | $sha_big | $reput_big | $(ratio "$reput_big" "$sha_big") | ≤ 1.0 | - |
| re-put 1 GiB, mtime touched (re-read, all chunks deduped) | \`openssl dgst -sha256\` | $sha_big | $touch_reput | $(ratio "$touch_reput" "$sha_big") | (info) | $reput_mem |
| get 1 GiB file | \`cp\` + \`sync\` | $cp_big2 | $get_big | $(ratio "$get_big" "$cp_big2") | (info) | $get_big_mem |
| put 20,000 x 4 KiB | \`cp -r\` + \`sync\` | $cp_small | $put_small | $(ratio "$put_small" "$cp_small") | < 1.0 | $put_small_mem |
| get 20,000 x 4 KiB | \`cp -r\` + \`sync\` | $cp_small2 | $get_small | $(ratio "$get_small" "$cp_small2") | < 1.0 | $get_small_mem |
| \`ls --json\` of $entries entries | - | - | $ls_wide | - | < 0.200 s | $ls_mem |
MD
write_section "local store" "$WORK/section.md"
cat "$WORK/section.md"
rm -rf "$WORK"
