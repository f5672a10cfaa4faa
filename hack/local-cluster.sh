#!/usr/bin/env bash
# A real single-node Kubernetes cluster on this machine, from real parts, for end-to-end tests:
#
#   etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kube-proxy, CoreDNS
#     built from pinned Go modules (hack/kube-binaries.sh, hack/kube-node-binaries.sh)
#   containerd 1.6, runc 1.1, CNI plugins 1.1 (bridge, host-local, portmap, loopback)
#     from Debian's packages (installed here when missing; no service is started by apt)
#
#   hack/local-cluster.sh up        start (or finish starting) the cluster; idempotent
#   hack/local-cluster.sh down      stop what `up` started, tear down pods, mounts, network
#   hack/local-cluster.sh down --purge   also delete the state dir (certificates, logs)
#   hack/local-cluster.sh status    which processes run
#   hack/local-cluster.sh env       print `export KUBECONFIG=...` and CONTAINERD_ADDRESS=...
#
# Needs root, cgroup v1 controllers (cpu, cpuacct, cpuset, memory, pids) mounted under
# /sys/fs/cgroup, overlayfs, bridge/veth/br_netfilter/iptables in the kernel, and free ports
# 6443, 12379-12380, 10248-10259, 18080, 18181 and 53 on 10.88.0.1. Everything lives in $LOCAL_CLUSTER_DIR
# (default ~/.cache/replicated-store/local-cluster): pki/, logs/, pid files, etcd data,
# containerd's and the kubelet's directories. Details and timings: hack/README.md.
#
# Choices, briefly (the why is beside the code):
# - Kubernetes 1.36.3, the version the operator's tests pin. Its kubelet still runs on cgroup v1
#   when told (failCgroupV1: false) and still works with containerd 1.6: it asks the runtime
#   for the cgroup driver (RuntimeConfig, containerd 2.x) and falls back to its own
#   cgroupDriver when the runtime lacks the call (1.37 drops that fallback, see
#   getCgroupDriverFromCRI in cmd/kubelet/app/server.go).
# - Certificates: one CA (openssl), a certificate per component with its standard identity:
#   the kubelet is system:node:<node> under the Node authorizer, controller-manager, scheduler
#   and kube-proxy their system:* users with the bootstrap RBAC roles, kubectl admin is in
#   system:masters. etcd listens on loopback without TLS (a local test cluster).
# - Pod network: a bridge (cni-rs0, 10.88.0.1/16) with host-local IPAM; no masquerading to the
#   outside: pods reach each other, Services and this host, nothing beyond it.
# - Services: kube-proxy in iptables mode. DNS: CoreDNS as a host process on 10.88.0.1:53,
#   behind the Service kube-system/kube-dns (10.96.0.10, the kubelet's clusterDNS) whose
#   EndpointSlice points at it, as a cluster's DNS Service would point at its pods.
# - Images: nothing can be pulled. The sandbox image replicated-store.local/pause:3.10 is
#   built and imported by `up`; import others with
#     ctr --address "$CONTAINERD_ADDRESS" -n k8s.io images import IMAGE.tar
#   and use them with imagePullPolicy IfNotPresent or Never.
# - Storage: a default StorageClass "local" over a pool of hostPath volumes, emptied for reuse.
# - containerd clamps oom_score_adj: processes here lack CAP_SYS_RESOURCE (see its config).
set -euo pipefail

HACK=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=hack/kube-versions.sh
. "$HACK/kube-versions.sh"

STATE=${LOCAL_CLUSTER_DIR:-$HOME/.cache/replicated-store/local-cluster}
KUBE_BIN_DIR=${KUBE_BIN_DIR:-$HOME/.cache/replicated-store/kube}
BIN_CP="$KUBE_BIN_DIR/k8s/$KUBE_VERSION-linux-amd64"     # etcd, kube-apiserver, kubectl
BIN_NODE="$KUBE_BIN_DIR/node/$KUBE_VERSION-linux-amd64"  # kubelet, controller-manager, ...
NODE_NAME=${LOCAL_CLUSTER_NODE:-rs-node}
API_PORT=6443
ETCD_PORT=12379          # not 2379: tests here may run their own etcd
GATEWAY=10.88.0.1        # the bridge's address: node IP, API server endpoint, CoreDNS
POD_CIDR=10.88.0.0/16
SERVICE_CIDR=10.96.0.0/16
API_SERVICE_IP=10.96.0.1
DNS_SERVICE_IP=10.96.0.10
BRIDGE=cni-rs0
SANDBOX_IMAGE=replicated-store.local/pause:3.10
BUSYBOX_IMAGE=replicated-store.local/busybox:1.35   # the smoke test's
# The default address, so `ctr` and `crictl` find it without flags. dockerd's own containerd
# uses /run/docker/containerd/, so the two can run side by side.
CONTAINERD_ADDRESS=${CONTAINERD_ADDRESS:-/run/containerd/containerd.sock}
KUBECONFIG_PATH="$STATE/kubeconfig"

PKI="$STATE/pki" LOGS="$STATE/logs" PIDS="$STATE/pids"
KUBECTL=("$BIN_CP/kubectl" --kubeconfig "$KUBECONFIG_PATH")
CRICTL=("$BIN_NODE/crictl" --runtime-endpoint "unix://$CONTAINERD_ADDRESS" --timeout 20s)

log() { printf '[local-cluster %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# wait_for SECONDS WHAT COMMAND...: runs COMMAND every second until it succeeds; after SECONDS
# fails naming WHAT, the command's last output and where the logs are.
wait_for() {
  local timeout=$1 what=$2 start=$SECONDS out
  shift 2
  until out=$("$@" 2>&1); do
    if (( SECONDS - start >= timeout )); then
      die "timed out after ${timeout}s waiting for $what; last: $(tail -n 3 <<<"$out" | tr '\n' ' ')(logs: $LOGS/)"
    fi
    sleep 1
  done
  log "$what: ok after $((SECONDS - start))s"
}

# put FILE: writes stdin to FILE only if that changes it, atomically. kube-proxy exits when
# its config file is written, and containerd reloads CNI configs on any write, so a running
# cluster's files are left alone when `up` runs again.
put() {
  cat >"$1.new"
  if cmp -s "$1.new" "$1"; then rm -f "$1.new"; else mv "$1.new" "$1"; fi
}

# ---- processes -----------------------------------------------------------------------------
# A process of ours: its pid file names a live process running the binary we started.
running() {
  local pid
  pid=$(cat "$PIDS/$1.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ -d "/proc/$pid" ] && [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$(cat "$PIDS/$1.exe" 2>/dev/null)" ]
}

# fingerprint ARGS...: the arguments, and the content of those that name files (configs,
# kubeconfigs): what a running process was started with.
fingerprint() {
  local a
  for a in "$@"; do
    printf '%s\n' "$a"
    if [ -f "$a" ]; then sha256sum <"$a"; fi
  done | sha256sum | cut -d' ' -f1
}

# start NAME BINARY ARGS...: in the background, in its own session (so a terminal's signals do
# not reach it), output to logs/NAME.log. A no-op when it runs already with the same binary,
# arguments and config files; restarted when they changed (so `up` converges).
start() {
  local name=$1 bin=$2 fp
  shift 2
  fp=$(fingerprint "$(readlink -f "$bin")" "$@")
  if running "$name"; then
    if [ "$(cat "$PIDS/$name.fingerprint" 2>/dev/null)" = "$fp" ]; then
      log "$name: running (pid $(cat "$PIDS/$name.pid"))"; return
    fi
    log "$name: its binary, arguments or config changed; restarting"
    stop "$name"
  fi
  mkdir -p "$PIDS" "$LOGS"
  echo "$fp" >"$PIDS/$name.fingerprint"
  readlink -f "$bin" >"$PIDS/$name.exe"
  # 8>&-: not the up/down lock's descriptor, or every part (and containerd's shims) would hold
  # the lock for as long as it runs, and the next up or down would wait for it in vain.
  setsid "$bin" "$@" >>"$LOGS/$name.log" 2>&1 </dev/null 8>&- &
  echo $! >"$PIDS/$name.pid"
  sleep 0.5
  running "$name" || die "$name exited at once; see $LOGS/$name.log: $(tail -n 5 "$LOGS/$name.log")"
  log "$name: started (pid $(cat "$PIDS/$name.pid"), log $LOGS/$name.log)"
}

# stop NAME...: SIGTERM to each, together; SIGKILL to any still there after 20 s. Only the
# pids from our pid files, never by name.
stop() {
  local name pid i n pids=() names=()
  for name in "$@"; do
    if running "$name"; then
      pid=$(cat "$PIDS/$name.pid")
      kill -TERM "$pid" 2>/dev/null || true
      # The reclaimer's kubectl and loop are its children, in its process group (setsid).
      [ "$name" != volume-reclaimer ] || kill -TERM -- "-$pid" 2>/dev/null || true
      pids+=("$pid") names+=("$name")
    fi
    rm -f "$PIDS/$name.pid" "$PIDS/$name.exe" "$PIDS/$name.fingerprint"
  done
  for i in "${!pids[@]}"; do
    pid=${pids[$i]}
    for ((n = 0; n < 200; n++)); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    if [ -d "/proc/$pid" ]; then log "${names[$i]}: still running after 20s, SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; sleep 0.5; fi
    log "${names[$i]}: stopped (pid $pid)"
  done
}

# ---- prerequisites -------------------------------------------------------------------------
check_host() {
  [ "$(id -u)" -eq 0 ] || die "needs root (containers, mounts, iptables, a bridge)"
  local c
  # cgroup v1 (this machine) or a unified v2 hierarchy; only v1 has been tried.
  if [ ! -e /sys/fs/cgroup/cgroup.controllers ]; then
    for c in cpu cpuacct cpuset memory pids; do
      grep -qw "$c" /proc/self/cgroup || die "cgroup v1 controller $c is not mounted (the kubelet needs it)"
    done
  fi
  grep -qw overlay /proc/filesystems || die "no overlayfs in this kernel (containerd's snapshotter)"
}

# Debian's packages; apt must not start containerd as a service (we start our own with our
# config), so a policy-rc.d that refuses service starts is put in place for the install,
# unless the machine has one already.
install_packages() {
  local need=() policy=/usr/sbin/policy-rc.d created=no
  command -v containerd >/dev/null || need+=(containerd)
  command -v runc >/dev/null || need+=(runc)
  [ -x /usr/lib/cni/bridge ] || need+=(containernetworking-plugins)
  command -v iptables >/dev/null || need+=(iptables)
  command -v conntrack >/dev/null || need+=(conntrack)    # kube-proxy clears UDP entries with it
  command -v openssl >/dev/null || need+=(openssl)
  command -v curl >/dev/null || need+=(curl)
  command -v gcc >/dev/null || need+=(gcc libc6-dev)     # the pause image
  [ -x /bin/busybox ] || need+=(busybox-static)           # the smoke test's image
  [ ${#need[@]} -eq 0 ] && return
  log "installing Debian packages: ${need[*]}"
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; created=yes
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT   # also when interrupted
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null ||
    die "apt-get install ${need[*]} failed"
  if [ $created = yes ]; then rm -f "$policy"; trap - EXIT; fi
}

check_versions() {
  local c r
  c=$(containerd --version) r=$(runc --version)
  [[ $c == *" 1.6."* ]] || log "warning: tested with containerd 1.6.20, this is: $c"
  [[ ${r%%$'\n'*} == "runc version 1.1."* ]] || log "warning: tested with runc 1.1.5, this is: ${r%%$'\n'*}"
}

# ---- certificates ----------------------------------------------------------------------------
# cert NAME CN O SANS USAGE [CA]: an EC P-256 key and a certificate signed by CA (default ca),
# kept if present.
cert() {
  local name=$1 cn=$2 org=$3 sans=$4 usage=$5 ca=${6:-ca} subj ext
  [ -s "$PKI/$name.crt" ] && [ -s "$PKI/$name.key" ] && return
  subj="/CN=$cn"; [ -z "$org" ] || subj="/O=$org$subj"
  ext="$PKI/$name.ext"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$usage"
    [ -z "$sans" ] || echo "subjectAltName=$sans"
  } >"$ext"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$PKI/$name.key" \
    -subj "$subj" -out "$PKI/$name.csr" 2>/dev/null
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/$ca.crt" -CAkey "$PKI/$ca.key" -CAcreateserial \
    -days 3650 -extfile "$ext" -out "$PKI/$name.crt" 2>/dev/null
  rm -f "$PKI/$name.csr" "$ext"
}

# kubeconfig FILE CERT_NAME: a kubeconfig for a component, by certificate.
kubeconfig() {
  put "$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority: $PKI/ca.crt
users:
- name: $2
  user:
    client-certificate: $PKI/$2.crt
    client-key: $PKI/$2.key
contexts:
- name: local
  context: {cluster: local, user: $2}
current-context: local
EOF
}

make_pki() {
  mkdir -p "$PKI"
  chmod 700 "$PKI"
  local ca
  # The cluster's CA, and the front proxy's (request-header authentication of aggregated
  # APIs; without it the controllers log a missing client-ca bundle twice a minute).
  for ca in ca front-proxy-ca; do
    if [ ! -s "$PKI/$ca.crt" ]; then
      log "generating $ca and certificates in $PKI"
      openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
        -keyout "$PKI/$ca.key" -out "$PKI/$ca.crt" -subj "/CN=replicated-store-local-$ca" 2>/dev/null
    fi
  done
  cert front-proxy-client front-proxy-client "" "" clientAuth front-proxy-ca
  cert apiserver kube-apiserver "" \
    "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost,IP:127.0.0.1,IP:$API_SERVICE_IP,IP:$GATEWAY" serverAuth
  cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters "" clientAuth
  cert admin admin system:masters "" clientAuth
  cert controller-manager system:kube-controller-manager "" "" clientAuth
  cert scheduler system:kube-scheduler "" "" clientAuth
  cert kube-proxy system:kube-proxy "" "" clientAuth
  cert kubelet "system:node:$NODE_NAME" system:nodes "" clientAuth
  cert kubelet-serving "$NODE_NAME" "" "DNS:$NODE_NAME,DNS:localhost,IP:$GATEWAY,IP:127.0.0.1" serverAuth
  cert coredns system:coredns "" "" clientAuth
  # Service account tokens: the controller-manager signs with the key, the API server checks.
  if [ ! -s "$PKI/sa.key" ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$PKI/sa.key" 2>/dev/null
    openssl pkey -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
  fi
  kubeconfig "$KUBECONFIG_PATH" admin
  local c
  for c in controller-manager scheduler kube-proxy kubelet coredns; do kubeconfig "$STATE/$c.kubeconfig" "$c"; done
}

# ---- host network ----------------------------------------------------------------------------
# Kernel settings we change are saved once and restored by `down`.
SYSCTLS=(net/ipv4/ip_forward net/bridge/bridge-nf-call-iptables net/ipv4/conf/all/route_localnet)
set_sysctls() {
  local s
  if [ ! -s "$STATE/sysctl.orig" ]; then
    for s in "${SYSCTLS[@]}"; do echo "$s $(cat "/proc/sys/$s")"; done >"$STATE/sysctl.orig"
  fi
  echo 1 >/proc/sys/net/ipv4/ip_forward                  # pod <-> Service <-> host routing
  echo 1 >/proc/sys/net/bridge/bridge-nf-call-iptables   # kube-proxy's NAT for pod-to-pod over the bridge
}
restore_sysctls() {
  local s v
  [ -s "$STATE/sysctl.orig" ] || return 0
  while read -r s v; do echo "$v" >"/proc/sys/$s" || true; done <"$STATE/sysctl.orig"
  rm -f "$STATE/sysctl.orig"
}

# The bridge exists before any pod so the API server can advertise, and CoreDNS bind to, its
# address; the CNI bridge plugin then finds it with that address and uses it.
make_network() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    log "network: created bridge $BRIDGE"
  fi
  # The output is taken whole first: `| grep -q` ends the pipe early and, under pipefail, SIGPIPE
  # would make an assigned address look absent.
  grep -q "inet $GATEWAY/16" <<<"$(ip addr show dev "$BRIDGE")" || ip addr add "$GATEWAY/16" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  mkdir -p "$STATE/cni/net.d" "$STATE/cni/ipam"
  # containerd runs the loopback plugin for every pod by itself; the list is the pod network.
  put "$STATE/cni/net.d/10-rs-pods.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "rs-pods",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$BRIDGE",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$STATE/cni/ipam",
        "ranges": [[{"subnet": "$POD_CIDR", "gateway": "$GATEWAY"}]],
        "routes": [{"dst": "0.0.0.0/0"}]
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
EOF
}

# ---- components --------------------------------------------------------------------------------
start_etcd() {
  start etcd "$BIN_CP/etcd" --name local --data-dir "$STATE/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$((ETCD_PORT + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((ETCD_PORT + 1))" \
    --initial-cluster "local=http://127.0.0.1:$((ETCD_PORT + 1))" --listen-metrics-urls "" \
    --quota-backend-bytes 2147483648 --unsafe-no-fsync   # a throwaway cluster: speed over durability
  wait_for 60 "etcd health" curl -fsS "http://127.0.0.1:$ETCD_PORT/health"
}

start_apiserver() {
  start kube-apiserver "$BIN_CP/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address 0.0.0.0 --secure-port "$API_PORT" --advertise-address "$GATEWAY" \
    --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
    --client-ca-file "$PKI/ca.crt" \
    --kubelet-client-certificate "$PKI/apiserver-kubelet-client.crt" --kubelet-client-key "$PKI/apiserver-kubelet-client.key" \
    --kubelet-certificate-authority "$PKI/ca.crt" --kubelet-preferred-address-types InternalIP \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
    --service-cluster-ip-range "$SERVICE_CIDR" \
    --requestheader-client-ca-file "$PKI/front-proxy-ca.crt" --requestheader-allowed-names front-proxy-client \
    --requestheader-username-headers X-Remote-User --requestheader-group-headers X-Remote-Group \
    --requestheader-extra-headers-prefix X-Remote-Extra- \
    --proxy-client-cert-file "$PKI/front-proxy-client.crt" --proxy-client-key-file "$PKI/front-proxy-client.key" \
    --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction \
    --allow-privileged=true --profiling=false
  wait_for 120 "kube-apiserver /readyz" "${KUBECTL[@]}" get --raw /readyz
}

# import_image NAME ARCHIVE: into containerd's k8s.io namespace (the CRI's), unless there.
import_image() {
  local have
  have=$(ctr --address "$CONTAINERD_ADDRESS" -n k8s.io images check "name==$1" 2>/dev/null || true)
  if ! grep -q complete <<<"$have"; then
    ctr --address "$CONTAINERD_ADDRESS" -n k8s.io images import "$2" >/dev/null
    log "containerd: imported $1"
  fi
}

start_containerd() {
  local d="$STATE/containerd"
  mkdir -p "$d" "$(dirname "$CONTAINERD_ADDRESS")"
  if ! running containerd && [ -S "$CONTAINERD_ADDRESS" ] && timeout 5 ctr --address "$CONTAINERD_ADDRESS" version >/dev/null 2>&1; then
    die "another containerd already serves $CONTAINERD_ADDRESS (not started by this script); stop it or set CONTAINERD_ADDRESS"
  fi
  # cgroupfs driver (no systemd here); Debian's runc and CNI plugins; the local pause image.
  put "$d/config.toml" <<EOF
version = 2
root = "$d/root"
state = "$d/state"
[grpc]
  address = "$CONTAINERD_ADDRESS"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$SANDBOX_IMAGE"
  # Pods' network namespaces under our state dir, not /run/netns, so that down finds every one.
  netns_mounts_under_state_dir = true
  # This sandbox lacks CAP_SYS_RESOURCE, so no process may lower its oom_score_adj: runc fails
  # a pause container's -998 ("can't get final child's PID from pipe"). Clamp pods' values to
  # containerd's own instead (the option exists for rootless containerd).
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        BinaryName = "$(command -v runc)"
        Root = "$d/runc"
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$STATE/cni/net.d"
EOF
  start containerd "$(command -v containerd)" --config "$d/config.toml"
  wait_for 60 "containerd CRI" "${CRICTL[@]}" info
  import_image "$SANDBOX_IMAGE" "$("$HACK/images-pause.sh")"
  import_image "$BUSYBOX_IMAGE" "$("$HACK/images-busybox.sh")"
}

# Storage: a default StorageClass "local" and a pool of hostPath PersistentVolumes, one
# directory each under volumes/, mode 0777 (hostPath ignores fsGroup, and data nodes run as
# non-root). A released volume is emptied and made Available again by reclaim_volumes, a
# process `up` starts beside the others. Not the controller-manager's Recycle: it runs a pod
# named after the volume, and when a volume is released again before the last such pod is gone
# (claims deleted and made in quick succession, as tests do), it fails the volume for good
# ("old recycler pod found"). Nor its hostPath provisioner: its directories are root-owned
# 0750, unwritable by a non-root data node.
VOLUMES=${LOCAL_CLUSTER_VOLUMES:-12}
make_volumes() {
  local i name
  {
    cat <<EOF
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
EOF
    for ((i = 1; i <= VOLUMES; i++)); do
      name=$(printf 'local-pv-%02d' "$i")
      mkdir -p "$STATE/volumes/$name"
      chmod 0777 "$STATE/volumes/$name"
      cat <<EOF
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: $name}
spec:
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: local
  hostPath: {path: $STATE/volumes/$name, type: Directory}
EOF
    done
  } | "${KUBECTL[@]}" apply -f - >/dev/null
  log "storage: default StorageClass local, $VOLUMES hostPath volumes of 10Gi in $STATE/volumes"
  start volume-reclaimer /bin/bash "$HACK/local-cluster.sh" reclaim-volumes
}

# reclaim_volumes: for ever, watches the PersistentVolumes; one of ours that is Released (its
# claim deleted) or Failed is emptied and its claimRef removed, which makes it Available.
# kubectl's watch lists every volume first, so volumes released while this was not running
# are reclaimed too. A watch event may be stale (one release can show up twice, and the volume
# be bound anew in between), so each is checked against the volume as it is now, and the
# claimRef is removed only if it still names the claim seen then: while it does, no new claim
# can bind the volume, so emptying it cannot touch a new claim's data. Runs in its own process
# group, which `stop` ends as a whole.
reclaim_volumes() {
  local name path now phase uid
  while true; do
    "${KUBECTL[@]}" get pv --watch --request-timeout=0 \
      -o jsonpath='{.metadata.name}{" "}{.status.phase}{" "}{.spec.hostPath.path}{"\n"}' |
      while read -r name phase path; do
        case $phase in Released|Failed) ;; *) continue ;; esac
        [[ $path == "$STATE/volumes/"* ]] || continue
        now=$("${KUBECTL[@]}" get pv "$name" -o jsonpath='{.status.phase} {.spec.claimRef.uid}' 2>/dev/null) || continue
        read -r phase uid <<<"$now"
        case $phase in Released|Failed) ;; *) continue ;; esac
        [ -n "$uid" ] || continue
        find "$path" -mindepth 1 -delete || log "warning: could not empty all of $path"
        if "${KUBECTL[@]}" patch pv "$name" --type json -p \
          "[{\"op\":\"test\",\"path\":\"/spec/claimRef/uid\",\"value\":\"$uid\"},{\"op\":\"remove\",\"path\":\"/spec/claimRef\"}]" >/dev/null; then
          log "volume $name ($phase): emptied, Available again"
        fi
      done || true   # (errexit would end the loop with the watch)
    sleep 1   # the watch ended (API server restarted, say): watch again
  done
}

start_controllers() {
  start kube-controller-manager "$BIN_NODE/kube-controller-manager" \
    --kubeconfig "$STATE/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$STATE/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$STATE/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false \
    --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
    --use-service-account-credentials=true --service-cluster-ip-range "$SERVICE_CIDR" \
    --cluster-signing-cert-file "$PKI/ca.crt" --cluster-signing-key-file "$PKI/ca.key"
  start kube-scheduler "$BIN_NODE/kube-scheduler" \
    --kubeconfig "$STATE/scheduler.kubeconfig" \
    --authentication-kubeconfig "$STATE/scheduler.kubeconfig" \
    --authorization-kubeconfig "$STATE/scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false
  wait_for 60 "kube-controller-manager /healthz" curl -fsSk https://127.0.0.1:10257/healthz
  wait_for 60 "kube-scheduler /healthz" curl -fsSk https://127.0.0.1:10259/healthz
}

# CoreDNS reads Services, EndpointSlices, Pods and Namespaces (kubernetes plugin) as
# system:coredns, and answers cluster names only: nothing is forwarded off this machine.
start_coredns() {
  "${KUBECTL[@]}" apply -f - >/dev/null <<EOF
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:coredns"}
rules:
- apiGroups: [""]
  resources: [endpoints, services, pods, namespaces]
  verbs: [list, watch]
- apiGroups: [discovery.k8s.io]
  resources: [endpointslices]
  verbs: [list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "system:coredns"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:coredns"}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: "system:coredns"}
---
apiVersion: v1
kind: Service
metadata:
  name: kube-dns
  namespace: kube-system
  labels: {k8s-app: kube-dns}
spec:
  clusterIP: $DNS_SERVICE_IP
  ports:
  - {name: dns, port: 53, protocol: UDP, targetPort: 53}
  - {name: dns-tcp, port: 53, protocol: TCP, targetPort: 53}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: kube-dns-host
  namespace: kube-system
  labels: {kubernetes.io/service-name: kube-dns, endpointslice.kubernetes.io/managed-by: local-cluster.sh}
addressType: IPv4
ports:
- {name: dns, port: 53, protocol: UDP}
- {name: dns-tcp, port: 53, protocol: TCP}
endpoints:
- addresses: ["$GATEWAY"]
  conditions: {ready: true}
EOF
  put "$STATE/Corefile" <<EOF
.:53 {
    bind $GATEWAY
    errors
    health 127.0.0.1:18080
    ready 127.0.0.1:18181
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig $STATE/coredns.kubeconfig local
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
    }
    cache 5
}
EOF
  start coredns "$BIN_NODE/coredns" -conf "$STATE/Corefile"
  wait_for 60 "CoreDNS ready (synced with the API server)" curl -fsS http://127.0.0.1:18181/ready
}

start_kubelet() {
  mkdir -p "$STATE/kubelet" "$STATE/pod-logs"
  : | put "$STATE/resolv.conf"   # no host resolver passed to pods: cluster DNS only
  put "$STATE/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
# This machine has cgroup v1 only; 1.35+ refuses it unless told otherwise.
failCgroupV1: false
cgroupDriver: cgroupfs          # no systemd here; containerd 1.6 cannot report its driver
containerRuntimeEndpoint: unix://$CONTAINERD_ADDRESS
address: $GATEWAY
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
tlsCertFile: $PKI/kubelet-serving.crt
tlsPrivateKeyFile: $PKI/kubelet-serving.key
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization: {mode: Webhook}
clusterDomain: cluster.local
clusterDNS: [$DNS_SERVICE_IP]
resolvConf: $STATE/resolv.conf
podLogsDir: $STATE/pod-logs
failSwapOn: false
rotateCertificates: false
serializeImagePulls: false
# A shared development disk: do not evict pods or delete images because it is 80% full.
evictionHard: {memory.available: 100Mi, nodefs.available: 1%, imagefs.available: 1%, nodefs.inodesFree: 1%}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
EOF
  start kubelet "$BIN_NODE/kubelet" --config "$STATE/kubelet.yaml" \
    --kubeconfig "$STATE/kubelet.kubeconfig" --root-dir "$STATE/kubelet" \
    --hostname-override "$NODE_NAME" --node-ip "$GATEWAY"
  wait_for 60 "kubelet /healthz" curl -fsS http://127.0.0.1:10248/healthz
  wait_for 120 "node $NODE_NAME Ready" "${KUBECTL[@]}" wait --for=condition=Ready "node/$NODE_NAME" --timeout=5s
}

start_kube_proxy() {
  put "$STATE/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
clientConnection: {kubeconfig: $STATE/kube-proxy.kubeconfig}
hostnameOverride: $NODE_NAME
clusterCIDR: $POD_CIDR
bindAddress: 127.0.0.1
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
# Leave the host's conntrack table size alone, and NodePorts off 127.0.0.1 (that would set
# route_localnet for the whole host).
conntrack: {maxPerCore: 0}
iptables: {localhostNodePorts: false}
EOF
  start kube-proxy "$BIN_NODE/kube-proxy" --config "$STATE/kube-proxy.yaml"
  wait_for 60 "kube-proxy /healthz" curl -fsS http://127.0.0.1:10256/healthz
  wait_for 60 "kube-proxy rules for the kubernetes Service" iptables -t nat -n -L KUBE-SERVICES
}

# Host paths the parts write to whatever their configuration (kubelet: device plugins and
# the container log links; containerd 1.6: shim sockets; CNI: its result cache). Those that
# did not exist before `up` are listed, and `down` removes them again if empty.
HOST_DIRS=(/var/lib/kubelet/device-plugins /var/lib/kubelet /var/log/containers
           /run/containerd/s /run/containerd /var/lib/cni/results /var/lib/cni)
note_host_dirs() {
  local d
  for d in "${HOST_DIRS[@]}"; do
    [ -e "$d" ] || grep -qxF "$d" "$STATE/created-dirs" 2>/dev/null || echo "$d" >>"$STATE/created-dirs"
  done
}

up() {
  SECONDS=0
  local t0=$SECONDS
  check_host
  install_packages
  check_versions
  log "binaries: $BIN_CP, $BIN_NODE (built once, cached)"
  "$HACK/kube-binaries.sh" >/dev/null
  "$HACK/kube-node-binaries.sh" >/dev/null
  mkdir -p "$STATE" "$LOGS" "$PIDS"
  note_host_dirs
  make_pki
  set_sysctls
  make_network
  start_etcd
  start_apiserver
  start_containerd
  start_controllers
  start_coredns
  start_kubelet
  start_kube_proxy
  make_volumes
  wait_for 60 "ServiceAccount default/default" "${KUBECTL[@]}" -n default get serviceaccount default
  log "cluster up in $((SECONDS - t0))s; node $NODE_NAME, kubeconfig $KUBECONFIG_PATH"
  env_lines
}

env_lines() {
  echo "export KUBECONFIG=$KUBECONFIG_PATH"
  echo "export CONTAINERD_ADDRESS=$CONTAINERD_ADDRESS"
}

# ---- down ----------------------------------------------------------------------------------------
unmount_under() {
  local m
  # Deepest first; lazily, as a last resort, so that a busy mount cannot stop the cleanup.
  findmnt -rn -o TARGET | awk -v p="$1/" 'index($0, p) == 1' | sort -r | while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || log "warning: could not unmount $m"
  done
}

# Whatever outlived containerd: container processes in the pods' cgroups (only ours are
# under kubepods), then shims of our containerd (they name its address on their command line;
# a containerd killed mid-operation leaves them).
kill_leftovers() {
  local pids p
  pids=$(find /sys/fs/cgroup/pids/kubepods /sys/fs/cgroup/kubepods -name cgroup.procs -exec cat {} + 2>/dev/null || true)
  if [ -n "$pids" ]; then
    log "killing $(wc -w <<<"$pids") container processes left in kubepods cgroups"
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
  fi
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/exe" 2>/dev/null)" = /usr/bin/containerd-shim-runc-v2 ] || continue
    grep -qxF -- "$CONTAINERD_ADDRESS" < <(tr '\0' '\n' <"$p/cmdline" 2>/dev/null) || continue
    log "killing shim ${p#/proc/} of our containerd"
    kill -KILL "${p#/proc/}" 2>/dev/null || true
  done
  sleep 0.5
}

# Pod cgroups the kubelet made under each controller's kubepods, deepest first; empty by now.
remove_cgroups() {
  local d
  for d in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
    [ -d "$d" ] || continue
    find "$d" -depth -type d -exec rmdir {} + 2>/dev/null || log "warning: could not remove all of $d"
  done
}

# Removes every KUBE-* and CNI-HOSTPORT-* chain and the rules that jump to them, for IPv4 and
# IPv6 (the kubelet makes its chains in both). Nothing else on this machine makes such chains.
remove_chains() {
  local ipt t rule chain
  for ipt in iptables ip6tables; do
    command -v "$ipt" >/dev/null || continue
    for t in filter nat mangle; do
      "$ipt" -w -t "$t" -S >/dev/null 2>&1 || continue
      while read -r rule; do
        eval "$ipt -w -t $t ${rule/#-A /-D }" || true   # -S prints shell-quoted comments
      done < <("$ipt" -w -t "$t" -S | grep -E '^-A ' | grep -vE '^-A (KUBE|CNI-HOSTPORT)-' | grep -E -- '-j (KUBE|CNI-HOSTPORT)-')
      for chain in $("$ipt" -w -t "$t" -S | sed -n 's/^-N \(\(KUBE\|CNI-HOSTPORT\)-[^ ]*\)$/\1/p'); do
        "$ipt" -w -t "$t" -F "$chain"
      done
      for chain in $("$ipt" -w -t "$t" -S | sed -n 's/^-N \(\(KUBE\|CNI-HOSTPORT\)-[^ ]*\)$/\1/p'); do
        "$ipt" -w -t "$t" -X "$chain"
      done
    done
  done
  log "iptables: KUBE-* and CNI-HOSTPORT-* chains removed"
}

down() {
  local purge=${1:-}
  [ "$(id -u)" -eq 0 ] || die "needs root"
  # No new pods once the kubelet and the controllers are gone.
  stop volume-reclaimer kube-scheduler kube-controller-manager kubelet
  # Pod sandboxes through the CRI, so CNI releases their addresses and veths and removes
  # their portmap rules; then any container task left (ctr-run ones included).
  if running containerd; then
    timeout 120 "${CRICTL[@]}" rmp --all --force >/dev/null 2>&1 || log "warning: crictl rmp --all --force failed"
    local t
    for t in $(ctr --address "$CONTAINERD_ADDRESS" -n k8s.io tasks ls -q 2>/dev/null); do
      ctr --address "$CONTAINERD_ADDRESS" -n k8s.io tasks kill -s KILL "$t" >/dev/null 2>&1 || true
    done
  fi
  stop containerd
  kill_leftovers
  stop kube-proxy coredns
  # kube-proxy's own clean-up mode removes the KUBE-* chains and rules it made; the kubelet's
  # (KUBE-FIREWALL, canaries) and the portmap plugin's (CNI-HOSTPORT-*) go after it.
  if [ -x "$BIN_NODE/kube-proxy" ] && iptables -t nat -n -L KUBE-SERVICES >/dev/null 2>&1; then
    "$BIN_NODE/kube-proxy" --cleanup >>"$LOGS/kube-proxy.log" 2>&1 || log "warning: kube-proxy --cleanup failed"
  fi
  remove_chains
  stop kube-apiserver
  stop etcd
  if [ -d "$STATE" ]; then
    # Volumes, rootfs overlays, /dev/shm and the pods' network namespaces (kept under
    # containerd's state dir) of anything crictl could not remove.
    unmount_under "$STATE"
  fi
  if ip link show "$BRIDGE" >/dev/null 2>&1; then ip link delete "$BRIDGE"; log "network: bridge $BRIDGE deleted"; fi
  restore_sysctls
  remove_cgroups
  # libcni's cache of the results of our network (named after it), and the kubelet's links to
  # our pods' logs.
  rm -f /var/lib/cni/results/rs-pods-*
  local link
  for link in /var/log/containers/*.log; do
    [[ $(readlink "$link") != "$STATE"/* ]] || rm -f "$link"
  done
  # Our containerd's sockets, unless some containerd answers there (not ours: ours is stopped).
  if [ -e "$CONTAINERD_ADDRESS" ] && ! timeout 5 ctr --address "$CONTAINERD_ADDRESS" version >/dev/null 2>&1; then
    rm -f "$CONTAINERD_ADDRESS" "$CONTAINERD_ADDRESS.ttrpc"
  fi
  if [ -s "$STATE/created-dirs" ]; then
    while read -r d; do
      # The kubelet leaves its device-plugin registration socket behind.
      [ "$d" != /var/lib/kubelet/device-plugins ] || rm -f "$d/kubelet.sock"
      rmdir "$d" 2>/dev/null || true
    done <"$STATE/created-dirs"
    rm -f "$STATE/created-dirs"
  fi
  # The cluster's data goes; certificates and logs stay unless --purge. Never through a mount
  # that is still there (rm -rf would follow it).
  if findmnt -rn -o TARGET | awk -v p="$STATE/" 'index($0, p) == 1 { found = 1 } END { exit !found }'; then
    log "warning: mounts remain under $STATE (findmnt | grep $STATE); its data is kept"
  else
    rm -rf "$STATE/etcd" "$STATE/containerd" "$STATE/kubelet" "$STATE/cni/ipam" "$STATE/pod-logs" "$STATE/volumes"
    if [ "$purge" = --purge ]; then rm -rf "$STATE"; log "state dir $STATE deleted"; fi
  fi
  check_clean
}

# What `down` must have removed; each leftover is named.
check_clean() {
  local left=() n p
  for n in etcd kube-apiserver containerd kube-controller-manager kube-scheduler coredns kubelet kube-proxy volume-reclaimer; do
    ! running "$n" || left+=("process $n")
  done
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/exe" 2>/dev/null)" = /usr/bin/containerd-shim-runc-v2 ] &&
      grep -qxF -- "$CONTAINERD_ADDRESS" < <(tr '\0' '\n' <"$p/cmdline" 2>/dev/null) && left+=("shim ${p#/proc/}")
  done
  findmnt -rn -o TARGET | awk -v p="$STATE/" 'index($0, p) == 1 { found = 1 } END { exit !found }' && left+=("mounts under $STATE")
  ! ip link show "$BRIDGE" >/dev/null 2>&1 || left+=("bridge $BRIDGE")
  if command -v iptables >/dev/null; then
    for p in iptables ip6tables; do
      for n in filter nat mangle; do
        ! grep -qE '^-N (KUBE|CNI-HOSTPORT)-' <<<"$("$p" -w -t "$n" -S 2>/dev/null)" || left+=("$p $n chains")
      done
    done
  fi
  for p in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do [ ! -d "$p" ] || left+=("cgroup $p"); done
  if [ ${#left[@]} -eq 0 ]; then log "down: nothing of the cluster is left"; else log "down, but left: ${left[*]}"; return 1; fi
}

status() {
  local n rc=0
  for n in etcd kube-apiserver containerd kube-controller-manager kube-scheduler coredns kubelet kube-proxy volume-reclaimer; do
    if running "$n"; then echo "$n: running (pid $(cat "$PIDS/$n.pid"))"; else echo "$n: stopped"; rc=1; fi
  done
  return $rc
}

# One up or down at a time.
lock() {
  mkdir -p "$STATE"
  # .updown.lock, not .lock: parts started before the 8>&- in start() hold .lock open forever.
  exec 8>"$STATE/.updown.lock"
  flock -n 8 || { log "another up or down holds $STATE/.updown.lock; waiting (at most 10 min)"; flock -w 600 8 || die "still locked"; }
}

case ${1:-} in
  up) lock; up ;;
  down) lock; down "${2:-}" ;;
  status) status ;;
  env) env_lines ;;
  reclaim-volumes) reclaim_volumes ;;   # started by up
  *) echo "usage: $0 up | down [--purge] | status | env" >&2; exit 2 ;;
esac
