#!/bin/bash
# A large file's upload to S3: `trove-cli volume put` against one `curl -T` PUT of the same
# file to the same RGW, taking turns in each round (a slow phase of the machine hits both
# alike), and Trove's peak resident memory.
# Usage: bench/upload.sh [WORK_DIR] [ROUNDS] [SIZES_MIB...]   (defaults: 5 rounds, 1024 4096)
# Prints one line per round and the median and range of each size.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_init "${1:-}" bench/work-upload
need_time_and_bc
ROUNDS=${2:-5}
shift $(( $# < 2 ? $# : 2 ))
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1024 4096)
PORT=27580
rm -rf "$WORK"; mkdir -p "$WORK"
scripts/rgw.sh start "$WORK/rgw" $PORT 26889 >/dev/null 2>&1
trap 'scripts/rgw.sh stop "$WORK/rgw" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
EP=http://127.0.0.1:$PORT
export AWS_ACCESS_KEY_ID=TROVETESTKEY AWS_SECRET_ACCESS_KEY=trove-test-secret-key AWS_REGION=us-east-1
export TROVE_STORE="s3://trove-test/bench?endpoint=$EP" XDG_CACHE_HOME="$WORK/cache"
SIGN=(--aws-sigv4 "aws:amz:us-east-1:s3" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
# The test server keeps objects in memory and frees deleted ones when its gc runs.
clean() {
    "$CLI" volume delete b -y >/dev/null 2>&1 || true; "$CLI" gc --grace 0s >/dev/null 2>&1 || true
    curl -s -o /dev/null "${SIGN[@]}" -X DELETE "$EP/trove-test/peer.bin"
    radosgw-admin -c "$WORK/rgw/ceph.conf" gc process --include-all >/dev/null 2>&1 || true
    rm -rf "$WORK/cache"; "$CLI" volume create b >/dev/null
}
median() { printf "%s\n" "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
range() { printf "%s\n" "$@" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f-%.2f", lo, hi }'; }

for mib in "${SIZES[@]}"; do
    head -c $((mib << 20)) /dev/urandom > "$WORK/file.bin"
    curls=() troves=() ratios=() mems=()
    for round in $(seq "$ROUNDS"); do
        clean
        c=$(seconds curl -sf "${SIGN[@]}" -T "$WORK/file.bin" "$EP/trove-test/peer.bin")
        t=$(seconds /usr/bin/time -f %M -o "$WORK/rss" "$CLI" volume put b "$WORK/file.bin" file.bin)
        m=$(( $(cat "$WORK/rss") / 1024 ))
        r=$(ratio "$t" "$c")
        curls+=("$c") troves+=("$t") ratios+=("$r") mems+=("$m")
        printf "%s MiB round %s: curl %.2f s, Trove %.2f s (%s x), %s MiB peak\n" "$mib" "$round" "$c" "$t" "$r" "$m"
    done
    printf "%s MiB: curl median %.2f s (%s), Trove median %.2f s (%s), ratio median %s (%s), peak %s MiB at most\n" \
        "$mib" "$(median "${curls[@]}")" "$(range "${curls[@]}")" "$(median "${troves[@]}")" "$(range "${troves[@]}")" \
        "$(median "${ratios[@]}")" "$(range "${ratios[@]}")" "$(printf "%s\n" "${mems[@]}" | sort -n | tail -1)"
    rm -f "$WORK/file.bin"
done
