#!/usr/bin/env bash
# Lua scripting throughput: EVALSHA of (a) a constant script, (b) a rate limiter (INCR +
# EXPIRE of a random key), (c) a lock release (compare-and-delete), at -P 1 and -P 16, against
# redis-server and the data node in the same run. See bench/README.md.
set -euo pipefail

BENCH_N="${BENCH_N:-200000}"              # requests per test (-n)
BENCH_CLIENTS="${BENCH_CLIENTS:-50}"      # parallel connections (-c)
BENCH_KEYSPACE="${BENCH_KEYSPACE:-100000}" # -r for the rate limiter's random keys
BENCH_REPEAT="${BENCH_REPEAT:-1}"         # runs per test per server; best rps is kept
BENCH_TIMEOUT="${BENCH_TIMEOUT:-600}"     # seconds allowed per redis-benchmark invocation
WARMUP_N="${WARMUP_N:-200000}"            # requests per warm-up test against the data node (0 = skip)
TARGET_RATIO="${TARGET_RATIO:-0.8}"
DATANODE_ARGS="${DATANODE_ARGS:---bind 127.0.0.1 --save '' --appendonly no}"

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DATANODE_JAVA_OPTS="${DATANODE_JAVA_OPTS:-$(grep -v '^#' "$REPO_ROOT/datanode/jvm.options")}"

need_cmd "$REDIS_SERVER_BIN" "apt-get install -y redis-server"
need_cmd "$REDIS_CLI_BIN" "apt-get install -y redis-tools"
need_cmd "$REDIS_BENCHMARK_BIN" "apt-get install -y redis-tools"
need_cmd timeout

CONSTANT="return 1"
LIMITER="local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], 60) end return n"
RELEASE="if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end"

# evalsha_rps PORT PIPELINE N NAME -> sets RPS
RPS=""
evalsha_rps() {
  local port=$1 pipeline=$2 n=$3 name=$4 sha rc=0
  local -a args
  case "$name" in
    constant) sha=$(cli "$port" SCRIPT LOAD "$CONSTANT"); args=(EVALSHA "$sha" 0) ;;
    limiter)  sha=$(cli "$port" SCRIPT LOAD "$LIMITER"); args=(-r "$BENCH_KEYSPACE" EVALSHA "$sha" 1 "rl:__rand_int__") ;;
    release)  sha=$(cli "$port" SCRIPT LOAD "$RELEASE"); cli "$port" SET lock token >/dev/null
              args=(EVALSHA "$sha" 1 lock other-token) ;;
  esac
  run_child /dev/null "$WORKDIR/bench.out" "$WORKDIR/bench.err" "$BENCH_TIMEOUT" \
      "$REDIS_BENCHMARK_BIN" -h "$BENCH_HOST" -p "$port" -c "$BENCH_CLIENTS" -n "$n" -P "$pipeline" -q --csv \
      "${args[@]}" || rc=$?
  (( rc == 0 )) || { cat "$WORKDIR/bench.out" "$WORKDIR/bench.err" >&2; die "redis-benchmark $name -P $pipeline on port $port failed (exit $rc)"; }
  RPS=$(awk -F',' '$1 != "\"test\"" { gsub(/"/, "", $2); print $2; exit }' "$WORKDIR/bench.out")
  [[ "$RPS" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { cat "$WORKDIR/bench.out" >&2; die "could not parse requests/sec for $name"; }
}

best_of() {
  local port=$1 pipeline=$2 name=$3 best=0 i
  for (( i = 0; i < BENCH_REPEAT; i++ )); do
    evalsha_rps "$port" "$pipeline" "$BENCH_N" "$name"
    best=$(awk -v a="$best" -v b="$RPS" 'BEGIN { print (b > a) ? b : a }')
  done
  BEST=$best
}

start_both
echo "redis-benchmark EVALSHA: -c $BENCH_CLIENTS -n $BENCH_N, best of $BENCH_REPEAT run(s); $(nproc) CPU(s), load $(awk '{print $1}' /proc/loadavg)"
if (( WARMUP_N > 0 )); then
  for name in constant limiter release; do
    evalsha_rps "$DATANODE_PORT" 16 "$WARMUP_N" "$name"
    evalsha_rps "$DATANODE_PORT" 1 "$(( WARMUP_N / 4 ))" "$name"
  done
  cli "$DATANODE_PORT" FLUSHALL >/dev/null
fi

ROW_NAME=() ROW_REDIS=() ROW_DN=()
for pipeline in 1 16; do
  for name in constant limiter release; do
    best_of "$REDIS_PORT" "$pipeline" "$name"; ROW_REDIS+=("$BEST")
    best_of "$DATANODE_PORT" "$pipeline" "$name"; ROW_DN+=("$BEST")
    ROW_NAME+=("$name -P $pipeline")
  done
done
report_ratios 18
