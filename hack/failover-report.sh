#!/usr/bin/env bash
# The failover report: kill -9 of a store's master container, RUNS times (default 10), on the
# local cluster (hack/e2e.sh brings it up and loads the images), with a client pod writing through
# <store>-master all along; prints, per run and in sum, the seconds from the kill to the first
# acknowledged write through the Service (min/median/max) and the acknowledged writes lost.
#
#   hack/failover-report.sh [RUNS]
set -euo pipefail
HACK=$(cd "$(dirname "$0")" && pwd)
runs=${1:-10}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [RUNS]" >&2; exit 2; }
"$HACK/e2e.sh" -Dit.test=FailoverReportE2E -De2e.report.runs="$runs"
