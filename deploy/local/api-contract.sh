#!/usr/bin/env bash
# The API contract: each service's OpenAPI document, checked in as <service>/src/main/openapi/openapi.json.
#
#   api-contract.sh check     (the default) fetch /v3/api-docs from each running service and show how it
#                             differs from the checked-in file; exit 1 when one does
#   api-contract.sh update    write the files anew from the running services (review the diff, commit it)
#
# The services are found at ORDER_URL, PAYMENT_URL and INVENTORY_URL when set (eval "$(cluster.sh env)";
# the compose edge works too: ORDER_URL=http://127.0.0.1:8081 ...), else on the local cluster's ports.
# The documents are normalised (keys sorted, two-space indentation) so that a diff shows only what changed;
# ApiContractIT (deploy/cluster-tests) fails the test command when a running service serves another.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
mode=${1:-check}
case "$mode" in check|update) ;; *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;; esac

declare -A URLS=(
  [order-service]=${ORDER_URL:-http://127.0.0.1:${ORDER_PORT:-8081}}
  [payment-service]=${PAYMENT_URL:-http://127.0.0.1:${PAYMENT_PORT:-8082}}
  [inventory-service]=${INVENTORY_URL:-http://127.0.0.1:${INVENTORY_PORT:-8083}}
)
normalise='import json, sys; json.dump(json.load(sys.stdin), sys.stdout, indent=2, sort_keys=True, ensure_ascii=False); print()'

drift=0
for service in order-service payment-service inventory-service; do
  url=${URLS[$service]%/}/v3/api-docs
  file=$ROOT/$service/src/main/openapi/openapi.json
  served=$(mktemp)
  if ! curl -fsS --max-time 30 "$url" | python3 -c "$normalise" >"$served"; then
    rm -f "$served"; echo "cannot read $url (is the service running? deploy/local/cluster.sh up)" >&2; exit 1
  fi
  if [ "$mode" = update ]; then
    mkdir -p "$(dirname "$file")"
    if [ -f "$file" ] && cmp -s "$served" "$file"; then echo "$service: unchanged"; else echo "$service: written to ${file#"$ROOT"/}"; fi
    mv "$served" "$file"
  else
    if [ ! -f "$file" ]; then
      echo "$service: no contract checked in at ${file#"$ROOT"/} (api-contract.sh update writes it)"; drift=1
    elif ! python3 -c "$normalise" <"$file" | diff -u --label "${file#"$ROOT"/}" --label "$url" - "$served"; then
      drift=1
    else
      echo "$service: as checked in"
    fi
    rm -f "$served"
  fi
done
[ "$mode" = update ] || [ $drift -eq 0 ] || { echo "the API differs from its contract: api-contract.sh update, review, commit" >&2; exit 1; }
