#!/usr/bin/env bash
# Runs replicated-store on Kubernetes: the operator installed with Helm, then the example store
# deploy/examples/basic.yaml, waits until it is Ready and prints how to reach it.
#
#   hack/run.sh               the local cluster of hack/local-cluster.sh (brought up, converged),
#                             images built by hack/images.sh and imported into its containerd
#   KUBECONFIG=... hack/run.sh  that cluster instead; its nodes must already have the images
#                             (hack/images.sh writes archives to import: deploy/images/README.md)
#
# Environment: RUN_NAMESPACE (the store's, default rs-demo), OPERATOR_NAMESPACE (default
# replicated-store-system), RUN_TIMEOUT (seconds to wait for Ready, default 300).
# Idempotent: run again, it upgrades the release and re-applies the example.
set -euo pipefail
HACK=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HACK/.." && pwd)
# shellcheck source=hack/kube-versions.sh
. "$HACK/kube-versions.sh"
BIN=${KUBE_BIN_DIR:-$HOME/.cache/replicated-store/kube}/k8s/$KUBE_VERSION-linux-amd64
NS=${RUN_NAMESPACE:-rs-demo}
OP_NS=${OPERATOR_NAMESPACE:-replicated-store-system}
TIMEOUT=${RUN_TIMEOUT:-300}
START=$SECONDS
helm_args=()

log() { printf '[run %s +%ss] %s\n' "$(date -u +%H:%M:%S)" "$((SECONDS - START))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [ -n "${KUBECONFIG:-}" ]; then
  log "using the cluster of KUBECONFIG=$KUBECONFIG (images must be on its nodes already)"
  "$HACK/kube-binaries.sh" >/dev/null   # kubectl and helm (cached after the first time)
else
  log "bringing up the local cluster (hack/local-cluster.sh up)"
  env=$("$HACK/local-cluster.sh" up) || die "hack/local-cluster.sh up failed (its messages are above)"
  eval "$env"
  log "building the images and importing them into the cluster's containerd (hack/images.sh import)"
  "$HACK/images.sh" import --address "$CONTAINERD_ADDRESS" >/dev/null
  # A rebuilt image keeps its tag: its digest as a pod annotation restarts the operator on it.
  archive=$(ls -t "$ROOT"/target/images/operator-*.tar | head -n1)
  digest=$(tar -xOf "$archive" index.json | python3 -c 'import json, sys; print(json.load(sys.stdin)["manifests"][0]["digest"])')
  helm_args=(--set-string "podAnnotations.replicatedstore\\.io/operator-image=${digest#sha256:}")
fi
kubectl() { "$BIN/kubectl" "$@"; }
helm() { "$BIN/helm" "$@"; }

log "installing the operator: helm upgrade --install rs-operator -n $OP_NS"
helm upgrade --install rs-operator "$ROOT/deploy/helm/replicated-store-operator" \
  --namespace "$OP_NS" --create-namespace --wait --timeout 5m "${helm_args[@]}" >/dev/null ||
  { kubectl -n "$OP_NS" get pods -o wide >&2 || true; die "the operator did not become ready within 5 minutes"; }
log "operator ready: $(kubectl -n "$OP_NS" get deploy rs-operator -o jsonpath='{.status.readyReplicas}/{.spec.replicas}') instances"

kubectl create namespace "$NS" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
kubectl -n "$NS" apply -f "$ROOT/deploy/examples/basic.yaml" >/dev/null
log "applied deploy/examples/basic.yaml in namespace $NS; waiting for Ready (at most ${TIMEOUT}s)"
deadline=$((SECONDS + TIMEOUT)) last=""
until [ "$(kubectl -n "$NS" get rstore basic -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]; do
  now=$(kubectl -n "$NS" get rstore basic --no-headers 2>/dev/null || true)
  if [ "$now" != "$last" ]; then log "  $now"; last=$now; fi
  if (( SECONDS >= deadline )); then
    kubectl -n "$NS" get rstore,pods -o wide >&2 || true
    kubectl -n "$NS" describe rstore basic | tail -n 20 >&2 || true
    die "store basic not Ready within ${TIMEOUT}s (above: its pods and last events)"
  fi
  sleep 2
done
log "store basic is Ready"

kubectl -n "$NS" get rstore basic -o wide
master_ip=$(kubectl -n "$NS" get svc basic-master -o jsonpath='{.spec.clusterIP}')
cat <<EOF

Ready in $((SECONDS - START)) s. To reach it:
  export KUBECONFIG=${KUBECONFIG:-$HOME/.cache/replicated-store/local-cluster/kubeconfig}
  alias kubectl=$BIN/kubectl
  kubectl -n $NS get rstore -w                  # NAME MASTER READY PHASE EPOCH AGE
  PASSWORD=\$(kubectl -n $NS get secret basic-auth -o jsonpath='{.data.password}' | base64 -d)
  # from a pod in the cluster (the data node image has no redis-cli; any Redis client works):
  #   redis-cli -h basic-master.$NS -a "\$PASSWORD" set k v; redis-cli -h basic-replicas.$NS -a "\$PASSWORD" get k
  # from this machine (the local cluster's host reaches ClusterIPs directly):
  redis-cli -h $master_ip -a "\$PASSWORD" --no-auth-warning set greeting hello
  # or through a port-forward, on any cluster:
  kubectl -n $NS port-forward svc/basic-master 6379:6379 & redis-cli -a "\$PASSWORD" --no-auth-warning get greeting
  kubectl -n $NS delete pod \$(kubectl -n $NS get rstore basic -o jsonpath='{.status.master}')   # fail over
Sentinel-aware clients: service rs-operator-sentinel.$OP_NS:26379, master name $NS/basic.
Remove: kubectl delete ns $NS; helm -n $OP_NS uninstall rs-operator; hack/local-cluster.sh down
EOF
