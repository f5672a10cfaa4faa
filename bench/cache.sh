#!/usr/bin/env bash
# Cache benchmark: redis-server and the data node, both with maxmemory and allkeys-lru, in one run.
#   1. redis-benchmark SET with random keys (-r) and 100-byte values at -P 16, far more than fits:
#      throughput, RSS at the end, evicted keys, used_memory.
#   2. A cache-aside read workload after it: GET of Zipf-distributed keys, SET on a miss; the hit
#      rate over the second half of the run (the first half warms the cache up).
# See bench/README.md and docs/memory.md.
set -euo pipefail

MAXMEMORY="${MAXMEMORY:-100mb}"
POLICY="${POLICY:-allkeys-lru}"
SET_N="${SET_N:-3000000}"                 # SET requests (-n)
SET_KEYSPACE="${SET_KEYSPACE:-10000000}"  # -r
SET_SIZE="${SET_SIZE:-100}"               # -d
BENCH_CLIENTS="${BENCH_CLIENTS:-50}"
PIPELINE="${PIPELINE:-16}"
ZIPF_KEYS="${ZIPF_KEYS:-3000000}"         # distinct keys the reads draw from
ZIPF_S="${ZIPF_S:-0.99}"                  # Zipf exponent
ZIPF_OPS="${ZIPF_OPS:-600000}"            # GETs per server
ZIPF_VALUE="${ZIPF_VALUE:-1000}"          # bytes SET on a miss: about 90,000 fit in 100mb, fewer than the keys read
BENCH_TIMEOUT="${BENCH_TIMEOUT:-900}"
DATANODE_ARGS="${DATANODE_ARGS:---bind 127.0.0.1 --save '' --appendonly no} --maxmemory $MAXMEMORY --maxmemory-policy $POLICY"
REDIS_EXTRA_ARGS="${REDIS_EXTRA_ARGS:-} --maxmemory $MAXMEMORY --maxmemory-policy $POLICY"

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# The heap docs/memory.md's formula gives for this maxmemory (maxmemory = 0.6 x heap), as in a
# container sized by the operator; set DATANODE_JAVA_OPTS to try others.
MAXMEMORY_BYTES=$(python3 -c "import re,sys; m=re.fullmatch(r'(\d+)(b|kb|mb|gb)?', sys.argv[1].lower()); print(int(m[1]) * {None: 1, 'b': 1, 'kb': 1024, 'mb': 1024**2, 'gb': 1024**3}[m[2]])" "$MAXMEMORY")
HEAP_MB=$(( MAXMEMORY_BYTES * 10 / 6 / 1048576 + 1 ))
DATANODE_JAVA_OPTS="${DATANODE_JAVA_OPTS:-$(grep -v '^#' "$REPO_ROOT/datanode/jvm.options") -Xmx${HEAP_MB}m}"
need_cmd "$REDIS_SERVER_BIN"
need_cmd "$REDIS_BENCHMARK_BIN"
need_cmd python3

rss_mib() { awk '$1 == "VmRSS:" { printf "%.1f", $2 / 1024; exit }' "/proc/$1/status"; }
info_field() { local text; text=$(cli "$1" INFO all | tr -d '\r'); awk -F: -v f="$2" '$1 == f { print $2 }' <<<"$text"; }

set_rps() {
  local port=$1 out
  out=$(timeout "$BENCH_TIMEOUT" "$REDIS_BENCHMARK_BIN" -h "$BENCH_HOST" -p "$port" -t set -n "$SET_N" \
      -r "$SET_KEYSPACE" -d "$SET_SIZE" -c "$BENCH_CLIENTS" -P "$PIPELINE" -q 2>/dev/null | tr '\r' '\n' | grep -E '^SET: [0-9.]+ requests' | tail -1)
  awk '{ print $2 }' <<<"$out"
}

# Zipf cache-aside reads: prints the hit rate (percent) over the second half.
zipf_hit_rate() {
  python3 - "$BENCH_HOST" "$1" "$ZIPF_KEYS" "$ZIPF_S" "$ZIPF_OPS" "$ZIPF_VALUE" <<'PY'
import bisect, random, socket, sys
host, port, n, s, ops, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
rng = random.Random(42)                   # the same sequence for both servers
cdf, total = [], 0.0
for rank in range(1, n + 1):
    total += rank ** -s
    cdf.append(total)
value = b"v" * size
sock = socket.create_connection((host, port))
f = sock.makefile("rb")
def send(cmds):
    out = bytearray()
    for args in cmds:
        out += b"*%d\r\n" % len(args)
        for a in args:
            out += b"$%d\r\n%s\r\n" % (len(a), a)
    sock.sendall(out)
def read():
    line = f.readline()
    if line[:1] == b"$":
        length = int(line[1:])
        if length < 0:
            return None
        data = f.read(length + 2)
        return data[:-2]
    if line[:1] == b"-":
        raise SystemExit("error reply: " + line.decode())
    return line
hits = misses = 0
batch = 100
for start in range(0, ops, batch):
    # Ranks map to key names through a multiplicative hash, so popular keys are spread out.
    keys = [b"zipf:%d" % ((bisect.bisect_left(cdf, rng.random() * total) * 2654435761) % (1 << 32)) for _ in range(batch)]
    send([(b"GET", k) for k in keys])
    replies = [read() for _ in keys]
    missed = [k for k, r in zip(keys, replies) if r is None]
    if missed:
        send([(b"SET", k, value) for k in missed])
        for _ in missed:
            read()
    if start >= ops // 2:
        hits += batch - len(missed)
        misses += len(missed)
print("%.2f" % (100.0 * hits / (hits + misses)))
PY
}

start_both
echo
echo "redis-server : $BENCH_HOST:$REDIS_PORT (pid $REDIS_PID) $("$REDIS_SERVER_BIN" --version | awk '{print $3}')"
echo "data node    : $BENCH_HOST:$DATANODE_PORT (pid $DATANODE_PID) $(datanode_cmdline "$DATANODE_PORT")"
echo "load         : SET -n $SET_N -r $SET_KEYSPACE -d $SET_SIZE -c $BENCH_CLIENTS -P $PIPELINE; maxmemory $MAXMEMORY $POLICY"
echo "reads        : $ZIPF_OPS GETs, Zipf s=$ZIPF_S over $ZIPF_KEYS keys, SET of $ZIPF_VALUE bytes on a miss; hit rate over the second half"
echo

log "SET load against redis-server ..."
REDIS_RPS=$(set_rps "$REDIS_PORT")
log "SET load against the data node ..."
DN_RPS=$(set_rps "$DATANODE_PORT")
REDIS_RSS=$(rss_mib "$REDIS_PID"); DN_RSS=$(rss_mib "$DATANODE_PID")
REDIS_EVICTED=$(info_field "$REDIS_PORT" evicted_keys); DN_EVICTED=$(info_field "$DATANODE_PORT" evicted_keys)
REDIS_USED=$(info_field "$REDIS_PORT" used_memory); DN_USED=$(info_field "$DATANODE_PORT" used_memory)
REDIS_KEYS=$(cli "$REDIS_PORT" DBSIZE); DN_KEYS=$(cli "$DATANODE_PORT" DBSIZE)

log "Zipf reads against redis-server ..."
REDIS_HIT=$(zipf_hit_rate "$REDIS_PORT")
log "Zipf reads against the data node ..."
DN_HIT=$(zipf_hit_rate "$DATANODE_PORT")
REDIS_RSS2=$(rss_mib "$REDIS_PID"); DN_RSS2=$(rss_mib "$DATANODE_PID")

mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
printf '%-28s %16s %16s %8s\n' "" "redis-server" "data node" "ratio"
printf '%-28s %16s %16s %8s\n' "SET -P $PIPELINE rps" "$REDIS_RPS" "$DN_RPS" "$(awk -v a="$DN_RPS" -v b="$REDIS_RPS" 'BEGIN { printf "%.2f", a / b }')"
printf '%-28s %16s %16s %8s\n' "RSS after SETs (MiB)" "$REDIS_RSS" "$DN_RSS" "$(awk -v a="$DN_RSS" -v b="$REDIS_RSS" 'BEGIN { printf "%.2f", a / b }')"
printf '%-28s %16s %16s\n' "used_memory (MiB)" "$(mib "$REDIS_USED")" "$(mib "$DN_USED")"
printf '%-28s %16s %16s\n' "keys kept" "$REDIS_KEYS" "$DN_KEYS"
printf '%-28s %16s %16s\n' "evicted_keys" "$REDIS_EVICTED" "$DN_EVICTED"
printf '%-28s %16s %16s %8s\n' "Zipf GET hit rate (%)" "$REDIS_HIT" "$DN_HIT" "$(awk -v a="$DN_HIT" -v b="$REDIS_HIT" 'BEGIN { printf "%+.2f", a - b }')"
printf '%-28s %16s %16s\n' "RSS after reads (MiB)" "$REDIS_RSS2" "$DN_RSS2"
echo
awk -v a="$DN_RPS" -v b="$REDIS_RPS" 'BEGIN { r = a / b; printf "throughput target >= 0.90x: %s (%.2f)\n", (r >= 0.9 ? "PASS" : "not met"), r }'
awk -v a="$DN_RSS" -v b="$REDIS_RSS" 'BEGIN { r = a / b; printf "RSS target <= 1.50x: %s (%.2f)\n", (r <= 1.5 ? "PASS" : "not met"), r }'
awk -v a="$DN_HIT" -v b="$REDIS_HIT" 'BEGIN { d = a - b; if (d < 0) d = -d; printf "hit rate target within 5 points: %s (%.2f)\n", (d <= 5 ? "PASS" : "not met"), d }'
