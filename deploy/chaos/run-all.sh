#!/usr/bin/env bash
# Runs chaos scenarios one after the other against a running cluster, then prints the run's summary.
#   deploy/chaos/run-all.sh                      every scenario (the scripts in deploy/chaos/scenarios)
#   deploy/chaos/run-all.sh kill-payment notify-faults   just these
#   deploy/chaos/run-all.sh --list | --help      the scenarios with what each does | this text
# Each run gets its own folder, kept: $CHAOS_OUT/runs/<UTC time>-<scenarios>/ (CHAOS_OUT defaults to
# .cluster/chaos; $CHAOS_OUT/latest points at the newest) with summary.md, junit.xml and, per
# scenario, its log, the load's calls and summary, the fault windows, the reconciliation report and
# the verdict. Exit 1 when a scenario did not pass.
# CHAOS_SEED=<n> repeats the load's choices (printed at the start); CHAOS_TARGET=compose drives
# docker compose instead of the local cluster. The verdict's rules and knobs: deploy/chaos/report.py.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
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
CHAOS_OUT=${CHAOS_OUT:-$root/.cluster/chaos}
mkdir -p "$CHAOS_OUT"
CHAOS_OUT=$(cd "$CHAOS_OUT" && pwd)
names=("$@")
[ $# -ne ${#scenarios[@]} ] || names=(all)
CHAOS_RUN_DIR=$(python3 "$here/report.py" new-run "$CHAOS_OUT" "${names[@]}") || exit 1
CHAOS_SEED=${CHAOS_SEED:-$(( (RANDOM << 15) | RANDOM ))}
export CHAOS_OUT CHAOS_RUN_DIR CHAOS_SEED
echo "chaos run $CHAOS_RUN_DIR"
echo "load seed $CHAOS_SEED (CHAOS_SEED=$CHAOS_SEED repeats the load's choices)"
# Ctrl-C: the scenario under way restores what it broke (its trap), the others are not started, and
# the summary still says what ran. tee ignores the interrupt, so that the restore's lines reach the log.
interrupted=0
trap 'interrupted=1' INT
ran=()
for scenario in "$@"; do
  [ "$interrupted" = 0 ] || break
  ran+=("$scenario")
  bash "$here/scenarios/$scenario.sh" 2>&1 | (trap '' INT; exec tee "$CHAOS_RUN_DIR/$scenario.log")
  [ "${PIPESTATUS[0]}" -ne 130 ] || interrupted=1
done
echo
[ "$interrupted" = 0 ] || echo "interrupted: ran ${ran[*]} of $*"
python3 "$here/report.py" summary "$CHAOS_RUN_DIR" "${ran[@]}"
