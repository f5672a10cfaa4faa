#!/usr/bin/env bash
# Throughput of the bitmap, HyperLogLog and geo commands: redis-server vs. the data node, measured
# with redis-benchmark running arbitrary commands against both in the same run. See bench/README.md.
set -euo pipefail

# ---- configuration (env overridable) ---------------------------------------
BENCH_N="${BENCH_N:-200000}"              # requests per command (-n)
BENCH_CLIENTS="${BENCH_CLIENTS:-50}"      # parallel connections (-c)
BENCH_PIPELINE="${BENCH_PIPELINE:-16}"    # -P
BENCH_REPEAT="${BENCH_REPEAT:-1}"         # runs per command per server; best rps is kept
BENCH_TIMEOUT="${BENCH_TIMEOUT:-600}"     # seconds allowed per redis-benchmark invocation
WARMUP_N="${WARMUP_N:-200000}"            # requests per warm-up command against the data node (0 = skip)
TARGET_RATIO="${TARGET_RATIO:-0.8}"       # datanode/redis target
FAIL_ON_TARGET="${FAIL_ON_TARGET:-0}"     # 1 = exit 2 when a ratio is below target
DATANODE_ARGS="${DATANODE_ARGS:---bind 127.0.0.1 --save '' --appendonly no}"
# Commands, one per line, in the order they run (a write comes before the read of the same key),
# each after the -r it runs with: the range of __rand_int__, which redis-benchmark writes with
# 12 digits and leading zeros (a bit offset may not have them, so bitmaps are picked by key).
COMMANDS="${COMMANDS:-100 SETBIT bitmap:__rand_int__ 100000 1
100 BITCOUNT bitmap:__rand_int__
1000000 PFADD hll __rand_int__
1000000 PFCOUNT hll
1000000 GEOADD geo 13.__rand_int__ 38.__rand_int__ m:__rand_int__
1000000 GEOSEARCH geo FROMLONLAT 13.5 38.5 BYRADIUS 10 km COUNT 10 ASC}"

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DATANODE_JAVA_OPTS="${DATANODE_JAVA_OPTS:-$(grep -v '^#' "$REPO_ROOT/datanode/jvm.options")}"

need_cmd "$REDIS_SERVER_BIN" "apt-get install -y redis-server"
need_cmd "$REDIS_CLI_BIN" "apt-get install -y redis-tools"
need_cmd "$REDIS_BENCHMARK_BIN" "apt-get install -y redis-tools"
need_cmd timeout

for v in BENCH_N BENCH_CLIENTS BENCH_PIPELINE BENCH_REPEAT BENCH_TIMEOUT WARMUP_N; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a non-negative integer (got '${!v}')"
done
(( BENCH_N > 0 && BENCH_CLIENTS > 0 && BENCH_REPEAT > 0 )) || die "BENCH_N, BENCH_CLIENTS and BENCH_REPEAT must be > 0"

# bench_rps PORT N KEYSPACE COMMAND... -> sets RPS; a reply that is an error fails the run.
RPS=""
bench_rps() {
  local port=$1 n=$2 keyspace=$3 rc=0 out
  shift 3
  run_child /dev/null "$WORKDIR/bench.out" "$WORKDIR/bench.err" "$BENCH_TIMEOUT" \
      "$REDIS_BENCHMARK_BIN" -h "$BENCH_HOST" -p "$port" -c "$BENCH_CLIENTS" -n "$n" \
      -P "$BENCH_PIPELINE" -r "$keyspace" -q --csv "$@" || rc=$?
  if (( rc != 0 )); then
    cat "$WORKDIR/bench.out" "$WORKDIR/bench.err" >&2 || true
    die "redis-benchmark $* on port $port failed (exit $rc)"
  fi
  out=$(<"$WORKDIR/bench.out")
  RPS=$(awk -F',' 'NR > 1 && $1 != "\"test\"" { gsub(/"/, "", $2); print $2; exit }' <<<"$out")
  if ! [[ "$RPS" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
    echo "$out" >&2
    cat "$WORKDIR/bench.err" >&2 || true
    die "could not parse requests/sec for '$*' on port $port"
  fi
  # redis-benchmark counts error replies as answers: check one by hand.
  local reply
  reply=$(cli "$port" "${@//__rand_int__/000000000001}" 2>&1 | head -n1)
  [[ "$reply" == ERR* || "$reply" == WRONGTYPE* || "$reply" == OOM* ]] && die "'$*' on port $port answers: $reply"
  return 0
}

start_both

echo
echo "redis-benchmark: -c $BENCH_CLIENTS -n $BENCH_N -P $BENCH_PIPELINE, best of $BENCH_REPEAT run(s)"
echo "redis-server : $BENCH_HOST:$REDIS_PORT (pid $REDIS_PID) $("$REDIS_SERVER_BIN" --version | awk '{print $3}')"
echo "data node    : $BENCH_HOST:$DATANODE_PORT (pid $DATANODE_PID) $(datanode_cmdline "$DATANODE_PORT")"
echo "host         : $(nproc 2>/dev/null || echo 1) CPU(s), 1-min load average $(awk '{ print $1 }' /proc/loadavg)"
echo

mapfile -t LINES <<<"$COMMANDS"
if (( WARMUP_N > 0 )); then
  log "warm-up (JIT) against the data node, results discarded ..."
  for line in "${LINES[@]}"; do
    # shellcheck disable=SC2086
    bench_rps "$DATANODE_PORT" "$WARMUP_N" $line
  done
  cli "$DATANODE_PORT" FLUSHALL >/dev/null
fi

declare -a ROW_NAME=() ROW_REDIS=() ROW_DN=()
for line in "${LINES[@]}"; do
  for server in redis dn; do
    port=$REDIS_PORT; pid=$REDIS_PID
    [[ $server == dn ]] && { port=$DATANODE_PORT; pid=$DATANODE_PID; }
    best=0
    for (( i = 0; i < BENCH_REPEAT; i++ )); do
      log "$line: $server ..."
      # shellcheck disable=SC2086
      bench_rps "$port" "$BENCH_N" $line
      kill -0 "$pid" 2>/dev/null || die "$server (pid $pid) died during '$line'"
      best=$(awk -v a="$best" -v b="$RPS" 'BEGIN { print (b > a) ? b : a }')
    done
    if [[ $server == redis ]]; then ROW_REDIS+=("$best"); else ROW_DN+=("$best"); fi
  done
  cmd=${line#* }
  ROW_NAME+=("${cmd%% *}")
done

report_ratios 12
exit 0
