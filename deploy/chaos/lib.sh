#!/usr/bin/env bash
# The chaos scenarios' small layer over "the cluster": the same scenario drives the local cluster
# (CHAOS_TARGET=local, the default: deploy/local/cluster.sh) or docker compose (CHAOS_TARGET=compose:
# deploy/docker/compose.sh, project COMPOSE_PROJECT=dualpay; the services are reached through its
# ops proxy, which forwards the fault points the edge refuses).
#
#   chaos kill|freeze|thaw|stop|start <component>   components as in cluster.sh; what a scenario killed,
#                                                   stopped or froze is brought back when it ends, however
#   sql <mariadb client args...>                    the database as the dualpay user (on compose:
#                                                   the client inside the mysql container)
#   arm <service-url> <point> '<json>'              arm a fault point (as the operator)
#   sandbox_faults '<json>'                         set the channel sandbox's knobs
#   load <seconds>                                  shoppers in the background (load.py)
#   finish                                          wait for the load, then until quiet; PASS or FAIL
set -euo pipefail

CHAOS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CHAOS_TARGET=${CHAOS_TARGET:-local}
CHAOS_QUIET_SECONDS=${CHAOS_QUIET_SECONDS:-240}
CHAOS_OUT=${CHAOS_OUT:-$CHAOS_ROOT/.cluster/chaos}
mkdir -p "$CHAOS_OUT"

if [ "$CHAOS_TARGET" = local ]; then
  CTL=$CHAOS_ROOT/deploy/local/cluster.sh
else
  # the same verbs and component names as cluster.sh (payment-service is replica 1, payment-service-2
  # replica 2); its env points at the published ports of the running project
  CTL=$CHAOS_ROOT/deploy/docker/compose.sh
  "$CTL" compose ps -q ops 2>/dev/null | grep -q . \
    || echo "lib.sh: the compose project has no ops proxy (DUALPAY_OPS=0?): fault points cannot be armed" >&2
fi
eval "$("$CTL" env)"

say() { printf '[%s] %s\n' "$(date +%T)" "$*"; }

# Components a scenario killed, stopped or froze: brought back whatever way it ends (Ctrl-C, an
# error, a failed step), so that no process stays frozen or down behind a scenario.
TOUCHED=()

chaos() { # chaos <action> <component>
  local action=$1 component=$2
  say "chaos: $action $component"
  case $action in kill | stop | freeze) TOUCHED+=("$component") ;; esac
  "$CTL" "$action" "$component" >/dev/null
}

restore() {
  local code=$? component
  trap - EXIT
  [ -z "${LOAD_PID:-}" ] || kill "$LOAD_PID" 2>/dev/null || true
  for component in ${TOUCHED[@]+"${TOUCHED[@]}"}; do
    "$CTL" thaw "$component" >/dev/null 2>&1 || true
    "$CTL" start "$component" >/dev/null 2>&1 || say "restore: $component did not come back; see its log"
  done
  if [ "$code" -ne 0 ]; then
    # the scenario did not reach finish(): its fault points and knobs are taken away here
    disarm "$PAYMENT_URL"; disarm "$ORDER_URL"; disarm "$INVENTORY_URL"
    [ -z "${PAYMENT2_URL:-}" ] || disarm "$PAYMENT2_URL"
    sandbox_faults '{"WECHAT":{},"ALIPAY":{}}' >/dev/null 2>&1 || true
  fi
  exit "$code"
}
trap restore EXIT
trap 'exit 130' INT TERM

sql() { # sql <mariadb client args...>
  if [ "$CHAOS_TARGET" = local ]; then
    mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "${MYSQL_URL##*:}" -u"$MYSQL_USER" -p"$MYSQL_PASSWORD" "$@"
  else
    # mariadb in the MariaDB stand-in, mysql in the official mysql image
    "$CTL" compose exec -T mysql sh -c 'exec "$(command -v mariadb || echo mysql)" "$@"' sql \
      -udualpay -p"$MYSQL_PASSWORD" "$@"
  fi
}

arm() { # arm <service-url> <point> <json>
  say "fault: $2 on $1: $3"
  if ! curl -fsS -X POST "$1/actuator/faults/$2" -u "operator:$OPERATOR_PASSWORD" \
      -H 'Content-Type: application/json' -d "$3" >/dev/null; then
    # Under load a HALT can fire on another request before this one is answered: that is the fault.
    case $3 in
      *HALT*) say "no answer: the process halted at once" ;;
      *) return 1 ;;
    esac
  fi
}

disarm() { curl -fsS -X DELETE "$1/actuator/faults" -u "operator:$OPERATOR_PASSWORD" >/dev/null || true; }

sandbox_faults() {
  say "sandbox faults: $1"
  curl -fsS -X PUT "$SANDBOX_URL/sandbox/faults" -H 'Content-Type: application/json' -d "$1" >/dev/null
}

SCENARIO=""
FAULT=""
STARTED=0
LOAD_PID=""

begin() { # begin <name> <fault description>
  SCENARIO=$1
  FAULT=$2
  STARTED=$SECONDS
  say "== $SCENARIO: $FAULT"
}

load() { # load <seconds>: shoppers in the background for that long
  python3 "$CHAOS_ROOT/deploy/chaos/load.py" --seconds "$1" --workers "${CHAOS_WORKERS:-6}" \
    >"$CHAOS_OUT/$SCENARIO.load" 2>&1 &
  LOAD_PID=$!
}

reconciliation() { curl -fsS --max-time 30 -u "operator:$OPERATOR_PASSWORD" "$PAYMENT_URL/api/admin/reconciliation"; }

# quiet: the report is ok and nothing is under way (inbox, refunds, undo logs), twice 10 s apart
quiet() {
  reconciliation 2>/dev/null | python3 -c '
import json, sys
r = json.load(sys.stdin); t = r["totals"]
sys.exit(0 if r["ok"] and t["inboxPending"] == 0 and t["refundsInFlight"] == 0 and t["undoLogRows"] == 0 else 1)' 2>/dev/null
}

finish() {
  [ -n "$LOAD_PID" ] && wait "$LOAD_PID" || true
  local orders
  orders=$(sed -n 's/^orders=\([0-9]*\).*/\1/p' "$CHAOS_OUT/$SCENARIO.load")
  disarm "$PAYMENT_URL"; disarm "$ORDER_URL"; disarm "$INVENTORY_URL"
  [ -n "${PAYMENT2_URL:-}" ] && disarm "$PAYMENT2_URL"
  sandbox_faults '{"WECHAT":{},"ALIPAY":{}}'
  local loaded=$SECONDS deadline=$((SECONDS + CHAOS_QUIET_SECONDS)) streak=0 outcome=FAIL
  while [ $SECONDS -lt $deadline ]; do
    if quiet; then
      streak=$((streak + 1))
      if [ $streak -ge 2 ]; then outcome=PASS; break; fi
      sleep 10
    else
      streak=0
      sleep 3
    fi
  done
  local report violations
  report=$(reconciliation 2>/dev/null || echo '{"ok":false,"violations":[{"rule":"UNREACHABLE","subject":"reconciliation","detail":"no answer"}]}')
  echo "$report" >"$CHAOS_OUT/$SCENARIO.report.json"
  violations=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["violations"]))' <<<"$report")
  local line="$SCENARIO|${orders:-0}|$FAULT|$outcome|$((SECONDS - loaded))|$violations"
  echo "$line" >>"$CHAOS_OUT/results"
  say "RESULT $line"
  if [ "$outcome" = FAIL ]; then
    python3 -c 'import json,sys; [print("  violation", v["rule"], v["subject"], v["detail"]) for v in json.load(sys.stdin)["violations"][:20]]' <<<"$report"
    return 1
  fi
}
