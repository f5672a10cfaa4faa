#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against real redis-server, redis-cli,
# Jedis and Lettuce, and the operator's against a real kube-apiserver and etcd. Installs the
# Debian packages the tests need and builds the Kubernetes binaries (cached) first.
set -euo pipefail
cd "$(dirname "$0")/.."

./hack/install-test-deps.sh
# Prints `export KUBE_API_TEST_DIR=...` (progress goes to stderr); a no-op once cached.
eval "$(./hack/kube-binaries.sh)"
eval "$(./hack/python-clients.sh)"
./mvnw -B -ntp verify "$@"
