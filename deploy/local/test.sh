#!/usr/bin/env bash
# The project's test command (README, "Run the tests"); CI runs exactly this.
#
#   1. builds every module and runs the unit tests (Maven wrapper, no Maven needed);
#   2. brings the local cluster up, installing what is missing (MariaDB, rnacos, ...);
#   3. runs the cluster scenarios (deploy/cluster-tests) against it: real MariaDB, real Seata TC,
#      the Nacos protocol (rnacos), real HTTP between the services;
#   4. runs a short subset of the chaos scenarios (deploy/chaos), each ending in the reconciliation;
#   5. validates the docker compose file (no Docker engine needed).
#
# The cluster is left running for you to look at; `deploy/local/cluster.sh down` stops it.
# KEEP_CLUSTER=0 stops it at the end (CI does).
set -euo pipefail
cd "$(dirname "$0")/../.."

started=$(date +%s)
echo "== build and unit tests"
./mvnw -B -q verify

echo "== local cluster (two payment-service instances)"
export PAYMENT_INSTANCES=2
SKIP_BUILD=1 deploy/local/cluster.sh up
if [ "${KEEP_CLUSTER:-1}" = "0" ]; then
  trap 'deploy/local/cluster.sh down' EXIT
fi
eval "$(deploy/local/cluster.sh env)"

echo "== cluster scenarios"
./mvnw -B -Pcluster verify -pl common,deploy/cluster-tests -Dsurefire.failIfNoSpecifiedTests=false

echo "== chaos subset"
deploy/chaos/run-all.sh kill-payment halt-before-commit

echo "== compose file"
deploy/compose-check.sh

echo "== all green in $(( $(date +%s) - started )) s"
