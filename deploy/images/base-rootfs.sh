#!/usr/bin/env bash
# Makes the base image's only layer: a Debian bookworm minbase root file system with the packages
# listed in base-packages, security updates applied, a non-root user and no docs, man pages or
# apt caches. Run by hack/images.sh, which caches the result; needs root and debootstrap.
#
#   deploy/images/base-rootfs.sh OUT.tar.gz MIRROR SECURITY_MIRROR
#
# Also writes OUT.packages (what got installed, "name version" per line).
set -euo pipefail

out=$1 mirror=$2 security=$3
here=$(cd "$(dirname "$0")" && pwd)
suite=bookworm
mapfile -t packages < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/base-packages")

log() { printf '[base-rootfs %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/base-rootfs.XXXXXX")
rootfs=$work/rootfs
cleanup() {
  if mountpoint -q "$rootfs/proc" 2>/dev/null; then umount "$rootfs/proc"; fi
  rm -rf "$work"
}
trap cleanup EXIT

log "debootstrap $suite (minbase + ${packages[*]}) from $mirror"
debootstrap --variant=minbase --include="$(IFS=,; echo "${packages[*]}")" \
  "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }

# debootstrap installs from $suite alone; point-release updates and security fixes come from
# the other two suites. The sources stay in the image, as in Debian's own images.
{
  echo "deb $mirror $suite main"
  echo "deb $mirror $suite-updates main"
  if [ -n "$security" ]; then echo "deb $security $suite-security main"; fi
} >"$rootfs/etc/apt/sources.list"
cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
mount -t proc proc "$rootfs/proc"
log "applying $suite-updates${security:+ and $suite-security}"
{ chroot "$rootfs" apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive chroot "$rootfs" apt-get -y -qq -o Dpkg::Options::=--force-confold upgrade
} >"$work/upgrade.log" 2>&1 || { tail -n 30 "$work/upgrade.log" >&2; exit 1; }
log "upgraded: $(grep -c '^Unpacking ' "$work/upgrade.log" || true) packages"
umount "$rootfs/proc"

# The user the operator's pods run as (NodePods and the chart: runAsUser/runAsGroup/fsGroup 1000).
chroot "$rootfs" groupadd --gid 1000 store
chroot "$rootfs" useradd --uid 1000 --gid 1000 --no-create-home --home-dir /nonexistent \
  --shell /usr/sbin/nologin store

# Packages installed later (apt-get in a derived image) leave their docs out too; the same
# rules as Debian's slim images, which keep the copyright files.
cat >"$rootfs/etc/dpkg/dpkg.cfg.d/excludes" <<'CFG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
CFG

log "trimming"
# shellcheck disable=SC2016 # dpkg-query's format, not a shell expansion
chroot "$rootfs" dpkg-query -W -f '${Package} ${Version}\n' >"$out.packages.tmp"
(
  cd "$rootfs"
  find usr/share/doc -mindepth 1 ! -type d ! -name copyright -delete
  find usr/share/doc -mindepth 1 -type d -empty -delete
  rm -rf usr/share/man/* usr/share/info/* usr/share/lintian/* usr/share/linda/*
  find usr/share/locale -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
  rm -rf var/lib/apt/lists/* var/cache/apt/* var/cache/debconf/*-old var/lib/dpkg/*-old
  # Logs of the build, and files the container runtime provides (resolv.conf, hostname, /dev).
  find var/log -type f -delete
  rm -rf dev/* proc/* sys/* run/* tmp/* var/tmp/* root/.bash_history
  rm -f etc/resolv.conf etc/hostname etc/machine-id
)

# Sorted names without "./", numeric owners as in the tree, no atime/ctime: the same tree gives
# the same bytes. (The tree itself changes with every Debian update; hack/images.sh caches it.)
log "packing"
(cd "$rootfs" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort) >"$work/files"
tar --create --no-recursion --numeric-owner --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  -C "$rootfs" -T "$work/files" | gzip -n >"$out.tmp"
mv "$out.packages.tmp" "$out.packages"
mv "$out.tmp" "$out"
log "done: $(du -h "$out" | cut -f1) compressed, $(du -sh "$rootfs" | cut -f1) unpacked, $(wc -l <"$out.packages") packages"
