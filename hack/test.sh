#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against real redis-server, redis-cli,
# Jedis and Lettuce. Installs the Debian packages the tests need first.
set -euo pipefail
cd "$(dirname "$0")/.."

./hack/install-test-deps.sh
./mvnw -B -ntp verify "$@"
