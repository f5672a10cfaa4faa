#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against real redis-server, redis-cli,
# Jedis and Lettuce, and the operator's against a real kube-apiserver and etcd; then the
# end-to-end suite on a local single-node Kubernetes cluster (hack/e2e.sh: needs root; the
# cluster is stopped afterwards unless it was already running). Installs the Debian packages the
# tests need and builds the Kubernetes binaries (cached) first. Maven arguments go to the first
# part; SKIP_E2E=1 runs that part alone.
set -euo pipefail
cd "$(dirname "$0")/.."

./hack/install-test-deps.sh
# Prints `export KUBE_API_TEST_DIR=...` (progress goes to stderr); a no-op once cached.
eval "$(./hack/kube-binaries.sh)"
eval "$(./hack/python-clients.sh)"
./mvnw -B -ntp verify "$@"
if [ "${SKIP_E2E:-0}" != 1 ]; then
  ./hack/e2e.sh
fi
