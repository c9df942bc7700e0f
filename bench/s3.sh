#!/bin/bash
# S3 benchmarks: Trove side by side with aws-cli (/usr/bin/aws), rclone, s3cmd and raw curl
# against one real Ceph RGW started for the run (scripts/rgw.sh), in one go.
# Usage: bench/s3.sh [WORK_DIR]   Appends the S3 section to bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_init "${1:-}" bench/work-s3
for tool in /usr/bin/aws rclone s3cmd curl bc /usr/bin/time; do
    command -v "$tool" >/dev/null || { SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq awscli rclone s3cmd curl bc time >/dev/null; break; }
done
PORT=27480
rm -rf "$WORK"; mkdir -p "$WORK/data"
scripts/rgw.sh start "$WORK/rgw" $PORT 26789 >/dev/null 2>&1
trap 'scripts/rgw.sh stop "$WORK/rgw" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
EP=http://127.0.0.1:$PORT
export AWS_ACCESS_KEY_ID=TROVETESTKEY AWS_SECRET_ACCESS_KEY=trove-test-secret-key AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
unset AWS_CA_BUNDLE
export RCLONE_CONFIG_RGW_TYPE=s3 RCLONE_CONFIG_RGW_PROVIDER=Ceph RCLONE_CONFIG_RGW_ENDPOINT=$EP \
       RCLONE_CONFIG_RGW_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID RCLONE_CONFIG_RGW_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY
cat > "$WORK/s3cfg" <<CFG
[default]
access_key = $AWS_ACCESS_KEY_ID
secret_key = $AWS_SECRET_ACCESS_KEY
host_base = 127.0.0.1:$PORT
host_bucket = 127.0.0.1:$PORT
use_https = False
signature_v2 = False
CFG
AWS="/usr/bin/aws --endpoint-url $EP"
S3CMD="s3cmd -c $WORK/s3cfg --no-progress"
export TROVE_STORE="s3://trove-test/trove?endpoint=$EP" XDG_CACHE_HOME="$WORK/cache"
SIGN=(--aws-sigv4 "aws:amz:us-east-1:s3" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")
for b in peer; do curl -s -o /dev/null "${SIGN[@]}" -X PUT "$EP/$b"; done

t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); printf "%.2f" "$(echo "$e - $s" | bc -l)"; }
trove_mem() { /usr/bin/time -f "%M" -o "$WORK/rss" "$@" >/dev/null 2>&1; echo $(( $(cat "$WORK/rss") / 1024 )); }
# RGW frees deleted objects' data only when its gc runs: run it now, or memstore fills up.
reclaim() { radosgw-admin -c "$WORK/rgw/ceph.conf" gc process --include-all >/dev/null 2>&1 || true; }
clean_peer() { $AWS s3 rm s3://peer --recursive >/dev/null 2>&1 || true; reclaim; }
clean_trove() { $CLI volume delete b -y >/dev/null 2>&1 || true; $CLI gc --grace 0s >/dev/null 2>&1 || true; reclaim; rm -rf "$WORK/cache"; $CLI volume create b >/dev/null; }
min() { printf "%s\n" "$@" | sort -g | head -1; }
ROWS=""
row() { ROWS+="| $1 | $2 | $3 | $4 | $5 | $6 | $7 | $8 |"$'\n'; }

echo "data..."
head -c $((1024*1024*1024)) /dev/urandom > "$WORK/data/big.bin"
mkdir -p "$WORK/data/mid" "$WORK/data/small"
head -c $((2000 * 262144)) /dev/urandom | (cd "$WORK/data/mid" && split -b 262144 -a 4 -d - f)
for d in $(seq -w 0 19); do mkdir -p "$WORK/data/small/d$d"; head -c $((1000*4096)) /dev/urandom | (cd "$WORK/data/small/d$d" && split -b 4096 -a 4 -d - f); done
clean_trove

echo "1 GiB..."
curl_up=$(t curl -sf "${SIGN[@]}" -T "$WORK/data/big.bin" "$EP/peer/big.bin")
curl_down=$(t curl -sf "${SIGN[@]}" -o "$WORK/out.bin" "$EP/peer/big.bin"); clean_peer
aws_up=$(t $AWS s3 cp "$WORK/data/big.bin" s3://peer/big.bin); aws_down=$(t $AWS s3 cp s3://peer/big.bin "$WORK/out.bin"); clean_peer
rc_up=$(t rclone copyto "$WORK/data/big.bin" rgw:peer/big.bin); rc_down=$(t rclone copyto rgw:peer/big.bin "$WORK/out.bin"); clean_peer
s3_up=$(t $S3CMD put "$WORK/data/big.bin" s3://peer/big.bin); rm -f "$WORK/out.bin"; s3_down=$(t $S3CMD get s3://peer/big.bin "$WORK/out.bin"); clean_peer
tr_up=$(t $CLI volume put b "$WORK/data/big.bin" big.bin); rm -f "$WORK/out.bin"
tr_down=$(t $CLI volume get b big.bin "$WORK/out.bin"); cmp "$WORK/data/big.bin" "$WORK/out.bin"
tr_reup=$(t $CLI volume put b "$WORK/data/big.bin" big.bin -f)
tr_mem=$(trove_mem $CLI volume put b "$WORK/data/big.bin" big2.bin -f)
row "1 GiB upload" "$curl_up" "$aws_up" "$rc_up" "$s3_up" "$tr_up" "$(ratio "$curl_up" "$tr_up") of curl's speed (goal ≥ 0.9)" "$tr_mem"
rm -f "$WORK/out.bin"; tr_dmem=$(trove_mem $CLI volume get b big.bin "$WORK/out.bin")
row "1 GiB download" "$curl_down" "$aws_down" "$rc_down" "$s3_down" "$tr_down" "$(ratio "$curl_down" "$tr_down") of curl's speed (goal ≥ 0.9)" "$tr_dmem"

echo "unchanged and edited 1 GiB..."
clean_peer
$AWS s3 cp "$WORK/data/big.bin" s3://peer/big/big.bin >/dev/null 2>&1
aws_sync=$(t $AWS s3 sync "$WORK/data/" s3://peer/big/ --exclude "mid/*" --exclude "small/*")
rc_sync=$(t rclone copy "$WORK/data/big.bin" rgw:peer/big/)
best=$(min "$aws_sync" "$rc_sync")
row "re-upload unchanged 1 GiB" "-" "$aws_sync (sync)" "$rc_sync (copy)" "-" "$tr_reup" "$(ratio "$tr_reup" "$best") x fastest peer's time (goal ≤ 1)" "-"
head -c 1048576 /dev/urandom | dd of="$WORK/data/big.bin" bs=1M seek=512 conv=notrunc status=none
aws_edit=$(t $AWS s3 cp "$WORK/data/big.bin" s3://peer/big/big.bin)
rc_edit=$(t rclone copyto "$WORK/data/big.bin" rgw:peer/big/big.bin)
tr_edit=$(t $CLI volume put b "$WORK/data/big.bin" big.bin -f)
best=$(min "$aws_edit" "$rc_edit")
row "1 GiB, 1 MiB changed in the middle" "-" "$aws_edit" "$rc_edit" "-" "$tr_edit" "$(ratio "$best" "$tr_edit") x faster than fastest peer (goal ≥ 10)" "-"
clean_peer

echo "safetensors-style header grown..."
# safetensors layout: header length (u64 little-endian), a JSON header, then the tensor bytes.
safetensors() { # safetensors PAD OUT
    local header len
    header="{\"__metadata__\":{\"note\":\"$(head -c "$1" /dev/zero | tr '\0' x)\"},\"w\":{\"dtype\":\"F32\",\"shape\":[268435456],\"data_offsets\":[0,1073741824]}}"
    len=${#header}
    { printf "$(printf '\\x%02x\\x%02x' $((len & 255)) $((len >> 8)))\0\0\0\0\0\0"; printf "%s" "$header"; cat "$WORK/data/big.bin"; } > "$2"
}
safetensors 100 "$WORK/data/model.safetensors"
$AWS s3 cp "$WORK/data/model.safetensors" s3://peer/st/model.safetensors >/dev/null 2>&1
$CLI volume put b "$WORK/data/model.safetensors" model.safetensors >/dev/null 2>&1
safetensors 200 "$WORK/data/model.safetensors" # the header grew by 100 bytes: every tensor byte moved
aws_st=$(t $AWS s3 cp "$WORK/data/model.safetensors" s3://peer/st/model.safetensors)
rc_st=$(t rclone copyto "$WORK/data/model.safetensors" rgw:peer/st/model.safetensors)
tr_st=$(t $CLI volume put b "$WORK/data/model.safetensors" model.safetensors -f)
best=$(min "$aws_st" "$rc_st")
row "1 GiB safetensors-style file, header grown by 100 bytes" "-" "$aws_st" "$rc_st" "-" "$tr_st" "$(ratio "$best" "$tr_st") x faster than fastest peer (goal ≥ 10)" "-"
rm -f "$WORK/data/model.safetensors"
clean_peer; clean_trove

for set in mid small; do
    n=$([ $set = mid ] && echo "2,000 x 256 KiB" || echo "20,000 x 4 KiB")
    echo "$n..."
    aws_up=$(t $AWS s3 cp --recursive "$WORK/data/$set" s3://peer/$set); rm -rf "$WORK/o"
    aws_down=$(t $AWS s3 cp --recursive s3://peer/$set "$WORK/o")
    aws_resync=$(t $AWS s3 sync "$WORK/data/$set" s3://peer/$set); clean_peer
    rc_up=$(t rclone copy "$WORK/data/$set" rgw:peer/$set); rm -rf "$WORK/o"
    rc_down=$(t rclone copy rgw:peer/$set "$WORK/o")
    rc_resync=$(t rclone sync "$WORK/data/$set" rgw:peer/$set); clean_peer
    s3_up=$(t $S3CMD put --recursive "$WORK/data/$set/" s3://peer/$set/); rm -rf "$WORK/o"; mkdir -p "$WORK/o"
    s3_down=$(t $S3CMD get --recursive s3://peer/$set/ "$WORK/o/"); clean_peer
    tr_up=$(t $CLI volume put b "$WORK/data/$set" $set); rm -rf "$WORK/o"
    tr_down=$(t $CLI volume get b $set "$WORK/o"); diff -r "$WORK/data/$set" "$WORK/o" >/dev/null
    tr_resync=$(t $CLI volume put b "$WORK/data/$set" $set -f)
    rm -rf "$WORK/o"; tr_dmem=$(trove_mem $CLI volume get b $set "$WORK/o")
    best=$(min "$aws_up" "$rc_up" "$s3_up")
    row "$n upload" "-" "$aws_up" "$rc_up" "$s3_up" "$tr_up" "$(ratio "$best" "$tr_up") x faster than fastest peer (goal ≥ 10)" "-"
    best=$(min "$aws_down" "$rc_down" "$s3_down")
    row "$n download" "-" "$aws_down" "$rc_down" "$s3_down" "$tr_down" "$(ratio "$best" "$tr_down") x faster than fastest peer (goal ≥ 10)" "$tr_dmem"
    best=$(min "$aws_resync" "$rc_resync")
    row "$n unchanged re-upload" "-" "$aws_resync (sync)" "$rc_resync (sync)" "-" "$tr_resync" "$(ratio "$tr_resync" "$best") x fastest peer's time (goal ≤ 1)" "-"
    rm -rf "$WORK/o"
done

{
    echo "# Benchmark results (S3: Ceph RGW 16.2 on 127.0.0.1)"
    echo
    echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores by \`bench/s3.sh\`: one run of each row, all clients against"
    echo "the same single-node RGW (memstore) started for the run; client and server share the cores."
    echo "Seconds of wall-clock time for whole commands; Trove's peak resident memory in MiB."
    echo
    echo "| task | curl | aws-cli 2.9 | rclone 1.60 | s3cmd 2.3 | Trove | Trove vs goal | Trove MiB |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
    printf "%s" "$ROWS"
} > "$WORK/section.md"
write_section "S3" "$WORK/section.md"
cat "$WORK/section.md"
