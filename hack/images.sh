#!/usr/bin/env bash
# Builds the product's container images without a registry, a Docker engine or a Dockerfile, as
# image archives that both `ctr images import` (containerd 1.6) and `docker load` accept:
#
#   replicated-store.local/base:<version>      Debian bookworm minbase + openjdk-17-jre-headless
#   replicated-store.local/datanode:<version>  base + datanode.jar
#   replicated-store.local/operator:<version>  base + the operator's Quarkus fast-jar
#
# <version> is the Maven project version (pom.xml), or $IMAGE_TAG.
#
#   hack/images.sh [build]                                   builds; prints the archive paths
#   hack/images.sh import [--address SOCKET] [--namespace NS] builds, then imports into containerd
#                                                            (default $CONTAINERD_ADDRESS, k8s.io;
#                                                            $CONTAINERD_SNAPSHOTTER if not overlayfs)
#
# The base layer (debootstrap and apt, about two minutes) is cached under $IMAGES_CACHE_DIR
# (default ~/.cache/replicated-store/images), keyed by deploy/images/base-packages,
# base-rootfs.sh and the Debian mirror (apt's here, or $DEBIAN_MIRROR and $DEBIAN_SECURITY_MIRROR,
# empty for none); REBUILD_BASE=1 builds it again (for new Debian security updates). The data
# node and the operator are built with Maven when their sources are newer than the build output
# (SKIP_MAVEN=1: use target/ as it is). Archives go to $IMAGES_OUT_DIR (default target/images).
# Needs root (debootstrap, chroot, file owners in the layers) and python3. See
# deploy/images/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

REGISTRY=replicated-store.local
CACHE=${IMAGES_CACHE_DIR:-$HOME/.cache/replicated-store/images}
OUT=${IMAGES_OUT_DIR:-$ROOT/target/images}

log() { printf '[images %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

mode=build
if [ $# -gt 0 ] && [[ $1 != -* ]]; then mode=$1; shift; fi
address=${CONTAINERD_ADDRESS:-}
namespace=k8s.io
while [ $# -gt 0 ]; do
  case $1 in
    --address) address=$2; shift 2 ;;
    --address=*) address=${1#*=}; shift ;;
    --namespace|-n) namespace=$2; shift 2 ;;
    --namespace=*) namespace=${1#*=}; shift ;;
    *) die "unknown argument $1 (usage: hack/images.sh [build|import] [--address SOCKET] [--namespace NS])" ;;
  esac
done
case $mode in build|import) ;; *) die "unknown mode $mode: build or import" ;; esac

VERSION=$(python3 -c 'import sys, xml.etree.ElementTree as t
print(t.parse("pom.xml").getroot().findtext("{http://maven.apache.org/POM/4.0.0}version"))')
TAG=${IMAGE_TAG:-$VERSION}
# The image's creation time: the commit's, so the same commit and jars give the same image digest.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
export SOURCE_DATE_EPOCH
REVISION=$(git rev-parse HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then REVISION+=-dirty; fi

# The Debian mirror apt already uses here (deb822 .sources or one-line .list), unless given.
apt_uri() {
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    grep -E '^[[:space:]]*(URIs:|deb[[:space:]])' | grep -oE '(https?|file)://[^[:space:]]+' |
    sed 's,/*$,,' | grep -E "/$1\$" | head -n1 || true
}
MIRROR=${DEBIAN_MIRROR:-$(apt_uri debian)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${DEBIAN_SECURITY_MIRROR-$(apt_uri debian-security)}

mkdir -p "$CACHE" "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/images.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# ---- base layer (cached) -------------------------------------------------------------------
base_key=$( { cat deploy/images/base-packages deploy/images/base-rootfs.sh; echo "$MIRROR $SECURITY_MIRROR"; } |
  sha256sum | cut -c1-16)
BASE_DIR=$CACHE/base-$base_key
BASE_LAYER=$BASE_DIR/rootfs.tar.gz
exec 9>"$CACHE/.lock"
flock 9
if [ "${REBUILD_BASE:-0}" = 1 ] || [ ! -s "$BASE_LAYER" ]; then
  [ "$(id -u)" -eq 0 ] || die "building the base layer needs root (debootstrap, chroot)"
  if ! command -v debootstrap >/dev/null; then
    log "installing debootstrap"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  fi
  SECONDS=0
  log "building the base layer $base_key (debootstrap from $MIRROR)"
  mkdir -p "$BASE_DIR"
  deploy/images/base-rootfs.sh "$BASE_LAYER" "$MIRROR" "$SECURITY_MIRROR"
  log "base layer built in ${SECONDS}s"
else
  log "base layer $base_key cached: $BASE_LAYER ($(du -h "$BASE_LAYER" | cut -f1))"
fi
flock -u 9

# ---- application builds ----------------------------------------------------------------------
# $1 = module, $2 = its build output: true when a source file is newer, or there is no output.
stale() { [ ! -e "$2" ] || [ -n "$(find "$1/src" "$1/pom.xml" pom.xml -newer "$2" -print -quit)" ]; }
DATANODE_JAR=datanode/target/datanode.jar
QUARKUS_APP=operator/target/quarkus-app
modules=()
if [ "${SKIP_MAVEN:-0}" != 1 ]; then
  if stale datanode "$DATANODE_JAR"; then modules+=(datanode); fi
  if stale operator "$QUARKUS_APP/quarkus-run.jar"; then modules+=(operator); fi
fi
if [ ${#modules[@]} -gt 0 ]; then
  SECONDS=0
  log "building ${modules[*]} with Maven"
  ./mvnw -B -q -ntp -pl "$(IFS=,; echo "${modules[*]}")" -am package -DskipTests >&2
  log "Maven done in ${SECONDS}s"
fi
[ -f "$DATANODE_JAR" ] || die "$DATANODE_JAR missing"
[ -f "$QUARKUS_APP/quarkus-run.jar" ] || die "$QUARKUS_APP missing"

# ---- layers and images -------------------------------------------------------------------
# A tree as a layer: sorted names, numeric owners as in the tree, every file time 1 s after the
# epoch (as Jib does), so the same files give the same bytes and digest whatever the commit, and
# nodes keep the layers an image shares with the one before (the operator's lib/ most of all).
pack() {
  (cd "$1" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort) >"$1.files"
  tar --create --no-recursion --numeric-owner --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime --mtime=@1 \
    -C "$1" -T "$1.files" | gzip -n >"$2"
}
# A layer tree's files owned by root and readable by all (the image's user only reads them).
owned_by_root() { chown -R 0:0 "$1" && chmod -R u=rwX,go=rX "$1"; }
json_array() { python3 -c 'import json, sys; print(json.dumps(sys.argv[1:]))' "$@"; }

# $1 = short name; the rest are oci-archive.py options. Prints the archive's path.
image() {
  local name=$1; shift
  local ref=$REGISTRY/$name:$TAG archive=$OUT/$name-$TAG.tar digest
  digest=$(deploy/images/oci-archive.py --name "$ref" --out "$archive" --created "$SOURCE_DATE_EPOCH" \
    --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 --env LANG=C.UTF-8 \
    --label org.opencontainers.image.title="replicated-store $name" \
    --label org.opencontainers.image.version="$TAG" \
    --label org.opencontainers.image.revision="$REVISION" \
    --label org.opencontainers.image.description="on Debian bookworm minbase, base layer $base_key" \
    --layer "$BASE_LAYER" --layer-comment "debian bookworm minbase, $(sed -e 's/#.*//' -e '/^\s*$/d' deploy/images/base-packages | paste -sd' ')" \
    "$@")
  log "$ref: $(du -h "$archive" | cut -f1), $digest"
  echo "$archive"
}

SECONDS=0
# The user the operator's pods run as (runAsUser/runAsGroup 1000): a numeric user, so the
# kubelet can check runAsNonRoot; the base image names it "store".
USER_ID=1000:1000
# Heap: 75% of the container's memory limit instead of the JVM's 25%: a data node's heap is
# its dataset, and the operator's chart limit is small. The operator's JVM out of memory exits,
# to be restarted, instead of running on half broken. The data node does not take
# ExitOnOutOfMemoryError: a command whose allocation fails gets an error reply and the node keeps
# serving (one client must not be able to kill it); an Error that ends any other thread makes
# the node exit by itself (DataNode's uncaught-exception handler).
JAVA_CONTAINER_OPTS=(-XX:MaxRAMPercentage=75)
OPERATOR_JAVA_OPTS=(-XX:+ExitOnOutOfMemoryError)

# Data node: the jar alone in its layer; /data (the data volume's mount point and the working
# directory, so a node run without configuration saves there too) owned by the user.
tree=$WORK/datanode
mkdir -p "$tree/app" "$tree/data"
cp "$DATANODE_JAR" "$tree/app/"
owned_by_root "$tree"
chown 1000:1000 "$tree/data" && chmod 0750 "$tree/data"
pack "$tree" "$WORK/datanode.tar.gz"
# The JVM options of hack/run-datanode.sh and the benchmarks (datanode/jvm.options).
read -r -a datanode_jvm <<<"$(grep -v '^#' datanode/jvm.options | tr '\n' ' ')"
# NodePods gives only args (the config file, then --name value options), so the entrypoint is
# the whole java command.
archives=()
archives+=("$(image datanode --layer "$WORK/datanode.tar.gz" --layer-comment "datanode.jar" \
  --user "$USER_ID" --workdir /data --port 6379/tcp \
  --entrypoint "$(json_array java "${datanode_jvm[@]}" "${JAVA_CONTAINER_OPTS[@]}" -jar /app/datanode.jar)")")

# Operator: the fast-jar's dependencies (lib/, large, change seldom) in one layer, the
# application (app/, quarkus/, quarkus-run.jar, small, changes often) in another.
libs=$WORK/operator-lib app=$WORK/operator-app
mkdir -p "$libs/app/quarkus-app" "$app/app/quarkus-app"
cp -r "$QUARKUS_APP/lib" "$libs/app/quarkus-app/"
(cd "$QUARKUS_APP" && find . -mindepth 1 -maxdepth 1 ! -name lib -exec cp -r {} "$app/app/quarkus-app/" \;)
owned_by_root "$libs" && owned_by_root "$app"
pack "$libs" "$WORK/operator-lib.tar.gz"
pack "$app" "$WORK/operator-app.tar.gz"
# The chart's Deployment: HTTP (health, metrics) on 8080, the Sentinel protocol on 26379, a
# read-only root with /tmp mounted. Quarkus's JBoss LogManager as Quarkus's own Dockerfile sets it.
archives+=("$(image operator --layer "$WORK/operator-lib.tar.gz" --layer-comment "quarkus-app/lib" \
  --layer "$WORK/operator-app.tar.gz" --layer-comment "quarkus-app" \
  --user "$USER_ID" --workdir /app --port 8080/tcp --port 26379/tcp \
  --entrypoint "$(json_array java "${JAVA_CONTAINER_OPTS[@]}" "${OPERATOR_JAVA_OPTS[@]}" \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager -jar /app/quarkus-app/quarkus-run.jar)")")

# The base on its own, for images built on it elsewhere and for a shell in a debugging container.
archives+=("$(image base --user "$USER_ID" --workdir /tmp --cmd '["bash"]')")
log "images assembled in ${SECONDS}s"

# The chart's and the operator's defaults should name these images; say so when they do not
# (after a version bump, or with IMAGE_TAG).
for f in deploy/helm/replicated-store-operator/values.yaml operator/src/main/resources/application.properties; do
  grep -q "$REGISTRY/datanode:$TAG" "$f" || log "warning: $f does not name $REGISTRY/datanode:$TAG"
done
grep -q "tag: \"$TAG\"" deploy/helm/replicated-store-operator/values.yaml ||
  log "warning: the chart's image.tag is not $TAG"

if [ "$mode" = import ]; then
  [ -n "$address" ] || die "import needs --address SOCKET or CONTAINERD_ADDRESS"
  command -v ctr >/dev/null || die "ctr not found (apt-get install containerd)"
  for archive in "${archives[@]}"; do
    SECONDS=0
    ctr --address "$address" --namespace "$namespace" images import "$archive" >&2
    log "imported $(basename "$archive") into $address ($namespace) in ${SECONDS}s"
  done
  ctr --address "$address" --namespace "$namespace" images ls | grep -F "$REGISTRY/" >&2 || true
fi
printf '%s\n' "${archives[@]}"
