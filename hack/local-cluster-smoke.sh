#!/usr/bin/env bash
# Proves that the cluster of hack/local-cluster.sh works end to end with real pods, in the
# namespace rs-smoke (deleted first and at the end):
#   - a Deployment's busybox pod serves HTTP, and a Service routes to it through kube-proxy
#     (ClusterIP reached from another pod);
#   - cluster DNS from a pod: kubernetes.default.svc.cluster.local, a Service name, and a
#     StatefulSet pod's name under its headless Service (<pod>.<svc>.<ns>.svc.cluster.local,
#     the form data nodes announce themselves by);
#   - `kubectl delete pod` and the controllers recreate it (Deployment: a new pod behind the
#     same Service; StatefulSet: the same name, a new pod, its DNS name follows it);
#   - `kubectl exec` and `kubectl logs` (API server to kubelet);
#   - a pod reaches the API server through the kubernetes Service with its ServiceAccount's
#     token mounted (what the operator's pod needs); this host reaches ClusterIPs and DNS;
#   - a claim on the default StorageClass binds, a non-root pod writes to it, and the volume is
#     emptied and Available again once the claim is deleted.
# Prints one line per check and "smoke: N passed, N failed"; exits 1 if any failed.
# Usage: hack/local-cluster.sh up && hack/local-cluster-smoke.sh [--keep]
set -euo pipefail

HACK=$(cd "$(dirname "$0")" && pwd)
eval "$("$HACK/local-cluster.sh" env)"
# shellcheck source=hack/kube-versions.sh
. "$HACK/kube-versions.sh"
KUBECTL=("${KUBE_BIN_DIR:-$HOME/.cache/replicated-store/kube}/k8s/$KUBE_VERSION-linux-amd64/kubectl")
NS=rs-smoke
IMAGE=replicated-store.local/busybox:1.35
keep=${1:-}
passed=0 failed=0

log() { printf '[smoke %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
k() { "${KUBECTL[@]}" -n "$NS" "$@"; }
check() {   # check NAME COMMAND...: one line per check, counted
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then
    echo "PASS $name"; passed=$((passed + 1))
  else
    echo "FAIL $name: $(tail -n 3 <<<"$out" | tr '\n' ' ')"; failed=$((failed + 1))
  fi
}
# in_client CMD: a shell command in the client pod.
in_client() { k exec client -- sh -c "$1"; }
# resolves NAME EXPECTED_IP: busybox's nslookup (its own resolver, /etc/resolv.conf) from the
# client pod. Other busybox applets resolve through static glibc, which cannot in this image.
resolves() {
  local out
  out=$(in_client "nslookup $1") || { echo "$out"; return 1; }
  grep -q "Address: $2\$" <<<"$out" || { echo "$1 resolved to: $(grep Address: <<<"$out" | tr '\n' ' '), not $2"; return 1; }
}
# http_get IP PORT: the body of GET / from the client pod (nc: busybox's wget segfaults here,
# static glibc again).
http_get() { in_client "printf 'GET / HTTP/1.0\r\n\r\n' | nc -w 5 $1 $2 | tail -n 1"; }
serves() {   # serves IP PORT EXPECTED_BODY
  local body
  body=$(http_get "$1" "$2") || return 1
  [ "$body" = "$3" ] || { echo "GET http://$1:$2/ answered '$body', not '$3'"; return 1; }
}
pod_of() { k get pods -l "app=$1" --field-selector=status.phase=Running -o jsonpath='{.items[0].metadata.name}'; }

SECONDS=0
log "importing $IMAGE"
ctr --address "$CONTAINERD_ADDRESS" -n k8s.io images import "$("$HACK/images-busybox.sh")" >/dev/null

if "${KUBECTL[@]}" get namespace "$NS" >/dev/null 2>&1; then
  log "deleting the namespace $NS left from an earlier run"
  "${KUBECTL[@]}" delete namespace "$NS" --timeout=120s >/dev/null
fi
"${KUBECTL[@]}" create namespace "$NS" >/dev/null
# Wait for the namespace's default ServiceAccount: pods are refused without it.
for _ in $(seq 30); do k get serviceaccount default >/dev/null 2>&1 && break; sleep 1; done

# The pods' shell traps TERM so that a delete takes a moment, not the grace period.
k apply -f - >/dev/null <<EOF
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
      - name: web
        image: $IMAGE
        imagePullPolicy: Never
        command: [sh, -c, 'mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www']
        ports: [{containerPort: 8080}]
        readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
        # Guaranteed QoS: CPU quota and memory limit through cgroup v1, oom_score_adj clamped.
        resources:
          requests: {cpu: 50m, memory: 32Mi}
          limits: {cpu: 50m, memory: 32Mi}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 8080}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
      - name: db
        image: $IMAGE
        imagePullPolicy: Never
        command: [sh, -c, 'mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www']
        readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Pod
metadata: {name: writer}
spec:
  restartPolicy: Never
  securityContext: {runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, runAsNonRoot: true}
  volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
  containers:
  - name: writer
    image: $IMAGE
    imagePullPolicy: Never
    command: [sh, -c, 'echo written-by-\$(id -u) > /data/probe && cat /data/probe']
    volumeMounts: [{name: data, mountPath: /data}]
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: client
    image: $IMAGE
    imagePullPolicy: Never
    command: [sh, -c, 'echo client up; trap "exit 0" TERM; while true; do sleep 1; done']
EOF

log "waiting for the pods"
check "Deployment web available" k rollout status deployment/web --timeout=120s
check "StatefulSet db ready" k rollout status statefulset/db --timeout=120s
check "pod client ready" k wait --for=condition=Ready pod/client --timeout=120s

web_ip=$(k get service web -o jsonpath='{.spec.clusterIP}')
web_pod=$(pod_of web)
db_ip=$(k get pod db-0 -o jsonpath='{.status.podIP}')
log "web ClusterIP $web_ip (pod $web_pod), db-0 at $db_ip"

check "a Guaranteed pod (CPU and memory limits) runs" \
  sh -c "test \"\$('${KUBECTL[0]}' -n $NS get pod $web_pod -o jsonpath='{.status.qosClass}')\" = Guaranteed"
check "kubectl logs (API server to kubelet)" sh -c "'${KUBECTL[0]}' -n $NS logs client | grep -qx 'client up'"
check "DNS: kubernetes.default.svc.cluster.local" resolves kubernetes.default.svc.cluster.local 10.96.0.1
check "DNS: web.$NS.svc.cluster.local (Service)" resolves "web.$NS.svc.cluster.local" "$web_ip"
check "DNS: db-0.db.$NS.svc.cluster.local (headless, pod name)" resolves "db-0.db.$NS.svc.cluster.local" "$db_ip"
check "Service web: ClusterIP routes to its pod (kube-proxy)" serves "$web_ip" 80 "$web_pod"
check "pod to pod by the headless name's address" serves "$db_ip" 8080 db-0
# Plain HTTP to the TLS port: Go's TLS server answers that in plain text, proof enough of the
# route to the API server (busybox has no TLS client, and its nc no -z).
check "pod reaches the API server through the kubernetes Service (10.96.0.1:443)" \
  in_client "printf 'GET / HTTP/1.0\r\n\r\n' | nc -w 5 10.96.0.1 443 | grep -q 'HTTP request to an HTTPS server'"
check "pod has its ServiceAccount token and CA" in_client "test -s /var/run/secrets/kubernetes.io/serviceaccount/token -a -s /var/run/secrets/kubernetes.io/serviceaccount/ca.crt"
check "host reaches the Service's ClusterIP" sh -c "curl -fsS -m 5 http://$web_ip/ | grep -qx '$web_pod'"
check "host resolves through the cluster DNS Service" sh -c "busybox nslookup web.$NS.svc.cluster.local 10.96.0.10 | grep -q 'Address: $web_ip\$'"

# Storage: the claim binds when the pod is scheduled (WaitForFirstConsumer).
check "non-root pod wrote to a claim of the default StorageClass" \
  sh -c "'${KUBECTL[0]}' -n $NS wait --for=jsonpath='{.status.phase}'=Succeeded pod/writer --timeout=120s >/dev/null && '${KUBECTL[0]}' -n $NS logs writer | grep -qx written-by-1000"
pv=$(k get pvc data -o jsonpath='{.spec.volumeName}')
k delete pod writer --timeout=60s >/dev/null
k delete pvc data --timeout=60s >/dev/null
check "volume $pv emptied and Available again after its claim went" \
  "${KUBECTL[@]}" wait --for=jsonpath='{.status.phase}'=Available "pv/$pv" --timeout=120s

log "deleting pod $web_pod (the Deployment replaces it) and db-0 (the StatefulSet recreates it)"
db_uid=$(k get pod db-0 -o jsonpath='{.metadata.uid}')
k delete pod "$web_pod" db-0 --timeout=60s >/dev/null
check "Deployment web available again" k rollout status deployment/web --timeout=120s
check "StatefulSet db ready again" \
  sh -c "'${KUBECTL[0]}' -n $NS wait --for=create pod/db-0 --timeout=60s && '${KUBECTL[0]}' -n $NS wait --for=condition=Ready pod/db-0 --timeout=120s"
new_web_pod=$(pod_of web)
new_db_ip=$(k get pod db-0 -o jsonpath='{.status.podIP}')
check "Deployment made a new pod ($new_web_pod)" test -n "$new_web_pod" -a "$new_web_pod" != "$web_pod"
check "StatefulSet recreated db-0 (a new pod)" test "$(k get pod db-0 -o jsonpath='{.metadata.uid}')" != "$db_uid"
# The Service's rules follow the new endpoint within a few seconds.
check "Service web routes to the new pod" sh -c "for i in \$(seq 20); do body=\$('${KUBECTL[0]}' -n $NS exec client -- sh -c \"printf 'GET / HTTP/1.0\r\n\r\n' | nc -w 3 $web_ip 80 | tail -n 1\") && [ \"\$body\" = '$new_web_pod' ] && exit 0; sleep 1; done; echo \"last answer: \$body\"; exit 1"
check "DNS: db-0.db.$NS.svc.cluster.local follows the new pod ($new_db_ip)" \
  sh -c "for i in \$(seq 20); do '${KUBECTL[0]}' -n $NS exec client -- nslookup db-0.db.$NS.svc.cluster.local | grep -q 'Address: $new_db_ip\$' && exit 0; sleep 1; done; exit 1"

if [ "$keep" != --keep ]; then
  log "deleting the namespace $NS"
  "${KUBECTL[@]}" delete namespace "$NS" --timeout=120s >/dev/null || log "warning: namespace $NS not deleted within 120s"
fi
log "done in ${SECONDS}s"
echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
