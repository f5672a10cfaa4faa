#!/usr/bin/env bash
# Write throughput with the append-only file on (appendfsync everysec by default), redis-server
# vs the data node in one run: bench/throughput.sh with both servers writing an AOF to their own
# temporary directory. AOF_FSYNC=always|everysec|no picks the policy.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fsync="${AOF_FSYNC:-everysec}"
dirs=$(mktemp -d)
trap 'rm -rf "$dirs"' EXIT
mkdir -p "$dirs/redis" "$dirs/datanode"
export REDIS_EXTRA_ARGS="--appendonly yes --appendfsync $fsync --dir $dirs/redis"
export DATANODE_ARGS="--bind 127.0.0.1 --save '' --appendonly yes --appendfsync $fsync --dir $dirs/datanode"
export TESTS_P1="${TESTS_P1-set}"
export TESTS_P16="${TESTS_P16-set incr lpush hset}"
echo "appendonly yes, appendfsync $fsync"
"$here/throughput.sh"
