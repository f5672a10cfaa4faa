#!/usr/bin/env bash
# Throughput comparison: redis-server vs. the data node, measured with
# redis-benchmark against both in the same run. See bench/README.md.
set -euo pipefail

# ---- configuration (env overridable) ---------------------------------------
BENCH_N="${BENCH_N:-200000}"              # requests per test (-n)
BENCH_CLIENTS="${BENCH_CLIENTS:-50}"      # parallel connections (-c)
TESTS_P1="${TESTS_P1-set get}"            # tests run at -P 1
TESTS_P16="${TESTS_P16-set get incr lpush rpop sadd hset zadd}"  # tests run at -P 16
BENCH_KEYSPACE="${BENCH_KEYSPACE:-}"      # if set, passed as -r (random keys); empty = redis-benchmark default
BENCH_REPEAT="${BENCH_REPEAT:-1}"         # runs per test per server; best rps is kept
BENCH_TIMEOUT="${BENCH_TIMEOUT:-600}"     # seconds allowed per redis-benchmark invocation
WARMUP_N="${WARMUP_N:-200000}"            # requests per warm-up test against the data node (0 = skip)
TARGET_RATIO="${TARGET_RATIO:-0.8}"       # datanode/redis target
FAIL_ON_TARGET="${FAIL_ON_TARGET:-0}"     # 1 = exit 2 when a ratio is below target
DATANODE_ARGS="${DATANODE_ARGS:---bind 127.0.0.1 --save '' --appendonly no}"

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# The production JVM options by default, so the figures are what a user gets.
DATANODE_JAVA_OPTS="${DATANODE_JAVA_OPTS:-$(grep -v '^#' "$REPO_ROOT/datanode/jvm.options")}"

need_cmd "$REDIS_SERVER_BIN" "apt-get install -y redis-server"
need_cmd "$REDIS_CLI_BIN" "apt-get install -y redis-tools"
need_cmd "$REDIS_BENCHMARK_BIN" "apt-get install -y redis-tools"
need_cmd timeout

for v in BENCH_N BENCH_CLIENTS BENCH_REPEAT BENCH_TIMEOUT WARMUP_N; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a non-negative integer (got '${!v}')"
done
(( BENCH_N > 0 && BENCH_CLIENTS > 0 && BENCH_REPEAT > 0 )) || die "BENCH_N, BENCH_CLIENTS and BENCH_REPEAT must be > 0"
[[ -n "${TESTS_P1// /}${TESTS_P16// /}" ]] || die "TESTS_P1 and TESTS_P16 are both empty"

# bench_rps PORT TEST PIPELINE N -> sets RPS (requests per second)
RPS=""
bench_rps() {
  local port=$1 test=$2 pipeline=$3 n=$4 out rc=0 rps upper
  local -a extra=()
  if [[ -n "$BENCH_KEYSPACE" ]]; then extra=(-r "$BENCH_KEYSPACE"); fi
  run_child /dev/null "$WORKDIR/bench.out" "$WORKDIR/bench.err" "$BENCH_TIMEOUT" \
      "$REDIS_BENCHMARK_BIN" -h "$BENCH_HOST" -p "$port" \
      -c "$BENCH_CLIENTS" -n "$n" -P "$pipeline" -t "$test" "${extra[@]}" -q --csv || rc=$?
  if (( rc != 0 )); then
    cat "$WORKDIR/bench.out" "$WORKDIR/bench.err" >&2 || true
    if (( rc == 124 )); then
      die "redis-benchmark -t $test -P $pipeline on port $port timed out after ${BENCH_TIMEOUT}s"
    fi
    die "redis-benchmark -t $test -P $pipeline on port $port failed (exit $rc)"
  fi
  out=$(<"$WORKDIR/bench.out")
  upper=$(tr '[:lower:]' '[:upper:]' <<<"$test")
  # CSV: "test","rps","avg_latency_ms",...  -- pick the row for this test
  rps=$(awk -F',' -v t="\"$upper\"" '$1 == t { gsub(/"/, "", $2); print $2; exit }' <<<"$out")
  if [[ -z "$rps" ]]; then
    # fall back to the first data row
    rps=$(awk -F',' 'NR > 1 && $1 != "\"test\"" { gsub(/"/, "", $2); print $2; exit }' <<<"$out")
  fi
  if ! [[ "$rps" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
    echo "$out" >&2
    cat "$WORKDIR/bench.err" >&2 || true
    die "could not parse requests/sec for -t $test -P $pipeline on port $port (a server error or an unsupported command?)"
  fi
  RPS=$rps
}

# best_rps NAME PID PORT TEST PIPELINE -> sets BEST (best of BENCH_REPEAT runs)
BEST=""
best_rps() {
  local name=$1 pid=$2 port=$3 test=$4 pipeline=$5 best=0 i
  for (( i = 0; i < BENCH_REPEAT; i++ )); do
    bench_rps "$port" "$test" "$pipeline" "$BENCH_N"
    kill -0 "$pid" 2>/dev/null || die "$name (pid $pid) died during $test -P $pipeline"
    best=$(awk -v a="$best" -v b="$RPS" 'BEGIN { print (b > a) ? b : a }')
  done
  BEST=$best
}

start_both

echo
echo "redis-benchmark: -c $BENCH_CLIENTS -n $BENCH_N${BENCH_KEYSPACE:+ -r $BENCH_KEYSPACE}, best of $BENCH_REPEAT run(s)"
echo "redis-server : $BENCH_HOST:$REDIS_PORT (pid $REDIS_PID) $("$REDIS_SERVER_BIN" --version | awk '{print $3}')"
echo "data node    : $BENCH_HOST:$DATANODE_PORT (pid $DATANODE_PID) $(datanode_cmdline "$DATANODE_PORT")"
ncpu=$(nproc 2>/dev/null || echo 1)
load1=$(awk '{ print $1 }' /proc/loadavg 2>/dev/null || echo 0)
echo "host         : $ncpu CPU(s), 1-min load average $load1"
if awk -v l="$load1" -v n="$ncpu" 'BEGIN { exit !(l + 0 > n * 0.5) }'; then
  echo "WARNING: the host is busy (load $load1 on $ncpu CPUs); results will be noisy - use a quiet machine and/or BENCH_REPEAT=3"
fi
echo

# ---- JIT warm-up against the data node (results discarded) -----------------
if (( WARMUP_N > 0 )); then
  echo "Warm-up (JIT) against the data node, results discarded: $(echo $TESTS_P16 $TESTS_P1) at -P 16 -n $WARMUP_N${TESTS_P1:+, then $(echo $TESTS_P1) at -P 1 -n $(( WARMUP_N / 4 > 0 ? WARMUP_N / 4 : 1 ))} ..."
  start=$SECONDS
  for t in $TESTS_P16 $TESTS_P1; do
    bench_rps "$DATANODE_PORT" "$t" 16 "$WARMUP_N"
  done
  for t in $TESTS_P1; do
    bench_rps "$DATANODE_PORT" "$t" 1 "$(( WARMUP_N / 4 > 0 ? WARMUP_N / 4 : 1 ))"
  done
  kill -0 "$DATANODE_PID" 2>/dev/null || die "data node died during warm-up"
  echo "Warm-up done in $(( SECONDS - start ))s."
  if ! cli "$DATANODE_PORT" FLUSHALL >/dev/null 2>&1; then
    log "warning: FLUSHALL on the data node after warm-up failed; continuing with warm-up data in place"
  fi
else
  echo "Warm-up skipped (WARMUP_N=0)."
fi
echo

# ---- measured run: per test, redis then data node ---------------------------
declare -a ROW_NAME=() ROW_REDIS=() ROW_DN=()
run_set() {
  local pipeline=$1; shift
  local t r d
  for t in "$@"; do
    log "$t -P $pipeline: redis-server ..."
    best_rps "redis-server" "$REDIS_PID" "$REDIS_PORT" "$t" "$pipeline"; r=$BEST
    log "$t -P $pipeline: data node ..."
    best_rps "data node" "$DATANODE_PID" "$DATANODE_PORT" "$t" "$pipeline"; d=$BEST
    ROW_NAME+=("$(tr '[:lower:]' '[:upper:]' <<<"$t") -P $pipeline")
    ROW_REDIS+=("$r")
    ROW_DN+=("$d")
  done
}
# shellcheck disable=SC2086
run_set 1 $TESTS_P1
# shellcheck disable=SC2086
run_set 16 $TESTS_P16

# ---- report -------------------------------------------------------------------
report_ratios 14
exit 0
