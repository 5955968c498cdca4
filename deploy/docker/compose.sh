#!/usr/bin/env bash
# The whole system on Docker (deploy/docker-compose.yml), on a machine that may reach no image
# registry: the Docker counterpart of deploy/local/cluster.sh.
#
#   compose.sh up          engine (engine.sh), images (images.sh), jars (built when missing or stale),
#                          `up -d --wait` with PAYMENT_REPLICAS (2) payment-service replicas, then one
#                          order paid through the edge
#   compose.sh demo        one more order paid through the edge
#   compose.sh down        containers (of every profile), networks and volumes removed (`down -v --remove-orphans`); the
#                          images stay for the next `up`
#   compose.sh status      `ps`, one line per container; exit 3 when one is not healthy
#   compose.sh logs [service]   follow the logs (all services, or one)
#   compose.sh env         export lines for the cluster tests and chaos (eval "$(compose.sh env)")
#   compose.sh token <userId> [s]   a demo shopper's bearer token; compose.sh operator: the operator's credential
#   compose.sh start|stop|kill|freeze|thaw <component>
#                          as cluster.sh's, components named as there (seata, payment-service-2, ...)
#   compose.sh compose <args...>   any docker compose command on this project
#   compose.sh clean-tests the stacks the cluster tests brought up through Testcontainers and left
#                          behind (projects dualpay-tc-*, and Testcontainers' ambassadors) removed
#
# The project is named COMPOSE_PROJECT (dualpay). Host ports: the *_HOST_PORT variables of the compose
# file (ORDER_HOST_PORT=8081 PAYMENT_HOST_PORT=8082 INVENTORY_HOST_PORT=8083 SANDBOX_HOST_PORT=8090
# MYSQL_HOST_PORT=3306 NACOS_HOST_PORT=8848 NACOS_GRPC_HOST_PORT=9848 SEATA_HOST_PORT=8091
# SEATA_CONSOLE_HOST_PORT=7091 PROMETHEUS_HOST_PORT=9095 ZIPKIN_HOST_PORT=9411, and for the `ops` proxy ORDER_OPS_HOST_PORT=9081 PAYMENT_OPS_HOST_PORT=9082
# INVENTORY_OPS_HOST_PORT=9083 SANDBOX_OPS_HOST_PORT=9090). DUALPAY_OPS=0 leaves the ops proxy out.
# Compose v2 (the CLI plugin) is used when present; DUALPAY_COMPOSE=docker-compose forces 1.29.
# FAULTY_LINKS=1 (with up): every service reaches MySQL and the TC through a Toxiproxy link of its own
# (deploy/docker-compose.links.yml), for the chaos scenarios that slow or cut them; a stack brought up
# so keeps its links for every later command, until `down`. TOXIPROXY_HOST_PORT (8474) is its API.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/deploy/docker
FILE=$ROOT/deploy/docker-compose.yml
LINKS_FILE=$ROOT/deploy/docker-compose.links.yml
IMAGES_ENV=${IMAGES_ENV_FILE:-$ROOT/deploy/.images.env}
PROJECT=${COMPOSE_PROJECT:-dualpay}
PAYMENT_REPLICAS=${PAYMENT_REPLICAS:-2}
WAIT_SECONDS=${WAIT_SECONDS:-300}
SECRETS=$ROOT/deploy/.env
LOG_LINKS=$ROOT/.cluster/compose-logs
if [ "${DUALPAY_OPS:-1}" = 1 ]; then export COMPOSE_PROFILES=${COMPOSE_PROFILES:-ops}; fi

say() { printf '%s\n' "$*" >&2; }
die() { say "compose.sh: $*"; exit 1; }

# The stack's secrets (deploy/docker/secrets.sh), exported: compose interpolates them, and the
# images env file passed with --env-file would otherwise keep compose from reading deploy/.env.
load_secrets() {
  [ -s "$SECRETS" ] || "$HERE/secrets.sh"
  set -a
  # shellcheck disable=SC1090
  . "$SECRETS"
  set +a
}

COMPOSE_CMD=()
compose() {
  if [ ${#COMPOSE_CMD[@]} -eq 0 ]; then
    if [ "${DUALPAY_COMPOSE:-}" = docker-compose ]; then COMPOSE_CMD=(docker-compose)
    elif docker compose version >/dev/null 2>&1; then COMPOSE_CMD=(docker compose)
    elif command -v docker-compose >/dev/null 2>&1; then COMPOSE_CMD=(docker-compose)
    else die "no compose found; run deploy/docker/engine.sh"; fi
    COMPOSE_CMD+=(-p "$PROJECT" -f "$FILE")
    if [ "${FAULTY_LINKS:-0}" = 1 ] || [ -n "$(docker ps -a -q --filter "label=com.docker.compose.project=$PROJECT" \
        --filter label=com.docker.compose.service=toxiproxy 2>/dev/null)" ]; then
      COMPOSE_CMD+=(-f "$LINKS_FILE")
    fi
    # the chosen images; variables set in the environment still win over the file
    [ -f "$IMAGES_ENV" ] && COMPOSE_CMD+=(--env-file "$IMAGES_ENV")
  fi
  "${COMPOSE_CMD[@]}" "$@"
}
compose_v2() { [ "${COMPOSE_CMD[0]:-}" = docker ] && [ "${COMPOSE_CMD[1]:-}" = compose ]; }

# ---------------------------------------------------------------- jars for Dockerfile.prebuilt

APP_MODULES=(order-service payment-service inventory-service deploy/channel-sandbox deploy/console)

ensure_jars() {
  local module jar stale=()
  for module in "${APP_MODULES[@]}"; do
    jar=$ROOT/$module/target/${module##*/}.jar
    if [ ! -f "$jar" ] || { [ "${SKIP_BUILD:-0}" != 1 ] && [ -n "$(find "$ROOT/$module/src" "$ROOT/$module/pom.xml" \
        "$ROOT/pom.xml" "$ROOT/common" -newer "$jar" -type f -print -quit 2>/dev/null)" ]; }; then
      stale+=("$module")
    fi
  done
  [ ${#stale[@]} -gt 0 ] || return 0
  say "== building ${stale[*]} (missing or older than their sources)"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package -pl "$(IFS=,; echo "${stale[*]}")" -am)
}

# ---------------------------------------------------------------- addresses

# host_port <service> <container port> <variable default>: the published port, or the default
host_port() {
  local published
  published=$(compose port "$1" "$2" 2>/dev/null | head -n 1 || true)
  if [ -n "$published" ] && [ "${published##*:}" != 0 ]; then echo "${published##*:}"; else echo "$3"; fi
}

ORDER_PORT="" PAYMENT_PORT="" INVENTORY_PORT="" SANDBOX_PORT=""
edge_ports() {
  ORDER_PORT=$(host_port edge 8081 "${ORDER_HOST_PORT:-8081}")
  PAYMENT_PORT=$(host_port edge 8082 "${PAYMENT_HOST_PORT:-8082}")
  INVENTORY_PORT=$(host_port edge 8083 "${INVENTORY_HOST_PORT:-8083}")
  SANDBOX_PORT=$(host_port edge 8090 "${SANDBOX_HOST_PORT:-8090}")
}

# ---------------------------------------------------------------- commands

# One order paid end to end through the edge (the public ports), as cluster.sh's demo does it.
# Kept in one function: the calls change when the APIs do (authentication, ...).
demo_order() {
  edge_ports
  say "== one order paid through the edge (127.0.0.1:$ORDER_PORT)"
  python3 "$ROOT/deploy/lib/dualpay.py" demo "http://127.0.0.1:$ORDER_PORT" "http://127.0.0.1:$PAYMENT_PORT" \
    "http://127.0.0.1:$SANDBOX_PORT" >&2 || die "the demo order did not end PAID; see 'compose.sh logs payment-service'"
}

# Waits until every container of the project is healthy (docker-compose 1.x has no --wait).
wait_healthy() {
  local deadline=$((SECONDS + WAIT_SECONDS)) bad
  while :; do
    bad=$(docker ps -a --filter "label=com.docker.compose.project=$PROJECT" --format '{{.Names}} {{.Status}}' \
      | grep -v '(healthy)' || true)
    [ -z "$bad" ] && return 0
    if [ $SECONDS -ge $deadline ]; then
      say "compose.sh: not healthy after ${WAIT_SECONDS}s:"
      say "$bad"
      return 1
    fi
    sleep 2
  done
}

cmd_up() {
  local t0=$SECONDS t=$SECONDS engine images jars build healthy demo
  "$HERE/engine.sh"
  engine=$((SECONDS - t)); t=$SECONDS
  "$HERE/images.sh"
  images=$((SECONDS - t)); t=$SECONDS
  if grep -q '^APP_DOCKERFILE=Dockerfile.prebuilt' "$IMAGES_ENV" 2>/dev/null || [ "${APP_DOCKERFILE:-}" = Dockerfile.prebuilt ]; then
    ensure_jars
  fi
  jars=$((SECONDS - t)); t=$SECONDS
  say "== compose up (project $PROJECT, payment-service x$PAYMENT_REPLICAS)"
  compose build >&2
  build=$((SECONDS - t)); t=$SECONDS
  if compose_v2; then
    compose up -d --wait --wait-timeout "$WAIT_SECONDS" --remove-orphans --scale "payment-service=$PAYMENT_REPLICAS" \
      || { compose ps >&2; die "not every service became healthy; see 'compose.sh logs <service>'"; }
  else
    compose up -d --remove-orphans --scale "payment-service=$PAYMENT_REPLICAS"
    wait_healthy || die "not every service became healthy; see 'compose.sh logs <service>'"
  fi
  healthy=$((SECONDS - t)); t=$SECONDS
  demo_order
  demo=$((SECONDS - t))
  cmd_status || true
  say "up in $((SECONDS - t0)) s: engine $engine s, images $images s, jars $jars s, app images $build s, 'up' to all healthy $healthy s, paid order $demo s"
}

cmd_status() {
  local ids health=0
  compose ps
  ids=$(docker ps -a -q --filter "label=com.docker.compose.project=$PROJECT")
  [ -n "$ids" ] || { say "(nothing runs in project $PROJECT)"; return 3; }
  # shellcheck disable=SC2086
  if docker inspect --format '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' $ids \
      | grep -qv ' healthy$'; then health=3; fi
  edge_ports
  cat <<EOF

order API        http://127.0.0.1:$ORDER_PORT/api/orders          (through the edge)
payment API      http://127.0.0.1:$PAYMENT_PORT/api/payments
inventory API    http://127.0.0.1:$INVENTORY_PORT/api/skus
channel sandbox  http://127.0.0.1:$SANDBOX_PORT/sandbox/{wechat,alipay}/trades
Nacos            http://127.0.0.1:$(host_port nacos 8848 "${NACOS_HOST_PORT:-8848}")/nacos
Seata console    http://127.0.0.1:$(host_port seata-server 7091 "${SEATA_CONSOLE_HOST_PORT:-7091}") (user seata, password SEATA_CONSOLE_PASSWORD of the secrets)
MySQL            127.0.0.1:$(host_port mysql 3306 "${MYSQL_HOST_PORT:-3306}")  user dualpay, databases order_db payment_db inventory_db seata
Prometheus       http://127.0.0.1:$(host_port prometheus 9090 "${PROMETHEUS_HOST_PORT:-9095}")   (scrapes every replica as the operator, and the TC)
secrets          $SECRETS   (a shopper's token: compose.sh token <userId>; the operator: compose.sh operator)
EOF
  return $health
}

# The container of a component (cluster.sh's names): seata is seata-server, seata-2 the second TC
# (seata-server-2, profile two-tcs), payment-service-2 the second replica; replica 1 otherwise.
container_of() {
  local service=$1 number=1
  case $1 in
    seata) service=seata-server ;;
    seata-2) service=seata-server-2 ;;
    *-[0-9]) service=${1%-*}; number=${1##*-} ;;
  esac
  docker ps -a -q --filter "label=com.docker.compose.project=$PROJECT" \
    --filter "label=com.docker.compose.service=$service" --filter "label=com.docker.compose.container-number=$number" \
    | head -n 1
}

cmd_env() {
  local ops=1
  [ -n "$(compose ps -q ops 2>/dev/null)" ] || ops=0
  edge_ports
  local o=$ORDER_PORT p=$PAYMENT_PORT i=$INVENTORY_PORT s=$SANDBOX_PORT
  if [ $ops = 1 ]; then
    o=$(host_port ops 9081 "${ORDER_OPS_HOST_PORT:-9081}"); p=$(host_port ops 9082 "${PAYMENT_OPS_HOST_PORT:-9082}")
    i=$(host_port ops 9083 "${INVENTORY_OPS_HOST_PORT:-9083}"); s=$(host_port ops 9090 "${SANDBOX_OPS_HOST_PORT:-9090}")
  fi
  # Log files for the tests (CLUSTER_LOG_DIR/<component>.log): links to the engine's json-file logs
  # of the current containers (one JSON object a line: quotes in messages are escaped).
  mkdir -p "$LOG_LINKS"
  rm -f "$LOG_LINKS"/*.log
  local component id path
  for component in mysql nacos seata channel-sandbox inventory-service order-service payment-service payment-service-2; do
    id=$(container_of "$component")
    [ -n "$id" ] || continue
    path=$(docker inspect --format '{{.LogPath}}' "$id" 2>/dev/null || true)
    [ -n "$path" ] && ln -sf "$path" "$LOG_LINKS/$component.log"
  done
  cat <<EOF
# $( [ $ops = 1 ] && echo "*_URL: the ops proxy (every path); EDGE_*_URL: the edge (public paths only)" || echo "*_URL: the edge (public paths only: no fault points, no /internal)")
export ORDER_URL=http://127.0.0.1:$o
export PAYMENT_URL=http://127.0.0.1:$p
export PAYMENT2_URL=
export CLUSTER_CTL=$HERE/compose.sh
export INVENTORY_URL=http://127.0.0.1:$i
export SANDBOX_URL=http://127.0.0.1:$s
export EDGE_ORDER_URL=http://127.0.0.1:$ORDER_PORT
export EDGE_PAYMENT_URL=http://127.0.0.1:$PAYMENT_PORT
export EDGE_INVENTORY_URL=http://127.0.0.1:$INVENTORY_PORT
export EDGE_SANDBOX_URL=http://127.0.0.1:$SANDBOX_PORT
export NACOS_URL=http://127.0.0.1:$(host_port nacos 8848 "${NACOS_HOST_PORT:-8848}")
export MYSQL_URL=jdbc:mysql://127.0.0.1:$(host_port mysql 3306 "${MYSQL_HOST_PORT:-3306}")
export ZIPKIN_URL=http://127.0.0.1:$(host_port zipkin 9411 "${ZIPKIN_HOST_PORT:-9411}")
export MYSQL_USER=dualpay
export CLUSTER_LOG_DIR=$LOG_LINKS
export COMPOSE_PROJECT=$PROJECT
export PROMETHEUS_URL=http://127.0.0.1:$(host_port prometheus 9090 "${PROMETHEUS_HOST_PORT:-9095}")
export TOXIPROXY_URL=$([ -n "$(compose ps -q toxiproxy 2>/dev/null)" ] && echo "http://127.0.0.1:$(host_port toxiproxy 8474 "${TOXIPROXY_HOST_PORT:-8474}")")
EOF
  sed -n 's/^\([A-Z0-9_]*=\)/export \1/p' "$SECRETS"
}

cmd_token() { # cmd_token <userId> [seconds]: a demo shopper's token, signed with the stack's shopper key
  [ $# -ge 1 ] || die "usage: compose.sh token <userId> [seconds]"
  python3 "$ROOT/deploy/lib/dualpay.py" token "$@"
}

cmd_ctl() { # cmd_ctl <start|stop|kill|freeze|thaw> <component>
  local action=$1 component=$2 id
  id=$(container_of "$component")
  [ -n "$id" ] || die "no container for '$component' in project $PROJECT"
  case $action in
    kill) docker kill -s KILL "$id" >/dev/null ;;
    stop) docker stop -t 20 "$id" >/dev/null ;;
    freeze) docker pause "$id" >/dev/null ;;
    thaw) docker unpause "$id" >/dev/null ;;
    start)
      docker start "$id" >/dev/null
      local deadline=$((SECONDS + WAIT_SECONDS))
      until [ "$(docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id")" = healthy ]; do
        [ $SECONDS -lt $deadline ] || die "$component not healthy after ${WAIT_SECONDS}s"
        sleep 1
      done
      ;;
  esac
}

# The cluster tests' stacks (ComposeStack: projects dualpay-tc-<random>) are taken down by the test
# JVM when it ends; one killed before that leaves its stack, removed here.
cmd_clean_tests() {
  local project
  for project in $(docker ps -a --filter label=com.docker.compose.project \
      --format '{{ index .Labels "com.docker.compose.project" }}' | grep '^dualpay-tc-' | sort -u); do
    say "removing the test stack $project"
    docker compose -p "$project" down -v --remove-orphans >/dev/null 2>&1 \
      || docker rm -f $(docker ps -aq --filter "label=com.docker.compose.project=$project") >/dev/null
  done
  local ambassadors
  ambassadors=$(docker ps -aq --filter label=org.testcontainers=true --filter name=testcontainers-socat-)
  [ -z "$ambassadors" ] || docker rm -f $ambassadors >/dev/null
  docker network prune -f --filter label=com.docker.compose.project >/dev/null 2>&1 || true
}

main() {
  local command=${1:-}
  [ $# -gt 0 ] && shift
  case $command in "" | -h | --help | clean-tests) ;; *) load_secrets ;; esac
  case $command in
    up) cmd_up ;;
    demo) demo_order ;;
    # every profile's services too: a second TC started for a scenario (two-tcs) is part of the stack
    down) compose --profile ops --profile two-tcs --profile dashboards down -v --remove-orphans; rm -rf "$LOG_LINKS" ;;
    status) cmd_status ;;
    logs) compose logs -f --tail 100 "$@" ;;
    env) cmd_env ;;
    token) cmd_token "$@" ;;
    operator) echo "operator:$OPERATOR_PASSWORD" ;;
    compose) compose "$@" ;;
    clean-tests) cmd_clean_tests ;;
    start | stop | kill | freeze | thaw)
      [ $# -eq 1 ] || die "usage: compose.sh $command <component>"
      cmd_ctl "$command" "$1" ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; [ -z "$command" ] || exit 2 ;;
  esac
}

main "$@"
