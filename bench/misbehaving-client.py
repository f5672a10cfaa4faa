"""Driver for bench/misbehaving-client.sh: one well-behaved client PINGs in a loop while a
misbehaving client runs against the server; prints one line of figures per case.

Plain sockets (no client library): the misbehaving clients must not read, and the PING loop
must measure one round trip per PING.
Usage: misbehaving-client.py NAME PORT PID PASSWORD SECONDS CASE...
"""
import socket
import sys
import threading
import time

NAME, PORT, PID, PASSWORD, SECONDS = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5])
CASES = sys.argv[6:]
HOST = "127.0.0.1"


def cmd(*args):
    out = [b"*%d\r\n" % len(args)]
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        out.append(b"$%d\r\n%s\r\n" % (len(a), a))
    return b"".join(out)


def connect(auth=True, rcvbuf=None):
    s = socket.socket()
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.connect((HOST, PORT))
    s.settimeout(30)
    if auth:
        s.sendall(cmd("AUTH", PASSWORD))
        read_line(s)
    return s


def read_line(s):
    data = b""
    while not data.endswith(b"\r\n"):
        chunk = s.recv(1)
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def call(s, *args):
    s.sendall(cmd(*args))
    line = read_line(s)
    if line.startswith(b"$") and int(line[1:-2]) >= 0:
        n = int(line[1:-2]) + 2
        while n > 0:
            n -= len(s.recv(min(n, 1 << 20)))
    return line


def rss_mb():
    try:
        with open("/proc/%s/status" % PID) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        return -1
    return -1


class Sampler(threading.Thread):
    """Keeps the highest RSS seen while a case runs."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak = rss_mb()
        self.stop = False

    def run(self):
        while not self.stop:
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.05)


def ping_loop(seconds, result):
    s = connect()
    lat = []
    timeouts = 0
    end = time.time() + seconds
    while time.time() < end:
        t = time.perf_counter()
        try:
            s.sendall(b"PING\r\n")
            read_line(s)
        except socket.timeout:
            timeouts += 1
            break
        lat.append((time.perf_counter() - t) * 1e6)
        time.sleep(0.001)
    s.close()
    result["lat"] = lat
    result["timeouts"] = timeouts


def send_quietly(s, data):
    """Sends without reading; returns False once the server has closed the connection."""
    try:
        s.settimeout(2)
        s.sendall(data)
        return True
    except (socket.timeout, BlockingIOError):
        return True
    except OSError:
        return False


def closed_by_server(s):
    try:
        s.settimeout(0.5)
        while True:
            if not s.recv(1 << 20):
                return True
    except socket.timeout:
        return False
    except OSError:
        return True


# ---- misbehaving clients: each runs until `stop` is set, returns whether the server dropped it

def case_get1mb(stop):
    admin = connect()
    call(admin, "SET", "bench:big", b"a" * (1 << 20))
    hog = connect(rcvbuf=4096)
    alive = send_quietly(hog, cmd("GET", "bench:big") * 1500)
    while alive and not stop.is_set():
        stop.wait(0.2)
    dropped = closed_by_server(hog)
    hog.close()
    call(admin, "DEL", "bench:big")
    admin.close()
    return dropped


def case_unauth(stop):
    amp = connect(auth=False, rcvbuf=4096)
    lines = b"x\n" * 10000
    alive = True
    sent = 0
    while alive and not stop.is_set() and sent < 2_000_000:
        alive = send_quietly(amp, lines)
        sent += 10000
    dropped = not alive or closed_by_server(amp)
    amp.close()
    return dropped


def case_pubsub(stop):
    subs = []
    for _ in range(3):
        s = connect(rcvbuf=4096)
        s.sendall(cmd("SUBSCRIBE", "bench:news"))
        subs.append(s)
    pub = connect()
    msg = b"m" * 10000
    while not stop.is_set():
        pub.sendall(cmd("PUBLISH", "bench:news", msg) * 50)
        for _ in range(50):
            read_line(pub)
    dropped = all(closed_by_server(s) for s in subs)
    for s in subs:
        s.close()
    pub.close()
    return dropped


def case_replica(stop):
    admin = connect()
    call(admin, "CONFIG", "SET", "client-output-buffer-limit", "replica 16mb 8mb 10")
    call(admin, "CONFIG", "SET", "repl-diskless-sync-delay", "0")
    replica = connect(rcvbuf=4096)
    replica.sendall(cmd("REPLCONF", "capa", "eof", "capa", "psync2") + cmd("PSYNC", "?", "-1"))
    value = b"v" * 100000
    i = 0
    while not stop.is_set():
        admin.sendall(cmd("SET", "bench:r%d" % (i % 1000), value) * 10)
        for _ in range(10):
            read_line(admin)
        i += 10
    dropped = closed_by_server(replica)
    replica.close()
    call(admin, "CONFIG", "SET", "client-output-buffer-limit", "replica 256mb 64mb 60")
    admin.close()
    return dropped


def case_querybuf(stop):
    admin = connect()
    call(admin, "CONFIG", "SET", "client-query-buffer-limit", "16mb")
    big = connect()
    alive = send_quietly(big, b"*3\r\n$3\r\nSET\r\n$9\r\nbench:qbf\r\n$67108864\r\n")
    chunk = b"a" * (1 << 20)
    while alive and not stop.is_set():
        alive = send_quietly(big, chunk)
        stop.wait(0.01)
    dropped = not alive or closed_by_server(big)
    big.close()
    call(admin, "CONFIG", "SET", "client-query-buffer-limit", "1gb")
    admin.close()
    return dropped


def case_baseline(stop):
    stop.wait()
    return None


def pct(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p))] if sorted_values else float("nan")


for case in CASES:
    misbehave = globals()["case_" + case]
    stop = threading.Event()
    outcome = {}
    worker = threading.Thread(target=lambda: outcome.setdefault("dropped", misbehave(stop)), daemon=True)
    sampler = Sampler()
    sampler.start()
    worker.start()
    time.sleep(0.2)  # let the misbehaving client get going
    result = {}
    ping_loop(SECONDS, result)
    stop.set()
    worker.join(60)
    sampler.stop = True
    sampler.join()
    lat = sorted(result["lat"])
    dropped = outcome.get("dropped")
    print("%s %s %d %.0f %.0f %.0f %d %d %s" % (
        NAME, case, len(lat), pct(lat, 0.5), pct(lat, 0.99), lat[-1] if lat else float("nan"),
        result["timeouts"], sampler.peak, "-" if dropped is None else ("dropped" if dropped else "kept")))
    sys.stdout.flush()
    time.sleep(1)
