#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine: Debian's redis-server and redis-tools
# (7.0) as the reference server and real peers, and what hack/kube-binaries.sh needs. The packaged service is never started:
# tests start their own servers on free loopback ports.
set -euo pipefail

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
command -v redis-benchmark >/dev/null 2>&1 || need+=(redis-tools)
# hack/kube-binaries.sh fetches a Go toolchain with these when the machine has no Go.
command -v curl >/dev/null 2>&1 || need+=(curl)
# redis-py (from PyPI, in a venv of its own) is a Sentinel-aware client in the operator's tests.
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
command -v unzip >/dev/null 2>&1 || need+=(unzip)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

echo "Installing ${need[*]} from Debian's packages..."
# policy-rc.d keeps the package from starting its system service during the install.
policy=/usr/sbin/policy-rc.d
created_policy=no
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod +x "$policy"
  created_policy=yes
fi
cleanup() {
  if [ "$created_policy" = yes ]; then
    $sudo rm -f "$policy"
  fi
}
trap cleanup EXIT

$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
redis-server --version
