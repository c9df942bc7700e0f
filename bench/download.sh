#!/bin/bash
# Large-file downloads: `trove-cli volume get` against rclone's default multi-thread download
# (`rclone copyto`) from one real Ceph RGW, and a local-store `get` against `cp` + `sync`.
# Each pair runs interleaved, ROUNDS times; prints median, range and Trove's peak memory.
# Usage: bench/download.sh [WORK_DIR] [ROUNDS] [SIZES_MIB...]
#   env PORT/MONPORT: the RGW's ports; CLI: the trove-cli to measure (default: build/).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_init "${1:-}" bench/work-download
need_time_and_bc
ROUNDS=${2:-5}
if [ $# -ge 2 ]; then shift 2; else shift $#; fi
SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(1024 4096)
PORT=${PORT:-27480} MONPORT=${MONPORT:-26789}
CLI=${CLI_UNDER_TEST:-$CLI}
rm -rf "$WORK"; mkdir -p "$WORK/data"
scripts/rgw.sh start "$WORK/rgw" "$PORT" "$MONPORT" >/dev/null 2>&1
trap 'scripts/rgw.sh stop "$WORK/rgw" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
EP=http://127.0.0.1:$PORT
export AWS_ACCESS_KEY_ID=TROVETESTKEY AWS_SECRET_ACCESS_KEY=trove-test-secret-key
unset AWS_CA_BUNDLE
export RCLONE_CONFIG_RGW_TYPE=s3 RCLONE_CONFIG_RGW_PROVIDER=Ceph RCLONE_CONFIG_RGW_ENDPOINT=$EP \
       RCLONE_CONFIG_RGW_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID RCLONE_CONFIG_RGW_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY
S3="s3://trove-test/trove?endpoint=$EP"
LOCAL="$WORK/local-store"
export XDG_CACHE_HOME="$WORK/cache"
SIGN=(--aws-sigv4 "aws:amz:us-east-1:s3" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")
curl -s -o /dev/null "${SIGN[@]}" -X PUT "$EP/peer"

# Seconds of one command; its peak resident MiB goes to $WORK/rss.
t() { /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
      read -r s kb < "$WORK/time"; echo $(( kb / 1024 )) > "$WORK/rss"; echo "$s"; }
reclaim() { radosgw-admin -c "$WORK/rgw/ceph.conf" gc process --include-all >/dev/null 2>&1 || true; }
stats() { # median (min-max) of the arguments
    local sorted; sorted=$(printf "%s\n" "$@" | sort -g)
    printf "%s (%s-%s)" "$(echo "$sorted" | sed -n "$(( ($# + 1) / 2 ))p")" "$(echo "$sorted" | head -1)" "$(echo "$sorted" | tail -1)"
}
median() { printf "%s\n" "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }

for mib in "${SIZES[@]}"; do
    head -c $((mib << 20)) /dev/urandom > "$WORK/data/big.bin"
    # Above 1 GiB the file does not fit memstore twice: each side stores it only for its turn.
    rc=() tr=() mem=0 each=$(( mib > 1024 ))
    TROVE_STORE=$S3 $CLI volume create b >/dev/null
    for r in $(seq "$ROUNDS"); do
        [ $each = 1 ] || [ "$r" = 1 ] && rclone copyto "$WORK/data/big.bin" rgw:peer/big.bin
        rm -f "$WORK/out.bin"; sync; rc+=("$(t rclone copyto rgw:peer/big.bin "$WORK/out.bin")")
        cmp "$WORK/data/big.bin" "$WORK/out.bin"
        [ $each = 1 ] && { rclone deletefile rgw:peer/big.bin; reclaim; }
        [ $each = 1 ] || [ "$r" = 1 ] && TROVE_STORE=$S3 $CLI volume put b "$WORK/data/big.bin" big.bin -f >/dev/null
        rm -f "$WORK/out.bin"; sync; tr+=("$(TROVE_STORE=$S3 t $CLI volume get b big.bin "$WORK/out.bin")")
        mem=$(( $(cat "$WORK/rss") > mem ? $(cat "$WORK/rss") : mem ))
        cmp "$WORK/data/big.bin" "$WORK/out.bin"
        [ $each = 1 ] && { TROVE_STORE=$S3 $CLI volume rm b big.bin >/dev/null; TROVE_STORE=$S3 $CLI gc --grace 0s >/dev/null 2>&1; reclaim; }
        echo "  round $r: rclone ${rc[-1]} s, trove ${tr[-1]} s" >&2
    done
    rclone deletefile rgw:peer/big.bin 2>/dev/null || true
    TROVE_STORE=$S3 $CLI volume delete b -y >/dev/null 2>&1 || true
    echo "| $mib MiB S3 download | rclone copyto | $(stats "${rc[@]}") | $(stats "${tr[@]}") | $(ratio "$(median "${tr[@]}")" "$(median "${rc[@]}")") | $mem |"

    if [ "$mib" -le 1024 ]; then
        rm -rf "$LOCAL"; TROVE_STORE=$LOCAL $CLI volume create b >/dev/null
        TROVE_STORE=$LOCAL $CLI volume put b "$WORK/data/big.bin" big.bin >/dev/null
        cp_=() tr=() mem=0
        for r in $(seq "$ROUNDS"); do
            rm -f "$WORK/out.bin"; sync; cp_+=("$(t sh -c "cp '$WORK/data/big.bin' '$WORK/out.bin' && sync")")
            rm -f "$WORK/out.bin"; sync; tr+=("$(TROVE_STORE=$LOCAL t $CLI volume get b big.bin "$WORK/out.bin")")
            mem=$(( $(cat "$WORK/rss") > mem ? $(cat "$WORK/rss") : mem ))
            cmp "$WORK/data/big.bin" "$WORK/out.bin"
            echo "  round $r: cp+sync ${cp_[-1]} s, trove ${tr[-1]} s" >&2
        done
        echo "| $mib MiB local-store get | cp + sync | $(stats "${cp_[@]}") | $(stats "${tr[@]}") | $(ratio "$(median "${tr[@]}")" "$(median "${cp_[@]}")") | $mem |"
    fi
done
