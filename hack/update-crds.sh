#!/usr/bin/env bash
# Regenerates crds/ from the operator's Java classes (io.replicatedstore.operator.api): the build
# writes the CRD to operator/target/kubernetes/, and CrdUpToDateIT fails while crds/ differs.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp package -pl operator -DskipTests
cp operator/target/kubernetes/replicatedstores.replicatedstore.io-v1.yml crds/
# Helm installs what is in a chart's crds/ before the templates.
cp crds/replicatedstores.replicatedstore.io-v1.yml deploy/helm/replicated-store-operator/crds/
echo "crds/ and the chart's crds/ updated"
