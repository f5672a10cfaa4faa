#!/usr/bin/env bash
# Builds the data node (if needed) and runs it in the foreground. Arguments are redis-server's:
#   hack/run-datanode.sh [config-file] [--port 6379] [--requirepass secret] ...
set -euo pipefail
cd "$(dirname "$0")/.."

jar=datanode/target/datanode.jar
if [ ! -f "$jar" ] || [ -n "$(find datanode/src datanode/pom.xml -newer "$jar" -print -quit)" ]; then
  echo "Building the data node..." >&2
  ./mvnw -B -q -ntp -pl datanode -am package -DskipTests >&2
fi
exec java ${DATANODE_JAVA_OPTS:-$(grep -v '^#' datanode/jvm.options)} -jar "$jar" "$@"
