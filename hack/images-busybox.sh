#!/usr/bin/env bash
# Builds replicated-store.local/busybox:1.35, a small image for smoke tests, from Debian's
# busybox-static (/bin/busybox, installed if missing) as an OCI archive cached in
# ${IMAGES_DIR:-$HOME/.cache/replicated-store/images}/busybox-1.35.tar; prints its path.
# Every applet is a symlink under /bin. Name resolution: busybox's nslookup asks the resolver
# in /etc/resolv.conf itself; other applets go through static glibc, whose NSS cannot load in
# this image, so smoke tests resolve with nslookup and connect to addresses.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
IMAGE=replicated-store.local/busybox:1.35
IMAGES_DIR=${IMAGES_DIR:-$HOME/.cache/replicated-store/images}
out="$IMAGES_DIR/busybox-1.35.tar"

if [ ! -x /bin/busybox ] || ! file -L /bin/busybox 2>/dev/null | grep -q 'statically linked'; then
  echo "$0: installing busybox-static" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends busybox-static file >/dev/null
fi
stamp=$( { sha256sum /bin/busybox; cat "$0" "$here/oci-archive.sh"; } | sha256sum | cut -c1-16)
if [ -f "$out" ] && [ "$(cat "$out.src" 2>/dev/null)" = "$stamp" ]; then
  echo "$out"; exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/busybox.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rootfs/bin" "$work/rootfs/tmp" "$work/rootfs/etc" "$IMAGES_DIR"
cp /bin/busybox "$work/rootfs/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ "$applet" = busybox ] || ln -s busybox "$work/rootfs/bin/$applet"
done
chmod 1777 "$work/rootfs/tmp"
printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$work/rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$work/rootfs/etc/group"
"$here/oci-archive.sh" "$IMAGE" "$work/rootfs" "$out" --cmd /bin/sh
echo "$stamp" >"$out.src"
echo "$out"
