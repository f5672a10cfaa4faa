#!/usr/bin/env bash
# Memory comparison: RSS growth per key for redis-server vs. the data node
# after loading KEYS string keys (16-byte values) via redis-cli --pipe.
# See bench/README.md.
set -euo pipefail

# ---- configuration (env overridable) ---------------------------------------
KEYS="${KEYS:-1000000}"                   # number of keys to load
VALUE_SIZE=16                             # bytes per value (fixed by the protocol generator)
PIPE_TIMEOUT="${PIPE_TIMEOUT:-120}"       # redis-cli --pipe-timeout (seconds without progress)
LOAD_TIMEOUT="${LOAD_TIMEOUT:-900}"       # hard cap (seconds) on one full load
GC_SETTLE="${GC_SETTLE:-2}"               # seconds to sleep after jcmd GC.run
TARGET_RATIO="${TARGET_RATIO:-2.0}"       # ours/redis bytes-per-key target
GOAL_RATIO="${GOAL_RATIO:-1.5}"           # ours/redis bytes-per-key goal
FAIL_ON_TARGET="${FAIL_ON_TARGET:-0}"     # 1 = exit 2 when the ratio exceeds the target
# Small initial heap, and G1 told to give free heap back to the OS after the
# forced GC, so that RSS growth reflects the data rather than heap sizing.
# JVM RSS depends heavily on these flags; the heap-based row is flag-independent.
DATANODE_ARGS="${DATANODE_ARGS:---bind 127.0.0.1 --save '' --appendonly no}"

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# The production JVM options by default, so the figures are what a user gets.
DATANODE_JAVA_OPTS="${DATANODE_JAVA_OPTS:-$(grep -v '^#' "$REPO_ROOT/datanode/jvm.options")}"

need_cmd "$REDIS_SERVER_BIN" "apt-get install -y redis-server"
need_cmd "$REDIS_CLI_BIN" "apt-get install -y redis-tools"
need_cmd awk
need_cmd timeout
[[ "$KEYS" =~ ^[0-9]+$ ]] && (( KEYS > 0 )) || die "KEYS must be a positive integer (got '$KEYS')"

# ---- helpers ------------------------------------------------------------------

# VmRSS of pid $1 in bytes.
rss_bytes() {
  local pid=$1 kb
  [[ -r "/proc/$pid/status" ]] || die "cannot read /proc/$pid/status (process gone?)"
  kb=$(awk '$1 == "VmRSS:" { print $2; exit }' "/proc/$pid/status")
  [[ "$kb" =~ ^[0-9]+$ ]] || die "no VmRSS in /proc/$pid/status"
  echo $(( kb * 1024 ))
}

is_jvm() {
  local pid=$1 comm exe
  comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null || true)
  [[ "$comm" == java || "$exe" == */java ]]
}

JCMD_WARNED=0
# Full GC in the data node's JVM (if it is one and jcmd is usable), then settle.
gc_datanode() {
  local pid=$DATANODE_PID
  is_jvm "$pid" || return 0
  if ! command -v jcmd >/dev/null 2>&1; then
    (( JCMD_WARNED )) || log "warning: jcmd not found; JVM RSS measured without a forced GC"
    JCMD_WARNED=1; return 0
  fi
  if timeout 60 jcmd "$pid" GC.run >"$WORKDIR/jcmd.out" 2>&1; then
    sleep "$GC_SETTLE"
  else
    (( JCMD_WARNED )) || { log "warning: 'jcmd $pid GC.run' failed; JVM RSS measured without a forced GC"; cat "$WORKDIR/jcmd.out" >&2 || true; }
    JCMD_WARNED=1
  fi
}

# JVM heap used after GC (informational), in bytes; empty if unavailable.
jvm_heap_used() {
  local pid=$DATANODE_PID
  is_jvm "$pid" && command -v jcmd >/dev/null 2>&1 || return 0
  timeout 60 jcmd "$pid" GC.heap_info 2>/dev/null | awk '
    # ParallelGC / G1 / Serial print "... total 123K, used 45K" per generation / heap
    /garbage-first heap/ { if (match($0, /used [0-9]+K/)) { g = substr($0, RSTART + 5, RLENGTH - 6) * 1024 } }
    /(PSYoungGen|ParOldGen|def new generation|tenured generation)/ {
      if (match($0, /used [0-9]+K/)) { s += substr($0, RSTART + 5, RLENGTH - 6) * 1024 } }
    END { if (g) print g; else if (s) print s }' || true
}

# used_memory from INFO memory, if the server reports it.
info_used_memory() {
  cli "$1" INFO memory 2>/dev/null | tr -d '\r' | awk -F: '$1 == "used_memory" { print $2; exit }' || true
}

mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

# RESP stream: SET key:<i> <16-byte value> for i in 0..KEYS-1.
PROTO="$WORKDIR/load.resp"
generate_proto() {
  log "generating RESP for $KEYS SET commands -> $PROTO"
  awk -v n="$KEYS" 'BEGIN {
    for (i = 0; i < n; i++) {
      k = "key:" i
      v = sprintf("%016d", i)          # exactly 16 bytes for i < 10^16
      printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$16\r\n%s\r\n", length(k), k, v
    }
  }' >"$PROTO"
  log "generated $(mib "$(stat -c %s "$PROTO")") of protocol"
}


dbsize() {
  local out
  out=$(cli "$1" DBSIZE 2>&1 | tr -d '\r') || die "DBSIZE on port $1 failed: $out"
  [[ "$out" =~ ^[0-9]+$ ]] || die "DBSIZE on port $1 returned '$out'"
  echo "$out"
}

# ---- run -------------------------------------------------------------------------
generate_proto
start_both
echo
echo "redis-server : $BENCH_HOST:$REDIS_PORT (pid $REDIS_PID) $("$REDIS_SERVER_BIN" --version | awk '{print $3}')"
echo "data node    : $BENCH_HOST:$DATANODE_PORT (pid $DATANODE_PID) $(datanode_cmdline "$DATANODE_PORT")"
echo "keys         : $KEYS x SET key:<i> <$VALUE_SIZE-byte value>"
echo

for port in "$REDIS_PORT" "$DATANODE_PORT"; do
  n=$(dbsize "$port")
  [[ "$n" == 0 ]] || die "server on port $port is not empty before loading (DBSIZE $n)"
done

gc_datanode
REDIS_BEFORE=$(rss_bytes "$REDIS_PID")
DN_BEFORE=$(rss_bytes "$DATANODE_PID")
DN_HEAP_BEFORE=$(jvm_heap_used)

load_keys "redis-server" "$REDIS_PORT"
load_keys "data node" "$DATANODE_PORT"

gc_datanode
REDIS_AFTER=$(rss_bytes "$REDIS_PID")
DN_AFTER=$(rss_bytes "$DATANODE_PID")
DN_HEAP_AFTER=$(jvm_heap_used)

REDIS_DBSIZE=$(dbsize "$REDIS_PORT")
DN_DBSIZE=$(dbsize "$DATANODE_PORT")
REDIS_USED=$(info_used_memory "$REDIS_PORT")
DN_USED=$(info_used_memory "$DATANODE_PORT")

# ---- report ------------------------------------------------------------------------
per_key() { awk -v a="$1" -v b="$2" -v k="$KEYS" 'BEGIN { printf "%.1f", (a - b) / k }'; }
REDIS_BPK=$(per_key "$REDIS_AFTER" "$REDIS_BEFORE")
DN_BPK=$(per_key "$DN_AFTER" "$DN_BEFORE")
RATIO=$(awk -v d="$DN_BPK" -v r="$REDIS_BPK" 'BEGIN { if (r > 0) printf "%.2f", d / r; else print "n/a" }')

printf '%-22s %16s %16s\n' "" "redis-server" "data node"
printf '%-22s %16s %16s\n' "----------------------" "----------------" "----------------"
printf '%-22s %16s %16s\n' "DBSIZE" "$REDIS_DBSIZE" "$DN_DBSIZE"
printf '%-22s %16s %16s\n' "RSS before load" "$(mib "$REDIS_BEFORE")" "$(mib "$DN_BEFORE")"
printf '%-22s %16s %16s\n' "RSS after load (total)" "$(mib "$REDIS_AFTER")" "$(mib "$DN_AFTER")"
printf '%-22s %16s %16s\n' "RSS growth" "$(mib $(( REDIS_AFTER - REDIS_BEFORE )))" "$(mib $(( DN_AFTER - DN_BEFORE )))"
printf '%-22s %16s %16s\n' "bytes per key (RSS)" "$REDIS_BPK" "$DN_BPK"
if [[ -n "$REDIS_USED" || -n "$DN_USED" ]]; then
  printf '%-22s %16s %16s\n' "INFO used_memory" "${REDIS_USED:+$(mib "$REDIS_USED")}" "${DN_USED:+$(mib "$DN_USED")}"
fi
if [[ -n "$DN_HEAP_BEFORE" && -n "$DN_HEAP_AFTER" ]]; then
  printf '%-22s %16s %16s\n' "JVM heap used, before" "-" "$(mib "$DN_HEAP_BEFORE")"
  printf '%-22s %16s %16s\n' "JVM heap used, after" "-" "$(mib "$DN_HEAP_AFTER")"
  printf '%-22s %16s %16s\n' "bytes per key (heap)" "-" "$(per_key "$DN_HEAP_AFTER" "$DN_HEAP_BEFORE")"
fi
echo
echo "ratio (data node / redis bytes per key, RSS): $RATIO"
if [[ -n "$DN_HEAP_BEFORE" && -n "$DN_HEAP_AFTER" ]]; then
  echo "info: data node heap bytes per key / redis RSS bytes per key: $(awk -v d="$(per_key "$DN_HEAP_AFTER" "$DN_HEAP_BEFORE")" -v r="$REDIS_BPK" 'BEGIN { if (r > 0) printf "%.2f", d / r; else print "n/a" }') (excludes JVM heap sizing / off-heap)"
fi

fail=0
if [[ "$REDIS_DBSIZE" != "$KEYS" || "$DN_DBSIZE" != "$KEYS" ]]; then
  echo "DBSIZE check: FAIL (expected $KEYS, redis $REDIS_DBSIZE, data node $DN_DBSIZE)"
  fail=1
else
  echo "DBSIZE check: OK ($KEYS on both)"
fi
if [[ "$RATIO" == n/a ]]; then
  echo "target <= ${TARGET_RATIO}x: n/a (redis RSS did not grow)"
  echo "goal   <= ${GOAL_RATIO}x: n/a"
else
  ok() { awk -v x="$RATIO" -v t="$1" 'BEGIN { exit !(x + 0 <= t + 0) }'; }
  if ok "$TARGET_RATIO"; then echo "target <= ${TARGET_RATIO}x: PASS ($RATIO)"; else echo "target <= ${TARGET_RATIO}x: FAIL ($RATIO)"; target_missed=1; fi
  if ok "$GOAL_RATIO"; then echo "goal   <= ${GOAL_RATIO}x: PASS ($RATIO)"; else echo "goal   <= ${GOAL_RATIO}x: not met ($RATIO)"; fi
fi

(( fail )) && die "DBSIZE mismatch"
[[ "${target_missed:-0}" == 1 && "$FAIL_ON_TARGET" == 1 ]] && exit 2
exit 0
