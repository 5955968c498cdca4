#!/usr/bin/env bash
# The local cluster: the whole system as plain processes on 127.0.0.1, no Docker needed.
#
#   cluster.sh up [component...]     install what is missing, build, start, wait until healthy
#   cluster.sh demo                  up, then one order paid through the sandbox, printed
#   cluster.sh down [--purge]        stop what this script started (--purge: and delete its data)
#   cluster.sh status [component...] one line per component; exit 3 when one (of those named) is not healthy
#   cluster.sh logs [component]      follow one log, or list them
#   cluster.sh env                   export lines for the cluster scenarios (eval "$(cluster.sh env)")
#   cluster.sh token <userId> [s]    a demo shopper's bearer token (an hour, or s seconds)
#   cluster.sh operator              the operator's credential, for curl -u
#   cluster.sh start|stop|kill|freeze|thaw <component>
#                                    for failure injection: kill is kill -9, freeze is SIGSTOP
#
#   cluster.sh links [reset]         the services' links to MySQL and the TCs and their toxics (FAULTY_LINKS=1);
#                                    reset: every link made anew and healed
#
# Components, in start order: mysql (MariaDB), nacos (rnacos), zipkin (traces), seata (the TC), prometheus,
# channel-sandbox, inventory-service, order-service, payment-service, console (the operator's pages);
# payment-service-2 with PAYMENT_INSTANCES=2, a second TC (seata-2, the same db store) with
# TC_INSTANCES=2, and toxiproxy with FAULTY_LINKS=1: then
# every service reaches MySQL and each TC through a link of its own (a Toxiproxy proxy), which a chaos
# scenario can slow down or cut (deploy/chaos/lib.sh: link).
# Everything lives under .cluster/ at the repo root (git-ignored): data, logs/, pids/, and
# secrets.env, the cluster's own secrets, generated on the first `up` (database password, service and
# shopper token keys, operator password, the channels' keys (deploy/lib/channel-keys.sh), TC console login). Ports can be changed with
# the variables below.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE=$ROOT/.cluster
LOGS=$STATE/logs
PIDS=$STATE/pids
RUN=$STATE/run

RNACOS_VERSION=0.8.8
MYSQL_PORT=${MYSQL_PORT:-3306}
NACOS_PORT=${NACOS_PORT:-8848}
NACOS_GRPC_PORT=$((NACOS_PORT + 1000))
NACOS_CONSOLE_PORT=$((NACOS_PORT + 2000))
SEATA_PORT=${SEATA_PORT:-8091}
SEATA_CONSOLE_PORT=${SEATA_CONSOLE_PORT:-7091}
# TC_INSTANCES=2 adds seata-2: a second TC on the same db store, registered beside the first.
TC_INSTANCES=${TC_INSTANCES:-1}
SEATA2_PORT=${SEATA2_PORT:-8092}
SEATA2_CONSOLE_PORT=${SEATA2_CONSOLE_PORT:-7092}
# Each TC's Prometheus exporter (seata.metrics, deploy/seata-server's dualpay-tc.yml).
SEATA_METRICS_PORT=${SEATA_METRICS_PORT:-9898}
SEATA2_METRICS_PORT=${SEATA2_METRICS_PORT:-9899}
# Prometheus (Debian's package), scraping every service and TC (README, "Metrics and dashboards").
PROMETHEUS_PORT=${PROMETHEUS_PORT:-9095}
# FAULTY_LINKS=1: the services reach MySQL and the TCs through Toxiproxy (built once from the Go module
# proxy), one proxy per link on LINK_PORT_BASE + 10 x service + target (see link_port); the TCs are then
# found through the Seata client's file registry naming the service's own links, since a TC registers
# one address in Nacos for everyone.
FAULTY_LINKS=${FAULTY_LINKS:-0}
TOXIPROXY_PORT=${TOXIPROXY_PORT:-8474}
LINK_PORT_BASE=${LINK_PORT_BASE:-19000}
# How old (ms since it began) a global session in Committing/Rollbacking must be before the TC's
# recovery jobs take it over. Seata's default is 130000: a rolled-back session lingers that long in
# seata.global_table (store mode db ends sessions lazily). 40 s stays above the services' longest
# global timeout (30 s), so recovery never races a transaction that is still live.
SEATA_RETRY_DEAD_THRESHOLD=${SEATA_RETRY_DEAD_THRESHOLD:-40000}
SANDBOX_PORT=${SANDBOX_PORT:-8090}
# Zipkin (README, "Traces"): the server's exec jar from Maven Central, in-memory storage keeping the last
# ZIPKIN_MAX_SPANS spans, a small heap; every service and the sandbox report their spans to it.
ZIPKIN_PORT=${ZIPKIN_PORT:-9411}
ZIPKIN_VERSION=${ZIPKIN_VERSION:-3.4.4}
ZIPKIN_MAX_SPANS=${ZIPKIN_MAX_SPANS:-30000}
ZIPKIN_JAVA_OPTS=${ZIPKIN_JAVA_OPTS:--Xms32m -Xmx160m -XX:+UseSerialGC}
INVENTORY_PORT=${INVENTORY_PORT:-8083}
ORDER_PORT=${ORDER_PORT:-8081}
PAYMENT_PORT=${PAYMENT_PORT:-8082}
PAYMENT2_PORT=${PAYMENT2_PORT:-8182}
# The operator's console (deploy/console); it links XIDs to Zipkin's UI at ZIPKIN_URL.
CONSOLE_PORT=${CONSOLE_PORT:-8085}
# PAYMENT_INSTANCES=2 adds payment-service-2 beside the first (the test command runs two).
PAYMENT_INSTANCES=${PAYMENT_INSTANCES:-1}
MYSQL_USER=${MYSQL_USER:-dualpay}
SECRETS=$STATE/secrets.env
# shellcheck source=../lib/channel-keys.sh
. "$ROOT/deploy/lib/channel-keys.sh"
# shellcheck source=../lib/toxiproxy.sh
. "$ROOT/deploy/lib/toxiproxy.sh"
JAVA_OPTS=${JAVA_OPTS:--Xms64m -Xmx256m -XX:MaxMetaspaceSize=192m -XX:+UseSerialGC}
WAIT_SECONDS=${WAIT_SECONDS:-180}

# The components, in start order: the one table every command reads. kind picks the functions that
# start one, tell it healthy and recognise its process (start_<kind>, healthy_<kind>, owns_<kind>);
# ports are variables above, the first the one it answers on (the others: rnacos's gRPC and console,
# the TC's console and metrics); module is where its jar is built (target/<module's name>.jar); registry is the
# name@group it registers in Nacos, which its health requires; "when" names the variable that must be at
# least the number for the component to run (payment-service-2 is the second payment-service).
COMPONENT_TABLE='
# component        kind       ports                                         module                  registry                         when
mysql              mysql      MYSQL_PORT                                    -                       -                                -
nacos              nacos      NACOS_PORT,NACOS_GRPC_PORT,NACOS_CONSOLE_PORT  -                       -                                -
zipkin             zipkin     ZIPKIN_PORT                                   -                       -                                -
toxiproxy          toxiproxy  TOXIPROXY_PORT                                -                       -                                FAULTY_LINKS>=1
seata              seata      SEATA_PORT,SEATA_CONSOLE_PORT,SEATA_METRICS_PORT    deploy/seata-server     seata-server@SEATA_GROUP         -
seata-2            seata      SEATA2_PORT,SEATA2_CONSOLE_PORT,SEATA2_METRICS_PORT deploy/seata-server     seata-server@SEATA_GROUP         TC_INSTANCES>=2
channel-sandbox    app        SANDBOX_PORT                                  deploy/channel-sandbox  channel-sandbox@DEFAULT_GROUP    -
inventory-service  app        INVENTORY_PORT                                inventory-service       inventory-service@DEFAULT_GROUP  -
order-service      app        ORDER_PORT                                    order-service           order-service@DEFAULT_GROUP      -
payment-service    app        PAYMENT_PORT                                  payment-service         payment-service@DEFAULT_GROUP    -
payment-service-2  app        PAYMENT2_PORT                                 payment-service         payment-service@DEFAULT_GROUP    PAYMENT_INSTANCES>=2
prometheus         prometheus PROMETHEUS_PORT                               -                       -                                -
console            app        CONSOLE_PORT                                  deploy/console          console@DEFAULT_GROUP            -
'
# an optional component started earlier is known to every command (down, status, env, ...) even without its variable
if [ -f "$PIDS/payment-service-2.pid" ] && [ "$PAYMENT_INSTANCES" -lt 2 ]; then PAYMENT_INSTANCES=2; fi
if [ -f "$PIDS/seata-2.pid" ] && [ "$TC_INSTANCES" -lt 2 ]; then TC_INSTANCES=2; fi
if [ -f "$PIDS/toxiproxy.pid" ] && [ "$FAULTY_LINKS" != 1 ]; then FAULTY_LINKS=1; fi
declare -A KIND PORT_VARS MODULE REGISTRY
ALL=()   # the components of this cluster, in start order
INFRA=() # started one by one, each healthy before the next
APPS=()  # started together once the infrastructure is up
while read -r name kind ports module registry when; do
  [ -n "$name" ] && [ "${name:0:1}" != "#" ] || continue
  KIND[$name]=$kind PORT_VARS[$name]=${ports//,/ } MODULE[$name]=$module REGISTRY[$name]=$registry
  if [ "$when" != - ]; then
    gate=${when%>=*}
    [ "${!gate}" -ge "${when#*>=}" ] || continue
  fi
  ALL+=("$name")
  if [ "$kind" = app ]; then APPS+=("$name"); else INFRA+=("$name"); fi
done <<<"$COMPONENT_TABLE"

say() { printf '%s\n' "$*" >&2; }
die() { say "cluster.sh: $*"; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

known() { [ -n "${KIND[$1]:-}" ] || die "unknown component '$1' (one of: ${ALL[*]})"; }

# Every port a component listens on, the one it answers on first.
ports_of() {
  known "$1"
  local var ports=()
  for var in ${PORT_VARS[$1]}; do ports+=("${!var}"); done
  echo "${ports[*]}"
}

port_of() { known "$1"; local ports; ports=$(ports_of "$1"); echo "${ports%% *}"; }

jar_of() { known "$1"; echo "$ROOT/${MODULE[$1]}/target/$(basename "${MODULE[$1]}").jar"; }

pid_of() {
  local file=$PIDS/$1.pid
  [ -f "$file" ] || return 1
  local pid
  pid=$(cat "$file")
  kill -0 "$pid" 2>/dev/null || return 1
  # a process that died (kill -9, a halt) may linger as a zombie until reaped; it is not running
  case "$(ps -o stat= -p "$pid" 2>/dev/null)" in Z* | "") return 1 ;; esac
  echo "$pid"
}

# Whether something listens on the port. Asks the kernel (ss) rather than connecting: a connect to a
# JVM whose accept backlog is full under load can hang, and a slow answer is not "nothing there".
port_open() {
  if command -v ss >/dev/null; then
    [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# The pid of the process listening on a port, when ss can tell.
listener_of() {
  command -v ss >/dev/null || return 1
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1
}

# adopt <component>: a process of this component that runs without a valid pid file (the file was
# lost, or a restart raced a slow health answer) is found by its port and its command line, and
# its pid written back. Never adopts a process that is not this component's.
adopt() {
  local component=$1 port pid cmdline
  port=$(port_of "$component")
  pid=$(listener_of "$port") || return 1
  [ -n "$pid" ] || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  "owns_${KIND[$component]}" "$component" "$cmdline" || return 1
  mkdir -p "$PIDS"
  echo "$pid" >"$PIDS/$component.pid"
}

# wait_for <component> <what> <command...>: retries the command until it succeeds or time runs out.
wait_for() {
  local component=$1 what=$2
  shift 2
  local deadline=$((SECONDS + WAIT_SECONDS))
  until "$@" >/dev/null 2>&1; do
    if ! pid_of "$component" >/dev/null; then
      say "cluster.sh: $component exited while waiting for $what; last lines of its log:"
      tail -n 60 "$LOGS/$component.log" >&2 || true
      exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      say "cluster.sh: $component: no $what after ${WAIT_SECONDS}s; last lines of its log:"
      tail -n 60 "$LOGS/$component.log" >&2 || true
      exit 1
    fi
    sleep 1
  done
}

mysql_root() { mariadb --no-defaults --protocol=socket --socket="$RUN/mysqld.sock" -uroot "$@"; }

registered() { # registered <component>: in Nacos as its registry name@group, healthy, on its port
  local registry=${REGISTRY[$1]}
  curl -fsS --max-time 5 "http://127.0.0.1:$NACOS_PORT/nacos/v1/ns/instance/list?serviceName=${registry%@*}&groupName=${registry#*@}&healthyOnly=true" \
    | grep -q "\"ip\":\"127.0.0.1\",\"port\":$(port_of "$1")"
}

healthy() { "healthy_${KIND[$1]}" "$1"; }

# ---------------------------------------------------------------- the cluster's secrets

# Generated once per cluster (and kept with its data): no published value works here.
ensure_secrets() {
  mkdir -p "$STATE"
  if [ -s "$SECRETS" ]; then
    # a cluster made before the channels' keys gets them (its notify secrets stay unused)
    append_channel_keys "$SECRETS"
    renew_tc_token_key "$SECRETS"
    return
  fi
  local name
  (
    umask 077
    {
      echo "# The secrets of the local cluster in $STATE, generated by cluster.sh on $(date -Is)."
      echo "# Git-ignored; deleted with the cluster's data (cluster.sh down --purge)."
      for name in MYSQL_PASSWORD SERVICE_KEY SHOPPER_KEY OPERATOR_PASSWORD SEATA_CONSOLE_PASSWORD SEATA_SECRET_KEY; do
        echo "$name=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)"
      done
    } >"$SECRETS"
  )
  append_channel_keys "$SECRETS"
  renew_tc_token_key "$SECRETS"   # 64 characters: 40 are too few bits for the TC console's HS256
  say "== generated the cluster's secrets into $SECRETS"
}

load_secrets() {
  ensure_secrets
  set -a
  # shellcheck disable=SC1090
  . "$SECRETS"
  set +a
}

# The database user of the services and the TC, with the cluster's password (idempotent).
apply_db_user() {
  local host
  for host in '%' localhost 127.0.0.1; do
    mysql_root -e "CREATE USER IF NOT EXISTS '$MYSQL_USER'@'$host' IDENTIFIED BY '$MYSQL_PASSWORD';
      ALTER USER '$MYSQL_USER'@'$host' IDENTIFIED BY '$MYSQL_PASSWORD';
      GRANT ALL PRIVILEGES ON order_db.* TO '$MYSQL_USER'@'$host';
      GRANT ALL PRIVILEGES ON payment_db.* TO '$MYSQL_USER'@'$host';
      GRANT ALL PRIVILEGES ON inventory_db.* TO '$MYSQL_USER'@'$host';
      GRANT ALL PRIVILEGES ON seata.* TO '$MYSQL_USER'@'$host';"
  done
  mysql_root -e "FLUSH PRIVILEGES"
}

# ---------------------------------------------------------------- installing what is missing

ensure_tools() {
  local missing=()
  command -v curl >/dev/null || missing+=(curl)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v mariadbd >/dev/null || missing+=(mariadb-server)
  command -v mariadb >/dev/null || missing+=(mariadb-client)
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  if [ ${#missing[@]} -gt 0 ]; then
    say "== installing ${missing[*]} (Debian packages)"
    as_root apt-get update -qq
    # env, not a prefix assignment: sudo drops the caller's environment
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  java -version 2>&1 | grep -q 'version "17' \
    || say "cluster.sh: warning: the services are built and tested on Java 17; found $(java -version 2>&1 | head -1)"
}

# Debian's prometheus (2.42), without the recommended exporters. The package would start its own
# server on :9090 (where compose's ops proxy listens): a policy-rc.d keeps it from starting, where none
# is in place, and its unit is disabled; this cluster starts its own (start_prometheus).
ensure_prometheus() {
  command -v prometheus >/dev/null && return
  say "== installing prometheus (Debian's package)"
  local policy=/usr/sbin/policy-rc.d added=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# written by dualpay cluster.sh while it installs prometheus\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    added=1
  fi
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null || {
    [ $added = 0 ] || as_root rm -f "$policy"
    die "installing prometheus failed"
  }
  [ $added = 0 ] || as_root rm -f "$policy"
  if [ -d /run/systemd/system ]; then as_root systemctl disable --now prometheus >/dev/null 2>&1 || true; fi
}

rnacos_bin() {
  local candidate
  for candidate in "$(command -v rnacos 2>/dev/null || true)" "$HOME/.cargo/bin/rnacos"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

ensure_rnacos() {
  if rnacos_bin >/dev/null; then return; fi
  command -v cargo >/dev/null || die "rnacos is missing and so is cargo; install Rust (https://rustup.rs) or put rnacos $RNACOS_VERSION on PATH"
  say "== installing rnacos $RNACOS_VERSION from crates.io (a few minutes on 2 cores, once)"
  cargo install rnacos --version "$RNACOS_VERSION" --locked --quiet
}

# ensure_build <component...>: builds the modules of those components whose jar is missing or older
# than their sources (`up mysql nacos seata` needs only the TC's). SKIP_BUILD=1: only missing jars.
ensure_build() {
  local component jar module inputs stale=() modules=()
  for component in "$@"; do
    [ "${MODULE[$component]}" != - ] || continue
    jar=$(jar_of "$component")
    module=${jar%/target/*}
    [[ " ${modules[*]} " == *" ${module#"$ROOT"/} "* ]] && continue
    inputs=("$module/pom.xml" "$module/src")
    # the TC module stands alone; every app's is built from the root pom and common too
    [ "${KIND[$component]}" != app ] || inputs+=("$ROOT/pom.xml" "$ROOT/common")
    if [ ! -f "$jar" ] || { [ "${SKIP_BUILD:-0}" != "1" ] && [ -n "$(find "${inputs[@]}" -newer "$jar" -type f -print -quit 2>/dev/null)" ]; }; then
      stale+=("$component")
      modules+=("${module#"$ROOT"/}")
    fi
  done
  [ ${#stale[@]} -gt 0 ] || return 0
  local mvn=(mvn)
  [ -x "$ROOT/mvnw" ] && mvn=("$ROOT/mvnw")
  command -v "${mvn[0]}" >/dev/null || die "neither ./mvnw nor mvn found; cannot build ${stale[*]}"
  say "== building ${modules[*]} (stale: ${stale[*]})"
  local list
  list=$(IFS=,; echo "${modules[*]}")
  (cd "$ROOT" && "${mvn[@]}" -q -B -DskipTests package -pl "$list" -am)
}

# ---------------------------------------------------------------- starting one component

# launch <component> <command...>: in the background, logging, with a pid file. Fully detached
# (own session, no stdin), so that it outlives whatever started the script, a test's JVM included.
# The process writes its own pid before it becomes the command (exec keeps the pid): $! would be
# setsid's, which forks when it happens to be a process group leader.
launch() {
  local component=$1 pidfile=$PIDS/$1.pid i
  shift
  mkdir -p "$LOGS" "$PIDS"
  rm -f "$pidfile"
  printf '\n==== %s started by cluster.sh at %s\n' "$component" "$(date -Is)" >>"$LOGS/$component.log"
  # shellcheck disable=SC2016 # expanded by the inner bash
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$LOGS/$component.log" 2>&1 &
  for i in $(seq 1 100); do
    [ -s "$pidfile" ] && return 0
    sleep 0.05
  done
  die "$component did not start (no pid after 5 s)"
}

# start_one <component>: a component that already runs is left alone (a no-op that says so), however
# slowly it answers; only one that does not run is started.
start_one() {
  local component=$1 port pid
  port=$(port_of "$component")
  if pid=$(pid_of "$component"); then
    if [[ "$(ps -o stat= -p "$pid" 2>/dev/null)" == T* ]]; then
      kill -CONT "$pid"
      say "$component was frozen (pid $pid); thawed"
    else
      say "$component is already running (pid $pid); not started again"
    fi
    return
  fi
  if adopt "$component"; then
    say "$component is already running (pid $(pid_of "$component"), found on port $port); not started again"
    return
  fi
  local taken
  for taken in $(ports_of "$component"); do
    if port_open "$taken"; then
      die "port $taken (wanted by $component) is taken by a process this script did not start; stop it or set another port"
    fi
  done
  "start_${KIND[$component]}" "$component" "$port"
}

# ---------------------------------------------------------------- the kinds of component
# start_<kind> <component> <port>: launches it; healthy_<kind> <component>: whether it answers as it
# should; owns_<kind> <component> <cmdline>: whether a running process is this component's.

start_mysql() {
  mkdir -p "$RUN"
  if [ ! -d "$STATE/mysql/mysql" ]; then
    mkdir -p "$STATE/mysql"
    mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$STATE/mysql" \
      --auth-root-authentication-method=normal --skip-test-db >"$LOGS/mysql-install.log" 2>&1 \
      || { mkdir -p "$LOGS"; cat "$LOGS/mysql-install.log" >&2; die "mariadb-install-db failed"; }
  fi
  launch "$1" mariadbd --no-defaults --user="$(id -un)" --datadir="$STATE/mysql" \
    --socket="$RUN/mysqld.sock" --pid-file="$RUN/mysqld.pid" --port="$2" \
    --bind-address=127.0.0.1 --skip-name-resolve --max-connections=400 --innodb-buffer-pool-size=256M \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci
}
healthy_mysql() { mysql_root -e 'SELECT 1'; }
owns_mysql() { [[ $2 == *mariadbd*"$STATE/mysql"* ]]; }

start_nacos() {
  launch "$1" env RNACOS_SDK_HOST=127.0.0.1 RNACOS_CONSOLE_HOST=127.0.0.1 \
    RNACOS_HTTP_PORT="$2" RNACOS_GRPC_PORT="$NACOS_GRPC_PORT" \
    RNACOS_HTTP_CONSOLE_PORT="$NACOS_CONSOLE_PORT" RNACOS_DATA_DIR="$STATE/nacos" "$(rnacos_bin)"
}
healthy_nacos() { curl -fsS --max-time 5 "http://127.0.0.1:$(port_of "$1")/nacos/v1/ns/service/list?pageNo=1&pageSize=1"; }
owns_nacos() { [[ $2 == *rnacos* ]]; }

start_seata() {
  local ports
  read -ra ports <<<"$(ports_of "$1")"
  mkdir -p "$STATE/$1"
  # shellcheck disable=SC2086
  (cd "$STATE/$1" && launch "$1" env SEATA_ADVERTISE_IP=127.0.0.1 MYSQL_HOST=127.0.0.1 \
    MYSQL_PORT="$MYSQL_PORT" MYSQL_USER="$MYSQL_USER" MYSQL_PASSWORD="$MYSQL_PASSWORD" \
    NACOS_ADDR="127.0.0.1:$NACOS_PORT" SEATA_CONSOLE_PORT="${ports[1]}" SEATA_METRICS_PORT="${ports[2]}" SEATA_LOG_DIR="$STATE/$1/logs" \
    SEATA_RETRY_DEAD_THRESHOLD="$SEATA_RETRY_DEAD_THRESHOLD" SEATA_CONSOLE_PASSWORD="$SEATA_CONSOLE_PASSWORD" \
    SEATA_SECRET_KEY="$SEATA_SECRET_KEY" \
    java $JAVA_OPTS -jar "$(jar_of "$1")" -p "$2")
}
healthy_seata() { port_open "$(port_of "$1")" && registered "$1"; }
owns_seata() { [[ $2 == *"$(jar_of "$1")"* ]]; }

# Prometheus: Debian's package, its configuration generated into .cluster/prometheus. It scrapes every
# service instance's /actuator/prometheus as the operator (HTTP Basic; the password in a file of its
# own, read by Prometheus, never in the configuration) and every TC's exporter. The targets are a file
# (file_sd) written again whenever a component starts, so a TC or instance added later is scraped too.
PROMETHEUS_DIR=$STATE/prometheus
start_prometheus() {
  mkdir -p "$PROMETHEUS_DIR/data"
  (umask 077 && printf '%s' "$OPERATOR_PASSWORD" >"$PROMETHEUS_DIR/operator.password")
  cat >"$PROMETHEUS_DIR/prometheus.yml" <<EOF
# Written by deploy/local/cluster.sh at $(date -Is); the targets: targets-*.json beside it.
global:
  scrape_interval: 5s
  evaluation_interval: 5s
scrape_configs:
  - job_name: services
    metrics_path: /actuator/prometheus
    basic_auth:
      username: operator
      password_file: $PROMETHEUS_DIR/operator.password
    file_sd_configs:
      - files: [$PROMETHEUS_DIR/targets-services.json]
  - job_name: seata
    metrics_path: /metrics
    file_sd_configs:
      - files: [$PROMETHEUS_DIR/targets-seata.json]
EOF
  prometheus_targets
  launch "$1" prometheus --config.file="$PROMETHEUS_DIR/prometheus.yml" --storage.tsdb.path="$PROMETHEUS_DIR/data" \
    --storage.tsdb.retention.time=2d --web.listen-address="127.0.0.1:$2"
}
healthy_prometheus() { curl -fsS --max-time 5 "http://127.0.0.1:$(port_of "$1")/-/ready"; }
owns_prometheus() { [[ $2 == *prometheus*"$PROMETHEUS_DIR"* ]]; }

# The scrape targets of this cluster's components (the sandbox and the console export none), labelled with
# the service and the component; Prometheus reads the files again when they change.
prometheus_targets() {
  [[ " ${ALL[*]} " == *" prometheus "* ]] && [ -d "$PROMETHEUS_DIR" ] || return 0
  local component services=() seatas=() ports
  for component in "${ALL[@]}"; do
    case ${KIND[$component]}:$component in
      app:channel-sandbox | app:console) ;; # neither exports metrics to Prometheus
      app:*) services+=("{\"targets\":[\"127.0.0.1:$(port_of "$component")\"],\"labels\":{\"service\":\"$(basename "${MODULE[$component]}")\",\"component\":\"$component\"}}") ;;
      seata:*)
        read -ra ports <<<"$(ports_of "$component")"
        seatas+=("{\"targets\":[\"127.0.0.1:${ports[2]}\"],\"labels\":{\"service\":\"seata-server\",\"component\":\"$component\"}}") ;;
    esac
  done
  # written beside and moved: Prometheus never reads half a file
  (IFS=,; echo "[${services[*]}]") >"$PROMETHEUS_DIR/targets-services.json.tmp"
  (IFS=,; echo "[${seatas[*]}]") >"$PROMETHEUS_DIR/targets-seata.json.tmp"
  mv "$PROMETHEUS_DIR/targets-services.json.tmp" "$PROMETHEUS_DIR/targets-services.json"
  mv "$PROMETHEUS_DIR/targets-seata.json.tmp" "$PROMETHEUS_DIR/targets-seata.json"
}

# The exec jar, fetched once by Maven (dependency:copy from Maven Central through the local repository).
zipkin_jar() { echo "$STATE/zipkin/zipkin-server-$ZIPKIN_VERSION-exec.jar"; }
ensure_zipkin() {
  [ -f "$(zipkin_jar)" ] && return 0
  local mvn=(mvn)
  [ -x "$ROOT/mvnw" ] && mvn=("$ROOT/mvnw")
  say "== fetching the Zipkin server $ZIPKIN_VERSION (io.zipkin:zipkin-server, exec jar) from Maven Central"
  (cd "$ROOT" && "${mvn[@]}" -q -B org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy \
    -Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" -DoutputDirectory="$STATE/zipkin") \
    || die "could not fetch the Zipkin server $ZIPKIN_VERSION"
}
start_zipkin() {
  ensure_zipkin
  # shellcheck disable=SC2086
  launch "$1" env STORAGE_TYPE=mem MEM_MAX_SPANS="$ZIPKIN_MAX_SPANS" \
    java $ZIPKIN_JAVA_OPTS -jar "$(zipkin_jar)" \
    '--armeria.ports[0].ip=127.0.0.1' "--armeria.ports[0].port=$2" '--armeria.ports[0].protocols[0]=http'
}
healthy_zipkin() { curl -fsS --max-time 5 "http://127.0.0.1:$(port_of "$1")/health" | grep -q '"status" *: *"UP"'; }
owns_zipkin() { [[ $2 == *"$(zipkin_jar)"* ]]; }

start_toxiproxy() { launch "$1" "$(toxiproxy_bin)" -host 127.0.0.1 -port "$2"; }
healthy_toxiproxy() { curl -fsS --max-time 5 "http://127.0.0.1:$(port_of "$1")/version"; }
owns_toxiproxy() { [[ $2 == *toxiproxy-server* ]]; }

# The links (FAULTY_LINKS=1): each service that keeps data reaches MySQL and every TC through proxies
# of its own, named <service>-to-<target> (payment-service-to-mysql, inventory-service-to-seata-2, ...),
# listening on LINK_PORT_BASE + 10 x the service's number + the target's. The instances of one service
# share its links: Seata names an AT resource by its JDBC URL, and global locks by resource, so two
# instances reaching one database through different ports would not see each other's locks.
LINKED_SERVICES=(order-service payment-service inventory-service)
link_owner() { case $1 in payment-service-2) echo payment-service ;; *) echo "$1" ;; esac; }
link_port() { # link_port <service or instance> <target>
  local i n=0 t owner
  owner=$(link_owner "$1")
  for i in "${!LINKED_SERVICES[@]}"; do [ "${LINKED_SERVICES[$i]}" = "$owner" ] && n=$((i + 1)); done
  case $2 in mysql) t=6 ;; seata) t=1 ;; seata-2) t=2 ;; *) die "no link target '$2'" ;; esac
  [ "$n" -gt 0 ] || die "no links for '$1' (services with links: ${LINKED_SERVICES[*]})"
  echo $((LINK_PORT_BASE + 10 * n + t))
}
link_targets() { echo mysql seata; [ "$TC_INSTANCES" -lt 2 ] || echo seata-2; }
linked() { [ "$FAULTY_LINKS" = 1 ] && [[ " ${LINKED_SERVICES[*]} " == *" $(link_owner "$1") "* ]]; }

# Creates (or resets to healthy: enabled, no toxics) every link of the services.
populate_links() {
  local service target proxies=() body
  for service in "${LINKED_SERVICES[@]}"; do
    for target in $(link_targets); do
      proxies+=("{\"name\":\"$service-to-$target\",\"listen\":\"127.0.0.1:$(link_port "$service" "$target")\",\"upstream\":\"127.0.0.1:$(port_of "$target")\",\"enabled\":true}")
    done
  done
  body=$(IFS=,; echo "[${proxies[*]}]")
  curl -fsS --max-time 10 -X POST "http://127.0.0.1:$TOXIPROXY_PORT/populate" -H 'Content-Type: application/json' -d "$body" >/dev/null
}

# What a linked service is started with: MySQL through its link, and the TCs through theirs (the
# Seata client's file registry), instead of MySQL's port and the TCs' addresses in Nacos.
link_env() {
  linked "$1" || { echo "MYSQL_PORT=$MYSQL_PORT"; return; }
  local target list=()
  for target in $(link_targets); do
    [ "$target" = mysql ] || list+=("127.0.0.1:$(link_port "$1" "$target")")
  done
  echo "MYSQL_PORT=$(link_port "$1" mysql)"
  echo "SEATA_REGISTRY_TYPE=file"
  # Seata's file registry splits a grouplist on ';' (a ',' leaves one unresolvable address: no TC at all)
  echo "SEATA_SERVICE_GROUPLIST_DEFAULT=$(IFS=';'; echo "${list[*]}")"
}

start_app() {
  local link_vars
  mapfile -t link_vars < <(link_env "$1")
  # shellcheck disable=SC2086
  launch "$1" env SERVER_PORT="$2" MYSQL_HOST=127.0.0.1 "${link_vars[@]}" \
    MYSQL_USER="$MYSQL_USER" MYSQL_PASSWORD="$MYSQL_PASSWORD" NACOS_ADDR="127.0.0.1:$NACOS_PORT" \
    SERVICE_IP=127.0.0.1 SPRING_PROFILES_ACTIVE="${CLUSTER_PROFILES:-chaos,compressed-time}" \
    SERVICE_KEY="$SERVICE_KEY" SHOPPER_KEY="$SHOPPER_KEY" OPERATOR_PASSWORD="$OPERATOR_PASSWORD" \
    WECHAT_APIV3_KEY="$WECHAT_APIV3_KEY" WECHAT_PLATFORM_PUBLIC_KEY="$WECHAT_PLATFORM_PUBLIC_KEY" \
    ALIPAY_PLATFORM_PUBLIC_KEY="$ALIPAY_PLATFORM_PUBLIC_KEY" \
    WECHAT_PLATFORM_PRIVATE_KEY="$(platform_key "$1" WECHAT)" ALIPAY_PLATFORM_PRIVATE_KEY="$(platform_key "$1" ALIPAY)" \
    WECHAT_MERCHANT_PUBLIC_KEY="$WECHAT_MERCHANT_PUBLIC_KEY" ALIPAY_MERCHANT_PUBLIC_KEY="$ALIPAY_MERCHANT_PUBLIC_KEY" \
    WECHAT_MERCHANT_PRIVATE_KEY="$(merchant_key "$1" WECHAT)" ALIPAY_MERCHANT_PRIVATE_KEY="$(merchant_key "$1" ALIPAY)" \
    CHANNEL_SANDBOX_URL="http://127.0.0.1:$SANDBOX_PORT" PAYMENT_NOTIFY_BASE_URL="http://127.0.0.1:$2" \
    ZIPKIN_ENDPOINT="http://127.0.0.1:$ZIPKIN_PORT/api/v2/spans" ZIPKIN_URL="http://127.0.0.1:$ZIPKIN_PORT" \
    CHAOS_DIRS="$STATE/chaos,$STATE/chaos-compose" \
    java $JAVA_OPTS -jar "$(jar_of "$1")"
}
# The platforms' private keys go to the sandbox alone (it plays the channels).
platform_key() { if [ "$1" = channel-sandbox ]; then eval "echo \"\$${2}_PLATFORM_PRIVATE_KEY\""; fi; }
# The merchant's private keys go to payment-service alone (it signs the API requests).
merchant_key() { case $1 in payment-service*) eval "echo \"\$${2}_MERCHANT_PRIVATE_KEY\"" ;; esac; }
healthy_app() {
  curl -fsS --max-time 5 "http://127.0.0.1:$(port_of "$1")/actuator/health" | grep -q '"status":"UP"' && registered "$1"
}
owns_app() { owns_seata "$@"; }

await_healthy() {
  local component=$1
  wait_for "$component" "health" healthy "$component"
  if [ "${KIND[$component]}" = mysql ]; then
    for sql in "$ROOT"/deploy/mysql/init/*.sql; do
      mysql_root <"$sql" || die "applying $sql failed"
    done
    apply_db_user || die "setting up the database user failed"
  fi
  if [ "${KIND[$component]}" = toxiproxy ]; then
    populate_links || die "creating the links in Toxiproxy failed"
  fi
}

# ---------------------------------------------------------------- commands

cmd_up() {
  local started=$SECONDS wanted=("$@") component
  [ ${#wanted[@]} -gt 0 ] || wanted=("${ALL[@]}")
  for component in "${wanted[@]}"; do port_of "$component" >/dev/null; done
  ensure_tools
  ensure_rnacos
  [ "$FAULTY_LINKS" != 1 ] || ensure_toxiproxy || die "Toxiproxy is needed for FAULTY_LINKS=1"
  [[ " ${wanted[*]} " != *" prometheus "* ]] || ensure_prometheus
  ensure_build "${wanted[@]}"
  mkdir -p "$LOGS" "$PIDS"
  # Infrastructure one by one (each needs the one before); the TC must be registered before the
  # services start, because the Seata client looks it up at start-up.
  for component in "${INFRA[@]}"; do
    if [[ " ${wanted[*]} " == *" $component "* ]]; then
      local t0=$SECONDS
      say "== $component"
      start_one "$component"
      await_healthy "$component"
      say "   $component healthy after $((SECONDS - t0)) s"
    fi
  done
  local apps=()
  for component in "${APPS[@]}"; do
    [[ " ${wanted[*]} " == *" $component "* ]] && apps+=("$component")
  done
  if [ ${#apps[@]} -gt 0 ]; then
    local t1=$SECONDS
    say "== ${apps[*]}"
    for component in "${apps[@]}"; do start_one "$component"; done
    for component in "${apps[@]}"; do await_healthy "$component"; done
    say "   ${apps[*]} healthy after $((SECONDS - t1)) s"
  fi
  prometheus_targets
  cmd_status || true
  say "up in $((SECONDS - started)) s"
}

stop_one() { # stop_one <component> [signal]
  local component=$1 signal=${2:-TERM} pid
  pid=$(pid_of "$component") || { rm -f "$PIDS/$component.pid"; return 0; }
  kill -CONT "$pid" 2>/dev/null || true
  kill "-$signal" "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then kill -KILL "$pid" 2>/dev/null || true; fi
    sleep 0.2
  done
  rm -f "$PIDS/$component.pid"
}

cmd_down() {
  local component i
  for ((i = ${#ALL[@]} - 1; i >= 0; i--)); do
    component=${ALL[$i]}
    if pid_of "$component" >/dev/null; then
      say "stopping $component"
      stop_one "$component"
    fi
  done
  if [ "${1:-}" = "--purge" ]; then
    rm -rf "$STATE"
    say "removed $STATE"
  fi
}

cmd_status() { # cmd_status [component...]: the exit code looks at those only (default: all)
  local component pid health all_ok=0
  for component in "$@"; do
    port_of "$component" >/dev/null
    # a component this cluster does not run (seata-2 without TC_INSTANCES=2, ...) is not healthy
    [[ " ${ALL[*]} " == *" $component "* ]] || all_ok=3
  done
  printf '%-18s %-8s %-22s %-8s %s\n' COMPONENT PID ADDRESS HEALTH RSS
  for component in "${ALL[@]}"; do
    pid=$(pid_of "$component" || echo -)
    if [ "$pid" = - ]; then
      health=down
    elif [[ "$(ps -o stat= -p "$pid" 2>/dev/null)" == T* ]]; then
      health=frozen
    elif healthy "$component" >/dev/null 2>&1; then
      health=UP
    else
      health=starting
    fi
    if [ "$health" != UP ] && { [ $# -eq 0 ] || [[ " $* " == *" $component "* ]]; }; then all_ok=3; fi
    local rss=-
    [ "$pid" != - ] && rss="$(($(ps -o rss= -p "$pid" 2>/dev/null || echo 0) / 1024)) MB"
    printf '%-18s %-8s %-22s %-8s %s\n' "$component" "$pid" "127.0.0.1:$(port_of "$component")" "$health" "$rss"
  done
  cat <<EOF

order API        http://127.0.0.1:$ORDER_PORT/api/orders
payment API      http://127.0.0.1:$PAYMENT_PORT/api/payments$([ "$PAYMENT_INSTANCES" -ge 2 ] && echo "   (second instance :$PAYMENT2_PORT)")
inventory API    http://127.0.0.1:$INVENTORY_PORT/api/skus
channel sandbox  http://127.0.0.1:$SANDBOX_PORT/sandbox/{wechat,alipay}/trades
console          http://127.0.0.1:$CONSOLE_PORT   (user operator, password OPERATOR_PASSWORD of the secrets)
Nacos (rnacos)   http://127.0.0.1:$NACOS_PORT/nacos   console http://127.0.0.1:$NACOS_CONSOLE_PORT
Zipkin (traces)  http://127.0.0.1:$ZIPKIN_PORT/zipkin/   (one payment's trace: search the tag xid=<XID> or order.no=<orderNo>)
Seata console    http://127.0.0.1:$SEATA_CONSOLE_PORT (user seata, password SEATA_CONSOLE_PASSWORD of the secrets)
Prometheus       http://127.0.0.1:$PROMETHEUS_PORT   (scrapes every service as the operator, and each TC's metrics port)
MariaDB          127.0.0.1:$MYSQL_PORT  user $MYSQL_USER, databases order_db payment_db inventory_db seata
$([ "$FAULTY_LINKS" = 1 ] && echo "links            the services reach MySQL and the TCs through Toxiproxy http://127.0.0.1:$TOXIPROXY_PORT (cluster.sh links)")
secrets          $SECRETS   (a shopper's token: cluster.sh token <userId>; the operator: cluster.sh operator)
logs             $LOGS
EOF
  return $all_ok
}

cmd_env() {
  cat <<EOF
export ORDER_URL=http://127.0.0.1:$ORDER_PORT
export PAYMENT_URL=http://127.0.0.1:$PAYMENT_PORT
export PAYMENT2_URL=$([ "$PAYMENT_INSTANCES" -ge 2 ] && echo "http://127.0.0.1:$PAYMENT2_PORT")
export CLUSTER_CTL=$ROOT/deploy/local/cluster.sh
export INVENTORY_URL=http://127.0.0.1:$INVENTORY_PORT
export SANDBOX_URL=http://127.0.0.1:$SANDBOX_PORT
export CONSOLE_URL=http://127.0.0.1:$CONSOLE_PORT
export NACOS_URL=http://127.0.0.1:$NACOS_PORT
export ZIPKIN_URL=http://127.0.0.1:$ZIPKIN_PORT
export MYSQL_URL=jdbc:mysql://127.0.0.1:$MYSQL_PORT
export MYSQL_USER=$MYSQL_USER
export CLUSTER_LOG_DIR=$LOGS
export TOXIPROXY_URL=$([ "$FAULTY_LINKS" = 1 ] && echo "http://127.0.0.1:$TOXIPROXY_PORT")
export PROMETHEUS_URL=http://127.0.0.1:$PROMETHEUS_PORT
EOF
  sed -n 's/^\([A-Z0-9_]*=\)/export \1/p' "$SECRETS"
}

# One order paid end to end through the public APIs, as the README shows it.
cmd_demo() {
  cmd_up
  python3 "$ROOT/deploy/lib/dualpay.py" demo "http://127.0.0.1:$ORDER_PORT" "http://127.0.0.1:$PAYMENT_PORT" \
    "http://127.0.0.1:$SANDBOX_PORT" || die "the demo order did not end PAID; see $LOGS/payment-service.log"
}

cmd_token() { # cmd_token <userId> [seconds]: a demo shopper's token, signed with the cluster's shopper key
  [ $# -ge 1 ] || die "usage: cluster.sh token <userId> [seconds]"
  load_secrets
  python3 "$ROOT/deploy/lib/dualpay.py" token "$@"
}

cmd_links() { # cmd_links [reset]: the links and their toxics; reset: every link made anew and healed
  [ "$FAULTY_LINKS" = 1 ] || die "this cluster has no links; start it with FAULTY_LINKS=1 (down first)"
  if [ "${1:-}" = reset ]; then
    populate_links || die "creating the links in Toxiproxy failed"
    curl -fsS --max-time 5 -X POST "http://127.0.0.1:$TOXIPROXY_PORT/reset" >/dev/null || die "resetting the links failed"
  fi
  curl -fsS --max-time 5 "http://127.0.0.1:$TOXIPROXY_PORT/proxies" | python3 -c '
import json, sys
proxies = json.load(sys.stdin)
for name in sorted(proxies):
    p = proxies[name]
    toxics = ", ".join("%s %s %s" % (t["name"], t["stream"], t["attributes"]) for t in p["toxics"]) or "-"
    print("%-30s %-16s -> %-16s %-8s %s" % (name, p["listen"], p["upstream"], "up" if p["enabled"] else "CUT", toxics))'
}

cmd_logs() {
  if [ $# -eq 0 ]; then
    ls -1 "$LOGS"
    return
  fi
  port_of "$1" >/dev/null
  tail -n 100 -F "$LOGS/$1.log"
}

main() {
  local command=${1:-}
  [ $# -gt 0 ] && shift
  case $command in up | demo | start) load_secrets ;; esac
  case $command in
    up) cmd_up "$@" ;;
    demo) cmd_demo ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    logs) cmd_logs "$@" ;;
    links) cmd_links "$@" ;;
    env) load_secrets; cmd_env ;;
    token) cmd_token "$@" ;;
    operator) load_secrets; echo "operator:$OPERATOR_PASSWORD" ;;
    start) [ $# -eq 1 ] || die "usage: cluster.sh start <component>"; start_one "$1"; await_healthy "$1"; prometheus_targets ;;
    stop) [ $# -eq 1 ] || die "usage: cluster.sh stop <component>"; port_of "$1" >/dev/null; stop_one "$1" ;;
    kill) [ $# -eq 1 ] || die "usage: cluster.sh kill <component>"; port_of "$1" >/dev/null; stop_one "$1" KILL ;;
    freeze) [ $# -eq 1 ] || die "usage: cluster.sh freeze <component>"; kill -STOP "$(pid_of "$1")" ;;
    thaw) [ $# -eq 1 ] || die "usage: cluster.sh thaw <component>"; kill -CONT "$(pid_of "$1")" ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; [ -z "$command" ] || exit 2 ;;
  esac
}

main "$@"
