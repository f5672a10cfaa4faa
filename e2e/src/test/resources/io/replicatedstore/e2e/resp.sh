#!/bin/bash
# A Redis client in plain bash (RESP2 over /dev/tcp), run in a pod of the data node image, which
# has bash but no redis-cli: the e2e tests' client inside the cluster, without a client image.
#
#   resp.sh cmd HOST COMMAND ARGS...   one command; prints the reply (arrays one element a line)
#   resp.sh write HOST KEY             RPUSH KEY 1, 2, 3 ... until killed, one line per attempt:
#                                        A <n> <epoch us>            acknowledged (:<length>)
#                                        E <n> <epoch us> <reason>   error reply, timeout, no connection
#                                      and reconnects after any error: READONLY or a timeout means
#                                      the Service's pod is no longer the master.
# Environment: PASSWORD (AUTH when set), PORT (6379), TIMEOUT (connect and reply timeout, s, default 1),
# PAUSE (s between writes, default 0.01).
export LC_ALL=C   # ${#value} counts bytes
trap "" PIPE      # a write to a closed connection is an error to report, not the end
PORT=${PORT:-6379} TIMEOUT=${TIMEOUT:-1} PAUSE=${PAUSE:-0.01}
REPLY_LINE=""

send() {   # send ARGS...: one command as a RESP array on fd 3
  local a out
  printf -v out '*%d\r\n' $#
  for a; do printf -v out '%s$%d\r\n%s\r\n' "$out" "${#a}" "$a"; done
  printf '%s' "$out" >&5
}

reply() {  # reads one reply from fd 3 into REPLY_LINE (arrays: elements joined by newlines)
  local line n i acc=""
  IFS= read -r -t "$TIMEOUT" line <&3 || { REPLY_LINE="timeout or closed"; return 2; }
  line=${line%$'\r'}
  case $line in
    '$-1'|'*-1') REPLY_LINE="(nil)" ;;
    '$'*) IFS= read -r -t "$TIMEOUT" REPLY_LINE <&3 || return 2; REPLY_LINE=${REPLY_LINE%$'\r'} ;;
    '*'*) n=${line#\*}
          for ((i = 0; i < n; i++)); do reply || return 2; acc+=$REPLY_LINE$'\n'; done
          REPLY_LINE=${acc%$'\n'} ;;
    *) REPLY_LINE=$line ;;
  esac
  [[ $line != -* ]]
}

# connect HOST: fd 3 reads from and fd 5 writes to a connection to HOST, authenticated. bash's
# /dev/tcp has no connect timeout (a SYN to a pod that is gone, behind a Service that still
# routes to it, hangs for minutes), so the connection lives in a coprocess: a connect that does
# not finish shows as no reply to AUTH within TIMEOUT, and the coprocess is killed.
connect() {
  disconnect
  coproc CONN { exec 3<>"/dev/tcp/$1/$PORT" || exit 1; cat <&3 & cat >&3; kill $! 2>/dev/null; } 2>/dev/null
  CONN_PID=$CONN_PID
  exec 3<&"${CONN[0]}" 5>&"${CONN[1]}"
  send AUTH "${PASSWORD:-}" 2>/dev/null
  reply || { [[ $REPLY_LINE == *"without any password"* ]] || { REPLY_LINE="connect: $REPLY_LINE"; return 2; }; }
}

disconnect() {
  exec 3<&- 5>&-
  if [ -n "${CONN_PID:-}" ]; then kill "$CONN_PID" 2>/dev/null; wait "$CONN_PID" 2>/dev/null; CONN_PID=""; fi
}

case ${1:-} in
  cmd)
    host=$2; shift 2
    connect "$host" || { echo "$REPLY_LINE"; disconnect; exit 1; }
    send "$@"; reply; rc=$?
    echo "$REPLY_LINE"; disconnect; exit $rc ;;
  write)
    host=$2 key=$3 n=0 connected=""
    mkfifo /tmp/pause.fifo 2>/dev/null; exec 4<>/tmp/pause.fifo   # read -t on it: a sleep without a fork
    while :; do
      if [ -z "$connected" ]; then
        if connect "$host"; then connected=1; else
          echo "E $n ${EPOCHREALTIME/./} $REPLY_LINE"; read -r -t 0.1 -u 4; continue
        fi
      fi
      n=$((n + 1))
      send RPUSH "$key" "$n" 2>/dev/null
      if reply && [[ $REPLY_LINE == :* ]]; then
        echo "A $n ${EPOCHREALTIME/./}"
      else
        echo "E $n ${EPOCHREALTIME/./} $REPLY_LINE"; connected=""; read -r -t 0.05 -u 4
      fi
      read -r -t "$PAUSE" -u 4
    done ;;
  *) echo "usage: resp.sh cmd HOST COMMAND ARGS... | resp.sh write HOST KEY" >&2; exit 2 ;;
esac
