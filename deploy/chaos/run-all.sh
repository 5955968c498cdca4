#!/usr/bin/env bash
# Runs chaos scenarios one after the other against a running cluster and prints the table.
#   deploy/chaos/run-all.sh                      every scenario (the scripts in deploy/chaos/scenarios)
#   deploy/chaos/run-all.sh kill-payment notify-faults   just these
#   deploy/chaos/run-all.sh --list | --help      the scenarios with what each does | this text
# CHAOS_TARGET=compose drives docker compose instead of the local cluster.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export CHAOS_OUT=${CHAOS_OUT:-$root/.cluster/chaos}
mkdir -p "$CHAOS_OUT"
: >"$CHAOS_OUT/results"
# the scenarios are the scripts in scenarios/, each described by its second line
scenarios=()
for file in "$here"/scenarios/*.sh; do scenarios+=("$(basename "$file" .sh)"); done
case ${1:-} in
  -h | --help)
    sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 0 ;;
  -l | --list)
    for scenario in "${scenarios[@]}"; do
      printf '%-24s %s\n' "$scenario" "$(sed -n '2s/^# *//p' "$here/scenarios/$scenario.sh")"
    done
    exit 0 ;;
esac
[ $# -gt 0 ] || set -- "${scenarios[@]}"
for scenario in "$@"; do
  if [ ! -f "$here/scenarios/$scenario.sh" ]; then
    echo "run-all.sh: no scenario '$scenario'; known: ${scenarios[*]}" >&2
    exit 2
  fi
done
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
