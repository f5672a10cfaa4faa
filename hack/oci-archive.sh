#!/usr/bin/env bash
# Packs a directory as a one-layer OCI image archive (an OCI image layout in a tar), without a
# registry or a container engine: the layer is the directory's tar, the config names the
# entrypoint, and index.json carries the image's name in the annotation containerd's importer
# reads (io.containerd.image.name), so that
#
#   ctr -n k8s.io images import OUT.tar
#
# makes the image NAME known to the kubelet (CRI). Reproducible: same directory, same digests.
#
# Usage: hack/oci-archive.sh NAME:TAG ROOTFS_DIR OUT.tar [--cmd] ARG...
# The ARGs are the image's Entrypoint, or with --cmd its Cmd (no Entrypoint: a pod's `args`
# then replace them, as with Docker Hub's busybox).
set -euo pipefail

usage="usage: $0 NAME:TAG ROOTFS_DIR OUT.tar [--cmd] ARG..."
[ $# -ge 4 ] || { echo "$usage" >&2; exit 2; }
name=$1 rootfs=$2 out=$3 field=Entrypoint
shift 3
if [ "$1" = --cmd ]; then field=Cmd; shift; fi
[ $# -ge 1 ] || { echo "$usage" >&2; exit 2; }
[ -d "$rootfs" ] || { echo "$0: $rootfs is not a directory" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/oci-archive.XXXXXX")
trap 'rm -rf "$work"' EXIT
blobs="$work/blobs/sha256"
mkdir -p "$blobs"

json_str() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }
json_list() { local sep="" a; printf '['; for a in "$@"; do printf '%s%s' "$sep" "$(json_str "$a")"; sep=,; done; printf ']'; }
# Moves file $1 into blobs/ under its digest; prints "sha256:<hex> <size>".
add_blob() {
  local hex size
  hex=$(sha256sum "$1" | cut -d' ' -f1)
  size=$(stat -c %s "$1")
  mv "$1" "$blobs/$hex"
  echo "sha256:$hex $size"
}

# Uncompressed layer (the images are tiny), fixed owners and times for reproducibility.
tar -C "$rootfs" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$work/layer" .
read -r layer layer_size < <(add_blob "$work/layer")

printf '{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"%s":%s,"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["%s"]},"history":[{"created_by":"hack/oci-archive.sh"}]}' \
  "$field" "$(json_list "$@")" "$layer" >"$work/config"
read -r config config_size < <(add_blob "$work/config")

printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%s","size":%s}]}' \
  "$config" "$config_size" "$layer" "$layer_size" >"$work/manifest"
read -r manifest manifest_size < <(add_blob "$work/manifest")

printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%s,"platform":{"architecture":"amd64","os":"linux"},"annotations":{"io.containerd.image.name":%s,"org.opencontainers.image.ref.name":%s}}]}' \
  "$manifest" "$manifest_size" "$(json_str "$name")" "$(json_str "${name##*:}")" >"$work/index.json"
printf '{"imageLayoutVersion":"1.0.0"}' >"$work/oci-layout"

mkdir -p "$(dirname "$out")"
tar -C "$work" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$out.tmp" oci-layout index.json blobs
mv "$out.tmp" "$out"
echo "$out: $name ($manifest)" >&2
