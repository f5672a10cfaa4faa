#!/usr/bin/env bash
# The end-to-end suite (e2e/, JUnit 5 + fabric8) in one command, on the local cluster of
# hack/local-cluster.sh: brings it up (or converges it), builds the images and imports them into
# its containerd, then runs (the suite refuses to start if another operator release watches the cluster)
#   ./mvnw -pl e2e verify -De2e -De2e.cluster=local [ARGS...]
# and prints each scenario's result and the failover figures (E2E-FAILOVER lines).
#
#   hack/e2e.sh                                  every scenario
#   hack/e2e.sh -Dit.test='FailoverE2E#aKilled*' one of them (Maven/failsafe arguments pass through)
#   E2E_CLUSTER=kubeconfig KUBECONFIG=... hack/e2e.sh   another cluster (images already on its nodes)
#
# The cluster is left up (hack/local-cluster.sh down stops it). Reports: e2e/target/failsafe-reports/.
set -euo pipefail
HACK=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HACK/.." && pwd)
cd "$ROOT"
START=$SECONDS
CLUSTER=${E2E_CLUSTER:-local}
log() { printf '[e2e %s +%ss] %s\n' "$(date -u +%H:%M:%S)" "$((SECONDS - START))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

eval "$("$HACK/kube-binaries.sh")"   # KUBE_API_TEST_DIR: kubectl and helm for the suite (cached)
if [ "$CLUSTER" = local ]; then
  log "local cluster: hack/local-cluster.sh up"
  env=$("$HACK/local-cluster.sh" up) || die "hack/local-cluster.sh up failed (its messages are above)"
  eval "$env"
  # Volumes a local-cluster.sh before its volume-reclaimer left Failed (Recycle failed when several
  # claims went at once) would stay so, and the pool of 12 runs dry. Such a volume held only a
  # deleted claim's data: emptied here and made Available again.
  K=("$KUBE_API_TEST_DIR/k8s/"*/kubectl)
  for pv in $("${K[@]}" get pv -o jsonpath='{range .items[?(@.status.phase=="Failed")]}{.metadata.name}{" "}{end}'); do
    dir=$("${K[@]}" get pv "$pv" -o jsonpath='{.spec.hostPath.path}')
    [[ $dir == */local-cluster/volumes/* ]] || continue
    find "$dir" -mindepth 1 -delete
    "${K[@]}" patch pv "$pv" --type json -p '[{"op":"remove","path":"/spec/claimRef"}]' >/dev/null 2>&1
    log "volume $pv: recycle had failed; emptied and Available again"
  done
  log "images: hack/images.sh import"
  "$HACK/images.sh" import --address "$CONTAINERD_ADDRESS" >/dev/null 2> >(grep -v '^replicated-store.local/\|^unpacking' >&2)
fi

mkdir -p target
log "suite: ./mvnw -pl e2e verify -De2e -De2e.cluster=$CLUSTER $*"
set +e
./mvnw -B -ntp -pl e2e verify -De2e -De2e.cluster="$CLUSTER" "$@" | tee target/e2e.log |
  grep --line-buffered -E '^\[e2e |Tests run:|FAIL|ERROR\]|BUILD|E2E-'
rc=${PIPESTATUS[0]}
set -e
log "results (e2e/target/failsafe-reports/, full log target/e2e.log):"
grep -h -E '^E2E-FAILOVER|^E2E-REPORT' target/e2e.log | sort -u >&2 || true
grep -E '^\[(INFO|WARNING|ERROR)\] Tests run:.*in io' target/e2e.log >&2 || true
log "suite $([ "$rc" = 0 ] && echo passed || echo "FAILED (exit $rc)") in $((SECONDS - START)) s"
exit "$rc"
