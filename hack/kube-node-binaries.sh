#!/usr/bin/env bash
# Builds the node and control-plane parts that hack/kube-binaries.sh does not: kubelet,
# kube-controller-manager, kube-scheduler and kube-proxy from the same pinned k8s.io/kubernetes
# module (staging modules replaced by their published k8s.io/* versions, as there), CoreDNS
# and crictl (the CRI client: pod sandboxes are removed through it, so CNI tears their
# networks down) from their pinned modules. Caches them in
#
#   ${KUBE_BIN_DIR:-$HOME/.cache/replicated-store/kube}/node/<X.Y.Z>-linux-amd64/
#
# apart from k8s/, which kube-api-test scans for version directories. Idempotent: when every
# binary is there and reports its pinned version, it exits at once. Prints the directory on
# stdout (progress on stderr). Pins: hack/kube-versions.sh. Used by hack/local-cluster.sh.
set -euo pipefail
# shellcheck source=hack/kube-versions.sh
. "$(dirname "$0")/kube-versions.sh"

KUBE_BIN_DIR=${KUBE_BIN_DIR:-$HOME/.cache/replicated-store/kube}
PLATFORM=linux-amd64
DEST="$KUBE_BIN_DIR/node/$KUBE_VERSION-$PLATFORM"
KUBE_CMDS=(kubelet kube-controller-manager kube-scheduler kube-proxy)
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}

log() { printf '[kube-node-binaries %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Each check succeeds only if the binary runs and reports exactly the pinned version. The output
# is taken whole first: `| grep -q` would end the pipe early, and SIGPIPE fail it under pipefail.
reports() { local out; out=$("$@" 2>/dev/null) || return 1; grep -qx -- "$VERSION_LINE" <<<"$out"; }
kube_ok()    { [ -x "$1/$2" ] && VERSION_LINE="Kubernetes v$KUBE_VERSION" reports "$1/$2" --version; }
coredns_ok() { [ -x "$1/coredns" ] && VERSION_LINE="CoreDNS-$COREDNS_VERSION" reports "$1/coredns" -version; }
crictl_ok()  { [ -x "$1/crictl" ] && VERSION_LINE="crictl version v$CRICTL_VERSION" reports "$1/crictl" --version; }
all_ok() {
  local b
  for b in "${KUBE_CMDS[@]}"; do kube_ok "$1" "$b" || return 1; done
  coredns_ok "$1" && crictl_ok "$1"
}

if all_ok "$DEST"; then
  log "already built: $DEST"
  echo "$DEST"
  exit 0
fi

# No Go on the machine: the toolchain hack/kube-binaries.sh fetches (same place, same pin).
if ! "$GO" version >/dev/null 2>&1; then
  GO="$KUBE_BIN_DIR/go/$GO_TOOLCHAIN/bin/go"
  [ -x "$GO" ] || "$(dirname "$0")/kube-binaries.sh" >/dev/null
  [ -x "$GO" ] || die "no Go: hack/kube-binaries.sh should have fetched $GO"
fi
mkdir -p "$KUBE_BIN_DIR/node"

# One build at a time per cache directory (the lock hack/kube-binaries.sh takes too).
exec 9>"$KUBE_BIN_DIR/.lock"
if command -v flock >/dev/null; then
  flock -n 9 || { log "another build holds $KUBE_BIN_DIR/.lock; waiting"; flock 9; }
  if all_ok "$DEST"; then log "built by the other run"; echo "$DEST"; exit 0; fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kube-node-binaries.XXXXXX")
STAGE="$KUBE_BIN_DIR/.stage/node-$KUBE_VERSION-$PLATFORM"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$STAGE"
for b in "${KUBE_CMDS[@]}" coredns crictl; do   # keep what an interrupted run already built
  if [ -x "$DEST/$b" ] && [ ! -e "$STAGE/$b" ]; then cp -p "$DEST/$b" "$STAGE/$b"; fi
done

# Low priority and, by default, one package and one thread at a time: other work shares this
# machine. GOMAXPROCS=2 in the environment halves the cold build on an idle 2-core machine.
export GOMAXPROCS=${GOMAXPROCS:-1}
export CGO_ENABLED=0 GOOS=linux GOARCH=amd64
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-p=$GOMAXPROCS -mod=mod"
RUN=(nice -n 19 "$GO")
log "using $("$GO" version), GOFLAGS='$GOFLAGS', GOPROXY=$("$GO" env GOPROXY)"

# $1 = module path, $2 = version, $3 = Info or GoMod: path of that file in the module cache.
mod_path() {
  (cd "$WORK" && "${RUN[@]}" mod download -json "$1@$2") |
    sed -n "s/^[[:space:]]*\"$3\": \"\(.*\)\",\{0,1\}\$/\1/p"
}

# ---- kubelet, kube-controller-manager, kube-scheduler, kube-proxy ---------------------------
todo=()
for b in "${KUBE_CMDS[@]}"; do kube_ok "$STAGE" "$b" || todo+=("$b"); done
if [ ${#todo[@]} -eq 0 ]; then
  log "kubernetes $KUBE_VERSION node binaries already built"
else
  SECONDS=0
  IFS=. read -r KMAJOR KMINOR _ <<<"$KUBE_VERSION"
  log "kubernetes $KUBE_VERSION: resolving k8s.io/kubernetes@v$KUBE_VERSION"
  d="$WORK/kubernetes"; mkdir -p "$d"
  kmod=$(mod_path k8s.io/kubernetes "v$KUBE_VERSION" GoMod)
  [ -n "$kmod" ] || die "k8s.io/kubernetes@v$KUBE_VERSION did not resolve"
  build_date=$(sed -n 's/.*"Time": *"\([^"]*\)".*/\1/p' "$(mod_path k8s.io/kubernetes "v$KUBE_VERSION" Info)")
  # The same go.mod hack/kube-binaries.sh writes: staging modules (required at v0.0.0 or
  # replaced by ./staging/...) replaced by their published v0.<minor>.<patch>.
  staging=$( { grep -E '^[[:space:]]*k8s\.io/[^ ]+ v0\.0\.0([[:space:]]|$)' "$kmod" | awk '{print $1}'
               grep -E '=>[[:space:]]*\./staging/' "$kmod" | awk '{print $1 == "replace" ? $2 : $1}'; } | sort -u)
  [ -n "$staging" ] || die "no staging modules found in $kmod"
  {
    echo "module local/kubernetes-node-build"
    grep -E '^(go|godebug) ' "$kmod"
    echo "require k8s.io/kubernetes v$KUBE_VERSION"
    echo "replace ("
    for m in $staging; do echo "	$m => $m v0.$KMINOR.${KUBE_VERSION##*.}"; done
    echo ")"
  } >"$d/go.mod"
  {
    printf '//go:build tools\n\npackage tools\n\nimport (\n'
    for b in "${KUBE_CMDS[@]}"; do printf '\t_ "k8s.io/kubernetes/cmd/%s"\n' "$b"; done
    printf ')\n'
  } >"$d/tools.go"
  (cd "$d" && "${RUN[@]}" mod tidy)
  # Build tags and version stamps as in hack/kube-binaries.sh (Kubernetes' hack/lib/*.sh).
  KUBE_TAGS=selinux,notest,grpcnotrace
  ldflags="-s -w"
  for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
    ldflags+=" -X $pkg.gitVersion=v$KUBE_VERSION -X $pkg.gitMajor=$KMAJOR -X $pkg.gitMinor=$KMINOR"
    ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$build_date"
  done
  for b in "${todo[@]}"; do
    log "kubernetes $KUBE_VERSION: building $b"
    (cd "$d" && "${RUN[@]}" build -trimpath -tags "$KUBE_TAGS" -ldflags "$ldflags" -o "$STAGE/$b" "k8s.io/kubernetes/cmd/$b")
    kube_ok "$STAGE" "$b" || die "built $b does not report v$KUBE_VERSION"
  done
  log "kubernetes $KUBE_VERSION: ${todo[*]} done in ${SECONDS}s"
fi

# ---- CoreDNS ---------------------------------------------------------------------------------
if coredns_ok "$STAGE"; then
  log "coredns $COREDNS_VERSION already built"
else
  SECONDS=0
  # Its own go.mod as released (it has no replace directives, so `go install m@v` works); the
  # default plugin set, which includes kubernetes, forward, cache, hosts and errors.
  log "coredns $COREDNS_VERSION: building github.com/coredns/coredns"
  (cd "$WORK" && GOFLAGS=-p=$GOMAXPROCS GOBIN="$STAGE" "${RUN[@]}" install -trimpath -ldflags "-s -w" \
     "github.com/coredns/coredns@v$COREDNS_VERSION")
  coredns_ok "$STAGE" || die "built coredns does not report $COREDNS_VERSION"
  log "coredns $COREDNS_VERSION: done in ${SECONDS}s"
fi

# ---- crictl ----------------------------------------------------------------------------------
if crictl_ok "$STAGE"; then
  log "crictl $CRICTL_VERSION already built"
else
  SECONDS=0
  log "crictl $CRICTL_VERSION: building sigs.k8s.io/cri-tools/cmd/crictl"
  (cd "$WORK" && GOFLAGS=-p=$GOMAXPROCS GOBIN="$STAGE" "${RUN[@]}" install -trimpath \
     -ldflags "-s -w -X sigs.k8s.io/cri-tools/pkg/version.Version=v$CRICTL_VERSION" \
     "sigs.k8s.io/cri-tools/cmd/crictl@v$CRICTL_VERSION")
  crictl_ok "$STAGE" || die "built crictl does not report v$CRICTL_VERSION"
  log "crictl $CRICTL_VERSION: done in ${SECONDS}s"
fi

rm -rf "$DEST"
mv "$STAGE" "$DEST"
rmdir "$KUBE_BIN_DIR/.stage" 2>/dev/null || true
all_ok "$DEST" || die "installed binaries in $DEST do not check out"
log "installed $(du -sh "$DEST" | cut -f1) in $DEST"
echo "$DEST"
