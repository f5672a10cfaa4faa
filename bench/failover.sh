#!/usr/bin/env bash
# Failover comparison: kill -9 of the master under Redis Sentinel (Debian's redis-server 7.0:
# master, 2 replicas, 3 sentinels, quorum 2) and under the operator (master, 2 replicas as real
# data node processes, a real kube-apiserver and etcd), down-after 1000 ms on both, RUNS runs
# each, interleaved. A client writes INCR on one persistent connection and follows the master
# through the Sentinel protocol. Prints, per run, seconds from the kill to +odown, to the new
# master from get-master-addr-by-name, to the first acknowledged write on it, and the
# acknowledged writes lost; then medians and ratios (operator / Redis). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-5}"

./hack/install-test-deps.sh
eval "$(./hack/kube-binaries.sh)"
./mvnw -B -ntp -q -pl datanode -am install -DskipTests
./mvnw -B -ntp -pl operator verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=FailoverBenchmark -Dbench.runs="$RUNS" | tee /tmp/failover-bench.$$.log \
  | grep -E '^(failover run|FAILOVER BENCHMARK|to |acknowledged)|ERROR|BUILD'
