#!/usr/bin/env bash
# Latency of a well-behaved client while a misbehaving one runs, redis-server 7.0 against the
# data node in one run. For each case a PING loop (one PING per ms, one round trip each) runs for
# CASE_SECONDS beside:
#   baseline  nothing else
#   unauth    an unauthenticated client pipelining "x\n" lines without reading (requirepass set)
#   querybuf  a client sending a 64 MB argument that never completes (client-query-buffer-limit 16mb)
#   pubsub    three subscribers that never read, and a publisher of 10 KB messages
#   replica   a replica (PSYNC, capa eof) that never reads nor ACKs, and 100 KB SETs (replica 16mb 8mb 10)
#   get1mb    a client pipelining 1,500 GETs of a 1 MB value without reading (normal 0 0 0)
# Prints p50/p99/max of the PINGs (us), PINGs that timed out (30 s), the peak RSS of the server
# during the case, and whether the server dropped the misbehaving client. See bench/README.md.
set -euo pipefail

CASE_SECONDS="${CASE_SECONDS:-5}"
CASES="${CASES:-baseline unauth querybuf pubsub replica get1mb}"
PASSWORD=bench-secret
DATANODE_ARGS="${DATANODE_ARGS:---bind 127.0.0.1 --save '' --appendonly no --requirepass $PASSWORD}"
REDIS_EXTRA_ARGS="${REDIS_EXTRA_ARGS:---requirepass $PASSWORD}"

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DATANODE_JAVA_OPTS="${DATANODE_JAVA_OPTS:-$(grep -v '^#' "$REPO_ROOT/datanode/jvm.options")}"

need_cmd "$REDIS_SERVER_BIN" "apt-get install -y redis-server"
need_cmd python3
need_cmd timeout

# wait_ping sends a PING without AUTH: with requirepass set the answer is NOAUTH, which means "up".
export REDISCLI_AUTH=$PASSWORD

start_both
# Cases run one after the other on each server, each bounded (CASE_SECONDS plus at most 60 s to stop).
run_cases() {
  local name=$1 port=$2 pid=$3
  log "running cases on $name: $CASES"
  # shellcheck disable=SC2086
  run_child /dev/null "$WORKDIR/$name.out" "$WORKDIR/$name.err" $(( (CASE_SECONDS + 70) * 7 )) \
      python3 "$BENCH_DIR/misbehaving-client.py" "$name" "$port" "$pid" "$PASSWORD" "$CASE_SECONDS" $CASES \
      || { cat "$WORKDIR/$name.err" >&2; die "the $name cases failed"; }
}
run_cases redis "$REDIS_PORT" "$REDIS_PID"
run_cases datanode "$DATANODE_PORT" "$DATANODE_PID"

echo
echo "PING latency beside a misbehaving client (us; ratio = data node / redis-server; ${CASE_SECONDS} s per case)"
awk '
  FNR == NR { r[$2] = $0; next }
  { d[$2] = $0; order[++n] = $2 }
  END {
    printf "%-9s | %8s %8s %8s %4s %6s %-7s | %8s %8s %8s %4s %6s %-7s | %6s %6s\n", "case",
      "r.p50", "r.p99", "r.max", "r.to", "r.MB", "r.client", "d.p50", "d.p99", "d.max", "d.to", "d.MB", "d.client",
      "p99 x", "max x"
    for (i = 1; i <= n; i++) {
      c = order[i]; split(r[c], a, " "); split(d[c], b, " ")
      printf "%-9s | %8d %8d %8d %4d %6d %-7s | %8d %8d %8d %4d %6d %-7s | %6.1f %6.1f\n", c,
        a[4], a[5], a[6], a[7], a[8], a[9], b[4], b[5], b[6], b[7], b[8], b[9],
        (a[5] > 0 ? b[5] / a[5] : 0), (a[6] > 0 ? b[6] / a[6] : 0)
    }
  }' "$WORKDIR/redis.out" "$WORKDIR/datanode.out"
echo
echo "to = PINGs with no answer within 30 s; MB = peak RSS during the case; client = what the server did with the misbehaving client"
