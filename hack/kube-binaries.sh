#!/usr/bin/env bash
# Builds etcd, kube-apiserver, kubectl and helm from pinned Go modules and caches them in the
# layout fabric8's kube-api-test looks for under $KUBE_API_TEST_DIR (helm rides along):
#
#   ${KUBE_BIN_DIR:-$HOME/.cache/replicated-store/kube}/k8s/<X.Y.Z>-linux-amd64/{etcd,kube-apiserver,kubectl,helm}
#
# Needs Go (the version the pinned Kubernetes asks for) and the Go module proxy; no container
# registry, no GitHub. Idempotent: when the four binaries are there and report the pinned
# versions, it exits at once. See hack/README.md.
set -euo pipefail

# Pins (KUBE_VERSION, ETCD_VERSION, HELM_VERSION, GO_TOOLCHAIN) live in hack/kube-versions.sh.
# shellcheck source=hack/kube-versions.sh
. "$(dirname "$0")/kube-versions.sh"

KUBE_BIN_DIR=${KUBE_BIN_DIR:-$HOME/.cache/replicated-store/kube}
PLATFORM=linux-amd64
DEST="$KUBE_BIN_DIR/k8s/$KUBE_VERSION-$PLATFORM"

GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}

log() { printf '[kube-binaries %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Each check succeeds only if the binary runs and reports exactly the pinned version.
etcd_ok()      { [ -x "$1/etcd" ] && "$1/etcd" --version 2>/dev/null | grep -qx "etcd Version: $ETCD_VERSION"; }
apiserver_ok() { [ -x "$1/kube-apiserver" ] && "$1/kube-apiserver" --version 2>/dev/null | grep -qx "Kubernetes v$KUBE_VERSION"; }
kubectl_ok()   { [ -x "$1/kubectl" ] && "$1/kubectl" version --client 2>/dev/null | grep -qx "Client Version: v$KUBE_VERSION"; }
helm_ok()      { [ -x "$1/helm" ] && [ "$("$1/helm" version --template '{{.Version}}' 2>/dev/null)" = "v$HELM_VERSION" ]; }
all_ok()       { etcd_ok "$1" && apiserver_ok "$1" && kubectl_ok "$1" && helm_ok "$1"; }

report() {
  log "etcd:           $("$DEST/etcd" --version | head -n1)"
  log "kube-apiserver: $("$DEST/kube-apiserver" --version)"
  log "kubectl:        $("$DEST/kubectl" version --client | head -n1)"
  log "helm:           $("$DEST/helm" version --short)"
  log "directory:      $DEST"
  echo "export KUBE_API_TEST_DIR=$KUBE_BIN_DIR"
}

if all_ok "$DEST"; then
  log "already built, nothing to do"
  report
  exit 0
fi

# No Go on the machine: the Go module proxy serves toolchains as the module golang.org/toolchain.
if ! "$GO" version >/dev/null 2>&1; then
  toolchain="$KUBE_BIN_DIR/go/$GO_TOOLCHAIN"
  if [ ! -x "$toolchain/bin/go" ]; then
    proxy=${GOPROXY:-https://proxy.golang.org}; proxy=${proxy%%,*}
    log "no Go here: fetching $GO_TOOLCHAIN from $proxy"
    tmp=$(mktemp -d)
    curl -fsSL "$proxy/golang.org/toolchain/@v/v0.0.1-$GO_TOOLCHAIN.linux-amd64.zip" -o "$tmp/go.zip"
    unzip -q "$tmp/go.zip" -d "$tmp"
    mkdir -p "$(dirname "$toolchain")"
    mv "$tmp/golang.org/toolchain@v0.0.1-$GO_TOOLCHAIN.linux-amd64" "$toolchain"
    rm -rf "$tmp"
  fi
  GO="$toolchain/bin/go"
fi
mkdir -p "$KUBE_BIN_DIR/k8s"

# One build at a time per cache directory.
exec 9>"$KUBE_BIN_DIR/.lock"
if command -v flock >/dev/null; then
  flock -n 9 || { log "another build holds $KUBE_BIN_DIR/.lock; waiting"; flock 9; }
  if all_ok "$DEST"; then log "built by the other run"; report; exit 0; fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kube-binaries.XXXXXX")
# Staged outside k8s/: kube-api-test scans k8s/ for version directories.
STAGE="$KUBE_BIN_DIR/.stage/$KUBE_VERSION-$PLATFORM"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$STAGE"
# Keep whatever already works from an earlier, interrupted run.
for b in etcd kube-apiserver kubectl helm; do
  if [ -x "$DEST/$b" ] && [ ! -e "$STAGE/$b" ]; then cp -p "$DEST/$b" "$STAGE/$b"; fi
done

# Low priority, one package and one thread at a time: other work shares this machine.
export CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOMAXPROCS=1
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-p=1 -mod=mod"
RUN=(nice -n 19 "$GO")
log "using $("$GO" version), GOFLAGS='$GOFLAGS', GOPROXY=$("$GO" env GOPROXY)"

# $1 = module path, $2 = version, $3 = Info or GoMod: downloads the module and prints the path
# of its .info or go.mod file in the module cache.
mod_path() {
  (cd "$WORK" && "${RUN[@]}" mod download -json "$1@$2") |
    sed -n "s/^[[:space:]]*\"$3\": \"\(.*\)\",\{0,1\}\$/\1/p"
}

# ---- etcd --------------------------------------------------------------------------------
if etcd_ok "$STAGE"; then
  log "etcd $ETCD_VERSION already built"
else
  SECONDS=0
  log "etcd $ETCD_VERSION: resolving go.etcd.io/etcd/server/v3@v$ETCD_VERSION"
  d="$WORK/etcd"; mkdir -p "$d"
  emod=$(mod_path go.etcd.io/etcd/server/v3 "v$ETCD_VERSION" GoMod)
  [ -n "$emod" ] || die "go.etcd.io/etcd/server/v3@v$ETCD_VERSION did not resolve"
  {
    echo "module local/etcd-build"
    grep -E '^go [0-9.]+$' "$emod"
    echo "require go.etcd.io/etcd/server/v3 v$ETCD_VERSION"
  } >"$d/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "go.etcd.io/etcd/server/v3"\n' >"$d/tools.go"
  (cd "$d" && "${RUN[@]}" mod tidy)
  log "etcd $ETCD_VERSION: building"
  (cd "$d" && "${RUN[@]}" build -trimpath -ldflags "-s -w" -o "$STAGE/etcd" go.etcd.io/etcd/server/v3)
  etcd_ok "$STAGE" || die "built etcd does not report version $ETCD_VERSION"
  log "etcd $ETCD_VERSION: done in ${SECONDS}s"
fi

# ---- kube-apiserver, kubectl --------------------------------------------------------------
if apiserver_ok "$STAGE" && kubectl_ok "$STAGE"; then
  log "kube-apiserver and kubectl $KUBE_VERSION already built"
else
  SECONDS=0
  IFS=. read -r KMAJOR KMINOR _ <<<"$KUBE_VERSION"
  log "kubernetes $KUBE_VERSION: resolving k8s.io/kubernetes@v$KUBE_VERSION (large download)"
  d="$WORK/kubernetes"; mkdir -p "$d"
  kmod=$(mod_path k8s.io/kubernetes "v$KUBE_VERSION" GoMod)
  [ -n "$kmod" ] || die "k8s.io/kubernetes@v$KUBE_VERSION did not resolve"
  # Build date = the release's commit time, so the same pins give the same binaries.
  build_date=$(sed -n 's/.*"Time": *"\([^"]*\)".*/\1/p' "$(mod_path k8s.io/kubernetes "v$KUBE_VERSION" Info)")
  # Staging modules: everything kubernetes requires at v0.0.0 or replaces by ./staging/...
  staging=$( { grep -E '^[[:space:]]*k8s\.io/[^ ]+ v0\.0\.0([[:space:]]|$)' "$kmod" | awk '{print $1}'
               grep -E '=>[[:space:]]*\./staging/' "$kmod" | awk '{print $1 == "replace" ? $2 : $1}'; } | sort -u)
  [ -n "$staging" ] || die "no staging modules found in $kmod"
  log "kubernetes $KUBE_VERSION: replacing $(echo "$staging" | wc -l) staging modules with v0.$KMINOR.${KUBE_VERSION##*.}"
  {
    echo "module local/kubernetes-build"
    grep -E '^(go|godebug) ' "$kmod"
    echo "require k8s.io/kubernetes v$KUBE_VERSION"
    echo "replace ("
    for m in $staging; do echo "	$m => $m v0.$KMINOR.${KUBE_VERSION##*.}"; done
    echo ")"
  } >"$d/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport (\n\t_ "k8s.io/kubernetes/cmd/kube-apiserver"\n\t_ "k8s.io/kubernetes/cmd/kubectl"\n)\n' >"$d/tools.go"
  (cd "$d" && "${RUN[@]}" mod tidy)
  # The build tags of Kubernetes' hack/lib/golang.sh (non-debug build) and the version stamps
  # its hack/lib/version.sh sets (gitCommit is not known from the proxy, so it stays unset).
  KUBE_TAGS=selinux,notest,grpcnotrace
  ldflags="-s -w"
  for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
    ldflags+=" -X $pkg.gitVersion=v$KUBE_VERSION -X $pkg.gitMajor=$KMAJOR -X $pkg.gitMinor=$KMINOR"
    ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$build_date"
  done
  for b in kube-apiserver kubectl; do
    if [ "$b" = kube-apiserver ] && apiserver_ok "$STAGE"; then continue; fi
    if [ "$b" = kubectl ] && kubectl_ok "$STAGE"; then continue; fi
    log "kubernetes $KUBE_VERSION: building $b"
    (cd "$d" && "${RUN[@]}" build -trimpath -tags "$KUBE_TAGS" -ldflags "$ldflags" -o "$STAGE/$b" "k8s.io/kubernetes/cmd/$b")
  done
  apiserver_ok "$STAGE" || die "built kube-apiserver does not report v$KUBE_VERSION"
  kubectl_ok "$STAGE" || die "built kubectl does not report v$KUBE_VERSION"
  log "kubernetes $KUBE_VERSION: done in ${SECONDS}s"
fi

# ---- helm ----------------------------------------------------------------------------------
if helm_ok "$STAGE"; then
  log "helm $HELM_VERSION already built"
else
  SECONDS=0
  log "helm $HELM_VERSION: building helm.sh/helm/v3/cmd/helm (its own go.mod, as released)"
  (cd "$WORK" && GOFLAGS=-p=1 GOBIN="$STAGE" "${RUN[@]}" install -trimpath \
     -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=v$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean" \
     "helm.sh/helm/v3/cmd/helm@v$HELM_VERSION")
  helm_ok "$STAGE" || die "built helm does not report v$HELM_VERSION"
  log "helm $HELM_VERSION: done in ${SECONDS}s"
fi

# Install: the final directory appears only with all four binaries in it (kube-api-test
# takes an existing directory as complete).
rm -rf "$DEST"
mv "$STAGE" "$DEST"
rmdir "$KUBE_BIN_DIR/.stage" 2>/dev/null || true
all_ok "$DEST" || die "installed binaries in $DEST do not check out"
log "installed $(du -sh "$DEST" | cut -f1) in $DEST"
report
