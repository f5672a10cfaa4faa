# shellcheck shell=bash
# Shared helpers for bench/throughput.sh and bench/memory.sh.
# Sourced, not executed. Expects the caller to have `set -euo pipefail`.
#
# Everything here talks to 127.0.0.1 only.

BENCH_HOST=127.0.0.1

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"

REDIS_SERVER_BIN="${REDIS_SERVER_BIN:-redis-server}"
REDIS_CLI_BIN="${REDIS_CLI_BIN:-redis-cli}"
REDIS_BENCHMARK_BIN="${REDIS_BENCHMARK_BIN:-redis-benchmark}"

DATANODE_JAR="${DATANODE_JAR:-$REPO_ROOT/datanode/target/datanode.jar}"
# Seconds to wait for a server to answer PING / to exit after SIGTERM.
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-60}"
SHUTDOWN_TIMEOUT="${SHUTDOWN_TIMEOUT:-15}"

log()  { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

need_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found in PATH${2:+ ($2)}"
}

# Scratch directory for logs and temp files; removed on exit unless KEEP_WORKDIR=1.
WORKDIR="$(mktemp -d "${TMPDIR:-/tmp}/bench.XXXXXX")"

# pid variables of servers we started (empty = not started)
REDIS_PID=""
DATANODE_PID=""
DATANODE_LAUNCH_PID=""
# pid of a long-running helper (redis-benchmark, redis-cli --pipe) in flight
CHILD_PID=""

# --- ports -----------------------------------------------------------------

# Print one free TCP port on 127.0.0.1 (asks the kernel via bind to port 0).
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  # Fallback: probe a random range with bash's /dev/tcp (refused = free).
  local p i
  for i in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/$BENCH_HOST/$p") 2>/dev/null; then
      echo "$p"; return
    fi
  done
  die "could not find a free port"
}

# Print two distinct free ports separated by a space.
two_free_ports() {
  if command -v python3 >/dev/null 2>&1; then
    # both sockets open at once -> distinct ports, one interpreter start
    python3 -c 'import socket
a = socket.socket(); a.bind(("127.0.0.1", 0))
b = socket.socket(); b.bind(("127.0.0.1", 0))
print(a.getsockname()[1], b.getsockname()[1]); a.close(); b.close()'
    return
  fi
  local a b i
  a=$(free_port)
  for i in $(seq 1 20); do
    b=$(free_port)
    [[ "$b" != "$a" ]] && { echo "$a $b"; return; }
  done
  die "could not find two distinct free ports"
}

# Print N distinct free ports separated by spaces (all sockets open at once, so distinct).
free_ports() {
  local n=$1 ports="" p i
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket, sys
ss = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in ss: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))
for s in ss: s.close()' "$n"
    return
  fi
  for (( i = 0; i < n * 20 && $(wc -w <<<"$ports") < n; i++ )); do
    p=$(free_port)
    [[ " $ports " == *" $p "* ]] || ports="$ports $p"
  done
  (( $(wc -w <<<"$ports") == n )) || die "could not find $n distinct free ports"
  echo $ports
}

# --- starting / stopping ---------------------------------------------------

# Start the reference redis-server on $1 (loopback only, no persistence unless REDIS_EXTRA_ARGS).
start_redis() {
  local port=$1
  log "starting redis-server on $BENCH_HOST:$port (log: $WORKDIR/redis.log)"
  # REDIS_EXTRA_ARGS (word-split) come last, so they can turn persistence on (bench/aof.sh).
  # shellcheck disable=SC2086
  "$REDIS_SERVER_BIN" --port "$port" --bind "$BENCH_HOST" --save "" --appendonly no \
      --protected-mode yes --daemonize no --logfile "" ${REDIS_EXTRA_ARGS:-} \
      >"$WORKDIR/redis.log" 2>&1 &
  REDIS_PID=$!
}

# Build the data-node command line for port $1.
#   DATANODE_CMD  - full command; "{port}" is replaced by the port, and if it
#                   has no "{port}" then "--port N" is appended.
#   default       - java $DATANODE_JAVA_OPTS -jar $DATANODE_JAR --port {port} $DATANODE_ARGS
datanode_cmdline() {
  local port=$1 cmd
  if [[ -n "${DATANODE_CMD:-}" ]]; then
    cmd=$DATANODE_CMD
  else
    [[ -f "$DATANODE_JAR" ]] || die "data node jar not found: $DATANODE_JAR (build it with ./mvnw -pl datanode -am package, or set DATANODE_CMD / DATANODE_JAR)"
    need_cmd java "needed to run the data node"
    cmd="java $DATANODE_JAVA_OPTS -jar '$DATANODE_JAR' --port {port} $DATANODE_ARGS"
  fi
  if [[ "$cmd" == *"{port}"* ]]; then
    cmd=${cmd//\{port\}/$port}
  else
    cmd="$cmd --port $port"
  fi
  printf '%s' "$cmd"
}

# Start the data node on $1. The command is run through `bash -c "exec ..."`
# so that (for a simple command) the pid we get is the server itself.
start_datanode() {
  local port=$1 cmd
  cmd=$(datanode_cmdline "$port")
  log "starting data node on $BENCH_HOST:$port: $cmd (log: $WORKDIR/datanode.log)"
  bash -c "exec $cmd" >"$WORKDIR/datanode.log" 2>&1 &
  DATANODE_LAUNCH_PID=$!
  DATANODE_PID=$DATANODE_LAUNCH_PID
}

# pid of the process listening on 127.0.0.1:$1 (empty if unknown).
listener_pid() {
  local port=$1
  command -v ss >/dev/null 2>&1 || return 0
  ss -Hltnp "sport = :$port" 2>/dev/null \
    | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2 || true
}

# If the launched command forked (wrapper script), switch to the real
# listener's pid so that RSS and shutdown target the right process.
resolve_datanode_pid() {
  local port=$1 lp
  lp=$(listener_pid "$port")
  if [[ -n "$lp" && "$lp" != "$DATANODE_PID" ]]; then
    log "data node listener pid is $lp (launcher pid $DATANODE_PID); using $lp"
    DATANODE_PID=$lp
  fi
}

# wait_ping NAME PORT PID LOGFILE: bounded wait for +PONG.
wait_ping() {
  local name=$1 port=$2 pid=$3 logf=$4
  local deadline=$(( SECONDS + STARTUP_TIMEOUT )) out
  while (( SECONDS < deadline )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "----- last lines of $logf -----" >&2
      tail -n 30 "$logf" >&2 || true
      die "$name (pid $pid) exited before answering PING on $BENCH_HOST:$port"
    fi
    out=$(timeout 2 "$REDIS_CLI_BIN" -h "$BENCH_HOST" -p "$port" PING 2>/dev/null || true)
    if [[ "$out" == "PONG" ]]; then
      log "$name answers PING on $BENCH_HOST:$port (pid $pid)"
      return 0
    fi
    sleep 0.2
  done
  echo "----- last lines of $logf -----" >&2
  tail -n 30 "$logf" >&2 || true
  die "$name did not answer PING on $BENCH_HOST:$port within ${STARTUP_TIMEOUT}s"
}

# stop_pid NAME PID: SIGTERM, bounded wait, then SIGKILL.
stop_pid() {
  local name=$1 pid=$2 i
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < SHUTDOWN_TIMEOUT * 10; i++ )); do
    kill -0 "$pid" 2>/dev/null || { log "stopped $name (pid $pid)"; return 0; }
    sleep 0.1
  done
  log "$name (pid $pid) did not exit after ${SHUTDOWN_TIMEOUT}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$CHILD_PID" ]] && kill -0 "$CHILD_PID" 2>/dev/null; then
    kill -TERM "$CHILD_PID" 2>/dev/null || true   # timeout(1) forwards it to its command
  fi
  stop_pid "data node" "$DATANODE_PID"
  if [[ -n "$DATANODE_LAUNCH_PID" && "$DATANODE_LAUNCH_PID" != "$DATANODE_PID" ]]; then
    stop_pid "data node launcher" "$DATANODE_LAUNCH_PID"
  fi
  stop_pid "redis-server" "$REDIS_PID"
  wait 2>/dev/null || true
  if [[ "${KEEP_WORKDIR:-0}" == 1 || $rc -ne 0 ]]; then
    log "logs kept in $WORKDIR"
  else
    rm -rf "$WORKDIR"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Start both servers on two free ports; sets REDIS_PORT / DATANODE_PORT.
start_both() {
  local ports
  ports=$(two_free_ports)
  REDIS_PORT=${ports% *}
  DATANODE_PORT=${ports#* }
  start_redis "$REDIS_PORT"
  start_datanode "$DATANODE_PORT"
  wait_ping "redis-server" "$REDIS_PORT" "$REDIS_PID" "$WORKDIR/redis.log"
  wait_ping "data node" "$DATANODE_PORT" "$DATANODE_PID" "$WORKDIR/datanode.log"
  resolve_datanode_pid "$DATANODE_PORT"
}

# run_child STDIN STDOUT STDERR TIMEOUT CMD...
# Runs CMD under timeout(1) in the background and waits for it, so that a
# SIGTERM/SIGINT to this script is handled at once (bash defers traps while a
# foreground command runs). Returns CMD's exit status (124 = timed out).
run_child() {
  local in=$1 out=$2 err=$3 t=$4 rc=0
  shift 4
  timeout "$t" "$@" <"$in" >"$out" 2>"$err" &
  CHILD_PID=$!
  wait "$CHILD_PID" || rc=$?
  CHILD_PID=""
  return "$rc"
}

# cli PORT ARGS...: redis-cli against 127.0.0.1 with a timeout.
cli() {
  local port=$1; shift
  timeout "${CLI_TIMEOUT:-30}" "$REDIS_CLI_BIN" -h "$BENCH_HOST" -p "$port" "$@"
}

# load_keys NAME PORT: feed the RESP stream in $PROTO through redis-cli --pipe and check that
# every one of $KEYS commands got a reply and none an error (LOAD_TIMEOUT, PIPE_TIMEOUT).
load_keys() {
  local name=$1 port=$2 out rc=0 errors replies start=$SECONDS
  log "loading $KEYS keys into $name ..."
  run_child "$PROTO" "$WORKDIR/pipe.out" "$WORKDIR/pipe.err" "$LOAD_TIMEOUT" \
      "$REDIS_CLI_BIN" -h "$BENCH_HOST" -p "$port" --pipe --pipe-timeout "$PIPE_TIMEOUT" || rc=$?
  out=$(cat "$WORKDIR/pipe.out" "$WORKDIR/pipe.err")
  if (( rc != 0 )); then
    echo "$out" >&2
    (( rc == 124 )) && die "loading into $name timed out after ${LOAD_TIMEOUT}s"
    die "redis-cli --pipe into $name failed (exit $rc)"
  fi
  errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' <<<"$out" | tail -n1)
  replies=$(sed -n 's/.*replies: \([0-9]*\).*/\1/p' <<<"$out" | tail -n1)
  if [[ "$errors" != 0 || "$replies" != "$KEYS" ]]; then
    echo "$out" >&2
    die "redis-cli --pipe into $name: errors=${errors:-?} replies=${replies:-?} (expected 0 / $KEYS)"
  fi
  log "loaded $name in $(( SECONDS - start ))s (errors: 0, replies: $replies)"
}

# report_ratios WIDTH: the table of ROW_NAME/ROW_REDIS/ROW_DN (requests per second) with the
# ratio of each, then a RESULT line against TARGET_RATIO; exits 2 when FAIL_ON_TARGET=1 and a
# ratio is below it.
report_ratios() {
  local width=$1 i ratio below=()
  echo
  printf "%-${width}s %14s %14s %8s\n" "test" "redis rps" "datanode rps" "ratio"
  printf "%-${width}s %14s %14s %8s\n" "$(printf '%*s' "$width" '' | tr ' ' -)" "--------------" "--------------" "--------"
  for i in "${!ROW_NAME[@]}"; do
    ratio=$(awk -v d="${ROW_DN[$i]}" -v r="${ROW_REDIS[$i]}" 'BEGIN { printf "%.2f", (r > 0 ? d / r : 0) }')
    printf "%-${width}s %14.0f %14.0f %8s\n" "${ROW_NAME[$i]}" "${ROW_REDIS[$i]}" "${ROW_DN[$i]}" "$ratio"
    if awk -v x="$ratio" -v t="$TARGET_RATIO" 'BEGIN { exit !(x + 0 < t + 0) }'; then
      below+=("${ROW_NAME[$i]} ($ratio)")
    fi
  done
  echo
  if (( ${#below[@]} == 0 )); then
    echo "RESULT: PASS - every ratio >= $TARGET_RATIO (target)"
  else
    echo "RESULT: FAIL - ${#below[@]} of ${#ROW_NAME[@]} ratios below $TARGET_RATIO (target): $(IFS=,; echo "${below[*]}" | sed 's/,/, /g')"
    [[ "${FAIL_ON_TARGET:-0}" == 1 ]] && exit 2
  fi
  return 0
}
