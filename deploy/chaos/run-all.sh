#!/usr/bin/env bash
# Runs chaos scenarios one after the other against a running cluster and prints the table.
#   deploy/chaos/run-all.sh                      every scenario
#   deploy/chaos/run-all.sh kill-payment notify-faults   just these
# CHAOS_TARGET=compose drives docker compose instead of the local cluster.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export CHAOS_OUT=${CHAOS_OUT:-$root/.cluster/chaos}
mkdir -p "$CHAOS_OUT"
: >"$CHAOS_OUT/results"
if [ $# -eq 0 ]; then
  set -- kill-payment kill-order kill-inventory kill-tc halt-before-commit freeze-inventory mysql-restart \
    nacos-down notify-faults refund-channel-failing
fi
failed=0
for scenario in "$@"; do
  bash "$here/scenarios/$scenario.sh" || failed=1
done
echo
printf '%-24s %-7s %-8s %-9s %-11s %s\n' SCENARIO ORDERS OUTCOME QUIET_S VIOLATIONS FAULT
while IFS='|' read -r name orders fault outcome quiet violations; do
  printf '%-24s %-7s %-8s %-9s %-11s %s\n' "$name" "$orders" "$outcome" "$quiet" "$violations" "$fault"
done <"$CHAOS_OUT/results"
exit $failed
