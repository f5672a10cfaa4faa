#!/usr/bin/env bash
# Memory accounting check: for each value type, small and large, the heap the dataset takes on
# the data node's JVM (heap used after a full GC, with and without the dataset) against what the
# node accounts for it (INFO memory used_memory_dataset). See docs/memory.md.
set -euo pipefail

SCALE="${SCALE:-1}"                       # multiplies every case's element count
GC_SETTLE="${GC_SETTLE:-1}"
DATANODE_ARGS="${DATANODE_ARGS:---bind 127.0.0.1 --save '' --appendonly no}"

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DATANODE_JAVA_OPTS="${DATANODE_JAVA_OPTS:-$(grep -v '^#' "$REPO_ROOT/datanode/jvm.options")}"
need_cmd jcmd "a JDK's jcmd, to force a GC and read the heap"
need_cmd python3
need_cmd "$REDIS_CLI_BIN"

heap_used() {
  timeout 60 jcmd "$DATANODE_PID" GC.run >/dev/null
  sleep "$GC_SETTLE"
  timeout 60 jcmd "$DATANODE_PID" GC.heap_info | awk '/garbage-first heap/ { if (match($0, /used [0-9]+K/)) print substr($0, RSTART + 5, RLENGTH - 6) * 1024 }'
}

dataset() {
  cli "$DATANODE_PORT" INFO memory | tr -d '\r' | awk -F: '$1 == "used_memory_dataset" { print $2 }'
}

# gen CASE: the RESP stream loading one case.
gen() {
  python3 - "$1" "$SCALE" <<'PY'
import sys
case, scale = sys.argv[1], int(sys.argv[2])
out = sys.stdout.buffer
def cmd(*args):
    parts = [b"*%d\r\n" % len(args)]
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(a), a))
    out.write(b"".join(parts))
def v(n, i):
    return (b"%0*d" % (n, i))[:n]
kind, shape = case.split("-")
keys, elems, size = {"small": (50000 * scale, 10, 10), "large": (1, 500000 * scale, 10)}[shape] if kind != "string" \
    else {"small": (500000 * scale, 1, 16), "large": (20000 * scale, 1, 1000)}[shape]
for k in range(keys):
    key = b"%s:%d" % (kind.encode(), k)
    if kind == "string":
        cmd("SET", key, v(size, k))
        continue
    batch = []
    for e in range(elems):
        member = b"m:%d" % e
        if kind == "hash":
            batch += [member, v(size, e)]
        elif kind == "zset":
            batch += [str(e).encode(), member]
        else:
            batch.append(member)
        if len(batch) >= 200 or e == elems - 1:
            verb = {"hash": "HSET", "list": "RPUSH", "set": "SADD", "zset": "ZADD"}[kind]
            cmd(verb, key, *batch)
            batch = []
PY
}

start_datanode_only() {
  DATANODE_PORT=$(free_port)
  start_datanode "$DATANODE_PORT"
  wait_ping "data node" "$DATANODE_PORT" "$DATANODE_PID" "$WORKDIR/datanode.log"
  resolve_datanode_pid "$DATANODE_PORT"
}

start_datanode_only
printf '%-14s %14s %14s %8s\n' "case" "heap growth" "accounted" "ratio"
for case in string-small string-large hash-small hash-large list-small list-large set-small set-large zset-small zset-large; do
  cli "$DATANODE_PORT" FLUSHALL >/dev/null
  gen "$case" >"$WORKDIR/load.resp"
  h0=$(heap_used); d0=$(dataset)
  cli "$DATANODE_PORT" --pipe <"$WORKDIR/load.resp" >"$WORKDIR/pipe.out" 2>&1 || die "load of $case failed: $(cat "$WORKDIR/pipe.out")"
  h1=$(heap_used); d1=$(dataset)
  awk -v c="$case" -v h=$(( h1 - h0 )) -v d=$(( d1 - d0 )) \
      'BEGIN { printf "%-14s %11.1f MiB %11.1f MiB %8.2f\n", c, h / 1048576, d / 1048576, d / h }'
done
