#!/bin/bash
# S3 benchmarks: Trove side by side with curl, aws-cli (/usr/bin/aws), rclone and s3cmd
# against one real Ceph RGW started for the run (scripts/rgw.sh, objects on disk: bluestore),
# in one go.
# Usage: [ROUNDS=5] [LIMIT_ROUNDS=3] [PEER_CAP=120] [SIZES="1 4"] bench/s3.sh [WORK_DIR]   (default bench/work-s3; needs
# 70 GiB free there: RGW's 60 GiB sparse disk fills as rounds go). Replaces the S3 section of bench/RESULTS.md.
# Large files: ROUNDS rounds, every client's upload and download taken in turn in each round, Trove between curl and rclone
# (its place rotating), median and range per cell. Resume rows: a counting proxy
# (bench/count_proxy.py) between trove-cli and RGW measures the bytes on the wire and kills
# trove-cli at a given count. Small-file and dedupe rows: one round; a peer stopped after
# PEER_CAP seconds is shown as "> PEER_CAP".
set -euo pipefail
{ # read whole before it runs: editing the file during a run changes nothing
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_init "${1:-}" bench/work-s3
ROUNDS=${ROUNDS:-5} LIMIT_ROUNDS=${LIMIT_ROUNDS:-3} PEER_CAP=${PEER_CAP:-120} SIZES=${SIZES:-1 4}
BIGGEST=${SIZES##* } # GiB of the file the resume rows use
for tool in /usr/bin/aws rclone s3cmd curl bc /usr/bin/time /usr/bin/python3; do
    command -v "$tool" >/dev/null || { SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq awscli rclone s3cmd curl bc time python3 >/dev/null; break; }
done
PORT=27480 PROXY_PORT=27481
rm -rf "$WORK"; mkdir -p "$WORK/data" "$WORK/bin" "$WORK/proxy"
free=$(df -k --output=avail "$WORK" | tail -1)
[ "$free" -ge $((70 * 1024 * 1024)) ] || { echo "$WORK has $((free / 1024 / 1024)) GiB free; the run needs 70 GiB (RGW's 60 GiB disk, the test files, downloads): free some space or pass another WORK_DIR" >&2; exit 1; }
# The binary under test, copied so a rebuild during the run changes nothing.
cp "$CLI" "$WORK/bin/trove-cli"; CLI="$WORK/bin/trove-cli"
[ -x build/bench/trove-format-floor ] || cmake --build build --target trove-format-floor >/dev/null
FLOOR="$WORK/bin/trove-format-floor"; cp build/bench/trove-format-floor "$FLOOR"
RGW_OBJECTSTORE=bluestore scripts/rgw.sh start "$WORK/rgw" $PORT 26789 >/dev/null 2>&1
PROXY_PID=""
cleanup() {
    [ -z "$PROXY_PID" ] || kill "$PROXY_PID" 2>/dev/null || true
    scripts/rgw.sh stop "$WORK/rgw" >/dev/null 2>&1; rm -rf "$WORK"
}
trap cleanup EXIT
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
curl -s -o /dev/null "${SIGN[@]}" -X PUT "$EP/peer"

# CPU seconds the server's processes (monitor, OSD, RGW) have used so far.
server_cpu() {
    local ticks=0 pid
    for pid in $(cat "$WORK"/rgw/run/*.pid); do ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/$pid/stat"))); done
    echo "$ticks / $(getconf CLK_TCK)" | bc -l
}
# timed CMD...: runs CMD, sets SEC (wall-clock seconds), MIB (peak resident), CPU (its user +
# system seconds) and SCPU (the server's CPU seconds meanwhile); stops the script if CMD fails
# or takes over 20 minutes (a server that stopped answering).
# A trove-cli still running after 19 minutes has its threads' stacks written to WORK.stuck.txt
# (kept after the run) when gdb is installed.
timed() {
    local before rc=0 watch; before=$(server_cpu)
    ( trap 'kill $nap; exit' TERM; sleep 1140 & nap=$!; wait $nap; command -v gdb >/dev/null && for pid in $(pgrep -f "^$CLI "); do
        gdb -p "$pid" -batch -ex "thread apply all bt" >>"$WORK.stuck.txt" 2>&1; done ) & watch=$!
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" timeout 1200 "$@" >/dev/null 2>"$WORK/err" || rc=$?
    kill $watch 2>/dev/null; wait $watch 2>/dev/null || true
    if [ $rc != 0 ]; then
        echo "failed (exit status $rc$([ $rc = 124 ] && echo ", stopped after 1200 s")): $*" >&2; cat "$WORK/err" >&2
        tail -5 "$WORK"/rgw/log/*rgw*.log >&2; exit 1
    fi
    local k u s; read -r SEC k u s < <(tail -1 "$WORK/time"); MIB=$((k / 1024))
    CPU=$(echo "$u + $s" | bc -l) SCPU=$(echo "$(server_cpu) - $before" | bc -l)
}
t() { timed "$@"; echo "$SEC"; }
# A peer's time, or "> PEER_CAP" when it had not finished by then.
tcap() {
    local s e rc=0; s=$(date +%s.%N)
    timeout "$PEER_CAP" "$@" >/dev/null 2>"$WORK/err" || rc=$?
    e=$(date +%s.%N)
    [ $rc = 124 ] && { echo "> $PEER_CAP"; return; }
    [ $rc = 0 ] || { echo "failed: $*" >&2; cat "$WORK/err" >&2; exit 1; }
    printf "%.2f" "$(echo "$e - $s" | bc -l)"
}
# RGW frees deleted objects' data only when its gc runs: run it now, or memstore fills up.
reclaim() { radosgw-admin -c "$WORK/rgw/ceph.conf" gc process --include-all >/dev/null 2>&1 || true; }
alive() {
    local code; code=$(curl -s -m 20 -o /dev/null -w '%{http_code}' "$EP/" || true)
    [ "$code" != 000 ] || { echo "RGW stopped answering:" >&2; tail -5 "$WORK"/rgw/log/*rgw*.log >&2; exit 1; }
}
drop() { # drop BUCKET/KEY: deletes that object and every object under KEY/, frees their memory
    # (`s3 rm --recursive` alone takes KEY as a folder and leaves the object KEY: the next
    # client then overwrote it, and rclone, finding the same size and MD5, skipped its upload.)
    $AWS s3 rm "s3://$1" >/dev/null 2>&1 || true
    $AWS s3 rm "s3://$1/" --recursive >/dev/null 2>&1 || true
    reclaim; alive
}
clean_peer() { drop peer; }
clean_trove() { $CLI volume delete b -y >/dev/null 2>&1 || true; $CLI gc --grace 0s >/dev/null 2>&1 || true; reclaim; rm -rf "$WORK/cache"; $CLI volume create b >/dev/null; }
# The fastest peer's time; PEER_CAP when every peer was stopped (the ratio is then a bound).
min() { printf "%s\n" "$@" "$PEER_CAP" | sed 's/^> //' | sort -g | head -1; }

# Samples: S[KEY] holds one number per round.
declare -A S
add() { S[$1]+="$2 "; }
stats() { printf "%s\n" ${S[$1]} | sort -g | awk '{ v[NR] = $1 }
    END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f %.2f %.2f\n", m, v[1], v[NR] }'; }
median() { local m lo hi; read -r m lo hi < <(stats "$1"); echo "$m"; }
cell() { local m lo hi; read -r m lo hi < <(stats "$1"); echo "$m ($lo–$hi)"; }
maximum() { printf "%s\n" ${S[$1]} | sort -g | tail -1; }
below() { (( $(echo "$1 <= $2" | bc -l) )) && echo yes || echo no; }
ROWS=""
row() { ROWS+="| $(IFS='|'; echo "$*" | sed 's/|/ | /g') |"$'\n'; }
NOTES=""

echo "data..."
# Random bytes: AES-CTR of zeros under a random key, ten times faster than /dev/urandom.
random_file() { # random_file GIB OUT
    head -c $(($1 * 1024 * 1024 * 1024)) /dev/zero | openssl enc -aes-128-ctr -nosalt -pass "pass:$RANDOM$RANDOM$RANDOM" -pbkdf2 > "$2"
}
for size in $(echo "1 $SIZES" | tr ' ' '\n' | sort -un); do random_file "$size" "$WORK/data/big$size.bin"; done
mkdir -p "$WORK/data/mid" "$WORK/data/small"
head -c $((2000 * 262144)) /dev/urandom | (cd "$WORK/data/mid" && split -b 262144 -a 4 -d - f)
for d in $(seq -w 0 19); do mkdir -p "$WORK/data/small/d$d"; head -c $((1000 * 4096)) /dev/urandom | (cd "$WORK/data/small/d$d" && split -b 4096 -a 4 -d - f); done

# One client's upload and download of FILE, each timed, then the object deleted.
# Trove writes to a store of its own each time (no dedupe against an earlier round) and
# starts from an empty cache both ways, so its download comes from the server like the peers'.
updown() { # updown CLIENT FILE KEY  -> adds KEY.CLIENT.up / .down, their CPU, Trove's memory
    local c=$1 f=$2 k=$3 out="$WORK/out.bin"
    rm -f "$out"
    record() { add "$k.$c.$1" "$SEC"; add "$k.$c.$1.cpu" "$CPU"; add "$k.$c.$1.scpu" "$SCPU"; add "$k.$c.$1.mem" "$MIB"; }
    case $c in
    curl)   timed curl -sf "${SIGN[@]}" -T "$f" "$EP/peer/$k"; record up
            timed curl -sf "${SIGN[@]}" -o "$out" "$EP/peer/$k"; record down ;;
    aws)    timed $AWS s3 cp "$f" "s3://peer/$k"; record up; timed $AWS s3 cp "s3://peer/$k" "$out"; record down ;;
    rclone) timed rclone copyto "$f" "rgw:peer/$k"; record up; timed rclone copyto "rgw:peer/$k" "$out"; record down ;;
    s3cmd)  timed $S3CMD put "$f" "s3://peer/$k"; record up; timed $S3CMD get "s3://peer/$k" "$out"; record down ;;
    trove)  local store="s3://trove-test/$k?endpoint=$EP"
            rm -rf "$WORK/cache"; $CLI --store "$store" volume create b >/dev/null
            timed $CLI --store "$store" volume put b "$f" big.bin; record up
            rm -rf "$WORK/cache"
            timed $CLI --store "$store" volume get b big.bin "$out"; record down
            [ "$(printf "%s\n" ${S[$k.trove.up]} | wc -l)" -gt 1 ] || cmp "$f" "$out" ;;
    esac
    rm -f "$out"
    if [ "$c" = trove ]; then drop "trove-test/$k"; else drop "peer/$k"; fi
}
# "client + server" CPU seconds (medians) of every client's KEY DIRECTION.
cpu_line() { # cpu_line KEY DIRECTION
    local c line=""
    for c in curl aws rclone s3cmd trove; do
        line+="$c $(median "$1.$c.$2.cpu") + $(median "$1.$c.$2.scpu"), "
    done
    echo "${line%, }"
}

# The machine's speed moves within minutes (curl's 4 GiB PUT took 13.5 to 28 s in one run), so
# a goal's ratio is taken per round between neighbours: Trove runs between curl (the upload's
# yardstick) and rclone (the download's), the three in turn with aws and s3cmd, the block's
# order reversing every round. The goal is the median of those rounds' ratios; the ratio of
# the medians is shown beside it.
block_order() { # block_order ROUND -> the five clients in this round's order
    local block=(curl trove rclone)
    [ $(($1 % 2)) = 0 ] && block=(rclone trove curl)
    case $(($1 % 3)) in
    0) echo aws "${block[@]}" s3cmd ;;
    1) echo "${block[@]}" s3cmd aws ;;
    2) echo s3cmd aws "${block[@]}" ;;
    esac
}
last() { printf "%s\n" ${S[$1]} | tail -1; }
# "R x NAME's time (median of the rounds' ratios, range; ratio of the medians) (goal ≤ G): yes/no"
paired_goal() { # paired_goal RATIOS_KEY TROVE_KEY PEER_KEY PEER_NAME GOAL
    local m lo hi; read -r m lo hi < <(stats "$1")
    echo "$m ($lo–$hi) x $4's time, the median of the rounds' ratios; ratio of the medians $(ratio "$(median "$2")" "$(median "$3")") (goal ≤ $5): $(below "$m" "$5")"
}
for size in $SIZES; do
    k=big$size
    for round in $(seq "$ROUNDS"); do
        echo "$size GiB, round $round of $ROUNDS..."
        for c in $(block_order "$round"); do updown "$c" "$WORK/data/big$size.bin" "$k"; done
        add $k.ratio.up "$(ratio "$(last $k.trove.up)" "$(last $k.curl.up)")"
        add $k.ratio.down "$(ratio "$(last $k.trove.down)" "$(last $k.rclone.down)")"
    done
    mem=$(maximum $k.trove.up.mem)
    row "$size GiB upload" "$(cell $k.curl.up)" "$(cell $k.aws.up)" "$(cell $k.rclone.up)" "$(cell $k.s3cmd.up)" \
        "$(cell $k.trove.up)" "$(paired_goal $k.ratio.up $k.trove.up $k.curl.up curl 1.1)" "$mem (goal < 256): $(below "$mem" 255)"
    mem=$(maximum $k.trove.down.mem)
    row "$size GiB download" "$(cell $k.curl.down)" "$(cell $k.aws.down)" "$(cell $k.rclone.down)" "$(cell $k.s3cmd.down)" \
        "$(cell $k.trove.down)" "$(paired_goal $k.ratio.down $k.trove.down $k.rclone.down rclone 1)" "$mem (goal < 256): $(below "$mem" 255)"
    NOTES+="- CPU seconds of $size GiB, client + server (medians); upload: $(cpu_line $k up); download: $(cpu_line $k down)."$'\n'
done

echo "server and clients on separate cores..."
# As when the server is another machine: the server's threads on CPU 0, the client on CPU 1,
# so neither's CPU time is taken from the other. Curl's upload and rclone's download against
# Trove's, taking turns.
server_on() { local pid; for pid in $(cat "$WORK"/rgw/run/*.pid); do taskset -a -p "$1" "$pid" >/dev/null; done; }
server_on 1
for size in $SIZES; do
    k=pin$size F=$WORK/data/big$size.bin store="s3://trove-test/pinned?endpoint=$EP"
    for round in $(seq "$ROUNDS"); do
        timed taskset -c 1 curl -sf "${SIGN[@]}" -T "$F" "$EP/peer/pinned"; add $k.curl.up "$SEC"
        timed taskset -c 1 rclone copyto "rgw:peer/pinned" "$WORK/out.bin"; add $k.rclone.down "$SEC"
        rm -f "$WORK/out.bin"; drop peer/pinned
        rm -rf "$WORK/cache"; $CLI --store "$store" volume create b >/dev/null
        timed taskset -c 1 $CLI --store "$store" volume put b "$F" big.bin; add $k.trove.up "$SEC"
        rm -rf "$WORK/cache"
        timed taskset -c 1 $CLI --store "$store" volume get b big.bin "$WORK/out.bin"; add $k.trove.down "$SEC"
        rm -f "$WORK/out.bin"; drop trove-test/pinned
        add $k.ratio.up "$(ratio "$(last $k.trove.up)" "$(last $k.curl.up)")"
        add $k.ratio.down "$(ratio "$(last $k.trove.down)" "$(last $k.rclone.down)")"
    done
    row "$size GiB upload, server on CPU 0, client on CPU 1" "$(cell $k.curl.up)" - - - "$(cell $k.trove.up)" "$(paired_goal $k.ratio.up $k.trove.up $k.curl.up curl 1.1)" -
    row "$size GiB download, server on CPU 0, client on CPU 1" - - "$(cell $k.rclone.down)" - "$(cell $k.trove.down)" "$(paired_goal $k.ratio.down $k.trove.down $k.rclone.down rclone 1)" -
done
server_on "$(printf '%x' $(( (1 << $(nproc)) - 1 )))"

echo "curl beside the format's own work..."
# What content addressing alone costs a client that shares the server's cores: curl's PUT of
# the file while trove-format-floor does to the same file only what the store format requires
# of every byte (FastCDC's cuts, SHA-256 of each chunk) and sends nothing. A client that must
# do that work and send the bytes too can hardly be faster than curl beside it.
for size in $SIZES; do
    k=floor$size F=$WORK/data/big$size.bin
    alone() { timed curl -sf "${SIGN[@]}" -T "$F" "$EP/peer/alone"; add $k.alone "$SEC"; drop peer/alone; }
    beside() {
        "$FLOOR" "$F" >/dev/null & local floor=$!
        timed curl -sf "${SIGN[@]}" -T "$F" "$EP/peer/beside"; add $k.beside "$SEC"
        wait $floor; drop peer/beside
    }
    for round in $(seq "$ROUNDS"); do # the order alternates
        if [ $((round % 2)) = 1 ]; then alone; beside; else beside; alone; fi
        add $k.ratio "$(ratio "$(last $k.beside)" "$(last $k.alone)")"
    done
    read -r r lo hi < <(stats $k.ratio)
    row "$size GiB upload: curl alone, then beside the format's own work on the same file (trove-format-floor)" \
        "$(cell $k.alone); beside: $(cell $k.beside)" - - - - "$r ($lo–$hi) x curl's time alone, the median of the rounds' ratios: the format's floor here" -
done

echo "--limit-rate 50M..."
# 1 GiB at 50 MB/s: 21.47 s expected, within 5%.
RATE=50000000 expected=$(echo "1073741824 / 50000000" | bc -l)
for round in $(seq "$LIMIT_ROUNDS"); do
    store="s3://trove-test/limit?endpoint=$EP"
    rm -rf "$WORK/cache"; $CLI --store "$store" volume create b >/dev/null
    add limit.up "$(t $CLI --store "$store" volume put b "$WORK/data/big1.bin" big.bin --limit-rate $RATE)"
    rm -rf "$WORK/cache" "$WORK/out.bin"
    add limit.down "$(t $CLI --store "$store" volume get b big.bin "$WORK/out.bin" --limit-rate $RATE)"
    rm -f "$WORK/out.bin"; drop trove-test/limit
done
for dir in up down; do
    r=$(ratio "$(median limit.$dir)" "$expected")
    row "1 GiB $([ $dir = up ] && echo upload || echo download), --limit-rate 50M ($(printf %.2f "$expected") s expected)" \
        - - - - "$(cell limit.$dir)" "$r x expected (goal 0.95–1.05): $( (( $(echo "$r >= 0.95 && $r <= 1.05" | bc -l) )) && echo yes || echo no)" -
done

echo "resume..."
# Bytes on the wire, counted by the proxy. An upload's run 2 sends what the store lacks after
# the kill (one upload's bytes - the packs stored then) and what it sends again of the stored
# ones (the goal: one pack at most); run 1 + run 2 - one upload also counts the packs cut off
# on the wire by the kill.
python3 bench/count_proxy.py $PROXY_PORT $PORT "$WORK/proxy" & PROXY_PID=$!
for _ in $(seq 600); do [ -f "$WORK/proxy/ready" ] && break; sleep 0.1; done # python starts slowly on a busy machine
PEP=http://127.0.0.1:$PROXY_PORT
counts() { # prints "UP DOWN" since the last call and starts counting again from zero
    sleep 0.5 # the last bytes of a closed connection through the proxy
    rm -f "$WORK/proxy/counts"; kill -USR1 $PROXY_PID
    for _ in $(seq 100); do [ -f "$WORK/proxy/counts" ] && break; sleep 0.05; done
    cat "$WORK/proxy/counts"
}
# killed DIRECTION BYTES CMD...: runs CMD, SIGKILLs it once the proxy has carried BYTES that way;
# prints the exit status.
killed() {
    local dir=$1 mark=$2 pid rc=0; shift 2
    "$@" >/dev/null 2>&1 & pid=$!
    echo "$pid $dir $mark" > "$WORK/proxy/arm"; kill -USR2 $PROXY_PID
    wait $pid || rc=$?
    : > "$WORK/proxy/arm"; kill -USR2 $PROXY_PID
    echo $rc
}
fresh_store() { rm -rf "$WORK/cache"; STORE="s3://trove-test/$1?endpoint=$PEP"; $CLI --store "$STORE" volume create b >/dev/null; }
mib() { printf "%.1f" "$(echo "$1 / 1048576" | bc -l)"; }
F=$WORK/data/big$BIGGEST.bin
fresh_store resume-base; counts >/dev/null
$CLI --store "$STORE" volume put b "$F" big.bin >/dev/null
read -r base_up _ < <(counts)
# The goal's one pack: the largest this upload stored (its size grows with the link's rate).
pack_most=$($AWS s3 ls "s3://trove-test/resume-base/packs/" --recursive | awk '$3 > m { m = $3 } END { print m + 0 }')
drop trove-test/resume-base
for pct in 25 50 90; do
    fresh_store resume-$pct; counts >/dev/null
    rc=$(killed up $((base_up * pct / 100)) $CLI --store "$STORE" volume put b "$F" big.bin)
    read -r up1 _ < <(counts)
    sleep 1 # the proxy relays what the killed run had written to it
    stored=$($AWS s3 ls "s3://trove-test/resume-$pct/packs/" --recursive --summarize | awk '/Total Size/ { print $3 }')
    rc2=0; $CLI --store "$STORE" volume put b "$F" big.bin >/dev/null 2>"$WORK/err" || rc2=$?
    read -r up2 _ < <(counts)
    wire=$((up1 + up2 - base_up)) again=$((up2 - (base_up - stored)))
    [ "$rc" = 137 ] || NOTES+="- The upload meant to be killed at $pct% ended by itself (status $rc)."$'\n'
    [ "$rc2" = 0 ] || NOTES+="- The upload run again after the kill at $pct% failed: $(head -1 "$WORK/err")"$'\n'
    row "$BIGGEST GiB upload killed (SIGKILL) at $pct% of its bytes, run again" - - - - \
        "run 1 sent $(mib "$up1") MiB ($(mib "$stored") MiB reached the store), run 2 $(mib "$up2") MiB; $(mib "$wire") MiB more than one upload" \
        "sent again of what had reached the store: $(mib "$again") MiB (goal ≤ one pack, $(mib "$pack_most")): $(below "$again" "$pack_most")" -
    drop trove-test/resume-$pct
done
put_direct() { rm -rf "$WORK/cache"; $CLI --store "s3://trove-test/$1?endpoint=$EP" volume create b >/dev/null
    $CLI --store "s3://trove-test/$1?endpoint=$EP" volume put b "$F" big.bin >/dev/null; }
put_direct resume-get
STORE="s3://trove-test/resume-get?endpoint=$PEP"
rm -rf "$WORK/cache" "$WORK/out.bin"; counts >/dev/null
$CLI --store "$STORE" volume get b big.bin "$WORK/out.bin" >/dev/null
read -r _ base_down < <(counts)
rm -rf "$WORK/cache" "$WORK/out.bin"
rc=$(killed down $((base_down / 2)) $CLI --store "$STORE" volume get b big.bin "$WORK/out.bin")
read -r _ down1 < <(counts)
rc2=0; $CLI --store "$STORE" volume get b big.bin "$WORK/out.bin" >/dev/null 2>"$WORK/err" || rc2=$?
read -r _ down2 < <(counts)
[ "$rc" = 137 ] || NOTES+="- The download meant to be killed at 50% ended by itself (status $rc)."$'\n'
if [ "$rc2" = 0 ]; then
    cmp -s "$F" "$WORK/out.bin" || NOTES+="- The download run again after the kill wrote different bytes."$'\n'
    second="run 2 fetched $(mib "$down2") MiB"
    refetched="re-fetched $(mib $((down1 + down2 - base_down))) MiB (goal ≤ 64, the ranges in flight at the kill: $(below $((down1 + down2 - base_down)) $((64 * 1048576))))"
else
    NOTES+="- The download run again after the kill, the same command, failed: $(head -1 "$WORK/err")"$'\n'
    second="run 2 failed"; refetched="-"
fi
row "$BIGGEST GiB download killed (SIGKILL) at 50% of its bytes, run again" - - - - "run 1 fetched $(mib "$down1") MiB, $second" "$refetched" -
rm -f "$WORK/out.bin"; drop trove-test/resume-get
kill $PROXY_PID; wait $PROXY_PID 2>/dev/null || true; PROXY_PID=""

echo "local store get..."
LOCAL="$WORK/local-store"
rm -rf "$WORK/cache"; $CLI --store "$LOCAL" volume create b >/dev/null
$CLI --store "$LOCAL" volume put b "$WORK/data/big1.bin" big.bin >/dev/null
for round in $(seq "$ROUNDS"); do
    rm -f "$WORK/copy.bin"; sync; add local.cp "$(t sh -c "cp '$WORK/data/big1.bin' '$WORK/copy.bin' && sync")"
    rm -f "$WORK/copy.bin" "$WORK/out.bin"; sync
    add local.get "$(t sh -c "'$CLI' --store '$LOCAL' volume get b big.bin '$WORK/out.bin' && sync")"
done
cmp "$WORK/data/big1.bin" "$WORK/out.bin"; rm -rf "$WORK/out.bin" "$LOCAL"
r=$(ratio "$(median local.get)" "$(median local.cp)")
row "local store: get 1 GiB" - - - - "$(cell local.get)" "$r x \`cp\` + \`sync\`'s $(cell local.cp) (goal ≤ 1.2): $(below "$r" 1.2)" -

echo "unchanged and edited 1 GiB..."
BIG=$WORK/data/big1.bin
clean_trove
$CLI volume put b "$BIG" big.bin >/dev/null
tr_reup=$(t $CLI volume put b "$BIG" big.bin -f)
$AWS s3 cp "$BIG" s3://peer/big/big1.bin >/dev/null 2>&1
aws_sync=$(t $AWS s3 sync "$WORK/data/" s3://peer/big/ --exclude "*" --include "big1.bin")
rc_sync=$(t rclone copy "$BIG" rgw:peer/big/)
best=$(min "$aws_sync" "$rc_sync")
row "re-upload unchanged 1 GiB" "-" "$aws_sync (sync)" "$rc_sync (copy)" "-" "$tr_reup" "$(ratio "$tr_reup" "$best") x fastest peer's time (goal ≤ 1)" "-"
head -c 1048576 /dev/urandom | dd of="$BIG" bs=1M seek=512 conv=notrunc status=none
aws_edit=$(t $AWS s3 cp "$BIG" s3://peer/big/big1.bin)
rc_edit=$(t rclone copyto "$BIG" rgw:peer/big/big1.bin)
tr_edit=$(t $CLI volume put b "$BIG" big.bin -f)
best=$(min "$aws_edit" "$rc_edit")
row "1 GiB, 1 MiB changed in the middle" "-" "$aws_edit" "$rc_edit" "-" "$tr_edit" "$(ratio "$best" "$tr_edit") x faster than fastest peer (goal ≥ 10)" "-"
clean_peer

echo "safetensors-style header grown..."
# safetensors layout: header length (u64 little-endian), a JSON header, then the tensor bytes.
safetensors() { # safetensors PAD OUT
    local header len
    header="{\"__metadata__\":{\"note\":\"$(head -c "$1" /dev/zero | tr '\0' x)\"},\"w\":{\"dtype\":\"F32\",\"shape\":[268435456],\"data_offsets\":[0,1073741824]}}"
    len=${#header}
    { printf "$(printf '\\x%02x\\x%02x' $((len & 255)) $((len >> 8)))\0\0\0\0\0\0"; printf "%s" "$header"; cat "$BIG"; } > "$2"
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
    aws_up=$(tcap $AWS s3 cp --recursive "$WORK/data/$set" s3://peer/$set); rm -rf "$WORK/o"
    aws_down=$(tcap $AWS s3 cp --recursive s3://peer/$set "$WORK/o")
    aws_resync=$(tcap $AWS s3 sync "$WORK/data/$set" s3://peer/$set); clean_peer
    rc_up=$(tcap rclone copy "$WORK/data/$set" rgw:peer/$set); rm -rf "$WORK/o"
    rc_down=$(tcap rclone copy rgw:peer/$set "$WORK/o")
    rc_resync=$(tcap rclone sync "$WORK/data/$set" rgw:peer/$set); clean_peer
    s3_up=$(tcap $S3CMD put --recursive "$WORK/data/$set/" s3://peer/$set/); rm -rf "$WORK/o"; mkdir -p "$WORK/o"
    s3_down=$(tcap $S3CMD get --recursive s3://peer/$set/ "$WORK/o/"); clean_peer
    tr_up=$(t $CLI volume put b "$WORK/data/$set" $set); rm -rf "$WORK/o"
    timed $CLI volume get b $set "$WORK/o"; tr_down=$SEC tr_dmem=$MIB; diff -r "$WORK/data/$set" "$WORK/o" >/dev/null
    tr_resync=$(t $CLI volume put b "$WORK/data/$set" $set -f)
    best=$(min "$aws_up" "$rc_up" "$s3_up")
    row "$n upload" "-" "$aws_up" "$rc_up" "$s3_up" "$tr_up" "$(ratio "$best" "$tr_up") x faster than fastest peer (goal ≥ 10)" "-"
    best=$(min "$aws_down" "$rc_down" "$s3_down")
    row "$n download" "-" "$aws_down" "$rc_down" "$s3_down" "$tr_down" "$(ratio "$best" "$tr_down") x faster than fastest peer (goal ≥ 10)" "$tr_dmem"
    best=$(min "$aws_resync" "$rc_resync")
    row "$n unchanged re-upload" "-" "$aws_resync (sync)" "$rc_resync (sync)" "-" "$tr_resync" "$(ratio "$tr_resync" "$best") x fastest peer's time (goal ≤ 1)" "-"
    rm -rf "$WORK/o"
done
clean_trove

{
    echo "# Benchmark results (S3: Ceph RGW 16.2 on 127.0.0.1)"
    echo
    echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(uname -r), by \`ROUNDS=$ROUNDS bench/s3.sh\`: all clients"
    echo "against the same single-node RGW (bluestore on a sparse file on the same disk) started for the run;"
    echo "client and server share the cores, so a client's own CPU time slows the server too (see the CPU notes)."
    echo "Seconds of wall-clock time for whole commands. Rows of $(echo $SIZES | sed 's/ / and /g') GiB and the local get: $ROUNDS rounds,"
    echo "every client's upload and download taken in turn in each round, median (min–max;"
    echo "--limit-rate rows: $LIMIT_ROUNDS rounds). In every round Trove runs between curl and rclone (the"
    echo "block's order reversing and its place among aws and s3cmd rotating), and a goal's ratio is the"
    echo "median (min–max) of the rounds' ratios, as the machine's speed moves within minutes; the ratio of"
    echo "the medians is shown beside it. Each object is deleted and RGW's gc run"
    echo "as soon as it is timed. Trove uploads to a"
    echo "new store prefix with an empty cache each time and downloads with an empty cache. Resume"
    echo "rows: bytes on the wire counted by a proxy between trove-cli and RGW (\`bench/count_proxy.py\`),"
    echo "which also kills trove-cli (SIGKILL) once it has carried the given share of an uninterrupted"
    echo "run's bytes, HTTP headers included. What an upload's run 2 sent again of what had reached the"
    echo "store is run 2 - (one uninterrupted run - the packs' bytes in the store after the kill); the"
    echo "stored packs' request headers, which run 2 need not send, can take it a little below 0. Other"
    echo "rows: one run; a peer stopped after $PEER_CAP s shows \"> $PEER_CAP\". Trove's peak resident"
    echo "memory in MiB (largest of the rounds). Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    echo "| task | curl | aws-cli 2.9 | rclone 1.60 | s3cmd 2.3 | Trove | Trove vs goal | Trove MiB |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
    printf "%s" "$ROWS"
    [ -z "$NOTES" ] || { echo; printf "%s" "$NOTES"; }
} > "$WORK/section.md"
write_section "S3" "$WORK/section.md"
cat "$WORK/section.md"
exit
}
