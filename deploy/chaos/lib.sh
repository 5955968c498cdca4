#!/usr/bin/env bash
# The chaos scenarios' small layer over "the cluster": the same scenario drives the local cluster
# (CHAOS_TARGET=local, the default: deploy/local/cluster.sh) or docker compose (CHAOS_TARGET=compose:
# deploy/docker/compose.sh, project COMPOSE_PROJECT=dualpay; the services are reached through its
# ops proxy, which forwards the fault points the edge refuses).
#
#   begin <name> <fault> [window|none]              names the scenario and the rule for the load's
#                                                   errors: window (default) = only while a fault
#                                                   window is open (+ CHAOS_GRACE_SECONDS); none = the
#                                                   fault must stay invisible to shoppers
#   chaos kill|freeze|thaw|stop|start <component>   components as in cluster.sh; kill, stop and freeze
#                                                   open the component's fault window, start and thaw
#                                                   close it once it is back; what a scenario killed,
#                                                   stopped or froze is brought back when it ends, however
#   fault_window open|close <component> [what]      a window of a fault chaos does not see (a HALT)
#   hold <seconds> <what>                           sleep, saying what it waits for every few seconds
#   sql <mariadb client args...>                    the database as the dualpay user (on compose:
#                                                   the client inside the mysql container)
#   arm <service-url> <point> '<json>'              arm a fault point (as the operator)
#   sandbox_faults '<json>'                         set the channel sandbox's knobs
#   needs links|two-tcs                             what the scenario needs of the cluster: the services'
#                                                   links through Toxiproxy (FAULTY_LINKS=1), a second
#                                                   TC (TC_INSTANCES=2); brought in when missing
#   links_to <target> [service...]                  the links to mysql, seata or seata-2 (of those services)
#   link latency <ms> <link...>                     each link (cluster.sh links: <service>-to-<target>)
#   link partition <link...>                        slowed both ways, or partitioned: nothing passes and
#   link heal <link...>                             what was sent waits, as TCP holds it; heal sends it
#                                                   on; each opens or closes the link's fault window
#   load <seconds>                                  shoppers in the background (load.py, seed CHAOS_SEED)
#   wait_load                                       wait for the load, with progress
#   finish                                          wait for the load, then until quiet; the verdict
#
# Everything a scenario writes goes to CHAOS_RUN_DIR (run-all.sh makes one per run); a scenario run on
# its own makes its own run folder under CHAOS_OUT and writes the run's summary at its end.
set -euo pipefail

CHAOS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CHAOS_TARGET=${CHAOS_TARGET:-local}
CHAOS_QUIET_SECONDS=${CHAOS_QUIET_SECONDS:-240}
CHAOS_OUT=${CHAOS_OUT:-$CHAOS_ROOT/.cluster/chaos}
CHAOS_PROGRESS_SECONDS=${CHAOS_PROGRESS_SECONDS:-5}
# how long the load goes on once the faults have healed, so that the verdict sees shoppers after
# recovery too (the first CHAOS_GRACE_SECONDS of it still count as the fault's)
CHAOS_AFTER_SECONDS=${CHAOS_AFTER_SECONDS:-30}
CHAOS_REPORT=$CHAOS_ROOT/deploy/chaos/report.py
STANDALONE=0
if [ -z "${CHAOS_RUN_DIR:-}" ]; then
  STANDALONE=1
  mkdir -p "$CHAOS_OUT"
  CHAOS_RUN_DIR=$(python3 "$CHAOS_REPORT" new-run "$CHAOS_OUT" "$(basename "$0" .sh)")
fi
if [ -z "${CHAOS_SEED:-}" ]; then
  CHAOS_SEED=$(( (RANDOM << 15) | RANDOM ))
  echo "load seed $CHAOS_SEED (CHAOS_SEED=$CHAOS_SEED repeats the load's choices)"
fi

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

# waiting <what> <command...>: runs the command, saying every CHAOS_PROGRESS_SECONDS what it waits for
waiting() {
  local what=$1 t0=$SECONDS last=$SECONDS pid code=0
  shift
  "$@" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if [ $((SECONDS - last)) -ge "$CHAOS_PROGRESS_SECONDS" ]; then
      last=$SECONDS
      say "  waiting for $what ($((SECONDS - t0)) s)"
    fi
  done
  wait "$pid" || code=$?
  return $code
}

hold() { # hold <seconds> <what>
  waiting "$2 (holding $1 s)" sleep "$1"
}

# Fault windows, one line each in <scenario>.faults: the load's errors that overlap one are explained
# by the fault (see report.py); with the rule none no window is opened.
fault_window() { # fault_window open|close <component> [what]
  [ "$1" != open ] || TOUCHED+=("$2") # brought back however the scenario ends
  [ "$ERRORS_RULE" = window ] || return 0
  echo "$1 $(date +%s.%N) $2 ${3:-$2}" >>"$CHAOS_RUN_DIR/$SCENARIO.faults"
}

chaos() { # chaos <action> <component>
  local action=$1 component=$2
  say "chaos: $action $component"
  case $action in
    kill | stop | freeze)
      TOUCHED+=("$component")
      fault_window open "$component" "$action $component"
      ctl "$action" "$component" ;;
    start)
      waiting "$component to be back and healthy" ctl start "$component"
      fault_window close "$component" ;;
    *)
      ctl "$action" "$component"
      fault_window close "$component" ;;
  esac
}

# cluster.sh's (compose.sh's) own words go to ctl.log in the run folder; its exit code counts
ctl() { "$CTL" "$@" >>"$CHAOS_RUN_DIR/ctl.log" 2>&1 || { say "$(basename "$CTL") $* failed; see $CHAOS_RUN_DIR/ctl.log"; return 1; }; }

restore() {
  local code=$? component
  trap - EXIT
  [ -z "${LOAD_PID:-}" ] || kill "$LOAD_PID" 2>/dev/null || true
  for component in ${TOUCHED[@]+"${TOUCHED[@]}"}; do
    "$CTL" status "$component" >/dev/null 2>&1 || say "restore: bringing $component back"
    "$CTL" thaw "$component" >/dev/null 2>&1 || true
    "$CTL" start "$component" >/dev/null 2>&1 || say "restore: $component did not come back; see its log"
  done
  if [ "$LINKS_TOUCHED" = 1 ]; then
    # every link healed: no toxic outlives the scenario (Toxiproxy's reset: all enabled, no toxics)
    curl -fsS --max-time 5 -X POST "$TOXIPROXY_URL/reset" >/dev/null 2>&1 || say "restore: the links could not be reset"
  fi
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

# ---- what a scenario needs of the cluster, and its links

needs() { # needs links|two-tcs
  case $CHAOS_TARGET:$1 in
    compose:links)
      [ -n "${TOXIPROXY_URL:-}" ] && return 0
      say "the stack has no links: brought up again through them (FAULTY_LINKS=1 compose.sh up)"
      export FAULTY_LINKS=1
      waiting "the stack to be healthy through its links" ctl up ;;
    compose:two-tcs)
      if [ -n "${TOXIPROXY_URL:-}" ]; then
        # the links name the first TC only (the file registry): a client would never turn to the second
        say "needs two-tcs: not with links (the services find the TCs through Nacos only without them); compose.sh down, then up without FAULTY_LINKS"
        exit 2
      fi
      [ -n "$("$CTL" compose ps -q seata-server-2 2>/dev/null)" ] && return 0
      say "the stack has one TC: seata-server-2 started beside it (profile two-tcs)"
      waiting "seata-server-2 to be healthy" ctl compose --profile two-tcs up -d --wait seata-server-2 ;;
    *:links)
      [ -n "${TOXIPROXY_URL:-}" ] && return 0
      say "the cluster has no links: Toxiproxy started and the services restarted through it (FAULTY_LINKS=1)"
      FAULTY_LINKS=1 ctl up toxiproxy
      restart_linked_services ;;
    *:two-tcs)
      if [ -n "${TOXIPROXY_URL:-}" ]; then
        # Failing over from one TC's link to the other's is not measured (an earlier measurement had the
        # grouplist joined with ',', which left the client no TC at all); through Nacos it carries on.
        say "needs two-tcs: not with links (the services find the TCs through Nacos only without them); cluster.sh down, then up without FAULTY_LINKS"
        exit 2
      fi
      "$CTL" status seata-2 >/dev/null 2>&1 && return 0
      say "the cluster has one TC: seata-2 started beside it (TC_INSTANCES=2)"
      TC_INSTANCES=2 ctl up seata-2 ;;
    *) say "needs: '$1' is neither links nor two-tcs"; exit 2 ;;
  esac
  eval "$("$CTL" env)"
}

restart_linked_services() {
  local service
  for service in inventory-service order-service payment-service ${PAYMENT2_URL:+payment-service-2}; do
    ctl stop "$service"
    waiting "$service to be back through its links" ctl start "$service"
  done
}

# links_to <target> [service...]: the links to a target (mysql, seata, seata-2) of those services
# (default: every linked service), as Toxiproxy has them
links_to() {
  local target=$1
  shift
  curl -fsS --max-time 5 "$TOXIPROXY_URL/proxies" | python3 -c '
import json, sys
target, services = sys.argv[1], sys.argv[2:]
for name in sorted(json.load(sys.stdin)):
    service, _, to = name.partition("-to-")
    if to == target and (not services or service in services):
        print(name)' "$target" "$@"
}

LINKS_TOUCHED=0
# a link's fault window (the restore heals every link at once, see restore)
link_window() { [ "$ERRORS_RULE" != window ] || echo "$1 $(date +%s.%N) $2 ${3:-$2}" >>"$CHAOS_RUN_DIR/$SCENARIO.faults"; }
link() { # link latency <ms> <link...> | link partition <link...> | link heal <link...>
  local action=$1 ms=0 name
  shift
  [ "$action" != latency ] || { ms=$1; shift; }
  [ -n "${TOXIPROXY_URL:-}" ] || { say "link: this cluster has no links (needs links)"; return 1; }
  for name in "$@"; do
    curl -fsS --max-time 5 "$TOXIPROXY_URL/proxies/$name" >/dev/null || { say "link: no link '$name' (cluster.sh links)"; return 1; }
    case $action in
      latency | partition)
        # a partition is a latency of an hour both ways: nothing arrives, nothing is lost; heal delivers it
        [ "$action" = latency ] || ms=3600000
        say "link: $name $action$([ "$action" = latency ] && echo " $ms ms")"
        LINKS_TOUCHED=1
        link_window open "$name" "$action $name"
        local stream
        for stream in upstream downstream; do
          curl -fsS --max-time 5 -X POST "$TOXIPROXY_URL/proxies/$name/toxics" -H 'Content-Type: application/json' \
            -d "{\"name\":\"chaos-$stream\",\"type\":\"latency\",\"stream\":\"$stream\",\"attributes\":{\"latency\":$ms,\"jitter\":$((ms / 10))}}" >/dev/null
        done ;;
      heal)
        # what the toxics held is delivered as they go: under load that can take seconds
        local t0=$SECONDS
        for stream in upstream downstream; do
          curl -fsS --max-time 60 -X DELETE "$TOXIPROXY_URL/proxies/$name/toxics/chaos-$stream" >/dev/null 2>&1 || true
        done
        if [ "$(curl -fsS --max-time 5 "$TOXIPROXY_URL/proxies/$name/toxics")" != "[]" ]; then
          say "link: $name still has toxics after healing"
          return 1
        fi
        say "link: $name healed ($((SECONDS - t0)) s to deliver what it held)"
        link_window close "$name" ;;
      *) say "link: '$action' is neither latency, partition nor heal"; return 2 ;;
    esac
  done
}

disarm() { curl -fsS -X DELETE "$1/actuator/faults" -u "operator:$OPERATOR_PASSWORD" >/dev/null || true; }

sandbox_faults() {
  say "sandbox faults: $1"
  curl -fsS -X PUT "$SANDBOX_URL/sandbox/faults" -H 'Content-Type: application/json' -d "$1" >/dev/null
}

SCENARIO=""
FAULT=""
ERRORS_RULE=window
STARTED=0
LOAD_PID=""
LOAD_EXIT=""

begin() { # begin <name> <fault description> [window|none]
  SCENARIO=$1
  FAULT=$2
  ERRORS_RULE=${3:-window}
  STARTED=$SECONDS
  case $ERRORS_RULE in
    window) say "== $SCENARIO: $FAULT (load errors allowed only in the fault windows)" ;;
    none) say "== $SCENARIO: $FAULT (no load error allowed: the fault must not reach shoppers)" ;;
    *) echo "lib.sh: begin: errors rule '$ERRORS_RULE' is neither window nor none" >&2; exit 2 ;;
  esac
  say "   load seed $CHAOS_SEED; files in $CHAOS_RUN_DIR"
  : >"$CHAOS_RUN_DIR/$SCENARIO.faults"
}

load() { # load <seconds>: shoppers in the background for that long at least, and until finish says
  rm -f "$CHAOS_RUN_DIR/$SCENARIO.stop"
  python3 "$CHAOS_ROOT/deploy/chaos/load.py" --seconds "$1" --workers "${CHAOS_WORKERS:-6}" --seed "$CHAOS_SEED" \
    --stop-file "$CHAOS_RUN_DIR/$SCENARIO.stop" --calls "$CHAOS_RUN_DIR/$SCENARIO.calls.jsonl" --summary "$CHAOS_RUN_DIR/$SCENARIO.load.json" \
    >"$CHAOS_RUN_DIR/$SCENARIO.load.out" 2>&1 &
  LOAD_PID=$!
}

wait_load() { # the load's exit code in LOAD_EXIT; its summary line printed
  [ -n "$LOAD_PID" ] || return 0
  LOAD_EXIT=0
  : >"$CHAOS_RUN_DIR/$SCENARIO.stop" # the load ends at its own deadline, or now if that has passed
  # shellcheck disable=SC2016
  waiting "the load to end" bash -c 'while kill -0 "$0" 2>/dev/null; do sleep 0.5; done' "$LOAD_PID"
  wait "$LOAD_PID" || LOAD_EXIT=$?
  LOAD_PID=""
  say "load: $(tail -n 1 "$CHAOS_RUN_DIR/$SCENARIO.load.out")"
}

reconciliation() { curl -fsS --max-time 30 -u "operator:$OPERATOR_PASSWORD" "$PAYMENT_URL/api/admin/reconciliation"; }

# quiet: the report is ok and nothing is under way (inbox, refunds, undo logs); prints what it saw
quiet() {
  reconciliation 2>/dev/null | python3 "$CHAOS_REPORT" quiet
}

finish() {
  # a scenario whose fault shoppers may see: the load goes on a while after it healed, to be judged
  if [ -n "$LOAD_PID" ] && [ -s "$CHAOS_RUN_DIR/$SCENARIO.faults" ]; then
    hold "$CHAOS_AFTER_SECONDS" "the load after the fault healed"
  fi
  wait_load
  disarm "$PAYMENT_URL"; disarm "$ORDER_URL"; disarm "$INVENTORY_URL"
  [ -z "${PAYMENT2_URL:-}" ] || disarm "$PAYMENT2_URL"
  sandbox_faults '{"WECHAT":{},"ALIPAY":{}}'
  # quiet twice, 10 s apart, within CHAOS_QUIET_SECONDS; a line every few seconds of what is under way
  local loaded=$SECONDS deadline=$((SECONDS + CHAOS_QUIET_SECONDS)) streak=0 outcome=FAIL state last=-100
  say "waiting until quiet (reconciliation ok, nothing under way, twice 10 s apart; at most ${CHAOS_QUIET_SECONDS} s)"
  while [ $SECONDS -lt $deadline ]; do
    if state=$(quiet); then
      streak=$((streak + 1))
      say "  quiet ($streak of 2) after $((SECONDS - loaded)) s: $state"
      if [ $streak -ge 2 ]; then outcome=PASS; break; fi
      hold 10 "the second quiet check"
    else
      streak=0
      if [ $((SECONDS - last)) -ge "$CHAOS_PROGRESS_SECONDS" ]; then
        last=$SECONDS
        say "  waiting for quiet ($((SECONDS - loaded)) s of ${CHAOS_QUIET_SECONDS}): $state"
      fi
      sleep 3
    fi
  done
  local quiet_seconds=$((SECONDS - loaded)) code=0
  reconciliation >"$CHAOS_RUN_DIR/$SCENARIO.report.json" 2>/dev/null || rm -f "$CHAOS_RUN_DIR/$SCENARIO.report.json"
  python3 "$CHAOS_REPORT" verdict "$CHAOS_RUN_DIR" "$SCENARIO" "$FAULT" "$outcome" "$quiet_seconds" \
    "${LOAD_EXIT:-none}" "$((SECONDS - STARTED))" | while IFS= read -r line; do say "$line"; done || code=1
  if [ "$STANDALONE" = 1 ]; then
    python3 "$CHAOS_REPORT" summary "$CHAOS_RUN_DIR" "$SCENARIO" >/dev/null || true
    say "summary: $CHAOS_RUN_DIR/summary.md"
  fi
  return $code
}
