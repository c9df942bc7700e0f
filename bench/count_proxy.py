#!/usr/bin/python3
"""Counting loopback TCP proxy for bench/s3.sh's resume rows.

Forwards 127.0.0.1:LISTEN to 127.0.0.1:TARGET and counts the bytes going each way, so the
bytes a client sends or fetches are measured outside the client. It can SIGKILL a process
when the count in one direction reaches a mark, which kills a transfer at a known point.

  count_proxy.py LISTEN TARGET DIR
Signals: SIGUSR1 writes "UP DOWN" (bytes client->server, server->client since the last
SIGUSR1) to DIR/counts and sets both to zero; SIGUSR2 reads DIR/arm, "PID up|down BYTES",
and kills PID with SIGKILL once that direction's count reaches BYTES (an empty file
disarms). DIR/ready appears once it listens.
"""
import os
import signal
import socket
import sys
import threading

listen_port, target_port, state_dir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
lock = threading.Lock()
counts = {"up": 0, "down": 0}
armed = None  # (pid, direction, mark)


def add(direction, n):
    global armed
    with lock:
        counts[direction] += n
        if armed and armed[1] == direction and counts[direction] >= armed[2]:
            try:
                os.kill(armed[0], signal.SIGKILL)
            except ProcessLookupError:
                pass
            armed = None


def pump(src, dst, direction):
    buf = bytearray(1 << 20)
    view = memoryview(buf)
    try:
        while True:
            n = src.recv_into(buf)
            if n == 0:
                break
            add(direction, n)
            dst.sendall(view[:n])
    except OSError:
        pass
    for s in (dst, src):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def serve(client):
    try:
        server = socket.create_connection(("127.0.0.1", target_port))
    except OSError:
        client.close()
        return
    up = threading.Thread(target=pump, args=(client, server, "up"), daemon=True)
    up.start()
    pump(server, client, "down")
    up.join()
    client.close()
    server.close()


def dump(*_):
    with lock:
        up, down = counts["up"], counts["down"]
        counts["up"] = counts["down"] = 0
    tmp = os.path.join(state_dir, "counts.tmp")
    with open(tmp, "w") as f:
        f.write(f"{up} {down}\n")
    os.replace(tmp, os.path.join(state_dir, "counts"))


def arm(*_):
    global armed
    with open(os.path.join(state_dir, "arm")) as f:
        fields = f.read().split()
    with lock:
        armed = (int(fields[0]), fields[1], int(fields[2])) if fields else None


signal.signal(signal.SIGUSR1, dump)
signal.signal(signal.SIGUSR2, arm)
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", listen_port))
listener.listen(64)
open(os.path.join(state_dir, "ready"), "w").close()
while True:
    conn, _ = listener.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
