#!/usr/bin/env bash
# The paid-order benchmark (README, "Performance"): one run against the running local cluster, one table.
#
#   deploy/bench/run.sh [--levels 1,4,16,64] [--orders 240] [--duplicates 3] [--setups AT,floor] [--out DIR]
#
#   1. builds the load generator (deploy/bench: a JVM whose callers send pre-signed notifies in a
#      closed loop, so that it spends the cores on sending, not on signing) and the three services;
#   2. restarts inventory-, order- and payment-service with the default profile (not the test
#      cluster's compressed time, whose active query asks the channel about every open trade each
#      second) and Seata on, warms them up (at least 5 passes of 400 payments, then until one is no
#      more than 5 % faster than the best before it), and measures at each level: first-time payments over spread SKUs (one AT
#      global transaction over the three services each), the duplicate path (each paid trade notified
#      --duplicates more times), and first-time payments on one hot SKU;
#   3. restarts them with SEATA_ENABLED=false (local transactions only, no global transaction), warms
#      them up the same way and measures first-time payments again: the floor;
#   (--setups AT measures step 2 only, to compare a change to the AT path before and after it);
#   4. brings them back as they were, and prints the table; DIR (default deploy/bench/results/<date>)
#      keeps results.csv, report.md (the tables and the machine) and chart.png.
# A second payment-service instance, if one runs, is stopped for the run and started again after it:
# one instance is measured. Needs the local cluster (deploy/local/cluster.sh up).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
CLUSTER=deploy/local/cluster.sh

LEVELS=1,4,16,64 ORDERS=240 DUPLICATES=3 SETUPS=AT,floor OUT=""
while [ $# -gt 0 ]; do
  case $1 in
    --levels) LEVELS=$2; shift 2 ;;
    --orders) ORDERS=$2; shift 2 ;;
    --duplicates) DUPLICATES=$2; shift 2 ;;
    --setups) SETUPS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
OUT=${OUT:-deploy/bench/results/$(date -u +%Y-%m-%d-%H%M)}
mkdir -p "$OUT"
CSV=$OUT/results.csv
rm -f "$CSV"

$CLUSTER status inventory-service order-service payment-service >/dev/null \
  || { echo "run.sh: the local cluster is not healthy; start it with $CLUSTER up" >&2; exit 3; }
eval "$($CLUSTER env)"
second_instance=0
if $CLUSTER status payment-service-2 >/dev/null 2>&1; then second_instance=1; fi
SERVICES=(inventory-service order-service payment-service)

# restart_services <env assignments...>: the three services stopped and started again with them
restart_services() {
  local service
  for service in "${SERVICES[@]}"; do $CLUSTER stop "$service" >/dev/null; done
  for service in "${SERVICES[@]}"; do env "$@" $CLUSTER start "$service" >/dev/null; done
}
restore() {
  echo "== the services back as they were"
  restart_services SEATA_ENABLED=true
  [ "$second_instance" = 0 ] || $CLUSTER start payment-service-2 >/dev/null
}
trap restore EXIT

echo "== the load generator, and the three services' jars from this checkout"
# (cluster.sh start runs whatever jar it finds: without this a run measures the last jar built, not the
# code it reports; the TC is not restarted here, so a change to it needs cluster.sh up or a restart first)
./mvnw -B -q -Pbench -pl deploy/bench,inventory-service,order-service,payment-service -am package -DskipTests
bench() { java -Xms64m -Xmx256m -XX:+UseSerialGC -jar deploy/bench/target/bench.jar "$@"; }

[ "$second_instance" = 0 ] || $CLUSTER stop payment-service-2 >/dev/null
if [[ ,$SETUPS, == *,AT,* ]]; then
  echo "== AT: Seata on, default profile"
  restart_services SEATA_ENABLED=true CLUSTER_PROFILES=default
  bench run --setup AT --csv "$CSV" --levels "$LEVELS" --orders "$ORDERS" --duplicates "$DUPLICATES" --hot
fi
if [[ ,$SETUPS, == *,floor,* ]]; then
  echo "== the floor: SEATA_ENABLED=false in the three services (local transactions only)"
  restart_services SEATA_ENABLED=false CLUSTER_PROFILES=default
  bench run --setup floor --csv "$CSV" --levels "$LEVELS" --orders "$ORDERS"
fi

{
  echo "# Paid-order benchmark, $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "Commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!deploy/bench/results' || echo ' (with uncommitted changes)');" \
    "\`deploy/bench/run.sh --levels $LEVELS --orders $ORDERS --duplicates $DUPLICATES --setups $SETUPS\`."
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/^Mem/ {print $2}') GiB;" \
    "$(java -version 2>&1 | head -1); one instance of each service, JAVA_OPTS \`${JAVA_OPTS:--Xms64m -Xmx256m -XX:MaxMetaspaceSize=192m -XX:+UseSerialGC}\`;" \
    "MariaDB, rnacos and one Seata TC (store mode db) on the same cores."
  echo
  bench report --csv "$CSV" --png "$OUT/chart.png"
} | tee "$OUT/report.md"
