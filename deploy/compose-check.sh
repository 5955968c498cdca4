#!/usr/bin/env bash
# Validates deploy/docker-compose.yml where no Docker engine runs (CI, the local cluster's machines):
# the file must parse and resolve, and every file it mounts or builds from must exist.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v docker-compose >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
  else
    echo "compose-check: docker-compose is missing; sudo apt-get install docker-compose" >&2
    exit 1
  fi
fi

docker-compose -f docker-compose.yml config -q
if docker compose version >/dev/null 2>&1; then
  docker compose -f docker-compose.yml config -q
fi

missing=0
for path in mysql/init/01-databases.sql mysql/init/02-seata-server.sql seata-server/docker/application.yml \
    docker/Dockerfile ../order-service/pom.xml ../payment-service/pom.xml ../inventory-service/pom.xml \
    channel-sandbox/pom.xml; do
  if [ ! -e "$path" ]; then
    echo "compose-check: deploy/$path is referenced by docker-compose.yml but missing" >&2
    missing=1
  fi
done
[ $missing -eq 0 ]
echo "compose-check: deploy/docker-compose.yml OK"
