#!/usr/bin/env bash
# Persistence comparison: redis-server vs. the data node, side by side in one run.
#   1. SAVE time and RDB file size for KEYS keys x VALUE_SIZE-byte values, then the
#      time to load that file at start (until PING answers and DBSIZE == KEYS).
#   2. SET latency (redis-benchmark -P 1) without and with back-to-back BGSAVEs.
#   3. Extra memory used by the snapshot: rdb_last_cow_size and the RSS peak
#      sampled every SAMPLE_MS during the BGSAVE run.
# See bench/README.md.
set -euo pipefail

# ---- configuration (env overridable) ---------------------------------------
KEYS="${KEYS:-1000000}"                   # keys to load (key:%012d, the redis-benchmark -r key format)
VALUE_SIZE="${VALUE_SIZE:-100}"           # bytes per value
BENCH_N="${BENCH_N:-1000000}"             # SET requests per latency run (-n)
BENCH_CLIENTS="${BENCH_CLIENTS:-50}"      # connections (-c)
BENCH_TIMEOUT="${BENCH_TIMEOUT:-900}"     # seconds allowed per redis-benchmark run
WARMUP_N="${WARMUP_N:-300000}"            # warm-up SETs (-P 16) per server before the latency runs (0 = skip)
BGSAVE_GAP="${BGSAVE_GAP:-0.5}"           # seconds between the end of one BGSAVE and the next BGSAVE
BGSAVE_TIMEOUT="${BGSAVE_TIMEOUT:-600}"   # seconds allowed for one BGSAVE / SAVE
SAMPLE_MS="${SAMPLE_MS:-50}"              # RSS sampling interval
PIPE_TIMEOUT="${PIPE_TIMEOUT:-120}"       # redis-cli --pipe-timeout
LOAD_TIMEOUT="${LOAD_TIMEOUT:-900}"       # hard cap on one redis-cli --pipe load, and on load at start
DBFILENAME="${DBFILENAME:-dump.rdb}"
DATANODE_ARGS="${DATANODE_ARGS:---bind 127.0.0.1 --save '' --appendonly no}"

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# The production JVM options plus a heap large enough for the data set.
DATANODE_JAVA_OPTS="${DATANODE_JAVA_OPTS:-$(grep -v '^#' "$REPO_ROOT/datanode/jvm.options" | tr '\n' ' ') -Xmx3g}"

need_cmd "$REDIS_SERVER_BIN" "apt-get install -y redis-server"
need_cmd "$REDIS_CLI_BIN" "apt-get install -y redis-tools"
need_cmd "$REDIS_BENCHMARK_BIN" "apt-get install -y redis-tools"
need_cmd python3 "used to sample RSS"
need_cmd awk
need_cmd timeout
for v in KEYS VALUE_SIZE BENCH_N BENCH_CLIENTS BENCH_TIMEOUT WARMUP_N BGSAVE_TIMEOUT SAMPLE_MS; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a non-negative integer (got '${!v}')"
done
(( KEYS > 0 && VALUE_SIZE > 0 && BENCH_N > 0 && BENCH_CLIENTS > 0 && SAMPLE_MS > 0 )) \
  || die "KEYS, VALUE_SIZE, BENCH_N, BENCH_CLIENTS and SAMPLE_MS must be > 0"

REDIS_DIR="$WORKDIR/redis-data"
DN_DIR="$WORKDIR/datanode-data"
mkdir -p "$REDIS_DIR" "$DN_DIR"

# Background helpers (BGSAVE loop, RSS sampler) are stopped before lib.sh's cleanup.
BGLOOP_PID=""
SAMPLER_PID=""
persist_cleanup() {
  local rc=$? p
  for p in "$BGLOOP_PID" "$SAMPLER_PID"; do
    [[ -n "$p" ]] && kill -TERM "$p" 2>/dev/null || true
  done
  (exit "$rc"); cleanup
}
trap persist_cleanup EXIT

# ---- helpers ------------------------------------------------------------------
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
mib() { awk -v b="$1" 'BEGIN { if (b == "") print "-"; else printf "%.1f MiB", b / 1048576 }'; }
ratio() { awk -v d="$1" -v r="$2" 'BEGIN { if (d == "" || r == "" || r + 0 == 0) print "n/a"; else printf "%.2f", d / r }'; }

# Overrides of lib.sh's starters: same flags plus --dir / --dbfilename.
start_redis() {
  local port=$1
  log "starting redis-server on $BENCH_HOST:$port, dir $REDIS_DIR (log: $WORKDIR/redis.log)"
  "$REDIS_SERVER_BIN" --port "$port" --bind "$BENCH_HOST" --save "" --appendonly no \
      --protected-mode yes --daemonize no --logfile "" \
      --dir "$REDIS_DIR" --dbfilename "$DBFILENAME" \
      >>"$WORKDIR/redis.log" 2>&1 &
  REDIS_PID=$!
}
start_datanode() {
  local port=$1 cmd
  cmd="$(datanode_cmdline "$port") --dir '$DN_DIR' --dbfilename '$DBFILENAME'"
  log "starting data node on $BENCH_HOST:$port: $cmd (log: $WORKDIR/datanode.log)"
  bash -c "exec $cmd" >>"$WORKDIR/datanode.log" 2>&1 &
  DATANODE_LAUNCH_PID=$!
  DATANODE_PID=$DATANODE_LAUNCH_PID
}

# info_field PORT FIELD: one INFO persistence field ('' if absent).
info_field() {
  cli "$1" INFO persistence 2>/dev/null | tr -d '\r' | awk -F: -v f="$2" '$1 == f { print $2; exit }' || true
}

# wait_loaded NAME PORT PID LOGFILE: bounded wait (LOAD_TIMEOUT) for PONG and DBSIZE == KEYS.
wait_loaded() {
  local name=$1 port=$2 pid=$3 logf=$4 out n
  local deadline=$(( SECONDS + LOAD_TIMEOUT ))
  while (( SECONDS < deadline )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$logf" >&2 || true
      die "$name (pid $pid) exited while loading"
    fi
    out=$(timeout 2 "$REDIS_CLI_BIN" -h "$BENCH_HOST" -p "$port" PING 2>/dev/null || true)
    if [[ "$out" == PONG ]]; then
      n=$(timeout 5 "$REDIS_CLI_BIN" -h "$BENCH_HOST" -p "$port" DBSIZE 2>/dev/null | tr -d '\r' || true)
      [[ "$n" == "$KEYS" ]] && return 0
    fi
    sleep 0.05
  done
  tail -n 30 "$logf" >&2 || true
  die "$name did not answer PING with DBSIZE $KEYS within ${LOAD_TIMEOUT}s (last DBSIZE '${n:-}')"
}

# RESP stream: SET key:%012d <VALUE_SIZE bytes> for i < KEYS.
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
  log "generated $(mib "$(stat -c %s "$PROTO")") of protocol"
}

# load_keys NAME PORT comes from lib.sh.

# wait_bgsave PORT: bounded wait until rdb_bgsave_in_progress is 0 (polls every 50 ms).
wait_bgsave() {
  local port=$1 deadline=$(( SECONDS + BGSAVE_TIMEOUT ))
  while (( SECONDS < deadline )); do
    [[ "$(info_field "$port" rdb_bgsave_in_progress)" == 0 ]] && return 0
    sleep 0.05
  done
  return 1
}

# bgsave_once PORT -> prints "seconds status cow_bytes" (after waiting for completion)
bgsave_once() {
  local port=$1 t0 r
  t0=$(now)
  r=$(cli "$port" BGSAVE 2>&1 | tr -d '\r' || true)
  case "$r" in
    *"Background saving started"*|*"Background saving scheduled"*) ;;
    *) echo "- error:${r// /_} -"; return 0 ;;
  esac
  sleep 0.02
  wait_bgsave "$port" || { echo "- timeout -"; return 0; }
  echo "$(since "$t0") $(info_field "$port" rdb_last_bgsave_status) $(info_field "$port" rdb_last_cow_size)"
}

# bgsave_loop PORT OUTFILE STOPFILE: BGSAVE back to back until STOPFILE exists.
bgsave_loop() {
  local port=$1 outf=$2 stopf=$3
  : >"$outf"
  while [[ ! -e "$stopf" ]]; do
    bgsave_once "$port" >>"$outf"
    [[ -e "$stopf" ]] || sleep "$BGSAVE_GAP"
  done
}

# RSS sampler (python3): every SAMPLE_MS, VmRSS of PID plus the Private_Dirty of its
# child processes (a forked redis-server BGSAVE child: its private pages are the
# copy-on-write copies plus its own allocations). Runs until STOPFILE exists, then
# writes "peak_total_bytes peak_children_private_dirty_bytes samples" to OUTFILE.
start_sampler() {
  local pid=$1 outf=$2 stopf=$3
  python3 - "$pid" "$SAMPLE_MS" "$stopf" "$outf" <<'EOF' &
import os, sys, time, glob
pid, ms, stopf, outf = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def kb(path, key):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
def children():
    out = set()
    for p in glob.glob(f"/proc/{pid}/task/*/children"):
        try:
            with open(p) as f:
                out.update(f.read().split())
        except OSError:
            pass
    return out
peak_total = peak_child = n = 0
while not os.path.exists(stopf) and os.path.exists(f"/proc/{pid}"):
    rss = kb(f"/proc/{pid}/status", "VmRSS:")
    child = sum(kb(f"/proc/{c}/smaps_rollup", "Private_Dirty:") for c in children())
    peak_total = max(peak_total, rss + child)
    peak_child = max(peak_child, child)
    n += 1
    time.sleep(ms / 1000.0)
with open(outf, "w") as f:
    f.write(f"{peak_total * 1024} {peak_child * 1024} {n}\n")
EOF
  SAMPLER_PID=$!
}

# run_bench PORT N PIPELINE OUTFILE: redis-benchmark SET, non-quiet (latency summary).
run_bench() {
  local port=$1 n=$2 p=$3 outf=$4 rc=0
  run_child /dev/null "$outf" "$outf.err" "$BENCH_TIMEOUT" \
      "$REDIS_BENCHMARK_BIN" -h "$BENCH_HOST" -p "$port" -t set -c "$BENCH_CLIENTS" -n "$n" \
      -r "$KEYS" -d "$VALUE_SIZE" -P "$p" --precision 3 || rc=$?
  if (( rc != 0 )); then
    tail -c 2000 "$outf" >&2 || true; cat "$outf.err" >&2 || true
    die "redis-benchmark on port $port failed (exit $rc)"
  fi
}

# parse_bench OUTFILE -> "rps p50 p99 p99.9 max" (ms). p99.9 = the first line of the
# "Latency by percentile distribution" at or above 99.9% (HdrHistogram steps: 99.902%).
parse_bench() {
  tr '\r' '\n' <"$1" | awk '
    /^Latency by percentile distribution/ { inpct = 1; next }
    /^Cumulative distribution/ { inpct = 0 }
    inpct && /% <= / { p = $1; sub(/%/, "", p); if (p + 0 >= 99.9 && p999 == "") p999 = $3 }
    /throughput summary:/ { rps = $3 }
    /avg +min +p50 +p95 +p99 +max/ { getline; p50 = $3; p99 = $5; mx = $6 }
    END { if (rps == "" || p50 == "") exit 1; print rps, p50, p99, (p999 == "" ? "-" : p999), mx }'
}

# ---- run --------------------------------------------------------------------
generate_proto

ports=$(two_free_ports)
REDIS_PORT=${ports% *}
DATANODE_PORT=${ports#* }
declare -A EMPTY_START SAVE_S FILE_B LOAD_S LOG_LOAD_S IDLE_BG_S IDLE_COW
declare -A BASE_STATS BG_STATS BG_COUNT BG_FAILED BG_MAXCOW BG_AVG_S BASE_PEAK BG_PEAK BG_CHILD

t0=$(now); start_redis "$REDIS_PORT"
wait_ping "redis-server" "$REDIS_PORT" "$REDIS_PID" "$WORKDIR/redis.log"; EMPTY_START[redis]=$(since "$t0")
t0=$(now); start_datanode "$DATANODE_PORT"
wait_ping "data node" "$DATANODE_PORT" "$DATANODE_PID" "$WORKDIR/datanode.log"; EMPTY_START[dn]=$(since "$t0")
resolve_datanode_pid "$DATANODE_PORT"

echo
echo "redis-server : $BENCH_HOST:$REDIS_PORT $("$REDIS_SERVER_BIN" --version | awk '{print $3}'), dir $REDIS_DIR"
echo "data node    : $BENCH_HOST:$DATANODE_PORT $(datanode_cmdline "$DATANODE_PORT")"
echo "data set     : $KEYS keys x $VALUE_SIZE-byte values"
ncpu=$(nproc 2>/dev/null || echo 1)
load1=$(awk '{ print $1 }' /proc/loadavg 2>/dev/null || echo 0)
echo "host         : $ncpu CPU(s), 1-min load average $load1"
if awk -v l="$load1" -v n="$ncpu" 'BEGIN { exit !(l + 0 > n * 0.5) }'; then
  echo "WARNING: the host is busy (load $load1 on $ncpu CPUs); latencies and times will be noisy"
fi
echo

# pid_of / set_pid by server tag
pid_of() { if [[ $1 == redis ]]; then echo "$REDIS_PID"; else echo "$DATANODE_PID"; fi; }
port_of() { if [[ $1 == redis ]]; then echo "$REDIS_PORT"; else echo "$DATANODE_PORT"; fi; }
name_of() { if [[ $1 == redis ]]; then echo "redis-server"; else echo "data node"; fi; }
dir_of() { if [[ $1 == redis ]]; then echo "$REDIS_DIR"; else echo "$DN_DIR"; fi; }
log_of() { if [[ $1 == redis ]]; then echo "$WORKDIR/redis.log"; else echo "$WORKDIR/datanode.log"; fi; }

# ---- 1. SAVE, file size, load at start --------------------------------------
for s in redis dn; do
  name=$(name_of $s); port=$(port_of $s)
  load_keys "$name" "$port"
  log "$name: SAVE ..."
  t0=$(now)
  r=$(CLI_TIMEOUT=$BGSAVE_TIMEOUT cli "$port" SAVE 2>&1 | tr -d '\r') || die "$name: SAVE failed: $r"
  SAVE_S[$s]=$(since "$t0")
  [[ "$r" == OK ]] || die "$name: SAVE returned '$r'"
  f="$(dir_of $s)/$DBFILENAME"
  [[ -f "$f" ]] || die "$name: SAVE did not write $f"
  FILE_B[$s]=$(stat -c %s "$f")
  log "$name: SAVE ${SAVE_S[$s]}s, $(mib "${FILE_B[$s]}")"

  # restart on the same file
  stop_pid "$name" "$(pid_of $s)"
  if [[ $s == dn && -n "$DATANODE_LAUNCH_PID" && "$DATANODE_LAUNCH_PID" != "$DATANODE_PID" ]]; then
    stop_pid "data node launcher" "$DATANODE_LAUNCH_PID"
  fi
  wait "$(pid_of $s)" 2>/dev/null || true
  logf=$(log_of $s)
  loglines=$(wc -l <"$logf")
  log "$name: restarting on $f ..."
  t0=$(now)
  if [[ $s == redis ]]; then start_redis "$port"; else start_datanode "$port"; fi
  wait_loaded "$name" "$port" "$(pid_of $s)" "$logf"
  LOAD_S[$s]=$(since "$t0")
  [[ $s == dn ]] && resolve_datanode_pid "$port"
  # server's own figure: "DB loaded from disk: X seconds" (redis) / "... N keys in X seconds" (data node)
  LOG_LOAD_S[$s]=$(tail -n +"$(( loglines + 1 ))" "$logf" | sed -n 's/.*DB loaded from disk:.* \([0-9.][0-9.]*\) seconds.*/\1/p' | tail -n1)
  log "$name: loaded at start in ${LOAD_S[$s]}s (log: ${LOG_LOAD_S[$s]:-?}s)"

  # one BGSAVE with no write load
  read -r sec st cow <<<"$(bgsave_once "$port")"
  [[ "$st" == ok ]] || die "$name: idle BGSAVE failed ($st)"
  IDLE_BG_S[$s]=$sec; IDLE_COW[$s]=$cow
  log "$name: idle BGSAVE ${sec}s, rdb_last_cow_size $cow"
done

# ---- 2./3. SET latency without / with BGSAVE, snapshot memory ----------------
for s in redis dn; do
  name=$(name_of $s); port=$(port_of $s); pid=$(pid_of $s)
  if (( WARMUP_N > 0 )); then
    log "$name: warm-up SET -P 16 -n $WARMUP_N (discarded)"
    run_bench "$port" "$WARMUP_N" 16 "$WORKDIR/warmup.$s.out"
  fi

  log "$name: SET -P 1 -n $BENCH_N without BGSAVE ..."
  stopf="$WORKDIR/stop.base.$s"; rm -f "$stopf"
  start_sampler "$pid" "$WORKDIR/rss.base.$s" "$stopf"
  run_bench "$port" "$BENCH_N" 1 "$WORKDIR/bench.base.$s.out"
  touch "$stopf"; wait "$SAMPLER_PID" || true; SAMPLER_PID=""
  BASE_STATS[$s]=$(parse_bench "$WORKDIR/bench.base.$s.out") || die "$name: cannot parse redis-benchmark output"
  BASE_PEAK[$s]=$(awk '{print $1}' "$WORKDIR/rss.base.$s")
  kill -0 "$pid" 2>/dev/null || die "$name died"

  log "$name: SET -P 1 -n $BENCH_N with back-to-back BGSAVE ..."
  stopf="$WORKDIR/stop.bg.$s"; rm -f "$stopf"
  saves0=$(info_field "$port" rdb_saves)
  start_sampler "$pid" "$WORKDIR/rss.bg.$s" "$stopf"
  bgsave_loop "$port" "$WORKDIR/bgsaves.$s" "$stopf" &
  BGLOOP_PID=$!
  run_bench "$port" "$BENCH_N" 1 "$WORKDIR/bench.bg.$s.out"
  touch "$stopf"
  # the loop finishes the BGSAVE in flight (bounded by BGSAVE_TIMEOUT in wait_bgsave)
  wait "$BGLOOP_PID" || true; BGLOOP_PID=""
  wait "$SAMPLER_PID" || true; SAMPLER_PID=""
  saves1=$(info_field "$port" rdb_saves)
  BG_STATS[$s]=$(parse_bench "$WORKDIR/bench.bg.$s.out") || die "$name: cannot parse redis-benchmark output"
  read -r BG_PEAK[$s] BG_CHILD[$s] _ <"$WORKDIR/rss.bg.$s"
  BG_COUNT[$s]=$(awk '$2 == "ok"' "$WORKDIR/bgsaves.$s" | wc -l)
  BG_FAILED[$s]=$(awk '$2 != "ok"' "$WORKDIR/bgsaves.$s" | wc -l)
  BG_MAXCOW[$s]=$(awk '$2 == "ok" && $3 > m { m = $3 } END { print m + 0 }' "$WORKDIR/bgsaves.$s")
  BG_AVG_S[$s]=$(awk '$2 == "ok" { t += $1; n++ } END { if (n) printf "%.2f", t / n; else print "-" }' "$WORKDIR/bgsaves.$s")
  if [[ "$saves0" =~ ^[0-9]+$ && "$saves1" =~ ^[0-9]+$ ]]; then
    log "$name: rdb_saves $saves0 -> $saves1; BGSAVEs ok ${BG_COUNT[$s]}, failed ${BG_FAILED[$s]}"
  fi
  (( BG_FAILED[$s] == 0 )) || { cat "$WORKDIR/bgsaves.$s" >&2; log "warning: $name: ${BG_FAILED[$s]} BGSAVE(s) failed"; }
  kill -0 "$pid" 2>/dev/null || die "$name died"
done

# ---- report -------------------------------------------------------------------
row() { printf '%-34s %16s %16s %8s\n' "$@"; }
echo
echo "== 1. SAVE / load at start ($KEYS keys x $VALUE_SIZE B) =="
row "" "redis-server" "data node" "dn/redis"
row "----------------------------------" "----------------" "----------------" "--------"
row "SAVE (s, redis-cli SAVE wall)" "${SAVE_S[redis]}" "${SAVE_S[dn]}" "$(ratio "${SAVE_S[dn]}" "${SAVE_S[redis]}")"
row "RDB file size" "$(mib "${FILE_B[redis]}")" "$(mib "${FILE_B[dn]}")" "$(ratio "${FILE_B[dn]}" "${FILE_B[redis]}")"
row "RDB file size (bytes)" "${FILE_B[redis]}" "${FILE_B[dn]}" ""
row "start, empty dir -> PONG (s)" "${EMPTY_START[redis]}" "${EMPTY_START[dn]}" "$(ratio "${EMPTY_START[dn]}" "${EMPTY_START[redis]}")"
row "start with RDB -> PONG+DBSIZE (s)" "${LOAD_S[redis]}" "${LOAD_S[dn]}" "$(ratio "${LOAD_S[dn]}" "${LOAD_S[redis]}")"
row "load time from server log (s)" "${LOG_LOAD_S[redis]:--}" "${LOG_LOAD_S[dn]:--}" "$(ratio "${LOG_LOAD_S[dn]:-}" "${LOG_LOAD_S[redis]:-}")"
row "idle BGSAVE wall (s)" "${IDLE_BG_S[redis]}" "${IDLE_BG_S[dn]}" "$(ratio "${IDLE_BG_S[dn]}" "${IDLE_BG_S[redis]}")"
row "idle BGSAVE rdb_last_cow_size" "$(mib "${IDLE_COW[redis]}")" "$(mib "${IDLE_COW[dn]}")" ""

echo
echo "== 2. SET latency, -c $BENCH_CLIENTS -n $BENCH_N -r $KEYS -d $VALUE_SIZE -P 1 (ms) =="
row "" "redis-server" "data node" "dn/redis"
row "----------------------------------" "----------------" "----------------" "--------"
labels=("rps" "p50" "p99" "p99.9" "max")
for phase in base bg; do
  for i in 0 1 2 3 4; do
    if [[ $phase == base ]]; then r=$(awk -v i=$((i+1)) '{print $i}' <<<"${BASE_STATS[redis]}"); d=$(awk -v i=$((i+1)) '{print $i}' <<<"${BASE_STATS[dn]}"); lab="without BGSAVE"
    else r=$(awk -v i=$((i+1)) '{print $i}' <<<"${BG_STATS[redis]}"); d=$(awk -v i=$((i+1)) '{print $i}' <<<"${BG_STATS[dn]}"); lab="with BGSAVE loop"; fi
    row "$lab: ${labels[$i]}" "$r" "$d" "$(ratio "$d" "$r")"
  done
done
row "BGSAVEs completed during the run" "${BG_COUNT[redis]}" "${BG_COUNT[dn]}" ""
row "BGSAVEs failed" "${BG_FAILED[redis]}" "${BG_FAILED[dn]}" ""
row "avg BGSAVE wall under load (s)" "${BG_AVG_S[redis]}" "${BG_AVG_S[dn]}" "$(ratio "${BG_AVG_S[dn]}" "${BG_AVG_S[redis]}")"

echo
echo "== 3. Extra memory used by the snapshot (during the BGSAVE run) =="
row "" "redis-server" "data node" "dn/redis"
row "----------------------------------" "----------------" "----------------" "--------"
row "max rdb_last_cow_size" "$(mib "${BG_MAXCOW[redis]}")" "$(mib "${BG_MAXCOW[dn]}")" "$(ratio "${BG_MAXCOW[dn]}" "${BG_MAXCOW[redis]}")"
row "peak RSS, SET run without BGSAVE" "$(mib "${BASE_PEAK[redis]}")" "$(mib "${BASE_PEAK[dn]}")" "$(ratio "${BASE_PEAK[dn]}" "${BASE_PEAK[redis]}")"
row "peak RSS(+child), SET run w/ BGSAVE" "$(mib "${BG_PEAK[redis]}")" "$(mib "${BG_PEAK[dn]}")" "$(ratio "${BG_PEAK[dn]}" "${BG_PEAK[redis]}")"
row "  peak fork child Private_Dirty" "$(mib "${BG_CHILD[redis]}")" "-" ""
row "peak RSS increase (w/ - w/o)" "$(mib $(( BG_PEAK[redis] - BASE_PEAK[redis] )))" "$(mib $(( BG_PEAK[dn] - BASE_PEAK[dn] )))" "$(ratio $(( BG_PEAK[dn] - BASE_PEAK[dn] )) $(( BG_PEAK[redis] - BASE_PEAK[redis] )))"
echo
echo "host load average at the end: $(awk '{print $1, $2, $3}' /proc/loadavg)"
echo "notes: RSS sampled every ${SAMPLE_MS} ms; for redis-server = VmRSS(parent) + Private_Dirty(fork child),"
echo "       for the data node = VmRSS of the JVM (heap growth included). p99.9 = first HdrHistogram step >= 99.9%."
echo "       rdb_last_cow_size: redis = fork copy-on-write bytes; data node = peak bytes the snapshot buffered."
exit 0
