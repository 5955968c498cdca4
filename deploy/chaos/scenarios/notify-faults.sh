#!/usr/bin/env bash
# The channels drop every notify for 15 s (the active query must find the payments), while the load
# also sends forged notifies (which must be refused); then each paid trade is notified again (duplicates).
source "$(dirname "$0")/../lib.sh"
begin notify-faults "notifies dropped 15 s, forged notifies, then every notify duplicated" none
sandbox_faults '{"WECHAT":{"dropNotifies":true},"ALIPAY":{"dropNotifies":true}}'
load 25; hold 15 "notifies dropped"
sandbox_faults '{"WECHAT":{},"ALIPAY":{}}'
wait_load
sql -N -e "SELECT LOWER(channel), out_trade_no FROM payment_db.payment_attempt WHERE status = 'SUCCESS' ORDER BY created_at DESC LIMIT 100" \
  | while read -r channel trade; do curl -fsS -X POST "$SANDBOX_URL/sandbox/$channel/trades/$trade/notify" >/dev/null || true; done
say "every paid trade notified again"
finish
