#!/usr/bin/env bash
# The project's test command (README, "Run the tests"); CI runs exactly this.
#
#   deploy/local/test.sh                      everything below, once
#   deploy/local/test.sh --stress N [--hog]   the stress mode: build, cluster up, then the cluster
#                                             suite N times in a row (--hog: while another process
#                                             keeps one core busy); no chaos, no compose check
#
#   1. builds every module (the benchmark's load generator too) and runs the unit tests (Maven wrapper,
#      no Maven needed);
#   2. brings the local cluster up, installing what is missing (MariaDB, rnacos, ...);
#   3. runs the cluster scenarios (deploy/cluster-tests) against it: real MariaDB, real Seata TC,
#      the Nacos protocol (rnacos), real HTTP between the services. Scenario classes and methods run
#      in a random order (the seed is printed; SHUFFLE_SEED=<seed> repeats an order, SHUFFLE_SEED=off
#      keeps the source order): each scenario leaves the cluster as it found it;
#      Then the operator's console (deploy/console) in a real browser: Debian's Chromium, installed
#      when missing, driven by Selenium (-Pconsole), with screenshots in deploy/cluster-tests/target/screenshots;
#   4. runs a short subset of the chaos scenarios (deploy/chaos), each ending in the reconciliation;
#   5. the Docker path: starts an engine where none answers (deploy/docker/engine.sh), builds or reuses
#      the images (images.sh: official ones, or local stand-ins where none can be pulled), validates
#      the compose file, then runs the same cluster scenarios again, with no cluster given in the
#      environment: Testcontainers brings the whole compose stack up (two payment-service replicas,
#      every health check) and the scenarios, shuffled again, run against it, with ComposeStackIT
#      (an order paid through the edge, the edge's refusals); then deploy/docker/compose.sh brings it
#      up again for the compose chaos subset, and takes it down. The stack's host ports are moved
#      (2xxxx) so that it runs beside the local cluster. DOCKER_PATH=0 leaves this part out (a
#      machine that cannot run Docker).
#
# A failing scenario prints the last log lines of every component and the rows of its orders, and
# keeps them in deploy/cluster-tests/target/cluster-diagnostics/.
#
# The cluster is left running for you to look at; `deploy/local/cluster.sh down` stops it.
# KEEP_CLUSTER=0 stops it at the end (CI does).
set -euo pipefail
cd "$(dirname "$0")/../.."

STRESS_RUNS=0
HOG=0
while [ $# -gt 0 ]; do
  case $1 in
    --stress) STRESS_RUNS=${2:?--stress needs a number of runs}; shift 2 ;;
    --hog) HOG=1; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "test.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

started=$(date +%s)
hog_pid=""
compose_up=0
cleanup() {
  [ -z "$hog_pid" ] || kill "$hog_pid" 2>/dev/null || true
  if [ "${KEEP_CLUSTER:-1}" = "0" ]; then
    deploy/local/cluster.sh down
    [ "$compose_up" = 0 ] || deploy/docker/compose.sh down >/dev/null 2>&1 || true
  fi
  [ "$compose_up" = 0 ] || deploy/docker/compose.sh clean-tests || true
}
trap cleanup EXIT

# The console's browser tests drive Debian's Chromium through its chromedriver (installed when missing).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "== installing chromium and chromium-driver (Debian packages, for the console's browser tests)"
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

echo "== build and unit tests"
./mvnw -B -q -Pbench verify

echo "== local cluster (two payment-service instances)"
export PAYMENT_INSTANCES=2
SKIP_BUILD=1 deploy/local/cluster.sh up
eval "$(deploy/local/cluster.sh env)"

# cluster_suite <label> [maven profile]: the scenarios once, in a shuffled order unless SHUFFLE_SEED=off
cluster_suite() {
  local order=() seed=${SHUFFLE_SEED:-$(( (RANDOM << 15) | RANDOM ))} t0=$SECONDS how="as written"
  if [ "$seed" != off ]; then
    order=("-Djunit.jupiter.testclass.order.default=org.junit.jupiter.api.ClassOrderer\$Random"
      "-Djunit.jupiter.testmethod.order.default=org.junit.jupiter.api.MethodOrderer\$Random"
      "-Djunit.jupiter.execution.order.random.seed=$seed")
    how="shuffled; SHUFFLE_SEED=$seed repeats it"
  fi
  echo "== cluster scenarios $1 (order: $how)"
  ./mvnw -B "-P${2:-cluster}" verify -pl common,deploy/cluster-tests -Dsurefire.failIfNoSpecifiedTests=false "${order[@]}"
  echo "== cluster scenarios $1 green in $((SECONDS - t0)) s"
}

if [ "$HOG" = 1 ]; then
  # one core kept busy by another process for as long as the suite runs
  bash -c 'while :; do :; done' &
  hog_pid=$!
  echo "== CPU hog running (pid $hog_pid)"
fi

if [ "$STRESS_RUNS" -gt 0 ]; then
  for run in $(seq 1 "$STRESS_RUNS"); do
    cluster_suite "(stress run $run of $STRESS_RUNS$([ "$HOG" = 1 ] && echo ', one core busy'))"
  done
  echo "== stress: $STRESS_RUNS runs green in $(( $(date +%s) - started )) s"
  exit 0
fi

cluster_suite ""

echo "== the operator's console in a browser (screenshots: deploy/cluster-tests/target/screenshots)"
t0=$SECONDS
./mvnw -B -Pconsole verify -pl common,deploy/cluster-tests -Dsurefire.failIfNoSpecifiedTests=false
echo "   console tests green in $((SECONDS - t0)) s"

echo "== chaos subset"
deploy/chaos/run-all.sh kill-payment halt-before-commit

echo "== compose file"
deploy/compose-check.sh

if [ "${DOCKER_PATH:-1}" != 0 ]; then
  # the compose stack's host ports, beside the local cluster's
  export ORDER_HOST_PORT=28081 PAYMENT_HOST_PORT=28082 INVENTORY_HOST_PORT=28083 SANDBOX_HOST_PORT=28090 \
    MYSQL_HOST_PORT=23306 NACOS_HOST_PORT=28848 NACOS_GRPC_HOST_PORT=29848 SEATA_HOST_PORT=28091 \
    SEATA_CONSOLE_HOST_PORT=27091 PROMETHEUS_HOST_PORT=29095 CONSOLE_HOST_PORT=28085 ZIPKIN_HOST_PORT=29411
  t0=$SECONDS
  echo "== Docker engine"
  deploy/docker/engine.sh
  echo "   engine answers after $((SECONDS - t0)) s"
  t0=$SECONDS
  echo "== images (official where they can be pulled, local stand-ins otherwise)"
  deploy/docker/images.sh
  echo "   images ready after $((SECONDS - t0)) s"
  deploy/docker/secrets.sh
  # Testcontainers takes /.dockerenv (this machine is itself a container) to mean that the engine is
  # a sibling, reached through the bridge's gateway; an engine running here publishes on 127.0.0.1
  # (engine.sh starts it with --ip 127.0.0.1), so it is reached on localhost.
  if pgrep -x dockerd >/dev/null 2>&1; then export TESTCONTAINERS_HOST_OVERRIDE=${TESTCONTAINERS_HOST_OVERRIDE:-localhost}; fi
  compose_up=1
  deploy/docker/compose.sh clean-tests
  # no local cluster in the environment: the scenarios bring the compose stack up through Testcontainers
  (
    unset $(deploy/local/cluster.sh env | sed -n 's/^export \([A-Z0-9_]*\)=.*/\1/p')
    cluster_suite "against compose through Testcontainers" compose
  )
  t0=$SECONDS
  echo "== compose chaos subset (deploy/docker/compose.sh, two payment-service replicas)"
  deploy/docker/compose.sh up
  CHAOS_TARGET=compose CHAOS_OUT=.cluster/chaos-compose deploy/chaos/run-all.sh kill-tc halt-before-commit
  deploy/docker/compose.sh down >/dev/null
  compose_up=0
  echo "   compose chaos subset green in $((SECONDS - t0)) s"
fi

echo "== all green in $(( $(date +%s) - started )) s"
