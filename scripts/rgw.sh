#!/bin/bash
# A throwaway single-node Ceph cluster (one monitor, one memstore OSD, one RADOS Gateway) on
# 127.0.0.1, the real S3 server the tests use.
#   scripts/rgw.sh start DIR [RGW_PORT] [MON_PORT]   installs Ceph if needed, starts, creates
#                                                      user "trove" and bucket "trove-test"
#   scripts/rgw.sh stop DIR                            stops it by the PIDs under DIR/run
#   scripts/rgw.sh env DIR                             prints the variables that point at it
# Two RGW instances of one cluster: RGW_SECOND_PORT=N adds another gateway on port N.
# HTTPS: RGW_TLS_PORT=N also serves TLS on port N with a certificate for 127.0.0.1 signed by
# a throwaway CA written to DIR/tls/ca.pem (for the store URL's ca-file=).
# Disk: RGW_OBJECTSTORE=bluestore keeps objects on disk (a sparse file under DIR, as Ceph
# deploys it) instead of in RAM, for benchmarks of multi-GiB files; memstore holds 8 GiB.
set -euo pipefail
cmd=${1:?usage: rgw.sh start|stop|env DIR [RGW_PORT] [MON_PORT]}
D=$(mkdir -p "${2:?DIR}" && readlink -f "$2")
KEY=TROVETESTKEY SECRET=trove-test-secret-key BUCKET=trove-test

case "$cmd" in
stop)
    for pidfile in "$D"/run/*.pid; do
        [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    sleep 1
    for pidfile in "$D"/run/*.pid; do
        [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null || true
    done
    # Gone, ports and data directory released, before a start that follows at once.
    for pidfile in "$D"/run/*.pid; do
        for _ in $(seq 100); do
            [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null || break
            sleep 0.1
        done
    done
    exit 0 ;;
env)
    PORT=$(cat "$D/port")
    echo "export AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET AWS_REGION=us-east-1"
    echo "export TROVE_TEST_S3=s3://$BUCKET?endpoint=http://127.0.0.1:$PORT"
    exit 0 ;;
start) ;;
*) echo "unknown command $cmd" >&2; exit 2 ;;
esac

PORT=${3:-17480} MONPORT=${4:-16789}
if ! command -v radosgw >/dev/null || ! command -v ceph-mon >/dev/null || ! command -v ceph-osd >/dev/null \
    || ! command -v monmaptool >/dev/null || ! command -v curl >/dev/null || ! command -v openssl >/dev/null; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq ceph-mon ceph-osd radosgw ceph-common curl openssl >/dev/null
fi
"$0" stop "$D" >/dev/null 2>&1 || true
rm -rf "$D"; mkdir -p "$D"/{run,log,mon,osd/ceph-0}
FSID=$(cat /proc/sys/kernel/random/uuid)
# The monitor must be given as msgr v1 explicitly; no IPv6 here; memstore keeps it small.
cat > "$D/ceph.conf" <<CONF
[global]
fsid = $FSID
mon host = [v1:127.0.0.1:$MONPORT]
public addr = 127.0.0.1
cluster addr = 127.0.0.1
public network = 127.0.0.0/8
cluster network = 127.0.0.0/8
ms bind ipv4 = true
ms bind ipv6 = false
ms bind msgr2 = false
auth cluster required = none
auth service required = none
auth client required = none
auth allow insecure global id reclaim = true
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon data avail warn = 1
mon data avail crit = 0
run dir = $D/run
log file = $D/log/\$name.log
admin socket = $D/run/\$name.asok
pid file = $D/run/\$name.pid
keyring = $D/keyring
$(if [ "${RGW_OBJECTSTORE:-memstore}" = bluestore ]; then
    printf 'osd objectstore = bluestore\nbluestore block create = true\nbluestore block size = 64424509440\nosd memory target = 2147483648\n'
else
    printf 'osd objectstore = memstore\nmemstore device bytes = 8589934592\n'
fi)
osd data = $D/osd/ceph-\$id
mon data = $D/mon/ceph-\$id
osd max object name len = 460
osd max object namespace len = 64
[client.rgw.0]
rgw frontends = beast endpoint=127.0.0.1:$PORT
rgw thread pool size = 64
CONF
if [ -n "${RGW_TLS_PORT:-}" ]; then
    T="$D/tls"; mkdir -p "$T"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=trove test CA" \
        -keyout "$T/ca.key" -out "$T/ca.pem" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$T/key.pem" -out "$T/req.pem" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1\n' > "$T/ext.cnf"
    openssl x509 -req -in "$T/req.pem" -CA "$T/ca.pem" -CAkey "$T/ca.key" -CAcreateserial -days 2 \
        -extfile "$T/ext.cnf" -out "$T/cert.pem" 2>/dev/null
    sed -i "s|^rgw frontends = beast endpoint=127.0.0.1:$PORT\$|& ssl_endpoint=127.0.0.1:$RGW_TLS_PORT ssl_certificate=$T/cert.pem ssl_private_key=$T/key.pem|" "$D/ceph.conf"
fi
if [ -n "${RGW_SECOND_PORT:-}" ]; then
    printf '[client.rgw.1]\nrgw frontends = beast endpoint=127.0.0.1:%s\nrgw thread pool size = 64\n' "$RGW_SECOND_PORT" >> "$D/ceph.conf"
fi
C="-c $D/ceph.conf"
touch "$D/keyring"
monmaptool --create --addv a "[v1:127.0.0.1:$MONPORT]" --fsid "$FSID" "$D/monmap" >/dev/null
ceph-mon $C --mkfs -i a --monmap "$D/monmap"
ceph-mon $C -i a
for _ in $(seq 100); do ceph $C -s >/dev/null 2>&1 && break; sleep 0.2; done
ceph $C osd create >/dev/null
ceph-osd $C -i 0 --mkfs >/dev/null 2>&1
# The OSD sometimes asks the monitor before it has the monitor map and is refused ("wrong
# fsid"), then exits; starting it again succeeds.
for attempt in 1 2 3 4 5; do
    ceph-osd $C -i 0 2>"$D/log/osd-start.err" && break
    [ "$attempt" = 5 ] && { cat "$D/log/osd-start.err" >&2; exit 1; }
    sleep 1
done
ceph $C osd crush add osd.0 1 root=default host=localhost >/dev/null 2>&1 || true
radosgw $C -n client.rgw.0
[ -n "${RGW_SECOND_PORT:-}" ] && radosgw $C -n client.rgw.1
up=""
for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && up=1 && break; sleep 0.2; done
[ -n "$up" ] || { echo "RGW did not start; see $D/log" >&2; exit 1; }
radosgw-admin $C user create --uid=trove --display-name=trove --access-key=$KEY --secret=$SECRET >/dev/null
echo "$PORT" > "$D/port"
for _ in $(seq 50); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --aws-sigv4 "aws:amz:us-east-1:s3" --user "$KEY:$SECRET" \
        -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -X PUT "http://127.0.0.1:$PORT/$BUCKET") || true
    [ "$code" = 200 ] || [ "$code" = 409 ] && break
    sleep 0.2
done
echo "RGW on http://127.0.0.1:$PORT, bucket $BUCKET"
