# Go build steps shared by hack/kube-binaries.sh and hack/kube-node-binaries.sh (sourced by both
# after hack/kube-versions.sh). They expect WORK (a scratch directory), RUN (the go command, e.g.
# `nice -n 19 go`) and die().
# shellcheck shell=bash

# reports COMMAND...: the command runs and one line of its output is exactly $VERSION_LINE. The
# output is taken whole first: `| grep -q` would end the pipe early, and SIGPIPE fail it under
# pipefail (kubectl writes a second line after the one looked for).
reports() { local out; out=$("$@" 2>/dev/null) || return 1; grep -qx -- "$VERSION_LINE" <<<"$out"; }

# $1 = module path, $2 = version, $3 = Info or GoMod: downloads the module and prints the path
# of its .info or go.mod file in the module cache.
mod_path() {
  (cd "$WORK" && "${RUN[@]}" mod download -json "$1@$2") |
    sed -n "s/^[[:space:]]*\"$3\": \"\(.*\)\",\{0,1\}\$/\1/p"
}

# kube_module DIR NAME CMD...: a module in DIR (named NAME) that builds k8s.io/kubernetes/cmd/CMD
# at KUBE_VERSION. Kubernetes' own go.mod replaces its staging modules (required at v0.0.0) by
# ./staging/..., which a module from the proxy does not have: they are replaced here by their
# published v0.<minor>.<patch>. Sets KUBE_TAGS and KUBE_LDFLAGS, the build tags of Kubernetes'
# hack/lib/golang.sh (non-debug build) and the version stamps of its hack/lib/version.sh
# (gitCommit is not known from the proxy, so it stays unset; the build date is the release's
# commit time, so the same pins give the same binaries).
kube_module() {
  local d=$1 name=$2 kmod build_date staging m b major minor
  shift 2
  IFS=. read -r major minor _ <<<"$KUBE_VERSION"
  mkdir -p "$d"
  kmod=$(mod_path k8s.io/kubernetes "v$KUBE_VERSION" GoMod)
  [ -n "$kmod" ] || die "k8s.io/kubernetes@v$KUBE_VERSION did not resolve"
  build_date=$(sed -n 's/.*"Time": *"\([^"]*\)".*/\1/p' "$(mod_path k8s.io/kubernetes "v$KUBE_VERSION" Info)")
  staging=$( { grep -E '^[[:space:]]*k8s\.io/[^ ]+ v0\.0\.0([[:space:]]|$)' "$kmod" | awk '{print $1}'
               grep -E '=>[[:space:]]*\./staging/' "$kmod" | awk '{print $1 == "replace" ? $2 : $1}'; } | sort -u)
  [ -n "$staging" ] || die "no staging modules found in $kmod"
  {
    echo "module local/$name"
    grep -E '^(go|godebug) ' "$kmod"
    echo "require k8s.io/kubernetes v$KUBE_VERSION"
    echo "replace ("
    for m in $staging; do echo "	$m => $m v0.$minor.${KUBE_VERSION##*.}"; done
    echo ")"
  } >"$d/go.mod"
  {
    printf '//go:build tools\n\npackage tools\n\nimport (\n'
    for b in "$@"; do printf '\t_ "k8s.io/kubernetes/cmd/%s"\n' "$b"; done
    printf ')\n'
  } >"$d/tools.go"
  (cd "$d" && "${RUN[@]}" mod tidy)
  KUBE_TAGS=selinux,notest,grpcnotrace
  KUBE_LDFLAGS="-s -w"
  for m in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
    KUBE_LDFLAGS+=" -X $m.gitVersion=v$KUBE_VERSION -X $m.gitMajor=$major -X $m.gitMinor=$minor"
    KUBE_LDFLAGS+=" -X $m.gitTreeState=clean -X $m.buildDate=$build_date"
  done
}

# kube_build DIR CMD OUT: builds k8s.io/kubernetes/cmd/CMD in the module kube_module made.
kube_build() {
  (cd "$1" && "${RUN[@]}" build -trimpath -tags "$KUBE_TAGS" -ldflags "$KUBE_LDFLAGS" -o "$3" "k8s.io/kubernetes/cmd/$2")
}
