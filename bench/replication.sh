#!/usr/bin/env bash
# Replication comparison: redis-server master + 2 redis-server replicas vs. data node master +
# 2 data node replicas, in one run (one group after the other, so they do not share the CPUs).
#   1. Full sync of KEYS keys x VALUE_SIZE-byte values, disk-based and diskless (delay 0):
#      seconds from REPLICAOF until master_link_status:up and slave_repl_offset equal to the
#      master's master_repl_offset.
#   2. Replication lag (bytes, and an estimate in ms) under redis-benchmark SET -P 16 load
#      on the master with one replica, sampled every LAG_INTERVAL_MS.
#   3. SET throughput (-P 16 and -P 1) on the master with two replicas attached.
# See bench/README.md.
set -euo pipefail

# ---- configuration (env overridable) ---------------------------------------
QUICK="${QUICK:-0}"                       # 1 = small defaults (KEYS=100000, REQUESTS=200000)
if [[ "$QUICK" == 1 ]]; then
  KEYS="${KEYS:-100000}"; REQUESTS="${REQUESTS:-200000}"
fi
KEYS="${KEYS:-1000000}"                   # keys loaded into the master (key:%012d)
VALUE_SIZE="${VALUE_SIZE:-100}"           # bytes per value (load and -d)
REQUESTS="${REQUESTS:-1000000}"           # SETs per -P 16 run (lag run and throughput run)
REQUESTS_P1="${REQUESTS_P1:-$(( REQUESTS / 5 ))}"  # SETs in the -P 1 throughput run (0 = skip)
LAG_REQUESTS="${LAG_REQUESTS:-$(( REQUESTS * 3 ))}" # SETs (-P 16) in the lag run
BENCH_CLIENTS="${BENCH_CLIENTS:-50}"      # redis-benchmark -c
BENCH_TIMEOUT="${BENCH_TIMEOUT:-900}"     # seconds allowed per redis-benchmark run
SYNC_TIMEOUT="${SYNC_TIMEOUT:-$(( 60 + KEYS / 5000 ))}"  # seconds allowed for one full sync
CATCHUP_TIMEOUT="${CATCHUP_TIMEOUT:-120}" # seconds allowed for replicas to catch up after a load
POLL_MS="${POLL_MS:-50}"                  # INFO replication poll interval while syncing
LAG_INTERVAL_MS="${LAG_INTERVAL_MS:-100}" # lag sampling interval
PIPE_TIMEOUT="${PIPE_TIMEOUT:-120}"       # redis-cli --pipe-timeout
LOAD_TIMEOUT="${LOAD_TIMEOUT:-900}"       # hard cap on the redis-cli --pipe load
TARGET_RATIO="${TARGET_RATIO:-0.8}"       # throughput target, data node / redis
FAIL_ON_TARGET="${FAIL_ON_TARGET:-0}"     # 1 = exit 2 when a throughput ratio is below target
SIDES="${SIDES:-redis dn}"                # which groups to run (redis, dn, or both)
WARMUP_N="${WARMUP_N:-200000}"            # warm-up SETs (-P 16; a quarter at -P 1) on each master (0 = skip)
BASELINE="${BASELINE:-1}"                 # 1 = first the same SET runs with no replica (reference)
REPLICA_DISKLESS_LOAD="${REPLICA_DISKLESS_LOAD:-}" # the replicas' repl-diskless-load in both groups; empty = each server's default
DATANODE_ARGS="${DATANODE_ARGS:---bind 127.0.0.1 --save '' --appendonly no}"

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# The production JVM options plus a heap large enough for the data set.
DATANODE_JAVA_OPTS="${DATANODE_JAVA_OPTS:-$(grep -v '^#' "$REPO_ROOT/datanode/jvm.options" | tr '\n' ' ') -Xmx3g}"

need_cmd "$REDIS_SERVER_BIN" "apt-get install -y redis-server"
need_cmd "$REDIS_CLI_BIN" "apt-get install -y redis-tools"
need_cmd "$REDIS_BENCHMARK_BIN" "apt-get install -y redis-tools"
need_cmd python3 "used to poll INFO replication and sample the lag"
need_cmd awk
need_cmd timeout
for v in KEYS VALUE_SIZE REQUESTS REQUESTS_P1 LAG_REQUESTS WARMUP_N BENCH_CLIENTS BENCH_TIMEOUT SYNC_TIMEOUT \
         CATCHUP_TIMEOUT POLL_MS LAG_INTERVAL_MS PIPE_TIMEOUT LOAD_TIMEOUT; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a non-negative integer (got '${!v}')"
done
(( KEYS > 0 && VALUE_SIZE > 0 && REQUESTS > 0 && LAG_REQUESTS > 0 && BENCH_CLIENTS > 0 && POLL_MS > 0 && LAG_INTERVAL_MS > 0 )) \
  || die "KEYS, VALUE_SIZE, REQUESTS, BENCH_CLIENTS, POLL_MS and LAG_INTERVAL_MS must be > 0"
for s in $SIDES; do [[ $s == redis || $s == dn ]] || die "SIDES: unknown group '$s' (redis, dn)"; done
[[ -z $REPLICA_DISKLESS_LOAD || $REPLICA_DISKLESS_LOAD == disabled || $REPLICA_DISKLESS_LOAD == on-empty-db ]] \
  || die "REPLICA_DISKLESS_LOAD: empty, disabled or on-empty-db (got '$REPLICA_DISKLESS_LOAD')"

# ---- servers: three per group, tracked by "<side>.<role>" -----------------------
declare -A NODE_PID=() NODE_LAUNCH=() NODE_PORT=()
PROBE_PID=""
repl_cleanup() {
  local rc=$? k
  [[ -n "$PROBE_PID" ]] && kill -TERM "$PROBE_PID" 2>/dev/null || true
  for k in "${!NODE_PID[@]}"; do stop_node "$k"; done
  (exit "$rc"); cleanup
}
trap repl_cleanup EXIT

name_of() { if [[ ${1%%.*} == redis ]]; then echo "redis-server ${1#*.}"; else echo "data node ${1#*.}"; fi; }
log_of() { echo "$WORKDIR/${1/./-}.log"; }

# start_node SIDE.ROLE PORT: start a server with its own --dir, wait for PONG.
start_node() {
  local key=$1 port=$2 side=${1%%.*} dir logf cmd lp
  dir="$WORKDIR/${key/./-}-data"; logf=$(log_of "$key")
  mkdir -p "$dir"
  if [[ $side == redis ]]; then
    log "starting redis-server (${key#*.}) on $BENCH_HOST:$port (log: $logf)"
    # shellcheck disable=SC2086
    "$REDIS_SERVER_BIN" --port "$port" --bind "$BENCH_HOST" --save "" --appendonly no \
        --protected-mode yes --daemonize no --logfile "" --dir "$dir" ${REDIS_EXTRA_ARGS:-} \
        >"$logf" 2>&1 &
  else
    cmd="$(datanode_cmdline "$port") --dir '$dir'"
    log "starting data node (${key#*.}) on $BENCH_HOST:$port: $cmd (log: $logf)"
    bash -c "exec $cmd" >"$logf" 2>&1 &
  fi
  NODE_LAUNCH[$key]=$!; NODE_PID[$key]=$!; NODE_PORT[$key]=$port
  wait_ping "$(name_of "$key")" "$port" "${NODE_PID[$key]}" "$logf"
  lp=$(listener_pid "$port")
  if [[ -n "$lp" && "$lp" != "${NODE_PID[$key]}" ]]; then
    log "$(name_of "$key") listener pid is $lp (launcher pid ${NODE_PID[$key]}); using $lp"
    NODE_PID[$key]=$lp
  fi
}

stop_node() {
  local key=$1
  stop_pid "$(name_of "$key")" "${NODE_PID[$key]:-}"
  if [[ -n "${NODE_LAUNCH[$key]:-}" && "${NODE_LAUNCH[$key]}" != "${NODE_PID[$key]:-}" ]]; then
    stop_pid "$(name_of "$key") launcher" "${NODE_LAUNCH[$key]}"
  fi
  unset "NODE_PID[$key]" "NODE_LAUNCH[$key]"
}

alive() { kill -0 "${NODE_PID[$1]}" 2>/dev/null || { tail -n 30 "$(log_of "$1")" >&2 || true; die "$(name_of "$1") (pid ${NODE_PID[$1]}) died $2"; }; }

# ---- helpers ------------------------------------------------------------------
ratio() { awk -v d="$1" -v r="$2" 'BEGIN { if (d == "" || r == "" || d == "-" || r == "-" || r + 0 == 0) print "n/a"; else printf "%.2f", d / r }'; }

# cli_ok PORT WHAT ARGS...: a command that must answer OK.
cli_ok() {
  local port=$1 what=$2 out; shift 2
  out=$(cli "$port" "$@" 2>&1 | tr -d '\r') || die "$what: redis-cli failed: $out"
  [[ "$out" == OK ]] || die "$what: '$*' answered '$out'"
}

dbsize() { cli "$1" DBSIZE 2>/dev/null | tr -d '\r' || true; }

# RESP stream: SET key:%012d <VALUE_SIZE bytes> for i < KEYS (the redis-benchmark -r key format,
# so the SET runs overwrite loaded keys and DBSIZE stays KEYS).
PROTO="$WORKDIR/load.resp"
generate_proto() {
  log "generating RESP for $KEYS SET commands ($VALUE_SIZE-byte values) -> $PROTO"
  awk -v n="$KEYS" -v vs="$VALUE_SIZE" 'BEGIN {
    pad = ""; for (j = 0; j < vs; j++) pad = pad "x"
    for (i = 0; i < n; i++) {
      k = sprintf("key:%012d", i)
      v = substr(sprintf("%012d", i) pad, 1, vs)
      printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", length(k), k, vs, v
    }
  }' >"$PROTO"
}

# The probe (python3, plain sockets, persistent connections): polls INFO replication.
PROBE="$WORKDIR/probe.py"
cat >"$PROBE" <<'EOF'
import os, socket, sys, time

class Conn:
    def __init__(self, port, timeout=5.0):
        self.port, self.timeout, self.sock, self.buf = port, timeout, None, b""
    def close(self):
        if self.sock is not None:
            try: self.sock.close()
            except OSError: pass
        self.sock, self.buf = None, b""
    def _line(self):
        while b"\r\n" not in self.buf:
            d = self.sock.recv(65536)
            if not d: raise OSError("connection closed")
            self.buf += d
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line
    def _exact(self, n):
        while len(self.buf) < n + 2:
            d = self.sock.recv(65536)
            if not d: raise OSError("connection closed")
            self.buf += d
        out, self.buf = self.buf[:n], self.buf[n + 2:]
        return out
    def _reply(self):
        line = self._line(); t, rest = line[:1], line[1:]
        if t == b"+": return rest.decode()
        if t == b"-": return RuntimeError(rest.decode())
        if t == b":": return int(rest)
        if t == b"$":
            n = int(rest); return None if n < 0 else self._exact(n).decode("latin-1")
        if t == b"*":
            n = int(rest); return None if n < 0 else [self._reply() for _ in range(n)]
        raise OSError("bad reply %r" % line)
    def cmd(self, *args):
        """Returns the reply (a RuntimeError instance for -ERR); on I/O trouble closes and raises."""
        try:
            if self.sock is None:
                self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=self.timeout)
            out = b"*%d\r\n" % len(args)
            for a in args:
                a = str(a).encode(); out += b"$%d\r\n%s\r\n" % (len(a), a)
            self.sock.sendall(out)
            return self._reply()
        except (OSError, ValueError):
            self.close(); raise

def info(c):
    r = c.cmd("INFO", "replication")
    if isinstance(r, Exception): raise OSError("INFO replication: %s" % r)
    return dict(l.split(":", 1) for l in r.split("\r\n") if ":" in l and not l.startswith("#"))

def timed_info(c):
    t0 = time.monotonic(); i = info(c); t1 = time.monotonic()
    return (t0 + t1) / 2, i

def num(d, k):
    try: return int(d.get(k, ""))
    except ValueError: return None

def sync(mport, rport, timeout, poll_ms, replicaof):
    """[REPLICAOF, then] wait for link up and replica offset == master offset.
    Prints 'seconds_to_equal seconds_to_link_up'."""
    m, r = Conn(mport), Conn(rport)
    deadline = time.monotonic() + timeout
    t0 = time.monotonic()
    if replicaof:
        rep = r.cmd("REPLICAOF", "127.0.0.1", mport)
        if rep != "OK":
            sys.exit("REPLICAOF 127.0.0.1 %d answered %r" % (mport, rep))
    up, last = None, "no reply yet"
    while time.monotonic() < deadline:
        try:
            ri = info(r)          # the replica first: the master's offset only grows
            mi = info(m)
            now = time.monotonic() - t0
            link = ri.get("master_link_status")
            if link == "up" and up is None: up = now
            ro, mo = num(ri, "slave_repl_offset"), num(mi, "master_repl_offset")
            last = "role=%s master_link_status=%s master_sync_in_progress=%s slave_repl_offset=%s master_repl_offset=%s" % (
                ri.get("role"), link, ri.get("master_sync_in_progress"), ro, mo)
            if link == "up" and ro is not None and ro == mo:
                print("%.3f %.3f" % (now, up)); return
        except (OSError, ValueError) as e:
            last = "error: %s" % e
        time.sleep(poll_ms / 1000.0)
    sys.exit("not in sync after %ds (last: %s)" % (timeout, last))

def lag(mport, rport, interval_ms, stopf, outf):
    """Until STOPF exists: master offset, replica offset, master offset, each with the midpoint
    time of its request; plus the master's slave0 offset= and lag= fields."""
    m, r = Conn(mport), Conn(rport)
    with open(outf, "w") as f:
        while not os.path.exists(stopf):
            nxt = time.monotonic() + interval_ms / 1000.0
            try:
                t1, mi = timed_info(m)
                t2, ri = timed_info(r)
                t3, mi2 = timed_info(m)
                s0 = dict(kv.split("=", 1) for kv in mi.get("slave0", "").split(",") if "=" in kv)
                f.write("%.6f %s %.6f %s %.6f %s %s %s %s\n" % (
                    t1, num(mi, "master_repl_offset"), t2, num(ri, "slave_repl_offset"),
                    t3, num(mi2, "master_repl_offset"), s0.get("offset", "-"), s0.get("lag", "-"),
                    ri.get("master_link_status", "-")))
                f.flush()
            except (OSError, ValueError) as e:
                f.write("# error %s\n" % e)
            time.sleep(max(0.0, nxt - time.monotonic()))

def pct(xs, p):
    xs = sorted(xs)
    if not xs: return None
    k = max(0, min(len(xs) - 1, int(-(-p * len(xs) // 100)) - 1))   # nearest rank
    return xs[k]

def lagstats(inf):
    """Prints 'n median_b p99_b max_b median_ms p99_ms max_ms max_ack_lag_s link_down_samples'.
    Bytes: the master's offset linearly interpolated to the instant of the replica's reading,
    minus the replica's offset. ms: how long before that instant the master had reached the
    replica's offset (interpolated on the master's offset timeline)."""
    rows = []
    for line in open(inf):
        if line.startswith("#"): continue
        p = line.split()
        if "None" in p[:6]: continue
        rows.append((float(p[0]), int(p[1]), float(p[2]), int(p[3]), float(p[4]), int(p[5]), p[7], p[8]))
    timeline = sorted([(a, b) for r in rows for (a, b) in ((r[0], r[1]), (r[4], r[5]))])
    def reached(off):   # earliest time the master's offset was >= off (None if before the first point)
        prev = None
        for t, o in timeline:
            if o >= off:
                if prev is None: return None
                pt, po = prev
                return t if o == po else pt + (off - po) * (t - pt) / (o - po)
            prev = (t, o)
        return None
    lb, lm, acks, down = [], [], [], 0
    start = rows[0][1] if rows else 0
    for t1, m1, t2, ro, t3, m2, acklag, link in rows:
        if m2 <= start: continue      # idle samples before the load started
        if link != "up": down += 1
        mo = m1 + (m2 - m1) * (t2 - t1) / (t3 - t1) if t3 > t1 else m2
        lb.append(max(0.0, mo - ro))
        if ro >= mo: lm.append(0.0)
        else:
            t = reached(ro)
            if t is not None: lm.append(max(0.0, (t2 - t) * 1000.0))
        if acklag.isdigit(): acks.append(int(acklag))
    if not lb:
        print("0 - - - - - - - 0"); return
    f = lambda x: "-" if x is None else "%.0f" % x
    g = lambda x: "-" if x is None else "%.2f" % x
    print(len(lb), f(pct(lb, 50)), f(pct(lb, 99)), f(max(lb)), g(pct(lm, 50)), g(pct(lm, 99)),
          g(max(lm) if lm else None), max(acks) if acks else "-", down)

def compare(mport, rport, keys, n):
    """GET n keys spread over the key space on both; prints the number of differences."""
    m, r = Conn(mport, 30), Conn(rport, 30)
    step = max(1, keys // n); diff = 0
    for i in range(0, keys, step):
        k = "key:%012d" % i
        if m.cmd("GET", k) != r.cmd("GET", k): diff += 1
    print(diff)

cmd = sys.argv[1]
a = sys.argv[2:]
if cmd == "sync": sync(int(a[0]), int(a[1]), int(a[2]), int(a[3]), a[4] == "1")
elif cmd == "lag": lag(int(a[0]), int(a[1]), int(a[2]), a[3], a[4])
elif cmd == "lagstats": lagstats(a[0])
elif cmd == "compare": compare(int(a[0]), int(a[1]), int(a[2]), int(a[3]))
else: sys.exit("unknown probe command " + cmd)
EOF

# set_diskless PORT WHAT yes|no: repl-diskless-sync (and delay 0) on a master.
set_diskless() {
  cli_ok "$1" "$2" CONFIG SET repl-diskless-sync "$3"
  cli_ok "$1" "$2" CONFIG SET repl-diskless-sync-delay 0
}

# full_sync SIDE.MASTER SIDE.REPLICA -> sets SYNC_S (REPLICAOF -> equal offsets) and UP_S.
SYNC_S="" UP_S=""
full_sync() {
  local m=$1 r=$2 out rc=0
  if [[ -n $REPLICA_DISKLESS_LOAD ]]; then
    cli_ok "${NODE_PORT[$r]}" "$(name_of "$r")" CONFIG SET repl-diskless-load "$REPLICA_DISKLESS_LOAD"
  fi
  log "$(name_of "$r"): REPLICAOF $BENCH_HOST ${NODE_PORT[$m]} ..."
  run_child /dev/null "$WORKDIR/sync.out" "$WORKDIR/sync.err" "$(( SYNC_TIMEOUT + 30 ))" \
      python3 "$PROBE" sync "${NODE_PORT[$m]}" "${NODE_PORT[$r]}" "$SYNC_TIMEOUT" "$POLL_MS" 1 || rc=$?
  if (( rc != 0 )); then
    cat "$WORKDIR/sync.err" >&2 || true
    tail -n 20 "$(log_of "$m")" "$(log_of "$r")" >&2 || true
    die "full sync of $(name_of "$r") from $(name_of "$m") failed"
  fi
  read -r SYNC_S UP_S <"$WORKDIR/sync.out"
  log "$(name_of "$r"): link up after ${UP_S}s, offsets equal after ${SYNC_S}s"
  check_same "$m" "$r"
}

# catch_up SIDE.MASTER SIDE.REPLICA -> sets SYNC_S (seconds until offsets equal, link up).
catch_up() {
  local m=$1 r=$2 rc=0
  run_child /dev/null "$WORKDIR/sync.out" "$WORKDIR/sync.err" "$(( CATCHUP_TIMEOUT + 30 ))" \
      python3 "$PROBE" sync "${NODE_PORT[$m]}" "${NODE_PORT[$r]}" "$CATCHUP_TIMEOUT" "$POLL_MS" 0 || rc=$?
  if (( rc != 0 )); then
    cat "$WORKDIR/sync.err" >&2 || true
    die "$(name_of "$r") did not catch up with $(name_of "$m")"
  fi
  read -r SYNC_S _ <"$WORKDIR/sync.out"
}

# check_same SIDE.MASTER SIDE.REPLICA: DBSIZE equal and 1000 sampled keys equal (warns otherwise).
check_same() {
  local m=$1 r=$2 dm dr diff
  dm=$(dbsize "${NODE_PORT[$m]}"); dr=$(dbsize "${NODE_PORT[$r]}")
  diff=$(timeout 120 python3 "$PROBE" compare "${NODE_PORT[$m]}" "${NODE_PORT[$r]}" "$KEYS" 1000 2>&1 || true)
  if [[ "$dm" != "$dr" || "$diff" != 0 ]]; then
    log "WARNING: $(name_of "$r") differs from $(name_of "$m"): DBSIZE $dr vs $dm, $diff of 1000 sampled keys differ"
    WARNINGS+=("$(name_of "$r"): DBSIZE $dr vs master $dm, sampled keys differing: $diff")
  fi
}

# bench_set PORT PIPELINE N -> sets RPS
RPS=""
bench_set() {
  local port=$1 p=$2 n=$3 rc=0
  run_child /dev/null "$WORKDIR/bench.out" "$WORKDIR/bench.err" "$BENCH_TIMEOUT" \
      "$REDIS_BENCHMARK_BIN" -h "$BENCH_HOST" -p "$port" -t set -c "$BENCH_CLIENTS" -n "$n" \
      -P "$p" -r "$KEYS" -d "$VALUE_SIZE" -q --csv || rc=$?
  if (( rc != 0 )); then
    cat "$WORKDIR/bench.out" "$WORKDIR/bench.err" >&2 || true
    (( rc == 124 )) && die "redis-benchmark SET -P $p on port $port timed out after ${BENCH_TIMEOUT}s"
    die "redis-benchmark SET -P $p on port $port failed (exit $rc)"
  fi
  RPS=$(awk -F',' '$1 == "\"SET\"" { gsub(/"/, "", $2); print $2; exit }' "$WORKDIR/bench.out")
  [[ "$RPS" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { cat "$WORKDIR/bench.out" "$WORKDIR/bench.err" >&2; die "cannot parse redis-benchmark output (port $port)"; }
}

# cpu_ticks PID: user + system CPU time of a process in clock ticks (0 if unreadable).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)

# cpu_us_per BEFORE AFTER N: CPU microseconds per request (ticks are 10 ms: use large N)
cpu_us_per() { awk -v a="$1" -v b="$2" -v n="$3" -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", (b - a) / hz * 1e6 / n }'; }

info_stat() {
  cli "$1" INFO "$2" 2>/dev/null | tr -d '\r' | awk -F: -v f="$3" '$1 == f { print $2; exit }' || true
}

# ---- one group: master + replica1 + replica2 ------------------------------------
declare -A R=()          # results, "<side>.<metric>"
WARNINGS=()
run_group() {
  local s=$1 m="$1.master" r1="$1.replica1" r2="$1.replica2" ports mp stopf i k c0
  read -r -a ports <<<"$(free_ports 3)"
  start_node "$m" "${ports[0]}"
  start_node "$r1" "${ports[1]}"
  start_node "$r2" "${ports[2]}"
  mp=${NODE_PORT[$m]}
  R[$s.version]=$(info_stat "$mp" server redis_version)
  R[$s.load_mode]=$(cli "${NODE_PORT[$r1]}" CONFIG GET repl-diskless-load 2>/dev/null | tr -d '\r' | tail -n 1 || true)

  load_keys "$(name_of "$m")" "$mp"
  [[ "$(dbsize "$mp")" == "$KEYS" ]] || die "$(name_of "$m"): DBSIZE $(dbsize "$mp") after the load, expected $KEYS"

  # 0. warm-up (JIT of the data node; done on both for the same data set), then the reference:
  #    SET throughput with no replica
  if (( WARMUP_N > 0 )); then
    log "$(name_of "$m"): warm-up SET -P 16 -n $WARMUP_N, -P 1 -n $(( WARMUP_N / 4 )) (discarded) ..."
    bench_set "$mp" 16 "$WARMUP_N"
    if (( WARMUP_N / 4 > 0 )); then bench_set "$mp" 1 "$(( WARMUP_N / 4 ))"; fi
  fi
  if [[ "$BASELINE" == 1 ]]; then
    log "$(name_of "$m"): SET -P 16 -n $REQUESTS with no replica (reference) ..."
    c0=("$(cpu_ticks "${NODE_PID[$m]}")")
    bench_set "$mp" 16 "$REQUESTS"; R[$s.base16]=$RPS
    R[$s.cpu_base]=$(cpu_us_per "${c0[0]}" "$(cpu_ticks "${NODE_PID[$m]}")" "$REQUESTS")
    if (( REQUESTS_P1 > 0 )); then
      log "$(name_of "$m"): SET -P 1 -n $REQUESTS_P1 with no replica (reference) ..."
      bench_set "$mp" 1 "$REQUESTS_P1"; R[$s.base1]=$RPS
    fi
    [[ "$(dbsize "$mp")" == "$KEYS" ]] || die "$(name_of "$m"): DBSIZE $(dbsize "$mp") after the reference runs, expected $KEYS"
  fi

  # 1a. disk-based full sync to replica1
  set_diskless "$mp" "$(name_of "$m")" no
  full_sync "$m" "$r1"; R[$s.disk]=$SYNC_S; R[$s.disk_up]=$UP_S
  alive "$m" "after the disk-based sync"; alive "$r1" "after the disk-based sync"

  # 2. lag under SET -P 16 with replica1 only
  log "$(name_of "$m"): SET -P 16 -n $LAG_REQUESTS with one replica, lag sampled every ${LAG_INTERVAL_MS} ms ..."
  stopf="$WORKDIR/stop.lag.$s"; rm -f "$stopf"
  python3 "$PROBE" lag "$mp" "${NODE_PORT[$r1]}" "$LAG_INTERVAL_MS" "$stopf" "$WORKDIR/lag.$s" &
  PROBE_PID=$!
  # one idle sample first, so the lag at the very start of the load can be timed too
  for (( i = 0; i < 100; i++ )); do [[ -s "$WORKDIR/lag.$s" ]] && break; sleep 0.1; done
  [[ -s "$WORKDIR/lag.$s" ]] || die "the lag probe wrote no sample within 10 s"
  bench_set "$mp" 16 "$LAG_REQUESTS"; R[$s.lag_rps]=$RPS
  touch "$stopf"; wait "$PROBE_PID" || true; PROBE_PID=""
  R[$s.lag]=$(python3 "$PROBE" lagstats "$WORKDIR/lag.$s") || die "cannot compute lag statistics"
  catch_up "$m" "$r1"; R[$s.catchup]=$SYNC_S
  log "$(name_of "$m"): lag (n median p99 max B, median p99 max ms, max ack lag s, link-down samples): ${R[$s.lag]}; caught up ${SYNC_S}s after the load"
  check_same "$m" "$r1"
  alive "$m" "during the lag run"; alive "$r1" "during the lag run"

  # 1b. diskless full sync (delay 0) to replica2
  set_diskless "$mp" "$(name_of "$m")" yes
  full_sync "$m" "$r2"; R[$s.diskless]=$SYNC_S; R[$s.diskless_up]=$UP_S
  alive "$m" "after the diskless sync"; alive "$r2" "after the diskless sync"

  # 3. throughput with two replicas
  R[$s.slaves]=$(info_stat "$mp" replication connected_slaves)
  [[ "${R[$s.slaves]}" == 2 ]] || log "WARNING: $(name_of "$m") reports connected_slaves:${R[$s.slaves]} (expected 2)"
  log "$(name_of "$m"): SET -P 16 -n $REQUESTS with two replicas ..."
  c0=("$(cpu_ticks "${NODE_PID[$m]}")" "$(cpu_ticks "${NODE_PID[$r1]}")" "$(cpu_ticks "${NODE_PID[$r2]}")")
  bench_set "$mp" 16 "$REQUESTS"; R[$s.p16]=$RPS
  catch_up "$m" "$r1"; catch_up "$m" "$r2"
  R[$s.cpu_m]=$(cpu_us_per "${c0[0]}" "$(cpu_ticks "${NODE_PID[$m]}")" "$REQUESTS")
  R[$s.cpu_r]="$(cpu_us_per "${c0[1]}" "$(cpu_ticks "${NODE_PID[$r1]}")" "$REQUESTS") + $(cpu_us_per "${c0[2]}" "$(cpu_ticks "${NODE_PID[$r2]}")" "$REQUESTS")"
  if (( REQUESTS_P1 > 0 )); then
    log "$(name_of "$m"): SET -P 1 -n $REQUESTS_P1 with two replicas ..."
    bench_set "$mp" 1 "$REQUESTS_P1"; R[$s.p1]=$RPS
    catch_up "$m" "$r1"; catch_up "$m" "$r2"
  else
    R[$s.p1]="-"
  fi
  check_same "$m" "$r1"; check_same "$m" "$r2"
  R[$s.sync_full]=$(info_stat "$mp" stats sync_full)
  R[$s.sync_partial_ok]=$(info_stat "$mp" stats sync_partial_ok)
  R[$s.offset]=$(info_stat "$mp" replication master_repl_offset)
  for k in "$m" "$r1" "$r2"; do alive "$k" "during the throughput runs"; done
  log "$(name_of "$m"): SET rps -P 16 ${R[$s.p16]}, -P 1 ${R[$s.p1]}; sync_full ${R[$s.sync_full]}"
  for k in "$r2" "$r1" "$m"; do stop_node "$k"; done
}

# ---- run --------------------------------------------------------------------
generate_proto
echo
echo "data set     : $KEYS keys x $VALUE_SIZE-byte values; SET runs: -c $BENCH_CLIENTS -r $KEYS -d $VALUE_SIZE"
echo "redis-server : $("$REDIS_SERVER_BIN" --version | awk '{ sub(/^v=/, "", $3); print $3 }')"
[[ " $SIDES " == *" dn "* ]] && echo "data node    : $(datanode_cmdline '{port}')"
ncpu=$(nproc 2>/dev/null || echo 1)
load1=$(awk '{ print $1 }' /proc/loadavg 2>/dev/null || echo 0)
echo "host         : $ncpu CPU(s), 1-min load average $load1"
if awk -v l="$load1" -v n="$ncpu" 'BEGIN { exit !(l + 0 > n * 0.5) }'; then
  echo "WARNING: the host is busy (load $load1 on $ncpu CPUs); times and rates will be noisy"
fi
echo
for s in $SIDES; do run_group "$s"; done

# ---- report -------------------------------------------------------------------
v() { local x="${R[$1]:-}"; echo "${x:--}"; }
lagf() { local x="${R[$1.lag]:-}"; [[ -n "$x" ]] && awk -v i="$2" '{ print $i }' <<<"$x" || echo "-"; }
row() { printf '%-40s %14s %14s %9s\n' "$@"; }
hdr() { row "" "redis-server" "data node" "dn/redis"; row "----------------------------------------" "--------------" "--------------" "---------"; }
echo
LOAD_MODES="$REPLICA_DISKLESS_LOAD (set on both)"
[[ -n $REPLICA_DISKLESS_LOAD ]] || LOAD_MODES="$(v redis.load_mode) / $(v dn.load_mode) (the defaults)"
echo "redis-server $(v redis.version) vs data node $(v dn.version); $KEYS keys x $VALUE_SIZE B; replicas: repl-diskless-load $LOAD_MODES; host load at the end: $(awk '{print $1, $2, $3}' /proc/loadavg)"
echo
echo "== 1. Full sync: seconds from REPLICAOF to link up with equal offsets (lower is better; ratio < 1 = data node faster) =="
hdr
row "disk-based (repl-diskless-sync no)" "$(v redis.disk)" "$(v dn.disk)" "$(ratio "$(v dn.disk)" "$(v redis.disk)")"
row "  of which until master_link_status:up" "$(v redis.disk_up)" "$(v dn.disk_up)" "$(ratio "$(v dn.disk_up)" "$(v redis.disk_up)")"
row "diskless (repl-diskless-sync yes, delay 0)" "$(v redis.diskless)" "$(v dn.diskless)" "$(ratio "$(v dn.diskless)" "$(v redis.diskless)")"
row "  of which until master_link_status:up" "$(v redis.diskless_up)" "$(v dn.diskless_up)" "$(ratio "$(v dn.diskless_up)" "$(v redis.diskless_up)")"
echo
echo "== 2. Replication lag, one replica, SET -P 16 -c $BENCH_CLIENTS -n $LAG_REQUESTS, sampled every $LAG_INTERVAL_MS ms (lower is better) =="
hdr
row "samples" "$(lagf redis 1)" "$(lagf dn 1)" ""
row "load during sampling (rps)" "$(v redis.lag_rps)" "$(v dn.lag_rps)" "$(ratio "$(v dn.lag_rps)" "$(v redis.lag_rps)")"
row "lag median (bytes)" "$(lagf redis 2)" "$(lagf dn 2)" "$(ratio "$(lagf dn 2)" "$(lagf redis 2)")"
row "lag p99 (bytes)" "$(lagf redis 3)" "$(lagf dn 3)" "$(ratio "$(lagf dn 3)" "$(lagf redis 3)")"
row "lag max (bytes)" "$(lagf redis 4)" "$(lagf dn 4)" "$(ratio "$(lagf dn 4)" "$(lagf redis 4)")"
row "lag median (ms, estimated)" "$(lagf redis 5)" "$(lagf dn 5)" "$(ratio "$(lagf dn 5)" "$(lagf redis 5)")"
row "lag p99 (ms, estimated)" "$(lagf redis 6)" "$(lagf dn 6)" "$(ratio "$(lagf dn 6)" "$(lagf redis 6)")"
row "lag max (ms, estimated)" "$(lagf redis 7)" "$(lagf dn 7)" "$(ratio "$(lagf dn 7)" "$(lagf redis 7)")"
row "max slave0 lag= field (s since ACK)" "$(lagf redis 8)" "$(lagf dn 8)" ""
row "samples with the link not up" "$(lagf redis 9)" "$(lagf dn 9)" ""
row "catch-up after the load ended (s)" "$(v redis.catchup)" "$(v dn.catchup)" ""
echo
echo "== 3. SET throughput, master with two replicas, -c $BENCH_CLIENTS -r $KEYS -d $VALUE_SIZE (rps, higher is better; target dn/redis >= $TARGET_RATIO) =="
hdr
row "SET -P 16 (-n $REQUESTS)" "$(v redis.p16)" "$(v dn.p16)" "$(ratio "$(v dn.p16)" "$(v redis.p16)")"
row "SET -P 1 (-n $REQUESTS_P1)" "$(v redis.p1)" "$(v dn.p1)" "$(ratio "$(v dn.p1)" "$(v redis.p1)")"
row "CPU us/SET at -P 16: master" "$(v redis.cpu_m)" "$(v dn.cpu_m)" "$(ratio "$(v dn.cpu_m)" "$(v redis.cpu_m)")"
row "CPU us/SET at -P 16: replica 1 + 2" "$(v redis.cpu_r)" "$(v dn.cpu_r)" ""
if [[ "$BASELINE" == 1 ]]; then
  row "reference, no replica: SET -P 16" "$(v redis.base16)" "$(v dn.base16)" "$(ratio "$(v dn.base16)" "$(v redis.base16)")"
  row "reference, no replica: SET -P 1" "$(v redis.base1)" "$(v dn.base1)" "$(ratio "$(v dn.base1)" "$(v redis.base1)")"
  row "reference: master CPU us/SET at -P 16" "$(v redis.cpu_base)" "$(v dn.cpu_base)" "$(ratio "$(v dn.cpu_base)" "$(v redis.cpu_base)")"
  row "with 2 replicas / no replica, -P 16" "$(ratio "$(v redis.p16)" "$(v redis.base16)")" "$(ratio "$(v dn.p16)" "$(v dn.base16)")" ""
  row "with 2 replicas / no replica, -P 1" "$(ratio "$(v redis.p1)" "$(v redis.base1)")" "$(ratio "$(v dn.p1)" "$(v dn.base1)")" ""
fi
row "master sync_full / sync_partial_ok" "$(v redis.sync_full) / $(v redis.sync_partial_ok)" "$(v dn.sync_full) / $(v dn.sync_partial_ok)" ""
row "master_repl_offset at the end" "$(v redis.offset)" "$(v dn.offset)" ""
echo
echo "notes: lag bytes = master_repl_offset interpolated to the instant of the replica's INFO minus its slave_repl_offset;"
echo "       lag ms = how long before that instant the master had reached the replica's offset (interpolated);"
echo "       the slave0 lag= field is whole seconds since the last REPLCONF ACK (sent every second)."
result=0
if [[ " $SIDES " == *" redis "* && " $SIDES " == *" dn "* ]]; then
  failed=()
  for t in p16 p1; do
    r=$(ratio "$(v dn.$t)" "$(v redis.$t)")
    [[ "$r" == n/a ]] && continue
    awk -v x="$r" -v t="$TARGET_RATIO" 'BEGIN { exit !(x + 0 < t + 0) }' && failed+=("SET ${t/p/-P } ($r)")
  done
  if (( ${#failed[@]} == 0 )); then echo "RESULT: PASS (throughput with two replicas >= ${TARGET_RATIO}x redis)"
  else echo "RESULT: FAIL (below ${TARGET_RATIO}x: ${failed[*]})"; [[ "$FAIL_ON_TARGET" == 1 ]] && result=2; fi
fi
if (( ${#WARNINGS[@]} > 0 )); then
  echo "WARNINGS:"; printf '  %s\n' "${WARNINGS[@]}"
fi
exit "$result"
