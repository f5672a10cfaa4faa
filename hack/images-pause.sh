#!/usr/bin/env bash
# Builds the pod sandbox ("pause") image replicated-store.local/pause:3.10 from
# hack/images/pause.c (gcc -static, so the image is that one file) as an OCI archive, cached in
# ${IMAGES_DIR:-$HOME/.cache/replicated-store/images}/pause-3.10.tar; prints the archive's path.
# No registry is reachable here, so the kubelet's sandbox image must be local: containerd's
# sandbox_image in hack/local-cluster.sh is this name. Rebuilt only when pause.c or this
# script changed. Needs gcc and libc6-dev (static glibc).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
IMAGE=replicated-store.local/pause:3.10
IMAGES_DIR=${IMAGES_DIR:-$HOME/.cache/replicated-store/images}
out="$IMAGES_DIR/pause-3.10.tar"
stamp=$(cat "$here/images/pause.c" "$0" "$here/oci-archive.sh" | sha256sum | cut -c1-16)

if [ -f "$out" ] && [ "$(cat "$out.src" 2>/dev/null)" = "$stamp" ]; then
  echo "$out"; exit 0
fi
command -v gcc >/dev/null || { echo "$0: needs gcc (apt-get install gcc libc6-dev)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/pause.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rootfs" "$IMAGES_DIR"
gcc -static -Os -s -Wall -Wextra -Werror -o "$work/rootfs/pause" "$here/images/pause.c"
"$here/oci-archive.sh" "$IMAGE" "$work/rootfs" "$out" /pause
echo "$stamp" >"$out.src"
echo "$out"
